using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Tokens;

namespace Solidaire.Core.Erasure;

/// <summary>
/// "This erasure link was used": one erasure per link. The deadline, keyed by the token's id and due at
/// its expiry (so a second use finds the same row), is the record, written in one transaction with the
/// erasure's own deadline; it forgets itself when the link would have expired anyway (<see cref="RecordDeadline"/>).
/// </summary>
public static class ErasureLinkUsed
{
    public static readonly DeadlineKind Used = new("erasure.link-used", DeadlineLane.Prompt);

    public static Deadline For(DossierId dossier, TokenClaims link) =>
        new(Used.Name, Used.Lane, link.ExpiresAt, dossier.PartitionKey, link.Id, 0, "erasure-used-" + link.Id);
}
