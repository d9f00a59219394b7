using Solidaire.Core.Intake;
using Solidaire.Core.Outcomes;
using static Solidaire.Core.Tests.Intake.IntakeBody;

namespace Solidaire.Core.Tests.Intake;

public sealed class IntakeFormTests
{
    // --- A valid body ---

    [Fact]
    public void Parse_WhenBodyIsValid_ReturnsTheForm()
    {
        var form = Form(Parse(Valid()));

        Assert.Equal("Amélie", form.FirstName);
        Assert.Equal("Durand", form.LastName);
        Assert.Equal("amelie.durand@example.org", form.Email);
        Assert.Equal("+33 6 12 34 56 78", form.Phone);
        Assert.Equal(ClientRole.Manager, form.Role);
        Assert.Equal("Atelier Durand", form.Organisation);
        Assert.Equal("Je traverse une période difficile avec mon équipe.", form.Situation);
        Assert.Equal("fr", form.PreferredLanguage);
        Assert.Equal("Le mardi matin", form.Availability);
        Assert.Equal(TimeSpan.FromSeconds(42), form.FormDuration);
    }

    [Fact]
    public void Parse_WhenTextHasSurroundingWhitespace_TrimsIt()
    {
        var form = Form(ParseWith("firstName", "  \t Amélie \n "));

        Assert.Equal("Amélie", form.FirstName);
    }

    [Fact]
    public void Parse_WhenTextIsDecomposed_NormalisesItToNfc()
    {
        var form = Form(ParseWith("firstName", "Ame\u0301lie"));

        Assert.Equal("Am\u00e9lie", form.FirstName);
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("organisation")]
    [InlineData("availability")]
    [InlineData("website")]
    public void Parse_WhenOptionalFieldIsMissing_AcceptsTheBody(string field)
    {
        var outcome = ParseWithout(field);

        Assert.True(outcome.IsSuccess);
    }

    [Fact]
    public void Parse_WhenOptionalFieldIsOnlyWhitespace_TreatsItAsAbsent()
    {
        var form = Form(ParseWith("organisation", "   "));

        Assert.Null(form.Organisation);
    }

    // --- Required fields ---

    [Theory]
    [InlineData("firstName")]
    [InlineData("lastName")]
    [InlineData("email")]
    [InlineData("role")]
    [InlineData("situation")]
    [InlineData("preferredLanguage")]
    [InlineData("formDurationMs")]
    public void Parse_WhenRequiredFieldIsMissing_RefusesThatFieldOnly(string field)
    {
        var errors = Errors(ParseWithout(field));

        Assert.Equal([field], errors.Keys);
        Assert.Equal(["Required."], errors[field]);
    }

    [Theory]
    [InlineData("firstName")]
    [InlineData("lastName")]
    [InlineData("email")]
    [InlineData("situation")]
    public void Parse_WhenRequiredFieldIsNull_RefusesItAsRequired(string field)
    {
        var errors = Errors(ParseWith(field, null));

        Assert.Equal(["Required."], errors[field]);
    }

    [Theory]
    [InlineData("firstName")]
    [InlineData("lastName")]
    [InlineData("situation")]
    public void Parse_WhenRequiredFieldIsOnlyWhitespace_RefusesItAsRequired(string field)
    {
        var errors = Errors(ParseWith(field, " \u00a0 "));

        Assert.Equal(["Required."], errors[field]);
    }

