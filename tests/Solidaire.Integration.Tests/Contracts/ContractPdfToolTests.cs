using System.Text.RegularExpressions;
using Solidaire.Core.Contracts;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Contracts;

/// <summary>The signed contract's PDF as the parties' tools see it: qpdf finds it sound, pdftotext reads what was signed.</summary>
public sealed partial class ContractPdfToolTests
{
    /// <summary>pdftotext's output with no-break spaces as spaces and every run of whitespace as one space.</summary>
    private static string Flat(string text) => Whitespace().Replace(text.Replace('\u00A0', ' ').Replace('\u202F', ' '), " ");

    private static string NoWhitespace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"page \d+ sur \d+")]
    private static partial Regex PageNumber();

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Sample_PassesQpdfCheck(string language)
    {
        using var tools = new PdfTools(ContractPdfRenderer.Render(language == "fr" ? ContractPdfSamples.French() : ContractPdfSamples.English()));

        var (exitCode, output) = tools.QpdfCheck();

        Assert.True(exitCode == 0, $"qpdf --check exited {exitCode}: {output}");
        Assert.Contains("No syntax or stream encoding errors found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void FrenchSample_TextHoldsTheTitleEveryHeadingAndThePageNumbers()
    {
        var document = ContractPdfSamples.French();
        using var tools = new PdfTools(ContractPdfRenderer.Render(document));

        var text = Flat(tools.Text());

        Assert.Contains(Flat(document.Contract.Title), text, StringComparison.Ordinal);
        Assert.All(document.Contract.Sections, s => Assert.Contains(Flat(s.Heading), text, StringComparison.Ordinal));
        Assert.All(Enumerable.Range(1, 4), page => Assert.Contains($"page {page} sur 4", text, StringComparison.Ordinal));
        // Accents, œ, €, typographic apostrophes and the narrow no-break space (before "?") come out as written.
        Assert.Contains("marges de manœuvre", text, StringComparison.Ordinal);
        Assert.Contains("90,00 €, soit 270,00 €", text, StringComparison.Ordinal);
        Assert.Contains("Pourquoi ces limites ? Parce qu’un accompagnement", text, StringComparison.Ordinal);
    }

    [Fact]
    public void FrenchSample_LastPageIsTheEvidenceSummaryWithHashContributionAndBothConsents()
    {
        using var tools = new PdfTools(ContractPdfRenderer.Render(ContractPdfSamples.French()));

        var last = Flat(tools.Text(4, 4));
        var before = Flat(tools.Text(1, 3));

        Assert.StartsWith("Résumé des preuves de signature", last, StringComparison.Ordinal);
        Assert.Contains($"Empreinte SHA-256 du texte du contrat : {ContractPdfSamples.Sha256}", last, StringComparison.Ordinal);
        Assert.Contains("Contribution choisie : 1,00 €", last, StringComparison.Ordinal);
        Assert.Contains("J’ai compris la nature de l’accompagnement : oui", last, StringComparison.Ordinal);
        Assert.Contains("Consentement à la supervision : non", last, StringComparison.Ordinal);
        Assert.Contains("Date et heure de la signature (UTC) : 2025-03-14T09:26:53+00:00", last, StringComparison.Ordinal);
        Assert.Contains(ContractPdfSamples.ChainHash, last, StringComparison.Ordinal);
        Assert.Contains("page 4 sur 4", last, StringComparison.Ordinal);
        Assert.DoesNotContain("Résumé des preuves de signature", before, StringComparison.Ordinal);
        Assert.DoesNotContain(ContractPdfSamples.Sha256, before, StringComparison.Ordinal);
    }

    [Fact]
    public void EnglishSample_ReadsInEnglishWithTheContributionAndBothConsentsOnItsLastPage()
    {
        var document = ContractPdfSamples.English();
        using var tools = new PdfTools(ContractPdfRenderer.Render(document));

        var text = Flat(tools.Text());
        var last = Flat(tools.Text(3, 3));

        Assert.Contains(document.Contract.Title, text, StringComparison.Ordinal);
        Assert.All(document.Contract.Sections, s => Assert.Contains(s.Heading, text, StringComparison.Ordinal));
        Assert.Contains("page 1 / 3", text, StringComparison.Ordinal);
        Assert.StartsWith("Signature evidence summary", last, StringComparison.Ordinal);
        Assert.Contains($"SHA-256 of the contract text: {ContractPdfSamples.Sha256}", last, StringComparison.Ordinal);
        Assert.Contains("Chosen contribution: Non-financial: I will give two hours a month to the food bank of my town until the summer.", last, StringComparison.Ordinal);
        Assert.Contains("I understood the nature of the support: yes", last, StringComparison.Ordinal);
        Assert.Contains("Consent to supervision: yes", last, StringComparison.Ordinal);
        Assert.Contains("page 3 / 3", last, StringComparison.Ordinal);
    }

    [Fact]
    public void LongContract_NumbersItsThirteenPagesAndEndsWithTheEvidence()
    {
        using var tools = new PdfTools(ContractPdfRenderer.Render(ContractPdfSamples.French(ContractPdfSamples.LongContract(20))));

        var text = Flat(tools.Text());

        Assert.Contains("page 1 sur 13", text, StringComparison.Ordinal);
        Assert.Contains("page 13 sur 13", text, StringComparison.Ordinal);
        Assert.DoesNotContain("page 14", text, StringComparison.Ordinal);
        Assert.StartsWith("Résumé des preuves de signature", Flat(tools.Text(13, 13)), StringComparison.Ordinal);
        Assert.Equal(0, tools.QpdfCheck().ExitCode);
    }

    [Fact]
    public void ParagraphOf5000CharactersAndAWordOf300_AreFoundWhole()
    {
        var document = ContractPdfSamples.WithAnnex(ContractPdfSamples.Paragraph5000, ContractPdfSamples.Word300, ContractPdfSamples.LongUrl);
        using var tools = new PdfTools(ContractPdfRenderer.Render(document));

        // The paragraph runs over a page break: the page number printed there is not part of it.
        var text = NoWhitespace(PageNumber().Replace(tools.Text(), ""));

        Assert.Contains(NoWhitespace(ContractPdfSamples.Paragraph5000), text, StringComparison.Ordinal);
        Assert.Contains(ContractPdfSamples.Word300, text, StringComparison.Ordinal);
        Assert.Contains(ContractPdfSamples.LongUrl, text, StringComparison.Ordinal);
        Assert.Equal(0, tools.QpdfCheck().ExitCode);
    }
}
