using Azure.Data.Tables;
using Solidaire.Core.Contracts;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Engagements;
using Solidaire.Core.Feedback;
using Solidaire.Core.Intake;
using Solidaire.Core.PersonalData;
using Solidaire.Core.Retention;
using Solidaire.Core.Sessions;

namespace Solidaire.Core.Erasure;

/// <summary>What an erasure destroys, by kind, as the client is told it (before and after).</summary>
public sealed record ErasureCounts(int Requests, int Engagements, int Sessions, int FeedbackAnswers, int Emails, int UnsignedContracts, int AccessRecords)
{
    public static readonly ErasureCounts None = new(0, 0, 0, 0, 0, 0, 0);
}

/// <summary>
/// A signed contract's evidence archive, which an erasure keeps (GDPR Art. 17(3)(e): proof in case of a
/// claim): its request's reference, when it was signed, and until when it is kept (closure + the
/// evidence period; null while its support is still open: "5 years after the support ends").
/// </summary>
public sealed record KeptContract(string Reference, DateTimeOffset SignedAt, DateTimeOffset? KeptUntil);

/// <summary>
/// One erasure of a whole dossier, worked out from one read of it (pure): every row goes except each
/// signed contract's evidence unit (its data key, its row, its event chain), which keeps its own date.
/// </summary>
public sealed record ErasurePlan(
    DossierSnapshot Snapshot,
    ErasureCounts Destroyed,
    IReadOnlyList<KeptContract> Kept,
    IReadOnlyList<TableEntity> Doomed,
    IReadOnlyList<Engagement> Open)
{
    public bool NothingLeft => Doomed.Count == 0;

    /// <param name="closingAt">When open engagements close (the erasure's own time), or null for a preview: their contracts' date is then not known yet.</param>
    public static ErasurePlan Of(DossierSnapshot snapshot, RetentionOptions retention, DateTimeOffset? closingAt)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var keptContracts = new List<KeptContract>();
        foreach (var contract in snapshot.WithPrefix(StoredContract.Prefix))
        {
            if (contract.GetString(nameof(StoredContract.Status)) != ContractStatus.Signed)
                continue;
            var contractId = contract.RowKey[StoredContract.Prefix.Length..];
            kept.Add(contract.RowKey);
            kept.Add(DossierKeys.DataKey(contractId));
            kept.UnionWith(snapshot.WithPrefix(StoredContract.EventPrefixOf(contractId)).Select(r => r.RowKey));
            var engagementKey = contract.GetString(nameof(StoredContract.EngagementRowKey)) ?? "";
            var engagement = snapshot.Find(engagementKey) is { } row ? Engagement.From(row) : null;
            var closedAt = engagement switch
            {
                { ClosedAt: { } at } => at,
                { Status: var s } when EngagementStatus.IsOpen(s) => closingAt,
                _ => null,
            };
            var intakeId = engagementKey.Split('|') is { Length: 3 } parts ? parts[1] : "";
            keptContracts.Add(new KeptContract(
                intakeId.Length == 12 ? Reference.Display(intakeId) : "",
                contract.GetDateTimeOffset("SignedAt") ?? default,
                closedAt?.AddYears(retention.EvidenceYears)));
        }
        var doomed = snapshot.Rows.Where(r => !kept.Contains(r.RowKey)).ToArray();
        int Count(string prefix) => doomed.Count(r => r.RowKey.StartsWith(prefix, StringComparison.Ordinal));
        var counts = new ErasureCounts(
            Requests: Count(DossierKeys.Intake("")),
            Engagements: Count(Engagement.Prefix),
            Sessions: Count(StoredSession.Prefix),
            FeedbackAnswers: Count(FeedbackAnswer.Prefix),
            Emails: Count(DossierKeys.AnyOutbox),
            UnsignedContracts: Count(StoredContract.Prefix),
            AccessRecords: Count(Triage.AccessPrefix));
        var open = snapshot.WithPrefix(Engagement.Prefix).Select(Engagement.From).Where(e => EngagementStatus.IsOpen(e.Status)).ToArray();
        return new ErasurePlan(snapshot, counts, keptContracts.OrderBy(k => k.SignedAt).ToArray(), doomed, open);
    }

    /// <summary>
    /// The client's address and language, from their latest request still readable in <paramref name="snapshot"/>
    /// (its intake rows and data keys); null when none is.
    /// </summary>
    public static (string Email, string Language)? ClientOf(DossierSnapshot snapshot, PersonalDataProtector protector)
    {
        foreach (var intake in snapshot.WithPrefix(DossierKeys.Intake("")).Select(IntakeRow.From).OrderByDescending(i => i.CreatedAt))
        {
            var unit = new RetentionUnit(snapshot.Dossier, intake.IntakeId);
            if (DataKeyRow.WrappedKeyOf(snapshot.Find(unit.DataKeyRow)) is not { } wrapped)
                continue;
            using var cipher = UnitCipher.Open(protector, unit, wrapped);
            return (IntakeRow.Open(cipher, snapshot.Find(intake.RowKey)!).Email, intake.PreferredLanguage);
        }
        return null;
    }

    /// <summary>The language to write to the client in: their latest request's, else their contract's, else French.</summary>
    public static string LanguageOf(DossierSnapshot snapshot) =>
        snapshot.WithPrefix(DossierKeys.Intake("")).Select(IntakeRow.From).MaxBy(i => i.CreatedAt)?.PreferredLanguage
        ?? snapshot.WithPrefix(StoredContract.Prefix).Select(c => c.GetString(nameof(StoredContract.Language))).FirstOrDefault(l => l is not null)
        ?? "fr";

    /// <summary>The intakes whose working data goes (<see cref="IntakeDestruction.WorkingData"/>): every intake of the dossier.</summary>
    public IEnumerable<string> IntakeIds => Snapshot.WithPrefix(DossierKeys.Intake("")).Select(r => r.RowKey[DossierKeys.Intake("").Length..]);
}
