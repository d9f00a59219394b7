using Solidaire.Core.Dossiers;
using Solidaire.Core.Intake;
using static Solidaire.Core.Tests.Intake.IntakeBody;

namespace Solidaire.Core.Tests.Intake;

/// <summary>
/// The form must not become a relay: what it echoes to the address typed in it (the first name)
/// cannot carry a message, and no field can hide characters that change what a reader sees or split
/// one client into several look-alike addresses (issue 7).
/// </summary>
public sealed class IntakeFormAbuseTests
{
    private const string NameProblem = "Must be a name: letters, spaces, apostrophes, hyphens and periods only.";

    // --- Names look like names ---

    [Theory]
    [InlineData("Amélie")]
    [InlineData("Zoë")]
    [InlineData("O'Brien")]
    [InlineData("D\u2019Artagnan")] // typographic apostrophe
    [InlineData("Jean-Pierre")]
    [InlineData("J.-P.")]
    [InlineData("A.J.")]
    [InlineData("St. Clair")]
    [InlineData("Nguyễn Văn An")]
    [InlineData("José María")]
    [InlineData("Ó Súilleabháin")]
    [InlineData("Þórr")]
    [InlineData("Ng'ang'a")]
    [InlineData("\u02BBIolani")] // ʻokina, a modifier letter
    [InlineData("李小龙")]
    [InlineData("Мария")]
    [InlineData("محمد")]
    [InlineData("प्रिया")] // Devanagari with its combining vowel signs
    [InlineData("Ame\u0301lie")] // decomposed: a combining mark after a letter
    public void Parse_WhenNameIsAnInternationalName_AcceptsIt(string name)
    {
        var outcome = ParseWith("firstName", name);

        Assert.True(outcome.IsSuccess, string.Join("; ", outcome.Failure?.Errors?.SelectMany(e => e.Value) ?? []));
    }

    [Theory]
    [InlineData("Paul, verify your account at https://bank.example/login")]
    [InlineData("Paul verify your account at bank.example")]
    [InlineData("Paul2")]
    [InlineData("Paul: call")]
    [InlineData("Paul/Jean")]
    [InlineData("<b>Paul</b>")]
    [InlineData("Paul @ home")]
    [InlineData("Paul 🙂")]
    [InlineData("Paul!")]
    [InlineData("-")]
    [InlineData(". '")]
    [InlineData("\u0301Paul")] // a mark with nothing to combine with
    public void Parse_WhenNameCarriesMoreThanAName_RefusesIt(string name)
    {
        var errors = Errors(ParseWith("firstName", name));

        Assert.Equal([NameProblem], errors["firstName"]);
    }

    [Fact]
    public void Parse_WhenLastNameCarriesAnAddress_RefusesIt()
    {
        var errors = Errors(ParseWith("lastName", "Durand www.bank.example"));

        Assert.Equal([NameProblem], errors["lastName"]);
    }

    // --- Invisible formatting ---

    [Theory]
    [InlineData("firstName", "Paul\u202Eenil")] // right-to-left override
    [InlineData("firstName", "Pa\u200Bul")] // zero-width space
    [InlineData("lastName", "Du\u2060rand")] // word joiner
    [InlineData("lastName", "Du\u00ADrand")] // soft hyphen
    [InlineData("organisation", "Atelier\u2066Durand\u2069")] // isolates
    [InlineData("phone", "+33\u200E6 12 34 56 78")] // left-to-right mark
    [InlineData("organisation", "Atelier\u2028Durand")] // line separator
    [InlineData("situation", "Une situation assez longue \u202E pour passer la limite.")]
    [InlineData("situation", "Une situation assez longue \u2029 pour passer la limite.")] // paragraph separator
    [InlineData("availability", "Le mardi\u200B matin")]
    public void Parse_WhenATextFieldHidesFormatCharacters_RefusesIt(string field, string value)
    {
        var errors = Errors(ParseWith(field, value));

        Assert.Equal(["Must not contain invisible formatting characters."], errors[field]);
    }

