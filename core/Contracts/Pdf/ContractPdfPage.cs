namespace Solidaire.Core.Contracts.Pdf;

/// <summary>The lines of one page, before the page number is added.</summary>
internal sealed record ContractPdfPage(IReadOnlyList<ContractPdfLine> Lines);
