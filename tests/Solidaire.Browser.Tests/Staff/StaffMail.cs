using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Solidaire.Browser.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Browser.Tests.Staff;

/// <summary>
/// What reaches staff by email, read from the app's pickup folder as a person reads their mailbox, and
/// the few API calls a test makes to set the stage (asking for a link, inviting a coach) when the
/// console's own screens for them are not what the test is about.
/// </summary>
public sealed partial class StaffMail(BrowserApp app)
{
    public const string Coordinator = "coordination@solidaire.test";

    /// <summary>The sign-in link of the next email to <paramref name="email"/> after <paramref name="ask"/> runs.</summary>
    public async Task<string> NextSignInLinkAsync(string email, Func<Task> ask)
    {
        var before = EmlMessage.ReadFolder(app.MailFolder).Select(m => m.FileName).ToHashSet(StringComparer.Ordinal);
        await ask();
        var message = await EmlMessage.WaitForAsync(app.MailFolder, m =>
            !before.Contains(m.FileName) && m.To.Contains(email, StringComparison.OrdinalIgnoreCase) && SignInLink().IsMatch(m.Text));
        return SignInLink().Match(message.Text).Value;
    }

    /// <summary>Asks the API for a sign-in link, as the console's sign-in screen does, and returns the emailed link.</summary>
    public Task<string> SignInLinkAsync(string email) =>
        NextSignInLinkAsync(email, async () =>
        {
            using var client = Client();
            var answer = await client.PostAsJsonAsync("/api/staff/sign-in", new { email });
            Assert.Equal(202, (int)answer.StatusCode);
        });

