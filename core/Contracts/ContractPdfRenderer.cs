using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Solidaire.Core.Contracts.Pdf;

namespace Solidaire.Core.Contracts;

/// <summary>
/// Turns a signed contract into the PDF both parties receive: A4 pages of the contract, numbered
/// "page X sur Y" / "page X / Y", and a last page with the evidence summary (issue 9). The font ships
/// inside this assembly (DejaVu Sans), so the same document comes out on every machine.
/// Stateless and safe to call from several threads; it logs nothing (the text is personal).
/// </summary>
public static class ContractPdfRenderer
{
    /// <summary>The PDF's bytes. Apart from the file identifier PDFsharp draws at random, the same input gives the same bytes.</summary>
    public static byte[] Render(SignedContractPdf document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var geometry = ContractPdfGeometry.A4;
        var fonts = Fonts();
        var pages = Layout(document, fonts);

        using var pdf = new PdfDocument();
        // Compressed content streams make `qpdf --check` warn; these pages are small text anyway.
        pdf.Options.CompressContentStreams = false;
        pdf.Language = document.Contract.Language;
        pdf.ViewerPreferences.DisplayDocTitle = true;
        pdf.Info.Title = document.Contract.Title;
        pdf.Info.Creator = "Solidaire";
        pdf.Info.CreationDate = document.SignedAt.UtcDateTime;
        pdf.Info.ModificationDate = document.SignedAt.UtcDateTime;

        for (var i = 0; i < pages.Count; i++)
        {
            var page = pdf.AddPage();
            page.Width = XUnit.FromPoint(geometry.Width);
            page.Height = XUnit.FromPoint(geometry.Height);
            using var graphics = XGraphics.FromPdfPage(page);
            foreach (var line in pages[i].Lines)
            {
                foreach (var run in line.Runs)
                    graphics.DrawString(run.Text, fonts[run.Style], XBrushes.Black, run.X, line.Top, XStringFormats.TopLeft);
            }

            var footer = PageNumber(document.Contract.Language, i + 1, pages.Count);
            var footerFont = fonts[ContractPdfStyle.Footer];
            var footerWidth = graphics.MeasureString(footer, footerFont).Width;
            graphics.DrawString(footer, footerFont, XBrushes.DimGray,
                (geometry.Width - footerWidth) / 2, geometry.ContentBottom + (geometry.MarginBottom - ContractPdfStyle.Footer.LineHeight) / 2, XStringFormats.TopLeft);
        }

        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>The pages' lines, measured with the fonts the PDF embeds (what the tests check the layout on).</summary>
    internal static IReadOnlyList<ContractPdfPage> Layout(SignedContractPdf document) => Layout(document, Fonts());

    private static IReadOnlyList<ContractPdfPage> Layout(SignedContractPdf document, Dictionary<ContractPdfStyle, XFont> fonts)
    {
        var geometry = ContractPdfGeometry.A4;
        using var measuring = XGraphics.CreateMeasureContext(new XSize(geometry.Width, geometry.Height), XGraphicsUnit.Point, XPageDirection.Downwards);
        return ContractPdfLayout.Lay(document, (text, style) => measuring.MeasureString(text, fonts[style]).Width, geometry);
    }

    private static Dictionary<ContractPdfStyle, XFont> Fonts()
    {
        ContractFontResolver.EnsureInstalled();
        // Unicode encoding: every character of the font is reachable (€, œ, U+202F), and text extracts as written.
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        return ContractPdfStyle.All.ToDictionary(s => s, s => new XFont(
            ContractFontResolver.FamilyName, s.Size, s.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, options));
    }

    /// <summary>"page 2 sur 5" in French, "page 2 / 5" otherwise.</summary>
    internal static string PageNumber(string language, int page, int count) =>
        string.Format(CultureInfo.InvariantCulture,
            language == "fr" ? "page {0} sur {1}" : "page {0} / {1}", page, count);
}