    [Theory]
    [InlineData("amelie\u200B@example.org")]
    [InlineData("amelie@exa\u200Dmple.org")]
    [InlineData("amelie@example.org\u202E")]
    public void Parse_WhenEmailHidesFormatCharacters_RefusesIt(string email)
    {
        var errors = Errors(ParseWith("email", email));

        Assert.Single(errors["email"]);
    }

    [Fact]
    public void Parse_WhenSituationHasOrdinaryLineBreaks_KeepsThem()
    {
        var form = Form(ParseWith("situation", "Première ligne assez longue.\r\nDeuxième ligne."));

        Assert.Contains("\r\n", form.Situation, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenSituationHasAnEmojiSequenceJoinedByZeroWidthJoiner_KeepsIt()
    {
        var facepalm = "\U0001F926\u200D\u2640\uFE0F";

        var form = Form(ParseWith("situation", "Je ne sais plus quoi faire " + facepalm + " vraiment."));

        Assert.Contains(facepalm, form.Situation, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenSituationHasAZeroWidthJoinerBetweenLetters_RefusesIt()
    {
        var errors = Errors(ParseWith("situation", "Une situation assez lon\u200Dgue pour passer la limite."));

        Assert.Equal(["Must not contain invisible formatting characters."], errors["situation"]);
    }

    // --- One spelling per address ---

    [Fact]
    public void Parse_WhenEmailIsFullWidth_GivesItsAsciiSpelling()
    {
        var form = Form(ParseWith("email", "ａｍｅｌｉｅ＠ｅｘａｍｐｌｅ．ｏｒｇ"));

        Assert.Equal("amelie@example.org", form.Email);
    }

    [Fact]
    public void Parse_WhenEmailDomainIsInternational_GivesItsAsciiForm()
    {
        var form = Form(ParseWith("email", "amelie@Bücher.example"));

        Assert.Equal("amelie@xn--bcher-kva.example", form.Email);
    }

    [Theory]
    [InlineData("amélie@example.org")]
    [InlineData("\u0430melie@example.org")] // Cyrillic а
    [InlineData("amelie\u00A0@example.org")]
    public void Parse_WhenEmailLocalPartIsNotPrintableAscii_RefusesIt(string email)
    {
        var errors = Errors(ParseWith("email", email));

        Assert.Single(errors["email"]);
    }

    [Fact]
    public void NormalizeEmail_GivesFullWidthAndInternationalSpellingsTheirAsciiAddress()
    {
        Assert.Equal(DossierId.NormalizeEmail("amelie@example.org"), DossierId.NormalizeEmail("ＡＭＥＬＩＥ＠ＥＸＡＭＰＬＥ．ＯＲＧ"));
        Assert.Equal(DossierId.NormalizeEmail("amelie@xn--bcher-kva.example"), DossierId.NormalizeEmail("Amelie@BÜCHER.example"));
    }

    // --- The idempotency fingerprint ---

    [Fact]
    public void CanonicalText_WhenALineBreakMovesBetweenTwoFields_Differs()
    {
        var form = Form(Parse(Valid()));
        var first = form with { Situation = "S\nfr\nT", PreferredLanguage = "fr", Availability = "U" };
        var second = form with { Situation = "S", PreferredLanguage = "fr", Availability = "T\nfr\nU" };

        Assert.NotEqual(first.CanonicalText(), second.CanonicalText());
    }

    [Fact]
    public void CanonicalText_WhenAnOptionalFieldIsAbsentOrEmpty_Differs()
    {
        var form = Form(Parse(Valid()));

        Assert.NotEqual((form with { Phone = null }).CanonicalText(), (form with { Phone = "" }).CanonicalText());
    }

    [Fact]
    public void CanonicalText_WhenOnlyTheAddressSpellingDiffers_IsTheSame()
    {
        var form = Form(Parse(Valid()));

        Assert.Equal((form with { Email = "Amelie@Example.org" }).CanonicalText(), (form with { Email = "amelie@example.org" }).CanonicalText());
    }
}
