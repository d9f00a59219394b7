using Solidaire.Core.Retention;

namespace Solidaire.Core.Contracts;

/// <summary>
/// The retention periods a contract states (§3.12, §3.23), read from the retention settings when
/// the contract is issued, so the text always says what the purge job does (issue 11's table).
/// </summary>
/// <param name="WorkingDataDaysAfterClosure">Engagement working data (contact details, intake text, sessions, notes, feedback, emails): destroyed this many days after closure.</param>
/// <param name="EvidenceYearsAfterClosure">The signed contract's evidence archive: kept this many years after closure as proof, then destroyed.</param>
/// <param name="UnfollowedIntakeDays">A request no engagement followed: destroyed this many days after its last change.</param>
/// <param name="ComplaintYearsAfterClosure">A complaint's file: destroyed this many years after it is closed.</param>
/// <param name="OutboxDays">An email's copy in the sending queue: deleted this many days after it was sent.</param>
/// <param name="AccessLogDays">The record of who read the client's contact details: deleted this many days after the reading.</param>
public sealed record ContractRetention(int WorkingDataDaysAfterClosure, int EvidenceYearsAfterClosure, int UnfollowedIntakeDays,
    int ComplaintYearsAfterClosure, int OutboxDays, int AccessLogDays)
{
    /// <summary>What the settings say: the one source of every period a person reads.</summary>
    public static ContractRetention From(RetentionOptions o) =>
        new(o.WorkingDataDays, o.EvidenceYears, o.IntakeDays, o.ComplaintYears, o.OutboxDays, o.AccessLogDays);
}
