using System.ComponentModel.DataAnnotations;

namespace Solidaire.Core.Erasure;

/// <summary>Section "Erasure": the client's right to erasure (GDPR Art. 17, rule 10).</summary>
public sealed class ErasureOptions
{
    public const string Section = "Erasure";

    /// <summary>How long the emailed confirmation link of an erasure request works.</summary>
    [Range(1, 168)]
    public int LinkHours { get; set; } = 24;

    /// <summary>
    /// At most one link email per address in each window of this many minutes, whatever the number of
    /// requests (a flood of requests for someone else's address sends them one email, not a hundred).
    /// </summary>
    public const int LinkEmailWindowMinutes = 15;
}
