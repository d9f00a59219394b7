using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Solidaire.Browser.Tests.Harness;
using Solidaire.Browser.Tests.Staff;
using Solidaire.Core.Configuration;
using Solidaire.Core.Engagements;
using Solidaire.Core.Feedback;

namespace Solidaire.Browser.Tests.Feedback;

/// <summary>
/// An engagement set up through the API, and the feedback link its client would be emailed at closure.
/// The closure is not built on this branch: the link is made by <see cref="FeedbackLinks"/>, as the closure
/// will make it, with the app's signing key.
/// </summary>
public sealed class FeedbackStage(BrowserApp app, StagedEngagement engagement, string coachId)
{
    public StagedEngagement Engagement { get; } = engagement;

    public static async Task<FeedbackStage> EngagedAsync(BrowserApp app, string language = "fr")
    {
        var mail = new StaffMail(app);
        var staged = await mail.EngagementAsync(language, confirm: false);
        using var coach = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        coach.DefaultRequestHeaders.Authorization = new("Bearer", await mail.AccessTokenAsync(staged.CoachEmail));
        using var me = JsonDocument.Parse(await coach.GetStringAsync("/api/staff/me"));
        return new FeedbackStage(app, staged, me.RootElement.GetProperty("memberId").GetString()!);
    }

    /// <summary>The link, as of now, or made <paramref name="daysAgo"/> days ago (31: expired).</summary>
    public string Link(int daysAgo = 0)
    {
        Assert.True(StaffIds.TryEngagement(Engagement.EngagementId, out var dossier, out var intakeId, out var engagementId));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-daysAgo));
        var links = new FeedbackLinks(app.Tokens(time), Options.Create(new FeedbackOptions()), Options.Create(new SiteOptions { BaseUrl = app.BaseUrl }));
        return links.NewLink(dossier, intakeId, engagementId, coachId).Url;
    }
}
