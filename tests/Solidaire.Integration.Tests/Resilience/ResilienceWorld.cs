using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Solidaire.Core.Tokens;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Resilience;

/// <summary>
/// One app and one collective for a whole test class (xunit class fixture): a coordinator, two ready
/// coaches each with a confirmed engagement whose contract was issued (A to the assigned coach, B to
/// the other one), an ethics referent, a waiting intake, a complaint, a coach to deactivate, and the
/// tokens a hostile caller could hold: forged, expired, replayed, or of another purpose.
/// </summary>
public sealed class ResilienceWorld : IAsyncLifetime
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public TestApp App { get; private set; } = null!;
    public StaffClient Coordinator { get; private set; } = null!;
    public StaffClient AssignedCoach { get; private set; } = null!;
    public StaffClient OtherCoach { get; private set; } = null!;
    public StaffClient Referent { get; private set; } = null!;

    /// <summary>The contract link emailed to engagement B's client (the other coach's): the "client link of another engagement".</summary>
    public string OtherClientContractLink { get; private set; } = null!;

    /// <summary>A sign-in link already traded for an access token: a second use is a replay.</summary>
    public string UsedSignInLink { get; private set; } = null!;

    public string this[string name] => _values[name];

    /// <summary>Replaces each {name} in <paramref name="text"/> by this world's value.</summary>
    public string Fill(string text) => _values.Aggregate(text, (t, kv) => t.Replace("{" + kv.Key + "}", kv.Value, StringComparison.Ordinal));

    public async Task InitializeAsync()
    {
        // Far above what one class sends, so the rate limit never hides what validation would say.
        App = await TestApp.StartAsync(s => s["RateLimiting:PerIpPerHour"] = "1000000");
        UsedSignInLink = await StaffClient.RequestLinkTokenAsync(App, StaffClient.Coordinator);
        var exchanged = await StaffClient.ExchangeAsync(App, UsedSignInLink);
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        Coordinator = new StaffClient(App, StaffClient.Coordinator,
            JsonDocument.Parse(await exchanged.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!);

        AssignedCoach = await StaffWorld.ReadyCoachAsync(App, Coordinator, "assigned-coach@example.org");
        OtherCoach = await StaffWorld.ReadyCoachAsync(App, Coordinator, "other-coach@example.org");
        Referent = await StaffWorld.ReferentAsync(App, Coordinator, StaffWorld.ReferentEmail);
        var victim = await Coordinator.JsonAsync(HttpMethod.Post, "/api/staff/coaches", new { email = "victim@example.org", displayName = "Victime" }, HttpStatusCode.Created);

        var (engagementA, intakeA, shaA, _) = await ContractAsync(AssignedCoach, "client-a@example.org");
        var (engagementB, _, shaB, linkB) = await ContractAsync(OtherCoach, "client-b@example.org");
        OtherClientContractLink = linkB;
        var waiting = await StaffWorld.IntakeIdAsync(App, Coordinator,
            await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("waiting-client@example.org"))));
        var complaint = await StaffWorld.ComplaintIdAsync(Referent,
            await IntakeBodies.ReferenceOf(await App.Client.PostComplaintAsync(ComplaintBodies.Valid("plaignant@example.org"))));

        _values["coordinatorId"] = await MemberIdAsync(Coordinator);
        _values["assignedCoachId"] = await MemberIdAsync(AssignedCoach);
        _values["otherCoachId"] = await MemberIdAsync(OtherCoach);
        _values["victim"] = victim.GetProperty("coachId").GetString()!;
        _values["engagement"] = engagementA;
        _values["intake"] = intakeA;
        _values["contractSha"] = shaA;
        _values["otherEngagement"] = engagementB;
        _values["otherContractSha"] = shaB;
        _values["waitingIntake"] = waiting;
        _values["complaint"] = complaint;
        _values["session"] = "0123456789abcdef0123456789abcdef"; // no such session
        _values["wrongSha"] = new string('0', 64);
        _values["otherClientName"] = $"{IntakeBodies.Valid()["firstName"]} {IntakeBodies.Valid()["lastName"]}";

        // What the world's requests left behind (emails, indexing) settles before a test starts.
        await App.Services.GetRequiredService<Solidaire.Core.Email.OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        await App.StorageQuietAsync();
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
            await App.DisposeAsync();
    }

    /// <summary>A token this app signs, for <paramref name="purpose"/>; a negative lifetime makes it already expired.</summary>
    public string Mint(TokenPurpose purpose, string subject, TimeSpan lifetime) =>
        App.Services.GetRequiredService<TokenService>().Issue(purpose, subject, lifetime).Text;

    /// <summary>A well-formed token of the right shape and key id, signed with a key the app does not have.</summary>
    public string Forge(TokenPurpose purpose, string subject)
    {
        var keyId = App.Services.GetRequiredService<IOptions<TokenOptions>>().Value.ActiveSigningKeyId!;
        var foreign = new TokenService(
            Options.Create(new TokenOptions { SigningKeys = new(StringComparer.Ordinal) { [keyId] = Convert.ToBase64String(new byte[32]) }, ActiveSigningKeyId = keyId }),
            App.Time);
        return foreign.Issue(purpose, subject, TimeSpan.FromHours(1)).Text;
    }

    private static async Task<string> MemberIdAsync(StaffClient member) =>
        (await member.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString()!;

    /// <summary>A new client's intake, assigned to <paramref name="coach"/>, confirmed, its contract issued and its link emailed.</summary>
    private async Task<(string Engagement, string Intake, string Sha, string Link)> ContractAsync(StaffClient coach, string clientEmail) =>
        await SignedEngagement.IssueAsync(App, Coordinator, coach, clientEmail, sessionsPlanned: 2);
}
