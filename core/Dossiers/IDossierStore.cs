using Solidaire.Core.Storage;
using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Dossiers;

/// <summary>The dossiers as the rules need them: read some rows of one dossier, commit one transaction in it.</summary>
public interface IDossierStore
{
    /// <summary>The selected rows of <paramref name="dossier"/>, in one round trip.</summary>
    Task<DossierSnapshot> LoadAsync(DossierId dossier, IReadOnlyList<RowSelector> rows, CancellationToken cancellationToken);

    /// <summary>One entity-group transaction in one round trip; a lost race is a conflict outcome.</summary>
    Task<Outcome<CommitReceipt>> CommitAsync(PartitionTransaction transaction, CancellationToken cancellationToken);
}
