using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Engagements;
using Solidaire.Core.Feedback;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Harness;

/// <summary>
/// Coaches with engagements whose clients can give feedback. The closure that emails the link is not
/// part of this branch: links are minted by <see cref="FeedbackLinks.NewLink"/>, as the closure will.
/// </summary>
public sealed class FeedbackWorld(TestApp app, StaffClient coordinator)
{
    private int _clients;

    public StaffClient Coordinator { get; } = coordinator;

    public static async Task<FeedbackWorld> CreateAsync(TestApp app) =>
        new(app, await StaffClient.SignInAsync(app, StaffClient.Coordinator));

    public async Task<(StaffClient Coach, string CoachId)> CoachAsync(string email)
    {
        var coach = await StaffWorld.ReadyCoachAsync(app, Coordinator, email);
        return (coach, (await coach.JsonAsync(HttpMethod.Get, "/api/staff/me")).GetProperty("memberId").GetString()!);
    }

    /// <summary>A new client's intake assigned to the coach; returns the engagement's API id.</summary>
    public async Task<string> EngagementAsync(string coachId, string language = "fr")
    {
        var email = $"feedback-client-{Interlocked.Increment(ref _clients)}@example.org";
        var reference = await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid(email, language)));
        // Where emails are left to the timer, so is the queue row.
        await app.Services.GetRequiredService<Solidaire.Core.Email.OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        var intake = await StaffWorld.IntakeIdAsync(app, Coordinator, reference);
        return (await Coordinator.JsonAsync(HttpMethod.Post, $"/api/staff/intakes/{intake}/assignment", new { coachId }, HttpStatusCode.Created))
            .GetProperty("engagementId").GetString()!;
    }

    /// <summary>The feedback link the closure would email for this engagement.</summary>
    public FeedbackLink Link(string engagementId, string coachId)
    {
        Assert.True(StaffIds.TryEngagement(engagementId, out var dossier, out var intakeId, out var engagement));
        return app.Services.GetRequiredService<FeedbackLinks>().NewLink(dossier, intakeId, engagement, coachId);
    }

    /// <summary>The token of a feedback link, as the page takes it from the address.</summary>
    public static string TokenOf(FeedbackLink link) => link.Url[(link.Url.IndexOf("#token=", StringComparison.Ordinal) + "#token=".Length)..];

    public Task<HttpResponseMessage> AnswerAsync(string? token, object body) =>
        StaffClient.SendAsync(app, HttpMethod.Post, "/api/client/feedback", token, body);

    public Task<HttpResponseMessage> ReadAsync(string? token) =>
        StaffClient.SendAsync(app, HttpMethod.Get, "/api/client/feedback", token);

    public static readonly object Good = new { listened = 5, steppedBack = 4, wouldRecommend = 5, comment = "Merci pour votre écoute." };
}
