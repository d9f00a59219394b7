using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Engagements;
using Solidaire.Core.Intake;
using Solidaire.Core.Outcomes;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Staff;
using Solidaire.Core.Storage;
using Solidaire.Core.Tokens;

namespace Solidaire.Core.Feedback;

/// <summary>What the feedback page learns from its link before the client answers: open or answered, in which language, until when.</summary>
public sealed record FeedbackLinkState(string Status, string Language, DateTimeOffset ExpiresAt)
{
    public const string Open = "open";
    public const string Answered = "answered";
}

/// <summary>
/// Answers put together: how many, and the average of each rating only from
/// <see cref="FeedbackService.MinimumAnswers"/> answers on (null below), so no single client can be read in it.
/// </summary>
public sealed record FeedbackAggregate(int Answers, double? Listened, double? SteppedBack, double? WouldRecommend)
{
    public static FeedbackAggregate Of(IReadOnlyList<FeedbackRatings> answers)
    {
        if (answers.Count < FeedbackService.MinimumAnswers)
            return new FeedbackAggregate(answers.Count, null, null, null);
        double Average(Func<FeedbackRatings, int> rating) => Math.Round(answers.Average(rating), 2, MidpointRounding.AwayFromZero);
        return new FeedbackAggregate(answers.Count, Average(a => a.Listened), Average(a => a.SteppedBack), Average(a => a.WouldRecommend));
    }
}

/// <summary>What a staff member sees: a coach their own aggregate (and their clients' comments, in no order, from 3 answers), a coordinator the collective's.</summary>
public sealed record FeedbackOverview(FeedbackAggregate? Mine, IReadOnlyList<string>? Comments, FeedbackAggregate? Collective);

