using System.ComponentModel.DataAnnotations;

namespace Solidaire.Core.Retention;

/// <summary>How long records live (§3.12, §3.23, §4.11). Section "Retention".</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>An intake no engagement followed is destroyed this many days after it arrived.</summary>
    [Range(1, 3650)]
    public int IntakeDays { get; set; } = 90;

    /// <summary>An engagement's working data (contact details, intake text, sessions, notes, emails) is destroyed this many days after closure.</summary>
    [Range(1, 3650)]
    public int WorkingDataDays { get; set; } = 180;

    /// <summary>A signed contract's evidence archive is kept this many years after closure, as proof (French civil limitation period).</summary>
    [Range(1, 30)]
    public int EvidenceYears { get; set; } = 5;

    /// <summary>A deactivated staff member's record is destroyed this many days after deactivation.</summary>
    [Range(1, 3650)]
    public int StaffDays { get; set; } = 365;
}
