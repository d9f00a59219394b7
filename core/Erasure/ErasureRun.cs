using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Engagements;
using Solidaire.Core.Intake;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Retention;
using Solidaire.Core.Staff;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Erasure;

/// <summary>What an erasure did: what it destroyed, by kind, and the signed contracts it kept.</summary>
public sealed record ErasureResult(ErasureCounts Destroyed, IReadOnlyList<KeptContract> Kept);

/// <summary>
/// Erases a whole dossier (GDPR Art. 17, rule 10; §3.12, §3.23), run by the request that confirms it
/// and, if that request's process dies, by the deadline it wrote first (subject = the erasure's id,
/// the link token's id). Each step can run again without harm:
/// 1. the notices are written in a unit of their own in <see cref="DossierId.Notices"/> (once: the
///    unit's key is the record that this erasure ran), since the dossier they speak of is going;
/// 2. open engagements close as ended by the client, through <see cref="EngagementClosing"/>, so a
///    signed contract gets its evidence deadline;
/// 3. every data key of the dossier but the signed contracts' goes in the first transaction
///    (from then on nothing of the client is readable), then every intake's working data
///    (<see cref="IntakeDestruction.DestroyWorkingDataAsync"/>), then every other row;
/// 4. the destruction is logged, and the notices are sent.
/// </summary>
public sealed partial class ErasureRun(
    IDossierStore dossiers,
    IDeadlineStore deadlines,
    IntakeDestruction destruction,
    StaffRegistry registry,
    PersonalDataProtector protector,
    DestructionLog log,
    OutboxSender outbox,
    HeldWork held,
    IOptions<RetentionOptions> retention,
    IOptions<EmailOptions> emailOptions,
    IOptions<StaffOptions> staffOptions,
    TimeProvider time,
    ILogger<ErasureRun> logger) : IDeadlineHandler
{
    /// <summary>"Erase this dossier": subject = the erasure's id. Written before anything is destroyed, due when the request's hold on it ends.</summary>
    public static readonly DeadlineKind Run = new("erasure.run", DeadlineLane.Prompt);

    public DeadlineKind Kind => Run;

    /// <summary>The kinds of email an erasure sends.</summary>
    public const string ConfirmationEmail = "erasure-done";
    public const string CoachNoticeEmail = "erasure-coach-notice";

    private const int MaxPasses = 4;

    /// <summary>The deadline an erasure writes before it starts (with <see cref="ErasureLinkUsed"/>, so one link runs one erasure).</summary>
    public static Deadline NewDeadline(DossierId dossier, string erasureId, DateTimeOffset due) =>
        Deadline.New(Run, due, dossier.PartitionKey, erasureId);

    /// <summary>The unit of <see cref="DossierId.Notices"/> that holds an erasure's notices.</summary>
    public static RetentionUnit NoticesOf(string erasureId) => new(DossierId.Notices, "erasure-" + erasureId);

    public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        await RunAsync(DossierId.Parse(deadline.Dossier), deadline.Subject, cancellationToken).ConfigureAwait(false);
        return DeadlineResult.Done;
    }

    public async Task<ErasureResult> RunAsync(DossierId dossier, string erasureId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var plan = ErasurePlan.Of(await dossiers.LoadAsync(dossier, [], cancellationToken).ConfigureAwait(false), retention.Value, closingAt: now);
        var notices = NoticesOf(erasureId);
        var written = await WriteNoticesAsync(plan, notices, now, cancellationToken).ConfigureAwait(false);
        await CloseOpenAsync(dossier, plan.Open, now, cancellationToken).ConfigureAwait(false);
        var (rows, keys) = await DestroyAsync(dossier, cancellationToken).ConfigureAwait(false);
        if (rows > 0)
            await log.RecordAsync(DestructionKinds.Erasure, rows, keys, cancellationToken).ConfigureAwait(false);
        await SendNoticesAsync(notices, written, cancellationToken).ConfigureAwait(false);
        LogErased(logger, rows, keys);
        return new ErasureResult(plan.Destroyed, plan.Kept);
    }

    /// <summary>
    /// The client's confirmation and each open engagement's coach notice, sealed with a new key in a
    /// unit of their own, with the deadline that destroys them once sent. Null when this erasure's
    /// notices exist already (a run again after a crash): they are not written twice.
    /// </summary>
    private async Task<IReadOnlyList<OutboxMessage>?> WriteNoticesAsync(ErasurePlan plan, RetentionUnit notices, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await dossiers.LoadAsync(notices.Dossier, [new RowSelector.Exact(notices.DataKeyRow)], cancellationToken).ConfigureAwait(false);
        if (existing.Rows.Count > 0)
            return null;
        var coaches = await Task.WhenAll(plan.Open.Select(e => registry.FindAsync(e.CoachId, cancellationToken))).ConfigureAwait(false);
        using var cipher = UnitCipher.New(protector, notices);
        var leasedUntil = now + emailOptions.Value.SendLease;
        var messages = new List<OutboxMessage>();
        if (ErasurePlan.ClientOf(plan.Snapshot, protector) is { } client)
        {
            var content = EmailTemplates.ErasureDone(client.Language, plan.Destroyed, plan.Kept, retention.Value.EvidenceYears);
            messages.Add(OutboxRow.New(cipher, ConfirmationEmail, client.Email, content, now, leasedUntil));
        }
        for (var i = 0; i < plan.Open.Count; i++)
        {
            if (coaches[i] is not { } coach)
                continue;
            var language = coach.Profile?.Languages.FirstOrDefault() ?? staffOptions.Value.Language;
            messages.Add(OutboxRow.New(cipher, CoachNoticeEmail, coach.Email,
                EmailTemplates.ErasureCoachNotice(language, coach.DisplayName, Reference.Display(plan.Open[i].IntakeId)), now, leasedUntil));
        }
        var transaction = new PartitionTransaction(notices.Dossier.PartitionKey).Add(DataKeyRow.New(cipher));
        foreach (var m in messages)
            transaction.Add(m.Row);
        // Record first: the notices are destroyed after their time in the outbox even if this process dies now.
        await deadlines.ScheduleAsync([NoticeDestruction.NewDeadline(notices, now + TimeSpan.FromDays(retention.Value.OutboxDays))], cancellationToken).ConfigureAwait(false);
        var committed = await dossiers.CommitAsync(transaction).ConfigureAwait(false);
        if (!committed.IsSuccess)
            return null; // another run of this erasure wrote them
        committed.Value.ApplyTo(messages.Select(m => m.Row).ToArray(), 1);
        return messages;
    }

    /// <summary>Each open engagement closes as ended by the client, its deadlines (working data, evidence, statistics) written before.</summary>
    private async Task CloseOpenAsync(DossierId dossier, IReadOnlyList<Engagement> open, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var engagement in open)
        {
            IReadOnlyList<Deadline> starts = [];
            var written = false;
            var closed = await OptimisticConcurrency.RunAsync<bool>(dossiers, dossier, EngagementState.Selectors(engagement.IntakeId), snapshot =>
            {
                if (EngagementState.From(snapshot, engagement.IntakeId, engagement.EngagementId, protector) is not { } state
                    || !EngagementStatus.IsOpen(state.Engagement.Status))
                    return new Decision<bool>.Answer(Outcomes.Outcome<bool>.Ok(false)); // closed meanwhile, or unreadable already: it goes with the rest
                var transaction = new PartitionTransaction(dossier.PartitionKey);
                starts = EngagementClosing.Apply(transaction, state, EngagementOutcomes.EndedByClient, now, retention.Value, requeue: false).Deadlines;
                return new Decision<bool>.Commit(transaction, true);
            }, EngagementState.Contended, cancellationToken, beforeCommit: async ct =>
            {
                // Once, before the first attempt that commits: what the closure starts (working data, evidence, statistics).
                if (!written)
                {
                    await deadlines.ScheduleAsync(starts, ct).ConfigureAwait(false);
                    written = true;
                }
            }).ConfigureAwait(false);
            if (!closed.IsSuccess)
                throw new InvalidOperationException("An engagement kept changing while its client's erasure closed it."); // the deadline runs it again
        }
    }

    /// <summary>
    /// Every row of the dossier but the signed contracts' evidence: keys first, in one pass, so that
    /// a crash after it leaves nothing readable; then the working data of each intake; then the rest.
    /// A row that changed meanwhile makes a new pass from a fresh read.
    /// </summary>
    private async Task<(int Rows, int Keys)> DestroyAsync(DossierId dossier, CancellationToken cancellationToken)
    {
        var (rows, keys) = (0, 0);
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var plan = ErasurePlan.Of(await dossiers.LoadAsync(dossier, [], cancellationToken).ConfigureAwait(false), retention.Value, closingAt: null);
            if (plan.NothingLeft)
                return (rows, keys);
            var doomedKeys = plan.Doomed.Where(Shredder.IsDataKey).ToArray();
            var shredded = await Shredder.DestroyAsync(dossiers, dossier, doomedKeys, null, cancellationToken).ConfigureAwait(false);
            (rows, keys) = (rows + shredded.Rows, keys + shredded.Keys);
            if (!shredded.Complete)
                continue;
            var gone = doomedKeys.Select(k => k.RowKey).ToHashSet(StringComparer.Ordinal);
            var left = new DossierSnapshot(dossier, plan.Snapshot.Rows.Where(r => !gone.Contains(r.RowKey)));
            var complete = true;
            var handled = new HashSet<string>(gone, StringComparer.Ordinal);
            foreach (var intakeId in plan.IntakeIds)
            {
                var workingData = IntakeDestruction.WorkingData(left, intakeId);
                var done = await destruction.DestroyWorkingDataAsync(left, intakeId, cancellationToken).ConfigureAwait(false);
                (rows, keys) = (rows + done.Rows, keys + done.Keys);
                complete &= done.Complete;
                handled.UnionWith(workingData.Select(r => r.RowKey));
            }
            var doomed = plan.Doomed.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
            var rest = left.Rows.Where(r => doomed.Contains(r.RowKey) && !handled.Contains(r.RowKey)).ToArray();
            var others = await Shredder.DestroyAsync(dossiers, dossier, rest, null, cancellationToken).ConfigureAwait(false);
            (rows, keys) = (rows + others.Rows, keys + others.Keys);
            if (complete && others.Complete)
                return (rows, keys);
        }
        throw new InvalidOperationException("The dossier kept changing while it was erased."); // its deadline runs it again
    }

    /// <summary>Sends the notices: from memory when this run wrote them, else through their unit's dispatch (sent ones are not sent again).</summary>
    private async Task SendNoticesAsync(RetentionUnit notices, IReadOnlyList<OutboxMessage>? written, CancellationToken cancellationToken)
    {
        if (written is { Count: 0 })
            return;
        var now = time.GetUtcNow();
        var fromMemory = written is not null && emailOptions.Value.DispatchImmediately;
        var dispatch = Deadline.New(OutboxSender.Dispatch, fromMemory ? now + emailOptions.Value.SendLease : now, notices.Dossier.PartitionKey, notices.Id);
        await deadlines.ScheduleAsync([dispatch], cancellationToken).ConfigureAwait(false);
        if (fromMemory)
            held.Enqueue([new HeldDeadline(dispatch, ct => outbox.SendLeasedAsync(notices, written!, ct))]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A client's dossier was erased at their request: {Rows} rows, {Keys} data keys.")]
    private static partial void LogErased(ILogger logger, int rows, int keys);
}
