using System.ComponentModel.DataAnnotations;

namespace Solidaire.Core.Intake;

/// <summary>Section "Intake".</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>A form sent sooner than this after the page opened is taken for a robot: answered, never stored.</summary>
    [Range(0, 600)]
    public double MinimumFormSeconds { get; set; } = 3;

    /// <summary>The same email and situation again within this window returns the first answer.</summary>
    [Range(1, 24 * 60)]
    public int DuplicateWindowMinutes { get; set; } = 10;

    /// <summary>
    /// At most this many acknowledgement emails an hour, from all senders together (per instance of
    /// the app). Past it, a request is still recorded and the coordinators still told; only the
    /// email to the address typed in the form is not sent.
    /// </summary>
    [Range(1, 100_000)]
    public int AcknowledgementsPerHour { get; set; } = 500;

    /// <summary>More crisis expressions (French or English), comma-separated, added to the built-in list.</summary>
    public string ExtraCrisisSignals { get; set; } = "";
}
