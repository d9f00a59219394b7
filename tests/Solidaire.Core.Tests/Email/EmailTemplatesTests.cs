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
        var email = EmailTemplates.IntakeAcknowledgement(language, "Amélie", Reference, 90, urgent: false);

        Assert.Contains(Reference, email.Subject, StringComparison.Ordinal);
        Assert.Contains(Reference, email.Text, StringComparison.Ordinal);
        Assert.Contains(Reference, email.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "Bonjour Amélie,")]
    [InlineData("en", "Hello Amélie,")]
    public void IntakeAcknowledgement_GreetsTheClientByFirstName(string language, string greeting)
    {
        var email = EmailTemplates.IntakeAcknowledgement(language, "Amélie", Reference, 90, urgent: false);

        Assert.StartsWith(greeting, email.Text, StringComparison.Ordinal);
        Assert.Contains(greeting, WebUtility.HtmlDecode(email.Html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "appelez le 3114", "appelez le 15", "le 112", false)]
    [InlineData("en", "call 3114", "call 15", "112", false)]
    [InlineData("fr", "appelez le 3114", "appelez le 15", "le 112", true)]
    [InlineData("en", "call 3114", "call 15", "112", true)]
    public void IntakeAcknowledgement_ListsTheEmergencyNumbers(string language, string suicide, string samu, string european, bool urgent)
    {
        var email = EmailTemplates.IntakeAcknowledgement(language, "Amélie", Reference, 90, urgent);

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
        var email = EmailTemplates.IntakeAcknowledgement(language, "Amélie", Reference, 90, urgent: false);

        Assert.Contains(sentence, email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "détruites 90 jours après votre demande", false)]
    [InlineData("en", "destroyed 90 days after your request", false)]
    [InlineData("fr", "détruites 90 jours après votre demande", true)]
    [InlineData("en", "destroyed 90 days after your request", true)]
    public void IntakeAcknowledgement_StatesTheRetentionPeriod(string language, string sentence, bool urgent)
    {
        var email = EmailTemplates.IntakeAcknowledgement(language, "Amélie", Reference, 90, urgent);

        Assert.Contains(sentence, email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "fr", "Nous avons bien reçu votre demande")]
    [InlineData("en", "en", "We have received your request")]
    [InlineData("de", "fr", "Nous avons bien reçu votre demande")] // anything but English is French
    public void IntakeAcknowledgement_IsWrittenInTheClientsLanguage(string asked, string language, string subjectStart)
    {
        var email = EmailTemplates.IntakeAcknowledgement(asked, "Amélie", Reference, 90, urgent: false);

        Assert.Equal(language, email.Language);
        Assert.StartsWith(subjectStart, email.Subject, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\">", email.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void IntakeAcknowledgement_WhenFirstNameIsAScript_EncodesItInHtml(string language)
    {
        var email = EmailTemplates.IntakeAcknowledgement(language, "<script>alert(1)</script>", Reference, 90, urgent: false);

        Assert.DoesNotContain("<script", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", email.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void IntakeAcknowledgement_WhenFirstNameHasQuoteAndAmpersand_EncodesThemInHtml(string language)
    {
        var email = EmailTemplates.IntakeAcknowledgement(language, "O'Brien & Co", Reference, 90, urgent: false);

        Assert.DoesNotContain("O'Brien & Co", email.Html, StringComparison.Ordinal);
        Assert.Contains("O&#39;Brien &amp; Co", email.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void IntakeAcknowledgement_WhenFirstNameHasMarkup_KeepsItAsWrittenInTheTextPart()
    {
        var email = EmailTemplates.IntakeAcknowledgement("en", "O'Brien & Co", Reference, 90, urgent: false);

        Assert.StartsWith("Hello O'Brien & Co,", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void IntakeAcknowledgement_DoesNotPutTheFirstNameInTheSubject()
    {
        var email = EmailTemplates.IntakeAcknowledgement("fr", "Amélie", Reference, 90, urgent: false);

        Assert.DoesNotContain("Amélie", email.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "quelques jours")]
    [InlineData("en", "few days")]
    public void UrgentAcknowledgement_PromisesNoDelay(string language, string delay)
    {
        var email = EmailTemplates.IntakeAcknowledgement(language, "Amélie", Reference, 90, urgent: true);

        Assert.DoesNotContain(delay, email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(delay, email.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void UrgentAcknowledgement_PutsTheHelpNumbersBeforeAnythingElse(string language)
    {
        var email = EmailTemplates.IntakeAcknowledgement(language, "Amélie", Reference, 90, urgent: true);

        var help = email.Text.IndexOf("3114", StringComparison.Ordinal);
        Assert.True(help >= 0 && help < email.Text.IndexOf(Reference, StringComparison.Ordinal), email.Text);
        Assert.True(email.Html.IndexOf("3114", StringComparison.Ordinal) < email.Html.IndexOf("<p>" + (language == "en" ? "Your request" : "Votre demande"), StringComparison.Ordinal));
        Assert.Contains(Reference, email.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void UrgentAcknowledgement_DiffersFromTheOrdinaryOne()
    {
        var ordinary = EmailTemplates.IntakeAcknowledgement("fr", "Amélie", Reference, 90, urgent: false);
        var urgent = EmailTemplates.IntakeAcknowledgement("fr", "Amélie", Reference, 90, urgent: true);

        Assert.NotEqual(ordinary.Subject, urgent.Subject);
        Assert.Contains("en danger", urgent.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EnglishAcknowledgement_SaysContribution_NeverCounterpart(bool urgent)
    {
        var email = EmailTemplates.IntakeAcknowledgement("en", "Amélie", Reference, 90, urgent);

        Assert.DoesNotContain("counterpart", email.Text, StringComparison.OrdinalIgnoreCase);
        if (!urgent)
            Assert.Contains("your own contribution", email.Text, StringComparison.Ordinal);
    }

    // --- Notice to the coordinators ---

    [Fact]
    public void CoordinatorNotice_TakesNoTextFromTheClient()
    {
        // Rule 11: the notice can carry no client words because it is given none: only the language,
        // the reference, whether it is urgent, the role, whether the client was acknowledged, and the console's link.
        var parameters = typeof(EmailTemplates).GetMethod(nameof(EmailTemplates.CoordinatorNotice), BindingFlags.Public | BindingFlags.Static)!
            .GetParameters()
            .Select(p => (p.Name, p.ParameterType));

        Assert.Equal(
            [("language", typeof(string)), ("reference", typeof(string)), ("urgent", typeof(bool)), ("role", typeof(ClientRole)), ("acknowledged", typeof(bool)), ("consoleLink", typeof(string))],
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
    [InlineData("fr", "pas reçu d'accusé de réception")]
    [InlineData("en", "has not received an acknowledgement")]
    public void CoordinatorNotice_WhenTheAcknowledgementWasWithheld_AsksToWriteToThePerson(string language, string words)
    {
        var withheld = EmailTemplates.CoordinatorNotice(language, Reference, urgent: false, ClientRole.Employee, acknowledged: false);
        var sent = EmailTemplates.CoordinatorNotice(language, Reference, urgent: false, ClientRole.Employee, acknowledged: true);

        Assert.Contains(words, withheld.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(words, sent.Text, StringComparison.Ordinal);
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

public sealed class ClosureThanksTemplateTests
{
    private const string Reference = "7KQ2-M9XD-4TZB";
    private const string Url = "https://solidaire.example/feedback.html#token=abc.def";
    private static readonly DateTimeOffset Expires = new(2026, 12, 28, 9, 30, 0, TimeSpan.Zero);

    private static EmailContent Thanks(string language, string firstName = "Amélie", string coach = "Claire Martin", string url = Url) =>
        EmailTemplates.ClosureThanks(language, firstName, Reference, coach, url, Expires);

    [Theory]
    [InlineData("fr", "fr", "Bonjour Amélie,", "Merci")]
    [InlineData("en", "en", "Hello Amélie,", "Thank you")]
    [InlineData("de", "fr", "Bonjour Amélie,", "Merci")] // anything but English is French
    public void ClosureThanks_IsWrittenInTheClientsLanguage_AndThanksThem(string asked, string language, string greeting, string thanks)
    {
        var email = Thanks(asked);

        Assert.Equal(language, email.Language);
        Assert.StartsWith(greeting, email.Text, StringComparison.Ordinal);
        Assert.StartsWith(thanks, email.Subject, StringComparison.Ordinal);
        Assert.Contains(Reference, email.Subject, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\">", email.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "Donner mon avis", "28 décembre 2026")]
    [InlineData("en", "Give my feedback", "28 December 2026")]
    public void ClosureThanks_CarriesTheFeedbackLink_AndWhenItStopsWorking(string language, string action, string date)
    {
        var email = Thanks(language);

        Assert.Contains($"{action}: {Url}", email.Text, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{WebUtility.HtmlEncode(Url)}\">{action}</a>", email.Html, StringComparison.Ordinal);
        Assert.Contains(date, email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "facultatif", "anonyme", "trois réponses")]
    [InlineData("en", "optional", "anonymous", "three answers")]
    public void ClosureThanks_SaysFeedbackIsOptional_AndAnonymousToTheCoachExceptPutTogether(string language, string optional, string anonymous, string minimum)
    {
        var email = Thanks(language);

        Assert.Contains(optional, email.Text, StringComparison.Ordinal);
        Assert.Contains(anonymous, email.Text, StringComparison.Ordinal);
        Assert.Contains(minimum, email.Text, StringComparison.Ordinal);
        Assert.Contains("Claire Martin", email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "appelez le 3114")]
    [InlineData("en", "call 3114")]
    public void ClosureThanks_ListsTheEmergencyNumbers(string language, string suicide)
    {
        Assert.Contains(suicide, Thanks(language).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void EnglishClosureThanks_NeverSaysCounterpart()
    {
        var email = Thanks("en");

        Assert.DoesNotContain("counterpart", email.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("counterpart", email.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void ClosureThanks_EncodesEveryValueInHtml(string language)
    {
        var email = Thanks(language, firstName: "<script>alert(1)</script>", coach: "O'Brien & <b>Co</b>", url: "https://x.example/feedback.html#token=a\"><script>");

        Assert.DoesNotContain("<script", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", email.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", email.Html, StringComparison.Ordinal);
        Assert.Contains("O&#39;Brien &amp; &lt;b&gt;Co&lt;/b&gt;", email.Html, StringComparison.Ordinal);
        Assert.Contains("token=a&quot;&gt;&lt;script&gt;", email.Html, StringComparison.Ordinal);
    }
}

/// <summary>The emails of sessions and of an engagement's follow-up (issue 10).</summary>
public sealed class SessionEmailTemplatesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 14, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void SessionTime_IsTheCoachsClock_WithItsOffsetSaid()
    {
        Assert.Equal("jeudi 3 décembre 2026 à 14:00 (UTC+01:00)", EmailTemplates.SessionTime("fr", Start));
        Assert.Equal("Thursday 3 December 2026 at 14:00 (UTC+01:00)", EmailTemplates.SessionTime("en", Start));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void Invitation_ToTheClient_GivesTheTimeTheRoomAndHelp_InTheirLanguage(string language)
    {
        var email = EmailTemplates.SessionInvitation(language, "Amélie", "ABCD-EFGH-JKLM", Start, 60, "video", "https://visio.example.org/solidaire-x", Solidaire.Core.Sessions.SessionChange.New, toCoach: false);

        Assert.Contains("https://visio.example.org/solidaire-x", email.Text, StringComparison.Ordinal);
        Assert.Contains(language == "en" ? "Thursday 3 December 2026 at 14:00" : "jeudi 3 décembre 2026 à 14:00", email.Subject, StringComparison.Ordinal);
        Assert.Contains("3114", email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("counterpart", email.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", email.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void CancelledInvitation_SaysSo_AndGivesNoRoom()
    {
        var email = EmailTemplates.SessionInvitation("fr", "Amélie", "ABCD-EFGH-JKLM", Start, 60, "video", "https://visio.example.org/solidaire-x", Solidaire.Core.Sessions.SessionChange.Cancelled, toCoach: false);

        Assert.StartsWith("Séance annulée", email.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("solidaire-x", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void LapsedToClient_IsKind_LeavesTheDoorOpen_AndPutsNoBlame()
    {
        var fr = EmailTemplates.LapsedToClient("fr", "Amélie", "ABCD-EFGH-JKLM", "https://solidaire.example/");
        var en = EmailTemplates.LapsedToClient("en", "Amélie", "ABCD-EFGH-JKLM", "https://solidaire.example/");

        Assert.Contains("refaire une demande", fr.Text, StringComparison.Ordinal);
        Assert.Contains("welcome to ask", en.Text, StringComparison.Ordinal);
        Assert.Contains("3114", fr.Text, StringComparison.Ordinal);
    }
}
