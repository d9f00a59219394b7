namespace Solidaire.Core.Contracts.Pdf;

/// <summary>How one kind of text of the contract PDF is set: size and weight, line height and the space before its block (points).</summary>
internal sealed record ContractPdfStyle(string Name, double Size, bool Bold, double LineHeight, double SpaceBefore)
{
    internal static readonly ContractPdfStyle Title = new(nameof(Title), 16, true, 21, 0);
    internal static readonly ContractPdfStyle Heading = new(nameof(Heading), 12, true, 16, 14);
    internal static readonly ContractPdfStyle Body = new(nameof(Body), 10, false, 14, 6);
    internal static readonly ContractPdfStyle EvidenceTitle = new(nameof(EvidenceTitle), 15, true, 20, 0);
    internal static readonly ContractPdfStyle EvidenceLabel = new(nameof(EvidenceLabel), 10, true, 14, 8);
    internal static readonly ContractPdfStyle EvidenceValue = new(nameof(EvidenceValue), 10, false, 14, 8);
    internal static readonly ContractPdfStyle Footer = new(nameof(Footer), 8.5, false, 11, 0);

    internal static IReadOnlyList<ContractPdfStyle> All { get; } = [Title, Heading, Body, EvidenceTitle, EvidenceLabel, EvidenceValue, Footer];
}
