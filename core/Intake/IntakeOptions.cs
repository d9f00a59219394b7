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

    /// <summary>More crisis expressions (French or English), comma-separated, added to the built-in list.</summary>
    public string ExtraCrisisSignals { get; set; } = "";
}
