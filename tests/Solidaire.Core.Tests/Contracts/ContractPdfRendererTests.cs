using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using Solidaire.Core.Contracts;
using Solidaire.Core.Contracts.Pdf;
using Solidaire.Testing;

namespace Solidaire.Core.Tests.Contracts;

/// <summary>The signed contract's PDF as a file: pages, metadata, repeatability. Its text is read with pdftotext in the integration tests.</summary>
public sealed partial class ContractPdfRendererTests
{
    private static PdfDocument Open(byte[] pdf) => PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);

    [Fact]
    public void FrenchSample_IsAnA4PdfOfFourPages()
    {
        var pdf = ContractPdfRenderer.Render(ContractPdfSamples.French());

        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5));
        using var document = Open(pdf);
        Assert.Equal(4, document.PageCount);
        Assert.All(document.Pages.Cast<PdfPage>(), p =>
        {
            Assert.Equal(595.28, p.Width.Point, 1);
            Assert.Equal(841.89, p.Height.Point, 1);
        });
    }

    [Fact]
    public void Metadata_GivesTheTitleTheLanguageAndTheSigningTimeAsCreationDate()
    {
        using var document = Open(ContractPdfRenderer.Render(ContractPdfSamples.French()));

        Assert.Equal("Contrat d’accompagnement en situation de crise", document.Info.Title);
        Assert.Equal("fr", document.Language);
        Assert.Equal(ContractPdfSamples.SignedAt.UtcDateTime, document.Info.CreationDate.ToUniversalTime());
    }

    [Fact]
    public void SameDocumentTwice_GivesTheSameBytesApartFromTheRandomIdentifiers()
    {
        var first = Encoding.Latin1.GetString(ContractPdfRenderer.Render(ContractPdfSamples.English()));
        var second = Encoding.Latin1.GetString(ContractPdfRenderer.Render(ContractPdfSamples.English()));

        Assert.Equal(WithoutIdentifiers(first), WithoutIdentifiers(second));
    }

    // PDFsharp draws the file /ID, the XMP document and instance ids and the font subset tags at random.
    private static string WithoutIdentifiers(string pdf) => RandomParts().Replace(pdf, "#");

    [GeneratedRegex(@"/ID\[<[0-9A-F]+><[0-9A-F]+>\]|uuid:[0-9a-f-]{36}|/[A-Z]{6}\+")]
    private static partial Regex RandomParts();

    [Fact]
    public void RenderedFromManyThreadsAtOnce_EveryPdfIsWhole()
    {
        var pdfs = new byte[8][];

        Parallel.For(0, pdfs.Length, i => pdfs[i] = ContractPdfRenderer.Render(i % 2 == 0 ? ContractPdfSamples.French() : ContractPdfSamples.English()));

        Assert.All(pdfs.Where((_, i) => i % 2 == 0), p => { using var d = Open(p); Assert.Equal(4, d.PageCount); });
        Assert.All(pdfs.Where((_, i) => i % 2 == 1), p => { using var d = Open(p); Assert.Equal(3, d.PageCount); });
    }

    [Fact]
    public void FontResolver_SetAgainByASecondHostAfterUse_IsAccepted()
    {
        ContractPdfRenderer.Render(ContractPdfSamples.English());

        // A second app host in the same process installs it again: PDFsharp takes the same instance back.
        GlobalFontSettings.FontResolver = ContractFontResolver.Instance;
        var pdf = ContractPdfRenderer.Render(ContractPdfSamples.English());

        Assert.Same(ContractFontResolver.Instance, GlobalFontSettings.FontResolver);
        using var document = Open(pdf);
        Assert.Equal(3, document.PageCount);
    }

    [Fact]
    public void FontResolver_GivesTheEmbeddedDejaVuFaces()
    {
        var regular = ContractFontResolver.Instance.ResolveTypeface("Anything", false, false);
        var bold = ContractFontResolver.Instance.ResolveTypeface(ContractFontResolver.FamilyName, true, false);

        Assert.NotNull(regular);
        Assert.NotNull(bold);
        Assert.NotEqual(regular.FaceName, bold.FaceName);
        Assert.True(ContractFontResolver.Instance.GetFont(regular.FaceName)!.Length > 500_000);
        Assert.True(ContractFontResolver.Instance.GetFont(bold.FaceName)!.Length > 500_000);
    }
}