    /// <summary>An access token for <paramref name="email"/>, traded from their emailed link.</summary>
    public async Task<string> AccessTokenAsync(string email)
    {
        var link = await SignInLinkAsync(email);
        using var client = Client();
        var answer = await client.PostAsJsonAsync("/api/staff/access-tokens", new { token = link[(link.IndexOf("#token=", StringComparison.Ordinal) + 7)..] });
        Assert.Equal(200, (int)answer.StatusCode);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>A new coach, invited by the bootstrap coordinator; optionally with a complete profile and the charter signed.</summary>
    public async Task<(string Email, string Name)> NewCoachAsync(bool ready = false)
    {
        var suffix = UniqueWord();
        var (email, name) = ($"coach.{suffix}@solidaire.test", "Dominique " + suffix);
        using var coordinator = Client(await AccessTokenAsync(Coordinator));
        Assert.Equal(201, (int)(await coordinator.PostAsJsonAsync("/api/staff/coaches", new { email, displayName = name })).StatusCode);
        if (ready)
        {
            using var coach = Client(await AccessTokenAsync(email));
            var profile = new { displayName = name, languages = new[] { "fr", "en" }, certification = "certified", certifyingBody = (string?)null, supervisor = "Groupe de pairs Lyon", insurance = (string?)null };
            Assert.Equal(200, (int)(await coach.PutAsJsonAsync("/api/staff/me/profile", profile)).StatusCode);
            using var charter = JsonDocument.Parse(await coach.GetStringAsync("/api/staff/charter"));
            var sha = charter.RootElement.GetProperty("sha256").GetString();
            Assert.Equal(200, (int)(await coach.PostAsJsonAsync("/api/staff/me/charter-signature", new { charterSha256 = sha })).StatusCode);
        }
        return (email, name);
    }

    /// <summary>A new ethics referent, named by the bootstrap coordinator: their address.</summary>
    public async Task<string> NewReferentAsync()
    {
        var suffix = UniqueWord();
        var email = $"referent.{suffix}@solidaire.test";
        using var coordinator = Client(await AccessTokenAsync(Coordinator));
        Assert.Equal(201, (int)(await coordinator.PostAsJsonAsync("/api/staff/referents", new { email, displayName = "Camille " + suffix })).StatusCode);
        return email;
    }

    /// <summary>A complaint sent as the public complaint page sends it; returns its reference.</summary>
    public async Task<string> SubmitComplaintAsync(string contactEmail, string memberName, string language = "fr")
    {
        using var client = Client();
        var answer = await client.PostAsJsonAsync("/api/complaints", new
        {
            description = "Le coach a insisté pour que je prenne des séances payantes après la première rencontre.",
            memberName,
            contactEmail,
            preferredLanguage = language,
        });
        Assert.Equal(202, (int)answer.StatusCode);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("reference").GetString()!;
    }

    /// <summary>An intake sent as the public page sends it; returns its reference.</summary>
    public async Task<string> SubmitIntakeAsync(string email, string situation = IntakeSamples.Situation, string language = IntakeSamples.Language)
    {
        using var client = Client();
        var answer = await client.PostAsJsonAsync("/api/intakes", IntakeSamples.Valid(email, language, situation: situation));
        Assert.Equal(202, (int)answer.StatusCode);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("reference").GetString()!;
    }

    /// <summary>
    /// A new ready coach given a new client's request by the coordinator, the engagement confirmed with the
    /// no-conflict declaration unless <paramref name="confirm"/> is false: where a contract can be issued.
    /// </summary>
    public async Task<StagedEngagement> EngagementAsync(string clientLanguage = "fr", bool confirm = true)
    {
        var (coachEmail, coachName) = await NewCoachAsync(ready: true);
        var clientEmail = $"client.{UniqueWord()}@example.org";
        var reference = await SubmitIntakeAsync(clientEmail, language: clientLanguage);
        using var coordinator = Client(await AccessTokenAsync(Coordinator));
        var intakeId = await IntakeIdAsync(coordinator, reference);
        using var coach = Client(await AccessTokenAsync(coachEmail));
        using var me = JsonDocument.Parse(await coach.GetStringAsync("/api/staff/me"));
        var assigned = await coordinator.PostAsJsonAsync($"/api/staff/intakes/{intakeId}/assignment", new { coachId = me.RootElement.GetProperty("memberId").GetString() });
        Assert.Equal(201, (int)assigned.StatusCode);
        using var engagement = JsonDocument.Parse(await assigned.Content.ReadAsStringAsync());
        var engagementId = engagement.RootElement.GetProperty("engagementId").GetString()!;
        if (confirm)
            Assert.Equal(200, (int)(await coach.PostAsJsonAsync($"/api/staff/engagements/{engagementId}/confirmation", new { noConflictDeclared = true })).StatusCode);
        return new(coachEmail, coachName, clientEmail, reference, engagementId);
    }

    /// <summary>
    /// An engagement whose contract the client has signed (<paramref name="sessionsPlanned"/> sessions in the
    /// <paramref name="format"/> given): where sessions can be recorded. The coach issues it through the API and
    /// the client signs it by the emailed link, as contract.html does.
    /// </summary>
    public async Task<StagedEngagement> SignedEngagementAsync(int sessionsPlanned, string format = "video", string clientLanguage = "fr")
    {
        var staged = await EngagementAsync(clientLanguage);
        using var coach = Client(await AccessTokenAsync(staged.CoachEmail));
        var token = await NextContractLinkTokenAsync(staged.ClientEmail, async () =>
        {
            var terms = new { sessionsPlanned, format, usualPricePerSessionEur = 80 };
            Assert.Equal(201, (int)(await coach.PostAsJsonAsync($"/api/staff/engagements/{staged.EngagementId}/contract", terms)).StatusCode);
        });
        await SignContractAsync(token, new { kind = "financial", amountEur = 20m }, supervisionConsent: true);
        return staged;
    }

    /// <summary>The staged engagement's coach, signed in by their emailed link in <paramref name="session"/>, on the engagement's screen.</summary>
    public async Task<StaffConsole> CoachOnEngagementAsync(BrowserSession session, StagedEngagement staged, string language = "fr")
    {
        var coach = await StaffConsole.OpenAsync(session.Page, language);
        await coach.FollowAsync(await SignInLinkAsync(staged.CoachEmail));
        await coach.OpenEngagementAsync(staged.Reference);
        return coach;
    }

    /// <summary>The token of the contract link (contract.html#token=…) in the next email to <paramref name="clientEmail"/> after <paramref name="issue"/> runs.</summary>
    public Task<string> NextContractLinkTokenAsync(string clientEmail, Func<Task> issue) => NextLinkTokenAsync(clientEmail, ContractLink(), issue);

    /// <summary>The token of the feedback link (feedback.html#token=…) in the thank-you to <paramref name="clientEmail"/> after <paramref name="close"/> runs.</summary>
    public Task<string> NextFeedbackLinkTokenAsync(string clientEmail, Func<Task> close) => NextLinkTokenAsync(clientEmail, FeedbackLink(), close);

    private async Task<string> NextLinkTokenAsync(string clientEmail, Regex link, Func<Task> act)
    {
        var before = EmlMessage.ReadFolder(app.MailFolder).Select(m => m.FileName).ToHashSet(StringComparer.Ordinal);
        await act();
        var message = await EmlMessage.WaitForAsync(app.MailFolder, m =>
            !before.Contains(m.FileName) && m.To.Contains(clientEmail, StringComparison.OrdinalIgnoreCase) && link.IsMatch(m.Text));
        return link.Match(message.Text).Groups[1].Value;
    }

    /// <summary>Answers the feedback as feedback.html does (4, 5, 5, no comment); returns the answer's status.</summary>
    public async Task<int> AnswerFeedbackAsync(string linkToken)
    {
        using var client = Client(linkToken);
        return (int)(await client.PostAsJsonAsync("/api/client/feedback", new { listened = 4, steppedBack = 5, wouldRecommend = 5 })).StatusCode;
    }

    /// <summary>The contract as the client's page reads it by its link (which records it as opened), with the answer's status.</summary>
    public async Task<(int Status, JsonElement Contract)> ReadContractAsync(string linkToken)
    {
        using var client = Client(linkToken);
        var answer = await client.GetAsync("/api/client/contract");
        var text = await answer.Content.ReadAsStringAsync();
        return ((int)answer.StatusCode, JsonDocument.Parse(string.IsNullOrEmpty(text) ? "null" : text).RootElement.Clone());
    }

    /// <summary>Signs the contract as the client's page does: the hash it displayed, the intake's name, the contribution and both answers.</summary>
    public async Task SignContractAsync(string linkToken, object counterpart, bool supervisionConsent)
    {
        var (status, contract) = await ReadContractAsync(linkToken);
        Assert.Equal(200, status);
        using var client = Client(linkToken);
        var answer = await client.PostAsJsonAsync("/api/client/contract/signature", new
        {
            counterpart,
            understood = true,
            supervisionConsent,
            signatureName = "Jeanne Dupont-Lefèvre",
            sha256 = contract.GetProperty("sha256").GetString(),
        });
        Assert.Equal(201, (int)answer.StatusCode);
    }

    private static async Task<string> IntakeIdAsync(HttpClient coordinator, string reference)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var queue = JsonDocument.Parse(await coordinator.GetStringAsync("/api/staff/intakes?status=new"));
            foreach (var item in queue.RootElement.GetProperty("items").EnumerateArray())
                if (item.GetProperty("reference").GetString() == reference)
                    return item.GetProperty("id").GetString()!;
            Assert.True(DateTime.UtcNow < deadline, $"intake {reference} never reached the queue");
            await Task.Delay(100);
        }
    }

    /// <summary>Whether the API still accepts <paramref name="accessToken"/>: the status of GET /api/staff/me.</summary>
    public async Task<int> MeStatusAsync(string accessToken)
    {
        using var client = Client(accessToken);
        return (int)(await client.GetAsync("/api/staff/me")).StatusCode;
    }

    public async Task SignOutAsync(string accessToken)
    {
        using var client = Client(accessToken);
        Assert.Equal(204, (int)(await client.PostAsync("/api/staff/sign-out", null)).StatusCode);
    }

    /// <summary>A unique word of letters only: a staff member's name takes no digit.</summary>
    public static string UniqueWord() =>
        new(Guid.NewGuid().ToString("N")[..10].Select(c => (char)(char.IsAsciiDigit(c) ? 'g' + (c - '0') : c)).ToArray());

    private HttpClient Client(string? accessToken = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        if (accessToken is not null)
            client.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        return client;
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/staff/#token=[A-Za-z0-9._~-]+")]
    private static partial Regex SignInLink();

    [GeneratedRegex(@"contract\.html#token=([A-Za-z0-9._~-]+)")]
    private static partial Regex ContractLink();

    [GeneratedRegex(@"feedback\.html#token=([A-Za-z0-9._~-]+)")]
    private static partial Regex FeedbackLink();
}

