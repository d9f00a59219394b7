using Solidaire.Core.Deadlines;
using Solidaire.Core.Dossiers;

namespace Solidaire.Core.Erasure;

/// <summary>
/// "A link was emailed to this dossier in this window": at most one erasure link email per address
/// every <see cref="ErasureOptions.LinkEmailWindowMinutes"/> minutes, across instances. The deadline
/// is the record (one per dossier and window, so a second one is refused) and forgets itself at the
/// window's end (<see cref="RecordDeadline"/>).
/// </summary>
public static class ErasureLinkSent
{
    public static readonly DeadlineKind Sent = new("erasure.link-sent", DeadlineLane.Prompt);

    /// <summary>The window's end: the record's due time, so the same dossier in the same window is the same row.</summary>
    public static Deadline For(DossierId dossier, DateTimeOffset now)
    {
        var window = TimeSpan.FromMinutes(ErasureOptions.LinkEmailWindowMinutes);
        var end = new DateTimeOffset((now.UtcTicks / window.Ticks + 1) * window.Ticks, TimeSpan.Zero);
        return new Deadline(Sent.Name, Sent.Lane, end, dossier.PartitionKey, "link", 0, "erasure-link-" + dossier.PartitionKey);
    }
}
