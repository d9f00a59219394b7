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
        var signed = await StaffClient.SendAsync(app, HttpMethod.Post, "/api/client/contract/signature", token, new
        {
            counterpart = new { kind = "financial", amountEur = 1 },
            understood = true,
            supervisionConsent = true,
            signatureName = $"{intakeBody["firstName"]} {intakeBody["lastName"]}",
            sha256 = sha,
        });
        Check.True(signed.StatusCode == HttpStatusCode.Created, $"POST /api/client/contract/signature: {(int)signed.StatusCode}");
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
        intakeBody ??= IntakeBodies.Valid(clientEmail);
        var coachId = (await coach.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString();
        var reference = await IntakeBodies.ReferenceOf(await app.Client.PostAsync(intakeBody));
        var intake = await StaffWorld.IntakeIdAsync(app, coordinator, reference);
        var engagement = (await coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{intake}/assignment", new { coachId }, HttpStatusCode.Created)).GetProperty("engagementId").GetString()!;
        await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/confirmation", new { noConflictDeclared = true });
        var sha = (await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{engagement}/contract",
            new { sessionsPlanned, format = "video", usualPricePerSessionEur = 80 }, HttpStatusCode.Created)).GetProperty("sha256").GetString()!;
        var link = await EmlMessage.WaitForAsync(app.MailFolder, m => m.To == clientEmail && LinkToken().IsMatch(m.Text));
        return (engagement, intake, sha, LinkToken().Match(link.Text).Groups[1].Value);
    }

    [GeneratedRegex(@"contract\.html#token=([A-Za-z0-9_\-\.]+)")]
    private static partial Regex LinkToken();
}
