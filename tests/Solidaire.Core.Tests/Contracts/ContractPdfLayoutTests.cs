using Solidaire.Core.Contracts;
using Solidaire.Core.Contracts.Pdf;
using Solidaire.Testing;

namespace Solidaire.Core.Tests.Contracts;

/// <summary>Where the signed contract's text lands on the PDF's pages, measured with the embedded font.</summary>
public sealed class ContractPdfLayoutTests
{
    private const string Nbsp = "\u00A0";
    private static readonly ContractPdfGeometry Page = ContractPdfGeometry.A4;

    /// <summary>The body lines of the annex holding <paramref name="paragraph"/>, with the index of the page each is on.</summary>
    private static List<(int Page, ContractPdfLine Line)> AnnexLines(string paragraph) =>
        ContractPdfRenderer.Layout(ContractPdfSamples.WithAnnex(paragraph))
            .SelectMany((page, index) => page.Lines.Select(line => (Page: index, Line: line)))
            .SkipWhile(p => p.Line.Text != ContractPdfSamples.AnnexHeading).Skip(1)
            .TakeWhile(p => p.Line.Runs[0].Style == ContractPdfStyle.Body).ToList();

    private static IEnumerable<ContractPdfLine> Lines(IReadOnlyList<ContractPdfPage> pages) => pages.SelectMany(p => p.Lines);

    private static string NoWhitespace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public void FrenchSample_TakesThreePagesOfContractAndOneOfEvidence()
    {
        var pages = ContractPdfRenderer.Layout(ContractPdfSamples.French());

        Assert.Equal(4, pages.Count);
        Assert.Equal("Contrat d’accompagnement en situation de crise", pages[0].Lines[0].Text);
        Assert.Equal("Résumé des preuves de signature", pages[3].Lines[0].Text);
        Assert.DoesNotContain(Lines(pages.Take(3).ToList()), l => l.Runs.Any(r => r.Style == ContractPdfStyle.EvidenceLabel));
    }

    [Fact]
    public void EnglishSample_TakesTwoPagesOfContractAndOneOfEvidence()
    {
        var pages = ContractPdfRenderer.Layout(ContractPdfSamples.English());

        Assert.Equal(3, pages.Count);
        Assert.Equal("Signature evidence summary", pages[^1].Lines[0].Text);
    }

    [Fact]
    public void LongContract_RunsOverAsManyPagesAsItsLinesNeed()
    {
        var pages = ContractPdfRenderer.Layout(ContractPdfSamples.French(ContractPdfSamples.LongContract(20)));

        // 20 articles of a heading and three 6-line paragraphs: about 20 × 20 lines of 14 pt on pages of 714 pt
        // of text (51 lines) is 8 pages, plus the title; headings kept with their text leave some feet empty.
        Assert.Equal(13, pages.Count);
        Assert.Equal("Résumé des preuves de signature", pages[^1].Lines[0].Text);
        Assert.Equal(20, Lines(pages).Count(l => l.Runs[0].Style == ContractPdfStyle.Heading));
    }

    [Fact]
    public void EveryLine_StaysInsideTheMargins()
    {
        var documents = new[]
        {
            ContractPdfSamples.French(), ContractPdfSamples.English(), ContractPdfSamples.French(ContractPdfSamples.LongContract(20)),
            ContractPdfSamples.WithAnnex(ContractPdfSamples.Paragraph5000, ContractPdfSamples.Word300, "Voir " + ContractPdfSamples.LongUrl),
        };

        foreach (var line in documents.SelectMany(d => Lines(ContractPdfRenderer.Layout(d))))
        {
            Assert.True(line.Runs[0].X >= Page.MarginLeft, $"starts in the left margin: {line.Text}");
            Assert.True(line.Right <= Page.Width - Page.MarginRight + 0.01, $"runs into the right margin ({line.Right:F1} pt): {line.Text}");
            Assert.True(line.Top >= Page.MarginTop && line.Top + line.Runs.Max(r => r.Style.LineHeight) <= Page.ContentBottom + 0.01, $"outside the text area vertically: {line.Text}");
        }
    }

