using System.Net;
using System.Text.RegularExpressions;

namespace Solidaire.Testing;

/// <summary>
/// An engagement whose contract the client signed, reached through the API as people do: intake,
/// assignment, confirmation, contract issued, its emailed link read and signed.
/// </summary>
public sealed partial record SignedEngagement(StaffClient Coordinator, StaffClient Coach, string EngagementId, string IntakeId, string ClientEmail, string CoachEmail)
{
    public static async Task<SignedEngagement> CreateAsync(IServedApp app, string clientEmail = "session-client@example.org", string coachEmail = "session-coach@example.org",
        int sessionsPlanned = 4, string language = "fr", StaffClient? coordinator = null, System.Text.Json.Nodes.JsonObject? intakeBody = null)
    {
        intakeBody ??= IntakeBodies.Valid(clientEmail, language);
        coordinator ??= await StaffClient.SignInAsync(app, StaffClient.Coordinator);
        var coach = await StaffWorld.ReadyCoachAsync(app, coordinator, coachEmail);
        var (engagement, intake, sha, token) = await IssueAsync(app, coordinator, coach, clientEmail, intakeBody, sessionsPlanned);
        await SignAsync(app, token, sha, $"{intakeBody["firstName"]} {intakeBody["lastName"]}");
        return new SignedEngagement(coordinator, coach, engagement, intake, clientEmail, coachEmail);
    }

    public string Sessions => $"/api/staff/engagements/{EngagementId}/sessions";

    /// <summary>
    /// The first steps alone: <paramref name="clientEmail"/>'s intake (<paramref name="intakeBody"/>, or the valid one) sent,
    /// assigned to <paramref name="coach"/>, confirmed, its contract issued and its emailed link's token read; not signed.
    /// </summary>
    public static async Task<(string EngagementId, string IntakeId, string Sha256, string LinkToken)> IssueAsync(IServedApp app, StaffClient coordinator, StaffClient coach,
        string clientEmail, System.Text.Json.Nodes.JsonObject? intakeBody = null, int sessionsPlanned = 4)
    {
        var issued = await IssueUnreadAsync(app, coordinator, coach, clientEmail, intakeBody, sessionsPlanned);
        var link = await EmlMessage.WaitForAsync(app.MailFolder, m => m.To == clientEmail && ContractLinkTokenIn(m) is not null);
        return (issued.EngagementId, issued.IntakeId, issued.Sha256, ContractLinkTokenIn(link)!);
    }

    /// <summary>
    /// <see cref="IssueAsync"/> up to the contract issued, its link not read: for many at once, whose links
    /// are read in one pass of the pickup folder (<see cref="ContractLinkTokenIn"/>).
    /// </summary>
    public static async Task<IssuedEngagement> IssueUnreadAsync(IServedApp app, StaffClient coordinator, StaffClient coach,
        string clientEmail, System.Text.Json.Nodes.JsonObject? intakeBody = null, int sessionsPlanned = 4, string? coachId = null)
    {
        intakeBody ??= IntakeBodies.Valid(clientEmail);
        coachId ??= await CoachIdAsync(coach);
        var reference = await IntakeBodies.ReferenceOf(await app.Client.PostAsync(intakeBody));
        var intake = await StaffWorld.IntakeIdAsync(app, coordinator, reference);
        var engagement = (await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{intake}/assignment", new { coachId }, HttpStatusCode.Created)).GetProperty("engagementId").GetString()!;
        await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/confirmation", new { noConflictDeclared = true });
        var sha = (await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/contract",
            new { sessionsPlanned, format = "video", usualPricePerSessionEur = 80 }, HttpStatusCode.Created)).GetProperty("sha256").GetString()!;
        return new IssuedEngagement(engagement, intake, reference, sha);
    }

    /// <summary>The coach's member id, as the console reads it (given to <see cref="IssueUnreadAsync"/>, it saves a request per engagement).</summary>
    public static async Task<string> CoachIdAsync(StaffClient coach) =>
        (await coach.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString()!;

    /// <summary>The token of the contract link <paramref name="message"/> carries, if it is a contract link.</summary>
    public static string? ContractLinkTokenIn(EmlMessage message) =>
        LinkToken().Match(message.Text) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>The client signs with the emailed link's <paramref name="linkToken"/>, as the contract page does (a contribution of 1 €, both consents).</summary>
    public static async Task SignAsync(IServedApp app, string linkToken, string sha256, string signatureName)
    {
        using var signed = await StaffClient.SendAsync(app, HttpMethod.Post, "/api/client/contract/signature", linkToken, new
        {
            counterpart = new { kind = "financial", amountEur = 1 },
            understood = true,
            supervisionConsent = true,
            signatureName,
            sha256,
        });
        Check.True(signed.StatusCode == HttpStatusCode.Created, $"POST /api/client/contract/signature: {(int)signed.StatusCode}");
    }

    [GeneratedRegex(@"contract\.html#token=([A-Za-z0-9_\-\.]+)")]
    private static partial Regex LinkToken();
}

/// <summary>A contract issued through the API, its link not read yet: the engagement, the intake (its API id and reference) and the text's SHA-256.</summary>
public sealed record IssuedEngagement(string EngagementId, string IntakeId, string Reference, string Sha256);
