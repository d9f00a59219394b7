namespace Solidaire.Core.Contracts;

/// <summary>
/// The retention periods a contract states (§3.12, §3.23), read from the retention settings when
/// the contract is issued, so the text always says what the purge job does (issue 11's table).
/// </summary>
/// <param name="WorkingDataDaysAfterClosure">Engagement working data (contact details, intake text, sessions, notes, feedback, emails): destroyed this many days after closure.</param>
/// <param name="EvidenceYearsAfterClosure">The signed contract's evidence archive: kept this many years after closure as proof, then destroyed.</param>
/// <param name="UnfollowedIntakeDays">A request no engagement followed: destroyed this many days after its last change.</param>
public sealed record ContractRetention(int WorkingDataDaysAfterClosure, int EvidenceYearsAfterClosure, int UnfollowedIntakeDays);
