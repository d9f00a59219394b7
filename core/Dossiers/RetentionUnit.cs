namespace Solidaire.Core.Dossiers;

/// <summary>
/// A set of dossier rows destroyed together, on its own date, with a data key of its own (DESIGN.md,
/// retention units): an unfollowed intake today; an engagement's working data, a contract's evidence
/// archive or a complaint later. Destroying the unit is deleting its key, so nothing else in the
/// dossier becomes unreadable early.
/// </summary>
public readonly record struct RetentionUnit(DossierId Dossier, string Id)
{
    /// <summary>Who the unit's data key belongs to: its wrapping is bound to this, so it unwraps nowhere else.</summary>
    public string KeyOwner => Dossier.PartitionKey + "|" + Id;

    public string DataKeyRow => DossierKeys.DataKey(Id);
}
