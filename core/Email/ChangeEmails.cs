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

    internal ChangeEmails(RetentionUnit unit, DateTimeOffset now, DateTimeOffset? leasedUntil)
    {
        Unit = unit;
        _now = now;
        _leasedUntil = leasedUntil;
        Dispatch = Deadline.New(OutboxSender.Dispatch, leasedUntil ?? now, unit.Dossier.PartitionKey, unit.Id);
    }

    public RetentionUnit Unit { get; }

    /// <summary>The deadline that sends these emails if this process does not: schedule it before committing the change.</summary>
    public Deadline Dispatch { get; }

    public IReadOnlyList<OutboxMessage> Messages => _messages;

    public bool IsEmpty => _messages.Count == 0;

    public void Add(UnitCipher cipher, string kind, string to, EmailContent content, string? attachment = null) =>
        _messages.Add(OutboxRow.New(cipher, kind, to, content, _now, _leasedUntil, attachment));

    /// <summary>An email already made (tests of the rules that commit them).</summary>
    internal void Add(OutboxMessage message) => _messages.Add(message);

    /// <summary>Adds the emails' rows to the change's transaction.</summary>
    public PartitionTransaction AppendTo(PartitionTransaction transaction)
    {
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
public sealed class ChangeEmailSender(HeldWork held, OutboxSender outbox, IOptions<EmailOptions> options, TimeProvider time)
{
    public ChangeEmails Start(RetentionUnit unit)
    {
        var now = time.GetUtcNow();
        return new ChangeEmails(unit, now, options.Value.DispatchImmediately ? now + options.Value.SendLease : null);
    }

    /// <summary>The work that sends <paramref name="emails"/> from memory, to hand to <see cref="HeldWork"/> with any other; null when the timer sends them.</summary>
    public HeldDeadline? SendWork(ChangeEmails emails) =>
        options.Value.DispatchImmediately
            ? new HeldDeadline(emails.Dispatch, ct => emails.IsEmpty ? Task.FromResult(DeadlineResult.Done) : outbox.SendLeasedAsync(emails.Unit, emails.Messages, ct))
            : null;

    /// <summary>The change committed: sends <paramref name="emails"/> now, in the background, with the change's other held work.</summary>
    public void SendAfterCommit(ChangeEmails emails, params HeldDeadline[] with) =>
        held.Enqueue([.. SendWork(emails) is { } work ? [work] : Array.Empty<HeldDeadline>(), .. with]);

    /// <summary>The change did not happen: its dispatch deadline, and the others it wrote, have nothing to do.</summary>
    public void Abandon(ChangeEmails emails, params Deadline[] others) =>
        held.Enqueue([.. others.Prepend(emails.Dispatch).Select(d => new HeldDeadline(d, _ => Task.FromResult(DeadlineResult.Done)))]);
}
