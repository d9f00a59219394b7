using Solidaire.Core.Email;
using Solidaire.Core.PersonalData;

namespace Solidaire.Core.Dossiers;

/// <summary>
/// A client's dossier: one partition of the Dossiers table, named by a keyed hash of the client's
/// normalised email (never the address itself). Everything about one client lives there, so one
/// change is one entity-group transaction.
/// </summary>
public readonly record struct DossierId
{
    private DossierId(string partitionKey) => PartitionKey = partitionKey;

    public string PartitionKey { get; }

    public static DossierId ForEmail(PersonalDataProtector protector, string email) =>
        new("c" + protector.LookupHash("email", NormalizeEmail(email)));

    /// <summary>
    /// The staff registry: every staff member's record, each its own retention unit, in one partition
    /// so the registry is one read and a change to one member one transaction.
    /// </summary>
    public static readonly DossierId StaffRegistry = new("staff");

    /// <summary>
    /// The complaints (rule 12, §1, §4.8): each its own retention unit, all in one partition apart
    /// from every client's dossier and the registry, so the referents' list is one read and one
    /// complaint's destruction (3 years after closure) is deleting its own rows.
    /// </summary>
    public static readonly DossierId Complaints = new("complaints");

    /// <summary>
    /// Mail that must outlive the dossier it is about (an erasure's confirmation to the client and its
    /// notice to the coach): each erasure's notices one retention unit with its own key, apart from
    /// the dossier being destroyed, destroyed <see cref="Retention.RetentionOptions.OutboxDays"/> after sending.
    /// </summary>
    public static readonly DossierId Notices = new("notices");

    /// <summary>A dossier id read back from storage (a deadline's dossier column, a queue row).</summary>
    public static DossierId Parse(string partitionKey) =>
        partitionKey == StaffRegistry.PartitionKey ? StaffRegistry
        : partitionKey == Complaints.PartitionKey ? Complaints
        : partitionKey == Notices.PartitionKey ? Notices
        : partitionKey is { Length: 65 } && partitionKey[0] == 'c' && partitionKey.AsSpan(1).ContainsAnyExcept("0123456789abcdef") == false
            ? new DossierId(partitionKey)
            : throw new FormatException("Not a dossier id.");

    /// <summary>Two spellings of one address are one client: its canonical form (<see cref="MailboxAddress"/>), lower case.</summary>
    public static string NormalizeEmail(string email) => MailboxAddress.LookupForm(email);

    public override string ToString() => PartitionKey;
}
