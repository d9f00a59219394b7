using Azure.Data.Tables;
using Solidaire.Core.Contracts;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Intake;
using Solidaire.Core.Outcomes;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Sessions;
using Solidaire.Core.Staff;

namespace Solidaire.Core.Engagements;

/// <summary>
/// One engagement as the rules of sessions, closure and follow-up see it, from one read of its
/// client's dossier: the intake and its data key, the engagement and its row (the aggregate's root,
/// whose ETag guards every change), its current contract, and every session of the client (all
/// engagements of the intake: the charter's limit of 4 is the client's, §3.5).
/// </summary>
public sealed record EngagementState(
    DossierSnapshot Snapshot,
    RetentionUnit Unit,
    IntakeRow Intake,
    TableEntity IntakeEntity,
    string WrappedKey,
    Engagement Engagement,
    TableEntity Row,
    StoredContract? Contract,
    IReadOnlyList<TableEntity> Sessions)
{
    /// <summary>The charter's limit: at most 4 sessions for a client (§3.5, §3.23).</summary>
    public const int CharterLimit = 4;

    public static readonly Failure NotFound = new(FailureKind.NotFound, "engagement_not_found", "There is no such engagement.");

    /// <summary>The engagement changed under every attempt of a change (its ETag guards them all).</summary>
    public static readonly Failure Contended = new(FailureKind.Conflict, "engagement_conflict", "The engagement changed at the same time; please try again.");

    /// <summary>What to read: the intake, its engagements, contracts and data keys, and its sessions. One query.</summary>
    public static RowSelector[] Selectors(string intakeId) =>
        [.. ContractService.Selectors(intakeId), new RowSelector.Prefix(StoredSession.PrefixOf(intakeId))];

    public static EngagementState? From(DossierSnapshot snapshot, string intakeId, string engagementId, PersonalDataProtector protector)
    {
        var unit = new RetentionUnit(snapshot.Dossier, intakeId);
        if (Triage.Find(snapshot, unit) is not { } found
            || snapshot.Find(Engagement.RowKeyOf(intakeId, engagementId)) is not { } row)
            return null;
        StoredContract? contract = null;
        if (row.GetString(ContractService.EngagementContract) is { } contractId && snapshot.Find(StoredContract.RowKeyOf(contractId)) is { } contractRow
            && DataKeyRow.WrappedKeyOf(snapshot.Find(new RetentionUnit(snapshot.Dossier, contractId).DataKeyRow)) is { } contractKey)
        {
            using var contractCipher = UnitCipher.Open(protector, new RetentionUnit(snapshot.Dossier, contractId), contractKey);
            contract = StoredContract.Open(contractCipher, contractRow);
        }
        return new EngagementState(snapshot, unit, found.Intake, found.Row, found.WrappedKey, Engagement.From(row), row, contract,
            [.. snapshot.WithPrefix(StoredSession.PrefixOf(intakeId)).OrderBy(StoredSession.StartOf)]);
    }

    /// <summary>Opens the engagement for its assigned coach: not found, or forbidden to anyone else.</summary>
    public static Outcome<EngagementState> ForCoach(DossierSnapshot snapshot, string intakeId, string engagementId, StaffMember actor, PersonalDataProtector protector)
    {
        if (From(snapshot, intakeId, engagementId, protector) is not { } state)
            return NotFound;
        return state.Engagement.CoachId == actor.MemberId ? Outcome<EngagementState>.Ok(state) : StaffService.NotAllowed;
    }

    /// <summary>This engagement's sessions.</summary>
    public IEnumerable<TableEntity> OwnSessions => Sessions.Where(s => s.RowKey.StartsWith(StoredSession.PrefixOf(Intake.IntakeId, Engagement.EngagementId), StringComparison.Ordinal));

    /// <summary>The signed contract, if it is signed.</summary>
    public StoredContract? Signed => Contract is { Status: ContractStatus.Signed } c ? c : null;

    /// <summary>How many sessions this engagement may have: what its contract planned, within what the client has left of the charter's 4.</summary>
    public int? SessionLimit => Signed is { } c
        ? Math.Min(c.SessionsPlanned, CharterLimit - (Sessions.Count - OwnSessions.Count()))
        : null;

    /// <summary>The day the engagement went quiet from: its latest session (booked ahead or held), or the signature.</summary>
    public DateTimeOffset? LastActivity => Signed is { } c
        ? OwnSessions.Select(StoredSession.StartOf).Append(c.Signature!.SignedAt).Max()
        : null;

    public UnitCipher OpenCipher(PersonalDataProtector protector) => UnitCipher.Open(protector, Unit, WrappedKey);
}
