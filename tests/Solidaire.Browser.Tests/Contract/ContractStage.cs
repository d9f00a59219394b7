using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Solidaire.Browser.Tests.Harness;
using Solidaire.Browser.Tests.Staff;
using Solidaire.Testing;

namespace Solidaire.Browser.Tests.Contract;

/// <summary>
/// Sets the stage through the API, as the integration tests do (ContractSigningTests): a client's request, a
/// ready coach it is assigned to, the coach's confirmation and the contract issued; then the link the
/// client was emailed, read from the pickup folder as a person reads their mailbox.
/// </summary>
public sealed partial class ContractStage(BrowserApp app)
{
    /// <summary>The client's name as their request gives it (IntakeSamples).</summary>
    public const string ClientName = "Jeanne Dupont-Lefèvre";

    /// <summary>The terms the coach issues: 3 sessions at 90 €, so a contribution of at most 270 €; a message of two lines.</summary>
    public static readonly object Terms = new { sessionsPlanned = 3, format = "video", usualPricePerSessionEur = 90, message = "Au plaisir de vous accompagner.\nÀ bientôt." };

    private readonly StaffMail _mail = new(app);
    private string _engagement = "";
    private string _coachToken = "";

    public string ClientEmail { get; } = $"client.{Guid.NewGuid():N}@example.org";
    public string CoachName { get; private set; } = "";

    /// <summary>A confirmed engagement for a new client writing in <paramref name="language"/>, its contract issued; and the emailed link.</summary>
    public static async Task<(ContractStage Stage, string Link)> IssuedAsync(BrowserApp app, string language = "fr")
    {
        var stage = new ContractStage(app);
        await stage.EngageAsync(language);
        return (stage, await stage.IssueAsync());
    }

    private async Task EngageAsync(string language)
    {
        using var anonymous = Client();
        var reference = (await JsonAsync(anonymous.PostAsJsonAsync("/api/intakes", IntakeSamples.Valid(ClientEmail, language)), 202))
            .GetProperty("reference").GetString()!;
        var (coachEmail, coachName) = await _mail.NewCoachAsync(ready: true);
        CoachName = coachName;
        _coachToken = await _mail.AccessTokenAsync(coachEmail);
        using var coach = Client(_coachToken);
        var coachId = (await JsonAsync(coach.GetAsync("/api/staff/me"), 200)).GetProperty("memberId").GetString();
        using var coordinator = Client(await _mail.AccessTokenAsync(StaffMail.Coordinator));
        var intakeId = await IntakeIdAsync(coordinator, reference);
        _engagement = (await JsonAsync(coordinator.PostAsJsonAsync($"/api/staff/intakes/{intakeId}/assignment", new { coachId }), 201))
            .GetProperty("engagementId").GetString()!;
        await JsonAsync(coach.PostAsJsonAsync($"/api/staff/engagements/{_engagement}/confirmation", new { noConflictDeclared = true }), 200);
    }

    /// <summary>The coach issues (or re-issues) the contract; returns the link of the email the client then receives.</summary>
    public async Task<string> IssueAsync(object? terms = null)
    {
        var before = EmlMessage.ReadFolder(app.MailFolder).Select(m => m.FileName).ToHashSet(StringComparer.Ordinal);
        using var coach = Client(_coachToken);
        await JsonAsync(coach.PostAsJsonAsync($"/api/staff/engagements/{_engagement}/contract", terms ?? Terms), 201);
        var email = await EmlMessage.WaitForAsync(app.MailFolder, m =>
            !before.Contains(m.FileName) && m.To.Contains(ClientEmail, StringComparison.OrdinalIgnoreCase) && ContractLink().IsMatch(m.Text));
        return ContractLink().Match(email.Text).Value;
    }

    /// <summary>The email the client receives once signed (its subject says so: "signé" / "signed").</summary>
    public Task<EmlMessage> SignedEmailAsync(string word) =>
        EmlMessage.WaitForAsync(app.MailFolder, m => m.To.Contains(ClientEmail, StringComparison.OrdinalIgnoreCase) && m.Subject.Contains(word, StringComparison.Ordinal));

    private static async Task<string> IntakeIdAsync(HttpClient coordinator, string reference)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var queue = await JsonAsync(coordinator.GetAsync("/api/staff/intakes?status=new"), 200);
            if (queue.GetProperty("items").EnumerateArray().FirstOrDefault(i => i.GetProperty("reference").GetString() == reference) is { ValueKind: JsonValueKind.Object } item)
                return item.GetProperty("id").GetString()!;
            await Task.Delay(100); // the queue's index is written after the answer
        }
        throw new InvalidOperationException($"intake {reference} never reached the queue");
    }

    private static async Task<JsonElement> JsonAsync(Task<HttpResponseMessage> sending, int status)
    {
        using var answer = await sending;
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True((int)answer.StatusCode == status, $"{(int)answer.StatusCode} {answer.RequestMessage?.RequestUri}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private HttpClient Client(string? accessToken = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        if (accessToken is not null)
            client.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        return client;
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/contract\.html#token=[A-Za-z0-9._~-]+")]
    private static partial Regex ContractLink();
}
