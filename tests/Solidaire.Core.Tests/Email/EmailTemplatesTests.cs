using System.Net;
using System.Reflection;
using Solidaire.Core.Email;
using Solidaire.Core.Intake;

namespace Solidaire.Core.Tests.Email;

public sealed class EmailTemplatesTests
{
    private const string Reference = "7KQ2-M9XD-4TZB";

    // --- Acknowledgement to the client ---

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void IntakeAcknowledgement_GivesTheReferenceInSubjectTextAndHtml(string language)
    {
        var email = EmailTemplates.IntakeAcknowledgement(language, "Amélie", Reference, 90);

        Assert.Contains(Reference, email.Subject, StringComparison.Ordinal);
        Assert.Contains(Reference, email.Text, StringComparison.Ordinal);
        Assert.Contains(Reference, email.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "Bonjour Amélie,")]
    [InlineData("en", "Hello Amélie,")]
    public void IntakeAcknowledgement_GreetsTheClientByFirstName(string language, string greeting)
    {
        var email = EmailTemplates.IntakeAcknowledgement(language, "Amélie", Reference, 90);

        Assert.StartsWith(greeting, email.Text, StringComparison.Ordinal);
        Assert.Contains(greeting, WebUtility.HtmlDecode(email.Html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "appelez le 3114", "appelez le 15", "le 112")]
    [InlineData("en", "call 3114", "call 15", "112")]
    public void IntakeAcknowledgement_ListsTheEmergencyNumbers(string language, string suicide, string samu, string european)
    {
        var email = EmailTemplates.IntakeAcknowledgement(language, "Amélie", Reference, 90);

        Assert.Contains(suicide, email.Text, StringComparison.Ordinal);
        Assert.Contains(samu, email.Text, StringComparison.Ordinal);
        Assert.Contains(european, email.Text, StringComparison.Ordinal);
        Assert.Contains("3114", email.Html, StringComparison.Ordinal);
        Assert.Contains("112", email.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "Le coaching n'est ni une thérapie ni un soin médical")]
    [InlineData("en", "Coaching is not therapy or medical care")]
    public void IntakeAcknowledgement_SaysCoachingIsNotTherapy(string language, string sentence)
    {
        var email = EmailTemplates.IntakeAcknowledgement(language, "Amélie", Reference, 90);

        Assert.Contains(sentence, email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "détruites 90 jours après votre demande")]
    [InlineData("en", "destroyed 90 days after your request")]
    public void IntakeAcknowledgement_StatesTheRetentionPeriod(string language, string sentence)
    {
        var email = EmailTemplates.IntakeAcknowledgement(language, "Amélie", Reference, 90);

        Assert.Contains(sentence, email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "fr", "Nous avons bien reçu votre demande")]
    [InlineData("en", "en", "We have received your request")]
    [InlineData("de", "fr", "Nous avons bien reçu votre demande")] // anything but English is French
    public void IntakeAcknowledgement_IsWrittenInTheClientsLanguage(string asked, string language, string subjectStart)
    {
        var email = EmailTemplates.IntakeAcknowledgement(asked, "Amélie", Reference, 90);

        Assert.Equal(language, email.Language);
        Assert.StartsWith(subjectStart, email.Subject, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\">", email.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void IntakeAcknowledgement_WhenFirstNameIsAScript_EncodesItInHtml(string language)
    {
        var email = EmailTemplates.IntakeAcknowledgement(language, "<script>alert(1)</script>", Reference, 90);

        Assert.DoesNotContain("<script", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", email.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void IntakeAcknowledgement_WhenFirstNameHasQuoteAndAmpersand_EncodesThemInHtml(string language)
    {
        var email = EmailTemplates.IntakeAcknowledgement(language, "O'Brien & Co", Reference, 90);

        Assert.DoesNotContain("O'Brien & Co", email.Html, StringComparison.Ordinal);
        Assert.Contains("O&#39;Brien &amp; Co", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void IntakeAcknowledgement_WhenFirstNameHasMarkup_KeepsItAsWrittenInTheTextPart()
    {
        var email = EmailTemplates.IntakeAcknowledgement("en", "O'Brien & Co", Reference, 90);

        Assert.StartsWith("Hello O'Brien & Co,", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void IntakeAcknowledgement_DoesNotPutTheFirstNameInTheSubject()
    {
        var email = EmailTemplates.IntakeAcknowledgement("fr", "Amélie", Reference, 90);

        Assert.DoesNotContain("Amélie", email.Subject, StringComparison.Ordinal);
    }

    // --- Notice to the coordinators ---

    [Fact]
    public void CoordinatorNotice_TakesNoTextFromTheClient()
    {
        // Rule 11: the notice can carry no client words because it is given none: only the language,
        // the reference, whether it is urgent and the role.
        var parameters = typeof(EmailTemplates).GetMethod(nameof(EmailTemplates.CoordinatorNotice), BindingFlags.Public | BindingFlags.Static)!
            .GetParameters()
            .Select(p => (p.Name, p.ParameterType));

        Assert.Equal(
            [("language", typeof(string)), ("reference", typeof(string)), ("urgent", typeof(bool)), ("role", typeof(ClientRole))],
            parameters);
    }

    [Theory]
    [InlineData("fr", false)]
    [InlineData("fr", true)]
    [InlineData("en", false)]
    [InlineData("en", true)]
    public void CoordinatorNotice_GivesTheReference(string language, bool urgent)
    {
        var email = EmailTemplates.CoordinatorNotice(language, Reference, urgent, ClientRole.Employee);

        Assert.Contains(Reference, email.Subject, StringComparison.Ordinal);
        Assert.Contains(Reference, email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "URGENT : ")]
    [InlineData("en", "URGENT: ")]
    public void CoordinatorNotice_WhenUrgent_SaysUrgentInTheSubject(string language, string prefix)
    {
        var email = EmailTemplates.CoordinatorNotice(language, Reference, urgent: true, ClientRole.Employee);

        Assert.StartsWith(prefix, email.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "signaux de crise")]
    [InlineData("en", "Crisis signals")]
    public void CoordinatorNotice_WhenUrgent_AsksToLookNow(string language, string words)
    {
        var email = EmailTemplates.CoordinatorNotice(language, Reference, urgent: true, ClientRole.Employee);

        Assert.Contains(words, email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void CoordinatorNotice_WhenNotUrgent_DoesNotSayUrgent(string language)
    {
        var email = EmailTemplates.CoordinatorNotice(language, Reference, urgent: false, ClientRole.Executive);

        Assert.DoesNotContain("URGENT", email.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("URGENT", email.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("fr", "fr", "Bonjour,")]
    [InlineData("en", "en", "Hello,")]
    public void CoordinatorNotice_IsWrittenInTheStaffLanguage(string staffLanguage, string language, string greeting)
    {
        var email = EmailTemplates.CoordinatorNotice(staffLanguage, Reference, urgent: true, ClientRole.Employee);

        Assert.Equal(language, email.Language);
        Assert.StartsWith(greeting, email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", ClientRole.Manager, "prioritaire")]
    [InlineData("en", ClientRole.Executive, "served first")]
    public void CoordinatorNotice_ForAnExecutiveOrManager_SaysItIsServedFirst(string language, ClientRole role, string words)
    {
        var email = EmailTemplates.CoordinatorNotice(language, Reference, urgent: false, role);

        Assert.Contains(words, email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "prioritaire")]
    [InlineData("en", "served first")]
    public void CoordinatorNotice_ForAnEmployee_DoesNotSayItIsServedFirst(string language, string words)
    {
        var email = EmailTemplates.CoordinatorNotice(language, Reference, urgent: false, ClientRole.Employee);

        Assert.DoesNotContain(words, email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void CoordinatorNotice_PointsToTheConsoleForTheDetails()
    {
        var email = EmailTemplates.CoordinatorNotice("en", Reference, urgent: false, ClientRole.Employee);

        Assert.Contains("The details are in the coordinators' console, not in this email.", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void CoordinatorNotice_HoldsOnlyItsOwnFixedWords()
    {
        var email = EmailTemplates.CoordinatorNotice("en", Reference, urgent: false, ClientRole.Employee);

        Assert.Equal(
            string.Join(Environment.NewLine,
                "Hello,",
                "",
                $"A new request (reference {Reference}) is waiting in the coordinators' queue.",
                "",
                "It is queued by arrival.",
                "",
                "The details are in the coordinators' console, not in this email.",
                "",
                "Solidaire",
                ""),
            email.Text);
    }
}
