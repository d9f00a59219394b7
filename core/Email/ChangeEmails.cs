using Microsoft.Extensions.Options;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Storage;

namespace Solidaire.Core.Email;

/// <summary>
/// The emails one change of a retention unit causes, recorded in that change's transaction
/// (DESIGN.md, email outbox) and, when the change commits, sent from this process's memory at once.
/// Their dispatch deadline is written before the change and falls due when the emails' lease ends:
/// if this process dies before sending them, the deadline engine does.
/// </summary>
public sealed class ChangeEmails
{
    private readonly List<OutboxMessage> _messages = [];
    private readonly DateTimeOffset _now;
    private readonly DateTimeOffset? _leasedUntil;
    private int _firstAction = -1;
    private bool _appended;

    internal ChangeEmails(RetentionUnit unit, DateTimeOffset now, DateTimeOffset? leasedUntil, int outboxDays = 30)
    {
        Unit = unit;
        _now = now;
        _leasedUntil = leasedUntil;
        Dispatch = Deadline.New(OutboxSender.Dispatch, leasedUntil ?? now, unit.Dossier.PartitionKey, unit.Id);
        Purge = OutboxPurge.NewDeadline(unit, Dispatch.Due, outboxDays);
    }

    public RetentionUnit Unit { get; }

    /// <summary>The deadline that sends these emails if this process does not.</summary>
    public Deadline Dispatch { get; }

    /// <summary>The deadline that deletes these emails' rows once kept <see cref="Retention.RetentionOptions.OutboxDays"/> after sending.</summary>
    public Deadline Purge { get; }

    /// <summary>The emails' deadlines, both written in the batch a change writes before committing.</summary>
    public IReadOnlyList<Deadline> Deadlines => [Dispatch, Purge];

    public IReadOnlyList<OutboxMessage> Messages => _messages;

    public bool IsEmpty => _messages.Count == 0;

    public void Add(UnitCipher cipher, string kind, string to, EmailContent content, string? attachment = null) =>
        Add(OutboxRow.New(cipher, kind, to, content, _now, _leasedUntil, attachment));

    /// <summary>An email already made (tests of the rules that commit them).</summary>
    internal void Add(OutboxMessage message)
    {
        // Emails made after the last transaction took them belong to a new attempt of the rule (optimistic
        // concurrency runs it again after a lost race): the lost attempt's emails were never stored, and must
        // not be stored now beside this attempt's, or each party would get the email twice.
        // This holds because every rule that makes emails inside its attempt makes them on each attempt that commits
        // (audited for issue 13: sessions, signature, closure, triage, confirmation); a rule whose later attempt
        // could commit with none would have to clear them itself.
        if (_appended)
        {
            _messages.Clear();
            _appended = false;
            _firstAction = -1;
        }
        _messages.Add(message);
    }

    /// <summary>Adds the emails' rows to the change's transaction (every attempt's; emails made once before the rule go in each).</summary>
    public PartitionTransaction AppendTo(PartitionTransaction transaction)
    {
        _appended = true;
        _firstAction = transaction.Count;
        foreach (var m in _messages)
            transaction.Add(m.Row);
        return transaction;
    }

    /// <summary>After the commit: the rows carry the ETags it gave them, as sending them from memory needs.</summary>
    public void Committed(CommitReceipt receipt)
    {
        if (_firstAction >= 0)
            receipt.ApplyTo(_messages.Select(m => m.Row).ToArray(), _firstAction);
    }
}

/// <summary>Starts <see cref="ChangeEmails"/> and sends them once their change has committed.</summary>
public sealed class ChangeEmailSender(HeldWork held, OutboxSender outbox, IDeadlineStore deadlines, IDossierStore dossiers, IOptions<EmailOptions> options,
    IOptions<Retention.RetentionOptions> retention, TimeProvider time)
{
    public ChangeEmails Start(RetentionUnit unit)
    {
        var now = time.GetUtcNow();
        return new ChangeEmails(unit, now, options.Value.DispatchImmediately ? now + options.Value.SendLease : null, retention.Value.OutboxDays);
    }

    /// <summary>The work that sends <paramref name="emails"/> from memory, to hand to <see cref="HeldWork"/> with any other; null when the timer sends them.</summary>
    public HeldDeadline? SendWork(ChangeEmails emails) =>
        options.Value.DispatchImmediately
            ? new HeldDeadline(emails.Dispatch, ct => emails.IsEmpty ? Task.FromResult(DeadlineResult.Done) : outbox.SendLeasedAsync(emails.Unit, emails.Messages, ct))
            : null;

    /// <summary>The change committed: sends <paramref name="emails"/> now, in the background, with the change's other held work.</summary>
    public void SendAfterCommit(ChangeEmails emails, params HeldDeadline[] with) =>
        held.Enqueue([.. SendWork(emails) is { } work ? [work] : Array.Empty<HeldDeadline>(), .. with]);

    /// <summary>
    /// The change committed without its dispatch deadline written first (a change whose request path
    /// holds two round trips: its read and its transaction). The deadline is written right after, off
    /// the request path when this process sends the emails itself: a crash in between leaves the rows
    /// in the outbox, sent by the next dispatch of the unit (<see cref="RescueAsync"/>).
    /// </summary>
    public async Task SendAfterCommitUnscheduledAsync(ChangeEmails emails, CancellationToken cancellationToken)
    {
        if (emails.IsEmpty)
            return;
        if (SendWork(emails) is not { } work)
        {
            await deadlines.ScheduleAsync(emails.Deadlines, cancellationToken).ConfigureAwait(false);
            return;
        }
        held.Enqueue([work with
        {
            Work = async ct =>
            {
                await deadlines.ScheduleAsync(emails.Deadlines, ct).ConfigureAwait(false);
                return await work.Work(ct).ConfigureAwait(false);
            },
        }]);
    }

    /// <summary>
    /// For a job (no request waiting): writes the emails' deadline and <paramref name="others"/>, commits
    /// <paramref name="transaction"/> with the emails in it, then sends them. False, with nothing left
    /// behind, when the transaction lost a race: the caller looks again.
    /// </summary>
    public async Task<bool> CommitAsync(ChangeEmails emails, PartitionTransaction transaction, IReadOnlyList<Deadline> others, CancellationToken cancellationToken)
    {
        emails.AppendTo(transaction);
        await deadlines.ScheduleAsync([.. emails.Deadlines, .. others], cancellationToken).ConfigureAwait(false);
        var committed = await dossiers.CommitAsync(transaction).ConfigureAwait(false);
        if (!committed.IsSuccess)
        {
            Abandon(emails, [.. others]);
            return false;
        }
        emails.Committed(committed.Value);
        SendAfterCommit(emails);
        return true;
    }

    /// <summary>Schedules a dispatch of <paramref name="unit"/>'s outbox now when a row of it waits with no sender: for a rule that reads the outbox anyway.</summary>
    public async Task RescueAsync(RetentionUnit unit, IEnumerable<Azure.Data.Tables.TableEntity> outboxRows, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (outboxRows.Any(r => OutboxRow.IsDue(r, now - options.Value.SendLease)))
            await deadlines.ScheduleAsync([Deadline.New(OutboxSender.Dispatch, now, unit.Dossier.PartitionKey, unit.Id), OutboxPurge.NewDeadline(unit, now, retention.Value.OutboxDays)],
                cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The change did not happen: its dispatch deadline, and the others it wrote, have nothing to do.</summary>
    public void Abandon(ChangeEmails emails, params Deadline[] others) => held.Forget(emails.Deadlines.Concat(others));
}