/// <summary>
/// Clients' feedback (§5.9: members evaluate their practice through their clients' feedback). The
/// closure's thank-you carries a link (<see cref="FeedbackLinks"/>); through it the client answers once:
/// three ratings and an optional comment, stored in their dossier next to the engagement. Coaches
/// see their own answers only put together, from three answers on; coordinators the collective's.
/// </summary>
public sealed class FeedbackService(
    IDossierStore dossiers,
    IDeadlineStore deadlines,
    HeldWork held,
    FeedbackIndex index,
    EngagementIndex engagements,
    ClientLinks links,
    PersonalDataProtector protector,
    IOptions<DeadlineOptions> deadlineOptions,
    TimeProvider time)
{
    /// <summary>Fewer answers than this and a coach (or the collective) sees only how many there are (§3.11: no single client can be identified).</summary>
    public const int MinimumAnswers = 3;

    public static readonly Failure AlreadyAnswered = new(FailureKind.Conflict, "already_answered", "Feedback on this support has already been given: thank you.");
    public static readonly Failure LinkExpired = new(FailureKind.Gone, "link_expired", "This feedback link has expired.");
    private static readonly Failure Contended = new(FailureKind.Conflict, "feedback_conflict", "Your feedback arrived at the same time as another; please send it again.");

    /// <summary>Where a link stands, for the page to show the questions or say why not. One storage read.</summary>
    public async Task<Outcome<FeedbackLinkState>> ReadAsync(string? linkToken, CancellationToken cancellationToken)
    {
        var opened = await OpenAsync(linkToken).ConfigureAwait(false);
        if (!opened.IsSuccess)
            return opened.Failure;
        var link = opened.Value;
        var snapshot = await dossiers.LoadAsync(link.Dossier, link.Selectors, cancellationToken).ConfigureAwait(false);
        if (snapshot.Find(DossierKeys.Intake(link.IntakeId)) is not { } intake || snapshot.Find(link.EngagementRow) is null)
            return LinkExpired; // the engagement's working data is gone
        return Outcome<FeedbackLinkState>.Ok(new FeedbackLinkState(
            snapshot.Find(link.AnswerRow) is null ? FeedbackLinkState.Open : FeedbackLinkState.Answered,
            IntakeRow.From(intake).PreferredLanguage, link.ExpiresAt));
    }

    /// <summary>
    /// The client answers, once per engagement: the answer is inserted (a second one conflicts, across
    /// instances), its index deadline written just before. Three storage round trips on the request
    /// path (the read, the deadline, the insert), two after it (the index row, the deadline settled).
    /// </summary>
    public async Task<Outcome<FeedbackRatings>> AnswerAsync(string? linkToken, FeedbackForm form, CancellationToken cancellationToken)
    {
        var opened = await OpenAsync(linkToken).ConfigureAwait(false);
        if (!opened.IsSuccess)
            return opened.Failure;
        var link = opened.Value;
        var now = time.GetUtcNow();
        var unit = new RetentionUnit(link.Dossier, link.IntakeId);
        var indexing = FeedbackIndex.NewDeadline(now + deadlineOptions.Value.Lease, link.Dossier, link.IntakeId, link.EngagementId);
        var scheduled = false;
        var outcome = await OptimisticConcurrency.RunAsync<FeedbackAnswer>(dossiers, link.Dossier, link.Selectors, snapshot =>
        {
            if (snapshot.Find(link.AnswerRow) is not null)
                return AlreadyAnswered;
            if (snapshot.Find(link.EngagementRow) is null || DataKeyRow.WrappedKeyOf(snapshot.Find(unit.DataKeyRow)) is not { } wrapped)
                return LinkExpired;
            using var cipher = UnitCipher.Open(protector, unit, wrapped);
            var answer = new FeedbackAnswer(link.IntakeId, link.EngagementId, link.CoachId, RandomNumberGenerator.GetHexString(32, lowercase: true), form.Ratings, now);
            return new Decision<FeedbackAnswer>.Commit(new PartitionTransaction(link.Dossier.PartitionKey).Add(answer.ToEntity(link.Dossier, cipher, form.Comment)), answer);
        }, Contended, cancellationToken, beforeCommit: async ct =>
        {
            if (!scheduled)
            {
                await deadlines.ScheduleAsync([indexing], ct).ConfigureAwait(false);
                scheduled = true;
            }
        }).ConfigureAwait(false);
        if (!outcome.IsSuccess)
        {
            if (scheduled)
                held.Forget([indexing]);
            return outcome.Failure;
        }
        var answered = outcome.Value;
        held.Enqueue([new HeldDeadline(indexing, async ct =>
        {
            await index.WriteAsync(answered, ct).ConfigureAwait(false);
            return DeadlineResult.Done;
        })]);
        return Outcome<FeedbackRatings>.Ok(answered.Ratings);
    }

    /// <summary>
    /// A coach's own aggregate (one read of the index) and, from three answers still held, their
    /// clients' comments in no particular order and without dates (one read of their engagements, then
    /// one per engagement, together); a coordinator's view of the whole collective (one read).
    /// </summary>
    public async Task<Outcome<FeedbackOverview>> OverviewAsync(StaffMember actor, CancellationToken cancellationToken)
    {
        var mine = actor.Has(StaffRoles.Coach) ? MineAsync(actor.MemberId, cancellationToken) : Task.FromResult<(FeedbackAggregate?, IReadOnlyList<string>?)>((null, null));
        var collective = actor.Has(StaffRoles.Coordinator) ? index.AllAsync(cancellationToken) : null;
        var (aggregate, comments) = await mine.ConfigureAwait(false);
        return Outcome<FeedbackOverview>.Ok(new FeedbackOverview(aggregate, comments,
            collective is null ? null : FeedbackAggregate.Of(await collective.ConfigureAwait(false))));
    }

    private async Task<(FeedbackAggregate?, IReadOnlyList<string>?)> MineAsync(string coachId, CancellationToken cancellationToken)
    {
        var aggregate = FeedbackAggregate.Of(await index.OfCoachAsync(coachId, cancellationToken).ConfigureAwait(false));
        if (aggregate.Answers < MinimumAnswers)
            return (aggregate, null);
        var held = await Task.WhenAll((await engagements.OfCoachAsync(coachId, cancellationToken).ConfigureAwait(false)).Select(async e =>
        {
            var unit = new RetentionUnit(e.Dossier, e.IntakeId);
            var key = FeedbackAnswer.RowKeyOf(e.IntakeId, e.EngagementId);
            var snapshot = await dossiers.LoadAsync(e.Dossier, [new RowSelector.Exact(key), new RowSelector.Exact(unit.DataKeyRow)], cancellationToken).ConfigureAwait(false);
            if (snapshot.Find(key) is not { } row || FeedbackAnswer.From(row).CoachId != coachId || DataKeyRow.WrappedKeyOf(snapshot.Find(unit.DataKeyRow)) is not { } wrapped)
                return null;
            using var cipher = UnitCipher.Open(protector, unit, wrapped);
            return new HeldAnswer(FeedbackAnswer.CommentOf(cipher, row));
        })).ConfigureAwait(false);
        var answers = held.OfType<HeldAnswer>().ToArray();
        // Fewer answers still held than the minimum (the others destroyed with their dossiers): a comment could be told apart.
        if (answers.Length < MinimumAnswers)
            return (aggregate, []);
        var comments = answers.Select(a => a.Comment).OfType<string>().ToArray();
        RandomNumberGenerator.Shuffle(comments.AsSpan());
        return (aggregate, comments);
    }

    private sealed record HeldAnswer(string? Comment);

    private sealed record OpenedLink(DossierId Dossier, string IntakeId, string EngagementId, string CoachId, DateTimeOffset ExpiresAt)
    {
        public string EngagementRow => Engagement.RowKeyOf(IntakeId, EngagementId);
        public string AnswerRow => FeedbackAnswer.RowKeyOf(IntakeId, EngagementId);

        /// <summary>The intake (its language), its data key, the engagement, the answer: one query.</summary>
        public IReadOnlyList<RowSelector> Selectors =>
        [
            new RowSelector.Exact(DossierKeys.Intake(IntakeId)),
            new RowSelector.Exact(DossierKeys.DataKey(IntakeId)),
            new RowSelector.Exact(EngagementRow),
            new RowSelector.Exact(AnswerRow),
        ];
    }

    /// <summary>A genuine, unexpired feedback link (no storage read); 401 invalid_token or 410 link_expired otherwise.</summary>
    private async Task<Outcome<OpenedLink>> OpenAsync(string? linkToken)
    {
        var claims = await links.OpenAsync(linkToken, TokenPurpose.FeedbackLink).ConfigureAwait(false);
        if (!claims.IsSuccess)
            return claims.Failure;
        if (!FeedbackIds.TryParse(claims.Value.Subject, out var dossier, out var intakeId, out var engagementId, out var coachId))
            return StaffAccess.InvalidToken;
        if (links.HasExpired(claims.Value))
            return LinkExpired;
        return Outcome<OpenedLink>.Ok(new OpenedLink(dossier, intakeId, engagementId, coachId, claims.Value.ExpiresAt));
    }
}
