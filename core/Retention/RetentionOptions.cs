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

    /// <summary>A complaint's file is destroyed this many years after it is closed (time to handle a repeated breach, §4.8).</summary>
    [Range(1, 30)]
    public int ComplaintYears { get; set; } = 3;

    /// <summary>A sent (or failed) email's outbox row is destroyed this many days after its last attempt (delivery troubleshooting).</summary>
    [Range(1, 365)]
    public int OutboxDays { get; set; } = 30;

    /// <summary>An entry of the log of who read a client's contact details is destroyed this many days after the read (accountability).</summary>
    [Range(1, 3650)]
    public int AccessLogDays { get; set; } = 365;

    /// <summary>A deactivated staff member's record is destroyed this many days after deactivation.</summary>
    [Range(1, 3650)]
    public int StaffDays { get; set; } = 365;
}
