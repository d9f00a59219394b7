using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solidaire.Core.Configuration;
using Solidaire.Core.Contracts;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Intake;
using Solidaire.Core.Outcomes;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Retention;
using Solidaire.Core.Staff;
using Solidaire.Core.Tokens;

namespace Solidaire.Core.Erasure;

/// <summary>What the erasure page shows before the person confirms: what would go, what would stay.</summary>
public sealed record ErasurePreview(string Language, DateTimeOffset ExpiresAt, ErasureCounts Destroyed, IReadOnlyList<KeptContract> Kept, int OpenEngagements);

/// <summary>The answer to a confirmed erasure: done (with what it did), or under way (its deadline finishes it).</summary>
public sealed record ErasureAnswer(string Status, ErasureResult? Result)
{
    public const string Done = "done";
    public const string InProgress = "in_progress";
}

/// <summary>
/// Erasure on request (GDPR Art. 17, rule 10; §3.12): anyone asks with an address; if it is known, an
/// emailed link (its own token purpose, subject the dossier id, never the address) shows what would be
/// destroyed and what kept, and confirms once. The erasure itself is <see cref="ErasureRun"/>.
/// </summary>
public sealed partial class ErasureService(
    IDossierStore dossiers,
    IDeadlineStore deadlines,
    DeadlineRunner runner,
    ErasureRun run,
    TokenService tokens,
    ClientLinks links,
    IEmailSender sender,
    PersonalDataProtector protector,
    IOptions<ErasureOptions> options,
    IOptions<RetentionOptions> retention,
    IOptions<DeadlineOptions> deadlineOptions,
    IOptions<SiteOptions> site,
    TimeProvider time,
    ILogger<ErasureService> logger)
{
    public static readonly Failure LinkExpired = new(FailureKind.Gone, "link_expired", "This erasure link has expired: ask for a new one.");
    public static readonly Failure AlreadyErased = new(FailureKind.Conflict, "already_erased", "This erasure has already been done: the data it concerned is destroyed.");
    public static readonly Failure InProgress = new(FailureKind.Conflict, "erasure_in_progress", "This erasure is under way: a confirmation email follows when it is done.");

    /// <summary>
    /// Emails a confirmation link when <paramref name="email"/> is known (its dossier holds a request or a
    /// contract). Returns at once: the look-up and the sending run after the answer, so neither the
    /// answer nor its timing tells whether the address is known.
    /// </summary>
    public void RequestLink(string email) => _ = Task.Run(() => SendLinkQuietlyAsync(email), CancellationToken.None);

    private async Task SendLinkQuietlyAsync(string email)
    {
        try
        {
            await SendLinkAsync(email, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogLinkNotSent(logger, e.GetType().Name);
        }
    }

    /// <summary>The look-up and the email (internal for tests that wait for it).</summary>
    internal async Task SendLinkAsync(string email, CancellationToken cancellationToken)
    {
        var dossier = DossierId.ForEmail(protector, email);
        var snapshot = await dossiers.LoadAsync(dossier,
            [new RowSelector.Prefix(DossierKeys.Intake("")), new RowSelector.Prefix(StoredContract.Prefix), new RowSelector.Prefix(DossierKeys.DataKey(""))], cancellationToken).ConfigureAwait(false);
        var contract = snapshot.WithPrefix(StoredContract.Prefix).FirstOrDefault();
        if (!snapshot.WithPrefix(DossierKeys.Intake("")).Any() && contract is null)
            return;
        if (!await deadlines.ScheduleOnceAsync(ErasureLinkSent.For(dossier, time.GetUtcNow()), cancellationToken).ConfigureAwait(false))
            return; // one link email per address per window
        // To the address of their latest request when it is readable (where we wrote to them), else the one given.
        var client = ErasurePlan.ClientOf(snapshot, protector);
        var language = client?.Language ?? ErasurePlan.LanguageOf(snapshot);
        var to = client?.Email ?? email;
        var hours = options.Value.LinkHours;
        var link = tokens.Issue(TokenPurpose.ErasureLink, dossier.PartitionKey, TimeSpan.FromHours(hours));
        var content = EmailTemplates.ErasureLink(language, site.Value.Link("erasure.html", "token=" + link.Text), hours);
        // The link is the credential: sent, never stored.
        var outcome = await sender.SendAsync(new OutgoingEmail("erasure-" + link.Id, to, content.Language, content.Subject, content.Text, content.Html) { Kind = "erasure-link" }, cancellationToken).ConfigureAwait(false);
        if (outcome is not SendOutcome.Sent)
            LogLinkNotSent(logger, outcome.GetType().Name);
    }

    /// <summary>What the link's erasure would destroy and keep. Two storage reads: whether it ran already, then the dossier.</summary>
    public async Task<Outcome<ErasurePreview>> PreviewAsync(string? linkToken, CancellationToken cancellationToken)
    {
        var opened = await OpenAsync(linkToken, cancellationToken).ConfigureAwait(false);
        if (!opened.IsSuccess)
            return opened.Failure;
        var (dossier, claims) = opened.Value;
        var plan = ErasurePlan.Of(await dossiers.LoadAsync(dossier, [], cancellationToken).ConfigureAwait(false), retention.Value, closingAt: null);
        return Outcome<ErasurePreview>.Ok(new ErasurePreview(ErasurePlan.LanguageOf(plan.Snapshot), claims.ExpiresAt, plan.Destroyed, plan.Kept, plan.Open.Count));
    }

    /// <summary>
    /// Confirms the erasure, once per link: its deadline (with the link's "used" record) is written first, then the
    /// erasure runs here and now; if this process dies, the deadline runs it when the hold ends.
    /// </summary>
    public async Task<Outcome<ErasureAnswer>> EraseAsync(string? linkToken, CancellationToken cancellationToken)
    {
        var opened = await OpenAsync(linkToken, cancellationToken).ConfigureAwait(false);
        if (!opened.IsSuccess)
            return opened.Failure;
        var (dossier, claims) = opened.Value;
        var deadline = ErasureRun.NewDeadline(dossier, claims.Id, time.GetUtcNow() + deadlineOptions.Value.Lease);
        if (!await deadlines.ScheduleOnceAsync(ErasureLinkUsed.For(dossier, claims), [deadline], cancellationToken).ConfigureAwait(false))
            return InProgress; // used already: done (answered above) or under way

        ErasureResult? result = null;
        await runner.RunHeldAsync([new HeldDeadline(deadline, async ct =>
        {
            result = await run.RunAsync(dossier, claims.Id, ct).ConfigureAwait(false);
            return DeadlineResult.Done;
        })], cancellationToken).ConfigureAwait(false);
        return Outcome<ErasureAnswer>.Ok(result is null ? new ErasureAnswer(ErasureAnswer.InProgress, null) : new ErasureAnswer(ErasureAnswer.Done, result));
    }

    /// <summary>A genuine, unexpired erasure link not used yet: 401 invalid_token, 410 link_expired, 409 already_erased otherwise.</summary>
    private async Task<Outcome<(DossierId Dossier, TokenClaims Claims)>> OpenAsync(string? linkToken, CancellationToken cancellationToken)
    {
        var claims = await links.OpenAsync(linkToken, TokenPurpose.ErasureLink).ConfigureAwait(false);
        if (!claims.IsSuccess)
            return claims.Failure;
        DossierId dossier;
        try
        {
            dossier = DossierId.Parse(claims.Value.Subject);
        }
        catch (FormatException)
        {
            return StaffAccess.InvalidToken;
        }
        if (dossier == DossierId.StaffRegistry || dossier == DossierId.Complaints || dossier == DossierId.Notices)
            return StaffAccess.InvalidToken;
        var notices = ErasureRun.NoticesOf(claims.Value.Id);
        if ((await dossiers.LoadAsync(notices.Dossier, [new RowSelector.Exact(notices.DataKeyRow)], cancellationToken).ConfigureAwait(false)).Rows.Count > 0)
            return AlreadyErased;
        if (links.HasExpired(claims.Value))
            return LinkExpired;
        return Outcome<(DossierId, TokenClaims)>.Ok((dossier, claims.Value));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An erasure link could not be sent ({Outcome}); the person can ask again.")]
    private static partial void LogLinkNotSent(ILogger logger, string outcome);
}