    [Fact]
    public void Parse_WhenBodyIsEmpty_ListsEveryRequiredField()
    {
        var errors = Errors(Parse([]));

        Assert.Equal(
            ["acknowledgesNotTherapy", "consentToProcessing", "email", "firstName", "formDurationMs", "lastName", "preferredLanguage", "role", "situation"],
            errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_WhenRefused_FailsWithValidationCode()
    {
        var outcome = ParseWithout("email");

        Assert.Equal(FailureKind.Invalid, outcome.Failure!.Kind);
        Assert.Equal("validation_failed", outcome.Failure.Code);
    }

    // --- Unknown fields ---

    [Theory]
    [InlineData("age")]
    [InlineData("healthCondition")]
    [InlineData("FirstName")] // field names are case-sensitive
    public void Parse_WhenFieldIsUnknown_RefusesThatFieldName(string field)
    {
        var errors = Errors(ParseWith(field, "x"));

        Assert.Equal([field], errors.Keys);
        Assert.Equal(["This field is not accepted."], errors[field]);
    }

    // --- JSON types ---

    [Theory]
    [InlineData("firstName")]
    [InlineData("email")]
    [InlineData("situation")]
    [InlineData("phone")]
    public void Parse_WhenTextFieldIsANumber_RefusesItAsNotAString(string field)
    {
        var errors = Errors(ParseWith(field, 42));

        Assert.Equal(["Must be a string."], errors[field]);
    }

    [Fact]
    public void Parse_WhenTextFieldIsAnArray_RefusesItAsNotAString()
    {
        var errors = Errors(ParseWith("lastName", new[] { "Durand" }));

        Assert.Equal(["Must be a string."], errors["lastName"]);
    }

    [Theory]
    [InlineData("consentToProcessing")]
    [InlineData("acknowledgesNotTherapy")]
    public void Parse_WhenBooleanIsTheStringTrue_RefusesIt(string field)
    {
        var errors = Errors(ParseWith(field, "true"));

        Assert.Equal(["Must be true or false."], errors[field]);
    }

    [Theory]
    [InlineData("consentToProcessing")]
    [InlineData("acknowledgesNotTherapy")]
    public void Parse_WhenBooleanIsANumber_RefusesIt(string field)
    {
        var errors = Errors(ParseWith(field, 1));

        Assert.Equal(["Must be true or false."], errors[field]);
    }

    [Theory]
    [InlineData(1500.5)]
    [InlineData(-1)]
    [InlineData("1500")]
    [InlineData(true)]
    public void Parse_WhenFormDurationIsNotAWholeNonNegativeNumber_RefusesIt(object value)
    {
        var errors = Errors(ParseWith("formDurationMs", value));

        Assert.Equal(["Must be a whole number of milliseconds."], errors["formDurationMs"]);
    }

    [Fact]
    public void Parse_WhenFormDurationIsZero_AcceptsIt()
    {
        var form = Form(ParseWith("formDurationMs", 0));

        Assert.Equal(TimeSpan.Zero, form.FormDuration);
    }

    [Fact]
    public void Parse_WhenFormDurationIsHuge_CapsItAtOneYear()
    {
        var form = Form(ParseWith("formDurationMs", long.MaxValue));

        Assert.Equal(TimeSpan.FromDays(365), form.FormDuration);
    }

    // --- Consent and acknowledgement ---

    [Theory]
    [InlineData("consentToProcessing")]
    [InlineData("acknowledgesNotTherapy")]
    public void Parse_WhenConsentIsFalse_RefusesIt(string field)
    {
        var errors = Errors(ParseWith(field, false));

        Assert.Equal([field], errors.Keys);
        Assert.Equal(["Must be accepted."], errors[field]);
    }

    [Theory]
    [InlineData("consentToProcessing")]
    [InlineData("acknowledgesNotTherapy")]
    public void Parse_WhenConsentIsMissing_RefusesIt(string field)
    {
        var errors = Errors(ParseWithout(field));

        Assert.Equal(["Must be accepted."], errors[field]);
    }

    // --- Control characters ---

    [Theory]
    [InlineData("firstName", "Amé\nlie")]
    [InlineData("lastName", "Du\trand")]
    [InlineData("email", "amelie\u0000@example.org")]
    [InlineData("organisation", "Atelier\u0007Durand")]
    [InlineData("phone", "+33 6\r12 34 56 78")]
    public void Parse_WhenOneLineFieldHasControlCharacter_RefusesIt(string field, string value)
    {
        var errors = Errors(ParseWith(field, value));

        Assert.Equal(["Must not contain control characters."], errors[field]);
    }

    [Fact]
    public void Parse_WhenSituationHasNewlinesAndTabs_KeepsThem()
    {
        const string situation = "Première ligne de ma situation.\r\nDeuxième ligne,\tavec une tabulation.";

        var form = Form(ParseWith("situation", situation));

        Assert.Equal(situation, form.Situation);
    }

    [Fact]
    public void Parse_WhenSituationHasOtherControlCharacter_RefusesIt()
    {
        var errors = Errors(ParseWith("situation", "Une situation assez longue\u0001 pour passer."));

        Assert.Equal(["Must not contain control characters."], errors["situation"]);
    }

    [Fact]
    public void Parse_WhenHoneypotHasControlCharacters_PassesItThrough()
    {
        var form = Form(ParseWith("website", "http://spam.example/\u0001"));

        Assert.Equal("http://spam.example/\u0001", form.Honeypot);
    }

    // --- Lengths (counted in Unicode scalar values) ---

    [Fact]
    public void Parse_WhenSituationIsShorterThan20Characters_RefusesSituation()
    {
        var errors = Errors(ParseWith("situation", new string('a', 19)));

        Assert.Equal(["Must be at least 20 characters."], errors["situation"]);
    }

    [Fact]
    public void Parse_WhenSituationIs20Characters_AcceptsIt()
    {
        var form = Form(ParseWith("situation", new string('a', 20)));

        Assert.Equal(20, form.Situation.Length);
    }

    [Fact]
    public void Parse_WhenSituationIs19CharactersOneOfThemAnEmoji_RefusesSituation()
    {
        // 18 letters + 🙂 = 19 characters but 20 UTF-16 code units: the emoji counts once.
        var errors = Errors(ParseWith("situation", new string('a', 18) + "🙂"));

        Assert.Equal(["Must be at least 20 characters."], errors["situation"]);
    }

    [Fact]
    public void Parse_WhenSituationIs20CharactersEndingWithAnEmoji_AcceptsIt()
    {
        var outcome = ParseWith("situation", new string('a', 19) + "🙂");

        Assert.True(outcome.IsSuccess);
    }

    [Fact]
    public void Parse_WhenSituationIs19DecomposedAccents_CountsThemAfterNormalisation()
    {
        // 19 × "e + combining acute" is 38 code units before NFC, 19 characters after.
        var errors = Errors(ParseWith("situation", string.Concat(Enumerable.Repeat("e\u0301", 19))));

        Assert.Equal(["Must be at least 20 characters."], errors["situation"]);
    }

    [Fact]
    public void Parse_WhenSituationIsPaddedToTwentyWithSpaces_RefusesSituation()
    {
        var errors = Errors(ParseWith("situation", "   " + new string('a', 19) + "   "));

        Assert.True(errors.ContainsKey("situation"));
    }

    [Fact]
    public void Parse_WhenFirstNameIs100Characters_AcceptsIt()
    {
        var form = Form(ParseWith("firstName", new string('a', 100)));

        Assert.Equal(100, form.FirstName.Length);
    }

    [Fact]
    public void Parse_WhenFirstNameIs101Characters_RefusesFirstName()
    {
        var errors = Errors(ParseWith("firstName", new string('a', 101)));

        Assert.Equal(["Must be at most 100 characters."], errors["firstName"]);
    }

    [Fact]
    public void Parse_WhenFirstNameIs100LettersOutsideTheBmp_AcceptsItAsHundredCharacters()
    {
        var outcome = ParseWith("firstName", string.Concat(Enumerable.Repeat("\U00020000", 100)));

        Assert.True(outcome.IsSuccess);
    }

    [Fact]
    public void Parse_WhenSituationIs4000Characters_AcceptsIt()
    {
        var form = Form(ParseWith("situation", new string('a', 4000)));

        Assert.Equal(4000, form.Situation.Length);
    }

    [Fact]
    public void Parse_WhenSituationIs4001Characters_RefusesSituation()
    {
        var errors = Errors(ParseWith("situation", new string('a', 4001)));

        Assert.Equal(["Must be at most 4000 characters."], errors["situation"]);
    }

    // --- Email ---

    [Theory]
    [InlineData("a@b.org", "a@b.org")]
    [InlineData("amelie.durand+coaching@example.co.uk", "amelie.durand+coaching@example.co.uk")]
    [InlineData("Amelie.Durand@Example.ORG", "Amelie.Durand@example.org")] // the domain has one spelling; the local part is the mailbox's
    [InlineData("a-b_c@mail.sub-domain.example", "a-b_c@mail.sub-domain.example")]
    public void Parse_WhenEmailIsWellFormed_AcceptsItInItsCanonicalForm(string email, string canonical)
    {
        var form = Form(ParseWith("email", email));

        Assert.Equal(canonical, form.Email);
    }

    [Fact]
    public void Parse_WhenEmailLocalPartIs64Characters_AcceptsIt()
    {
        var outcome = ParseWith("email", new string('a', 64) + "@example.org");

        Assert.True(outcome.IsSuccess);
    }

    [Theory]
    [InlineData("amelie.example.org")] // no @
    [InlineData("amelie@@example.org")] // two @ together
    [InlineData("amelie@durand@example.org")] // two @
    [InlineData("amelie durand@example.org")] // space
    [InlineData("Amélie <amelie@example.org>")] // display-name form
    [InlineData("Amelie<amelie@example.org>")] // display-name form without space
    [InlineData("amelie@example")] // no dot in domain
    [InlineData("amelie@.example.org")]
    [InlineData("amelie@example.org.")]
    [InlineData("amelie@example..org")]
    [InlineData("@example.org")]
    [InlineData("amelie@exa_mple.org")]
    public void Parse_WhenEmailIsMalformed_RefusesEmail(string email)
    {
        var errors = Errors(ParseWith("email", email));

        Assert.Equal(["Must be an email address."], errors["email"]);
    }

    [Fact]
    public void Parse_WhenEmailLocalPartIs65Characters_RefusesEmail()
    {
        var errors = Errors(ParseWith("email", new string('a', 65) + "@example.org"));

        Assert.Equal(["Must be an email address."], errors["email"]);
    }

    [Fact]
    public void Parse_WhenEmailIsLongerThan254Characters_RefusesEmail()
    {
        var errors = Errors(ParseWith("email", "a@" + new string('b', 249) + ".org"));

        Assert.Equal(["Must be at most 254 characters."], errors["email"]);
    }

    [Fact]
    public void NormalizeEmail_TrimsComposesAndLowercases()
    {
        var normalized = Core.Dossiers.DossierId.NormalizeEmail("  Ame\u0301lie.DURAND@Example.ORG \n");

        Assert.Equal("am\u00e9lie.durand@example.org", normalized);
    }

    [Fact]
    public void NormalizeEmail_WhenTwoSpellingsDifferOnlyInCaseAndForm_GivesTheSameAddress()
    {
        Assert.Equal(Core.Dossiers.DossierId.NormalizeEmail("am\u00e9lie@example.org"), Core.Dossiers.DossierId.NormalizeEmail("AME\u0301LIE@EXAMPLE.ORG"));
    }

    // --- Phone ---

    [Theory]
    [InlineData("+33 6 12 34 56 78")]
    [InlineData("06.12.34.56.78")]
    [InlineData("(01) 23-45-67-89")]
    [InlineData("12345")]
    public void Parse_WhenPhoneIsWellFormed_AcceptsIt(string phone)
    {
        var form = Form(ParseWith("phone", phone));

        Assert.Equal(phone, form.Phone);
    }

    [Theory]
    [InlineData("1234")] // fewer than 5 digits
    [InlineData("06 12 34 56 78 poste 12")] // letters
    [InlineData("+33/6/12/34/56")] // slash
    [InlineData("０６１２３４５６７８")] // full-width digits
    public void Parse_WhenPhoneIsMalformed_RefusesPhone(string phone)
    {
        var errors = Errors(ParseWith("phone", phone));

        Assert.Equal(["Must be a phone number (digits, spaces, + ( ) . -)."], errors["phone"]);
    }

    [Fact]
    public void Parse_WhenPhoneIsLongerThan40Characters_RefusesPhone()
    {
        var errors = Errors(ParseWith("phone", new string('1', 41)));

        Assert.Equal(["Must be at most 40 characters."], errors["phone"]);
    }

    // --- Enumerations ---

    [Theory]
    [InlineData("executive", ClientRole.Executive)]
    [InlineData("manager", ClientRole.Manager)]
    [InlineData("employee", ClientRole.Employee)]
    [InlineData("self_employed", ClientRole.SelfEmployed)]
    [InlineData("other", ClientRole.Other)]
    public void Parse_WhenRoleIsKnown_MapsIt(string role, ClientRole expected)
    {
        var form = Form(ParseWith("role", role));

        Assert.Equal(expected, form.Role);
    }

    [Theory]
    [InlineData("Manager")]
    [InlineData("ceo")]
    [InlineData("SelfEmployed")]
    public void Parse_WhenRoleIsUnknown_RefusesRoleListingTheChoices(string role)
    {
        var errors = Errors(ParseWith("role", role));

        Assert.Equal(["Must be one of: executive, manager, employee, self_employed, other."], errors["role"]);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Parse_WhenPreferredLanguageIsFrenchOrEnglish_AcceptsIt(string language)
    {
        var form = Form(ParseWith("preferredLanguage", language));

        Assert.Equal(language, form.PreferredLanguage);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("FR")]
    [InlineData("En")]
    public void Parse_WhenPreferredLanguageIsAnotherTwoLetterCode_RefusesIt(string language)
    {
        var errors = Errors(ParseWith("preferredLanguage", language));

        Assert.Equal(["Must be fr or en."], errors["preferredLanguage"]);
    }

    [Fact]
    public void Parse_WhenPreferredLanguageIsLongerThanTwoLetters_RefusesIt()
    {
        var errors = Errors(ParseWith("preferredLanguage", "fra"));

        Assert.Equal(["Must be at most 2 characters."], errors["preferredLanguage"]);
    }

    // --- Honeypot ---

    [Fact]
    public void Parse_WhenHoneypotIsFilled_PassesItThroughForTheCallerToJudge()
    {
        var form = Form(ParseWith("website", "http://spam.example"));

        Assert.Equal("http://spam.example", form.Honeypot);
    }

    [Fact]
    public void Parse_WhenHoneypotIsEmpty_LeavesItNull()
    {
        var form = Form(ParseWith("website", ""));

        Assert.Null(form.Honeypot);
    }

    // --- Invalid Unicode ---

    [Theory]
    [InlineData("firstName", "\\ud800")]
    [InlineData("situation", "Une situation assez longue pour passer \\udc00 la limite.")]
    [InlineData("website", "\\udbff")]
    public void Parse_WhenStringHasLoneSurrogateEscape_RefusesItInsteadOfThrowing(string field, string escaped)
    {
        var errors = Errors(ParseWithEscaped(field, escaped));

        Assert.Equal(["Must be valid Unicode text."], errors[field]);
    }

    [Fact]
    public void Parse_WhenStringHasAPairedSurrogateEscape_AcceptsIt()
    {
        var form = Form(ParseWithEscaped("firstName", "Am\\ud840\\udc00")); // U+20000, a CJK letter outside the BMP

        Assert.Equal("Am\U00020000", form.FirstName);
    }

    [Fact]
    public void Parse_WhenFieldNameHasLoneSurrogateEscape_RefusesItInsteadOfThrowing()
    {
        var outcome = ParseWithEscaped("\\ud800", "x");

        Assert.False(outcome.IsSuccess);
    }

    // --- Priority ---

    [Theory]
    [InlineData("executive", true)]
    [InlineData("manager", true)]
    [InlineData("employee", false)]
    [InlineData("self_employed", false)]
    [InlineData("other", false)]
    public void HasPriority_IsTrueOnlyForExecutivesAndManagers(string role, bool expected)
    {
        var form = Form(ParseWith("role", role));

        Assert.Equal(expected, form.HasPriority);
    }
}
