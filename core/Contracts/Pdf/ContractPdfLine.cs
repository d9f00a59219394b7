namespace Solidaire.Core.Contracts.Pdf;

/// <summary>One line placed on a page: its runs and the top of its line box, in points from the page's top edge.</summary>
internal sealed record ContractPdfLine(IReadOnlyList<ContractPdfRun> Runs, double Top)
{
    /// <summary>The line as a reader sees it: its runs, a space apart.</summary>
    internal string Text => string.Join(" ", Runs.Select(r => r.Text));

    /// <summary>Where the line's ink ends, in points from the page's left edge.</summary>
    internal double Right => Runs.Count == 0 ? 0 : Runs[^1].X + Runs[^1].Width;
}
