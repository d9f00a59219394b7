using Solidaire.Core.Email;
using Solidaire.Core.Erasure;

namespace Solidaire.Core.Tests.Email;

/// <summary>The erasure emails, and the line under every email to a client that leads to erasure (GDPR Art. 17).</summary>
public sealed class ErasureEmailTemplatesTests
{
    private const string Reference = "7KQ2-M9XD-4TZB";
    private const string ErasureLink = "https://solidaire.example/erasure.html";

    [Theory]
    [InlineData("fr", "Effacer mes données : " + ErasureLink, ">Effacer mes données</a>")]
    [InlineData("en", "Erase my data: " + ErasureLink, ">Erase my data</a>")]
    public void EmailsToAClient_EndWithTheErasureLink(string language, string text, string html)
    {
        EmailContent[] toClient =
        [
            EmailTemplates.IntakeAcknowledgement(language, "Amélie", Reference, 90, urgent: false, ErasureLink),
            EmailTemplates.ClientCoachFound(language, "Amélie", Reference, "Claire", ErasureLink),
            EmailTemplates.ClientDeclined(language, "Amélie", Reference, null, 90, ErasureLink),
            EmailTemplates.ContractLink(language, "Amélie", Reference, "Claire", "https://x.example/contract.html#token=a", DateTimeOffset.UnixEpoch, ErasureLink),
            EmailTemplates.ClosureThanks(language, "Amélie", Reference, "Claire", "https://x.example/feedback.html#token=a", DateTimeOffset.UnixEpoch, ErasureLink),
            EmailTemplates.LapsedToClient(language, "Amélie", Reference, "https://x.example/", ErasureLink),
            EmailTemplates.SessionInvitation(language, "Amélie", Reference, DateTimeOffset.UnixEpoch, 60, "phone", null, Solidaire.Core.Sessions.SessionChange.New, toCoach: false, ErasureLink),
        ];

        Assert.All(toClient, email =>
        {
            Assert.EndsWith(text + Environment.NewLine, email.Text, StringComparison.Ordinal);
            Assert.Contains(html, System.Net.WebUtility.HtmlDecode(email.Html), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void EmailsToTheCoach_HaveNoErasureLink()
    {
        var invitation = EmailTemplates.SessionInvitation("fr", "Claire", Reference, DateTimeOffset.UnixEpoch, 60, "phone", null, Solidaire.Core.Sessions.SessionChange.New, toCoach: true, ErasureLink);

        Assert.DoesNotContain("erasure.html", invitation.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", "séances : 2", "conservé jusqu'au 2 janvier 2031", "17(3)(e)")]
    [InlineData("en", "sessions: 2", "kept until 2 January 2031", "17(3)(e)")]
    public void ErasureDone_SaysWhatWasDestroyed_WhatIsKept_WhyAndUntilWhen(string language, string destroyed, string kept, string why)
    {
        var counts = new ErasureCounts(1, 1, 2, 0, 7, 0, 3);
        var email = EmailTemplates.ErasureDone(language, counts, [new KeptContract(Reference, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2031, 1, 2, 0, 0, 0, TimeSpan.Zero))], 5);

        Assert.Contains(destroyed, email.Text, StringComparison.Ordinal);
        Assert.Contains(kept, email.Text, StringComparison.Ordinal);
        Assert.Contains(why, email.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(language == "fr" ? "avis donnés" : "feedback answers", email.Text, StringComparison.Ordinal); // none: not listed
    }

    [Theory]
    [InlineData("fr", "5 ans après la fin de l'accompagnement")]
    [InlineData("en", "5 years after the support ended")]
    public void ErasureDone_ForAContractWhoseDateIsNotKnown_SaysItsPeriod(string language, string period)
    {
        var email = EmailTemplates.ErasureDone(language, ErasureCounts.None, [new KeptContract(Reference, DateTimeOffset.UnixEpoch, null)], 5);

        Assert.Contains(period, email.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public void ErasureCoachNotice_GivesTheReferenceOnly(string language)
    {
        var email = EmailTemplates.ErasureCoachNotice(language, "Claire", Reference);

        Assert.Contains(Reference, email.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("effac", email.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("erase", email.Text, StringComparison.OrdinalIgnoreCase);
    }
}
