using Solidaire.Core.Storage;
using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Dossiers;

/// <summary>The dossiers as the rules need them: read some rows of one dossier, commit one transaction in it.</summary>
public interface IDossierStore
{
    /// <summary>The selected rows of <paramref name="dossier"/>, in one round trip.</summary>
    Task<DossierSnapshot> LoadAsync(DossierId dossier, IReadOnlyList<RowSelector> rows, CancellationToken cancellationToken);

    /// <summary>
    /// One entity-group transaction in one round trip; a lost race is a conflict outcome. It takes no
    /// cancellation: a change on its way runs to its end, so its caller always learns whether it was made.
    /// Cancelled halfway (a client who closes the page once it pressed send), it could be stored with its
    /// request ended before what follows it (its emails, its index) was handed on, left to the runner
    /// after their hold.
    /// </summary>
    Task<Outcome<CommitReceipt>> CommitAsync(PartitionTransaction transaction);
}
