using Microsoft.Extensions.Logging;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Retention;

namespace Solidaire.Core.Contracts;

/// <summary>
/// Destroys a signed contract's evidence archive (rule 10; §3.12): kept apart, in its own retention
/// unit, for <see cref="RetentionOptions.EvidenceYears"/> after closure as proof in case of a claim,
/// then its data key and every row of its unit (the contract, its event chain, what is left of its emails).
/// </summary>
public sealed partial class ContractEvidenceDestruction(IDossierStore dossiers, DestructionLog log, ILogger<ContractEvidenceDestruction> logger) : IDeadlineHandler
{
    /// <summary>"Destroy this contract's evidence": subject = the contract id (its retention unit), due at closure + the evidence period.</summary>
    public static readonly DeadlineKind Destroy = new("contract.destroy", DeadlineLane.Retention);

    public DeadlineKind Kind => Destroy;

    /// <summary>Every row of a contract's unit.</summary>
    public static RowSelector[] Selectors(RetentionUnit contract) =>
    [
        new RowSelector.Exact(contract.DataKeyRow),
        new RowSelector.Exact(StoredContract.RowKeyOf(contract.Id)),
        new RowSelector.Prefix(StoredContract.EventPrefixOf(contract.Id)),
        new RowSelector.Prefix(DossierKeys.OutboxPrefix(contract.Id)),
    ];

    public async Task<DeadlineResult> HandleAsync(Deadline deadline, CancellationToken cancellationToken)
    {
        var unit = new RetentionUnit(DossierId.Parse(deadline.Dossier), deadline.Subject);
        var snapshot = await dossiers.LoadAsync(unit.Dossier, Selectors(unit), cancellationToken).ConfigureAwait(false);
        if (snapshot.Rows.Count == 0)
            return DeadlineResult.Done;
        var shredded = await Shredder.DestroyAsync(dossiers, unit.Dossier, snapshot.Rows, StoredContract.RowKeyOf(unit.Id), cancellationToken).ConfigureAwait(false);
        if (!shredded.Complete)
            throw new InvalidOperationException("The contract's rows changed while it was destroyed."); // the runner retries: the rest goes next time
        await log.RecordAsync(DestructionKinds.ContractEvidence, shredded.Rows, shredded.Keys, cancellationToken).ConfigureAwait(false);
        LogDestroyed(logger);
        return DeadlineResult.Done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A signed contract's evidence archive whose retention period had ended was destroyed.")]
    private static partial void LogDestroyed(ILogger logger);
}
