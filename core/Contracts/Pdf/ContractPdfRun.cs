namespace Solidaire.Core.Contracts.Pdf;

/// <summary>A stretch of one line set in one style (an evidence line has a bold label and a regular value), placed from the page's left edge.</summary>
internal sealed record ContractPdfRun(string Text, ContractPdfStyle Style, double X, double Width);
