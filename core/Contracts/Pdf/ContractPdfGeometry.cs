namespace Solidaire.Core.Contracts.Pdf;

/// <summary>A page and its margins, in points; text is laid out between the margins, the page number sits in the bottom one.</summary>
internal sealed record ContractPdfGeometry(double Width, double Height, double MarginLeft, double MarginRight, double MarginTop, double MarginBottom)
{
    /// <summary>A4 with margins of about 22 mm at the sides, 20 mm at the top and 25 mm at the bottom.</summary>
    internal static readonly ContractPdfGeometry A4 = new(595.28, 841.89, 62, 62, 57, 71);

    internal double ContentWidth => Width - MarginLeft - MarginRight;
    internal double ContentBottom => Height - MarginBottom;
}