    [Fact]
    public void ParagraphOf5000Characters_IsWrappedOverPagesWithoutLosingACharacter()
    {
        var laid = AnnexLines(ContractPdfSamples.Paragraph5000);

        Assert.True(laid.Count > 50, $"only {laid.Count} lines");
        Assert.Equal(NoWhitespace(ContractPdfSamples.Paragraph5000), NoWhitespace(string.Concat(laid.Select(p => p.Line.Text))));
        Assert.True(laid.Select(p => p.Page).Distinct().Count() >= 2, "a paragraph longer than a page goes on over the next");
    }

    [Fact]
    public void UnbrokenWordOf300Characters_IsCutIntoLinesThatTogetherHoldIt()
    {
        var lines = AnnexLines(ContractPdfSamples.Word300).Select(p => p.Line).ToList();

        Assert.True(lines.Count >= 3, $"only {lines.Count} lines");
        Assert.Equal(ContractPdfSamples.Word300, string.Concat(lines.Select(l => l.Text)));
    }

    [Fact]
    public void LongUrl_IsCutAfterASlash()
    {
        var lines = AnnexLines(ContractPdfSamples.LongUrl).Select(p => p.Line).ToList();

        Assert.True(lines.Count >= 2);
        Assert.All(lines[..^1], l => Assert.EndsWith("/", l.Text, StringComparison.Ordinal));
        Assert.Equal(ContractPdfSamples.LongUrl, string.Concat(lines.Select(l => l.Text)));
    }

    [Fact]
    public void NonBreakingSpaces_AreNeverLineBreaks()
    {
        var paragraph = string.Concat(Enumerable.Repeat($"contribution{Nbsp}: 1,00{Nbsp}€ ", 200));

        var lines = AnnexLines(paragraph).Select(p => p.Line).ToList();

        Assert.True(lines.Count > 10);
        Assert.All(lines, l => Assert.StartsWith("contribution", l.Text, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.EndsWith("€", l.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void Heading_IsNeverLeftAtTheFootOfAPage()
    {
        var pages = ContractPdfRenderer.Layout(ContractPdfSamples.French(ContractPdfSamples.LongContract(20)));

        Assert.All(pages, p => Assert.NotEqual(ContractPdfStyle.Heading, p.Lines[^1].Runs[0].Style));
        Assert.All(pages, p => Assert.NotEqual(ContractPdfStyle.Title, p.Lines[^1].Runs[0].Style));
    }

    [Fact]
    public void FrenchEvidence_SetsBoldLabelColonAndValueOnOneLine()
    {
        var evidence = ContractPdfRenderer.Layout(ContractPdfSamples.French())[^1];

        var contribution = Assert.Single(evidence.Lines, l => l.Runs[0].Text.StartsWith("Contribution choisie", StringComparison.Ordinal));
        Assert.Equal($"Contribution choisie{Nbsp}: 1,00{Nbsp}€", contribution.Text);
        Assert.Equal(ContractPdfStyle.EvidenceLabel, contribution.Runs[0].Style);
        Assert.Equal(ContractPdfStyle.EvidenceValue, contribution.Runs[1].Style);
    }

    [Fact]
    public void EnglishEvidence_PutsTheHashWholeOnTheLineBelowItsLabel()
    {
        var evidence = ContractPdfRenderer.Layout(ContractPdfSamples.English())[^1].Lines.ToList();

        var label = evidence.FindIndex(l => l.Text == "SHA-256 of the contract text:");
        Assert.True(label > 0);
        Assert.Equal(ContractPdfSamples.Sha256, evidence[label + 1].Text);
        Assert.True(evidence[label + 1].Runs[0].X > evidence[label].Runs[0].X, "a value's second line is indented under its label");
    }

    [Theory]
    [InlineData("fr", "page 2 sur 5")]
    [InlineData("en", "page 2 / 5")]
    public void PageNumber_ReadsInTheContractsLanguage(string language, string expected)
    {
        Assert.Equal(expected, ContractPdfRenderer.PageNumber(language, 2, 5));
    }
}
