using Microsoft.Extensions.Options;
using Solidaire.Core.Configuration;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Tokens;

namespace Solidaire.Core.Feedback;

/// <summary>The feedback link the closure's thank-you carries, and when it stops working.</summary>
public sealed record FeedbackLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// Makes the feedback link of the thank-you sent at closure (§5.9). No storage: the link is a signed
/// token of its own purpose naming the engagement and its coach, valid <see cref="FeedbackOptions.LinkDays"/>
/// days; the answer it allows is once per engagement whatever the number of links. Pure, so the closure
/// can call it inside its rule while it makes the email.
/// </summary>
public sealed class FeedbackLinks(TokenService tokens, IOptions<FeedbackOptions> options, IOptions<SiteOptions> site)
{
    public FeedbackLink NewLink(DossierId dossier, string intakeId, string engagementId, string coachId)
    {
        var token = tokens.Issue(TokenPurpose.FeedbackLink, FeedbackIds.Format(dossier, intakeId, engagementId, coachId), TimeSpan.FromDays(options.Value.LinkDays));
        return new FeedbackLink(site.Value.Link("feedback.html", "token=" + token.Text), token.ExpiresAt);
    }
}
