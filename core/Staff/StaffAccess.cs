using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solidaire.Core.Configuration;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Outcomes;
using Solidaire.Core.Tokens;

namespace Solidaire.Core.Staff;

/// <summary>What a staff member gets for a sign-in link: an access token, when it ends, and their roles.</summary>
public sealed record StaffAccessGrant(string AccessToken, DateTimeOffset ExpiresAt, IReadOnlyList<string> Roles);

/// <summary>
/// Sign-in by emailed link (DESIGN.md, who uses it): a known, active member asks for a link, gets a
/// single-use token valid a few minutes, and trades it for an access token valid a working day.
/// Every staff call then presents the access token; the member's record is read each time, so a
/// deactivation or a sign-out (which bumps the member's token version) takes effect at once.
/// </summary>
public sealed partial class StaffAccess(
    StaffRegistry registry,
    TokenService tokens,
    IDeadlineStore deadlines,
    IEmailSender sender,
    IOptions<StaffOptions> options,
    IOptions<SiteOptions> site,
    ILogger<StaffAccess> logger)
{
    public static readonly Failure InvalidToken = new(FailureKind.Unauthorized, "invalid_token", "This link or token is not valid (used, expired or wrong). Ask for a new sign-in link.");

    /// <summary>A used sign-in link, remembered until it would have expired anyway (<see cref="RecordDeadline"/>): subject = the token's id.</summary>
    public static readonly DeadlineKind UsedSignInLink = new("staff.sign-in-used", DeadlineLane.Prompt);

    /// <summary>
    /// Sends a sign-in link when <paramref name="email"/> belongs to an active member. The caller
    /// answers the same whatever happens here, and the email leaves after the answer, so neither the
    /// answer nor its timing tells whether an address is registered.
    /// </summary>
    public async Task RequestLinkAsync(string email, CancellationToken cancellationToken)
    {
        var memberId = registry.IdFor(email);
        var member = await registry.FindAsync(memberId, cancellationToken).ConfigureAwait(false);
        if (member is null && registry.IsBootstrapCoordinator(email))
        {
            // The first coordinators exist from the start; if the start-up enrolment did not run yet, this one does.
            await registry.EnsureBootstrapCoordinatorsAsync(cancellationToken).ConfigureAwait(false);
            member = await registry.FindAsync(memberId, cancellationToken).ConfigureAwait(false);
        }
        if (member is not { Active: true })
            return;
        var settings = options.Value;
        var link = tokens.Issue(TokenPurpose.StaffSignIn, member.MemberId, TimeSpan.FromMinutes(settings.SignInLinkMinutes), member.TokenVersion);
        var content = EmailTemplates.StaffSignInLink(LanguageOf(member), site.Value.Link("staff/", "token=" + link.Text), settings.SignInLinkMinutes);
        var message = new OutgoingEmail("signin-" + link.Id, member.Email, content.Language, content.Subject, content.Text, content.Html) { Kind = "staff-sign-in" };
        _ = Task.Run(() => SendQuietlyAsync(message), CancellationToken.None);
    }

    /// <summary>Trades a sign-in link's token for an access token, once.</summary>
    public async Task<Outcome<StaffAccessGrant>> ExchangeAsync(string linkToken, CancellationToken cancellationToken)
    {
        if (await tokens.ValidateAsync(linkToken, TokenPurpose.StaffSignIn).ConfigureAwait(false) is not { } claims)
            return InvalidToken;
        var member = await registry.FindAsync(claims.Subject, cancellationToken).ConfigureAwait(false);
        if (member is not { Active: true } || member.TokenVersion != claims.Version)
            return InvalidToken;
        var once = new Deadline(UsedSignInLink.Name, UsedSignInLink.Lane, claims.ExpiresAt, DossierId.StaffRegistry.PartitionKey, claims.Id, 0, claims.Id);
        if (!await deadlines.ScheduleOnceAsync(once, cancellationToken).ConfigureAwait(false))
            return InvalidToken;
        var access = tokens.Issue(TokenPurpose.StaffAccess, member.MemberId, TimeSpan.FromHours(options.Value.AccessTokenHours), member.TokenVersion);
        return Outcome<StaffAccessGrant>.Ok(new StaffAccessGrant(access.Text, access.ExpiresAt, member.Roles));
    }

    /// <summary>The active member an access token stands for; <see cref="InvalidToken"/> otherwise.</summary>
    public async Task<Outcome<StaffMember>> AuthenticateAsync(string? accessToken, CancellationToken cancellationToken)
    {
        if (await tokens.ValidateAsync(accessToken, TokenPurpose.StaffAccess).ConfigureAwait(false) is not { } claims)
            return InvalidToken;
        var member = await registry.FindAsync(claims.Subject, cancellationToken).ConfigureAwait(false);
        return member is { Active: true } && member.TokenVersion == claims.Version ? Outcome<StaffMember>.Ok(member) : InvalidToken;
    }

    /// <summary>Ends every access token and unused link of <paramref name="member"/>: their token version moves on.</summary>
    public Task<Outcome<StaffMember>> SignOutAsync(StaffMember member, CancellationToken cancellationToken) =>
        registry.ChangeAsync(member.MemberId, m => Outcome<StaffMember>.Ok(m with { TokenVersion = m.TokenVersion + 1 }), cancellationToken);

    private string LanguageOf(StaffMember member) =>
        member.Profile?.Languages.FirstOrDefault() ?? options.Value.Language;

    private async Task SendQuietlyAsync(OutgoingEmail message)
    {
        try
        {
            var outcome = await sender.SendAsync(message, CancellationToken.None).ConfigureAwait(false);
            if (outcome is not SendOutcome.Sent)
                LogLinkNotSent(logger, outcome.GetType().Name);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogLinkNotSent(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in link could not be sent ({Outcome}); the person can ask again.")]
    private static partial void LogLinkNotSent(ILogger logger, string outcome);
}
