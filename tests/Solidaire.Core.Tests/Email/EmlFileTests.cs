using Solidaire.Core.Email;

namespace Solidaire.Core.Tests.Email;

public sealed class EmlFileTests
{
    private static readonly DateTimeOffset Sent = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private static OutgoingEmail Message(string subject = "Référence é ü 🙂", string text = "Bonjour Amélie,\n\nLigne deux 🙂\r\nFin.\n", string html = "<p>Bonjour Am&#233;lie, 🙂 «&nbsp;ok&nbsp;»</p>") =>
        new("msg-0123456789abcdef", "amelie.durand@example.org", "fr", subject, text, html);

    private static EmlFile RoundTrip(OutgoingEmail email) =>
        EmlFile.Read(EmlFile.Write(email, "noreply@solidaire.example", "Collectif Solidaire é", Sent));

    [Fact]
    public void Read_OfAWrittenEmail_GivesBackTheRecipient()
    {
        var eml = RoundTrip(Message());

        Assert.Equal("amelie.durand@example.org", eml.To);
    }

    [Theory]
    [InlineData("Référence é ü 🙂")]
    [InlineData("Plain ASCII subject (7KQ2-M9XD-4TZB)")]
    [InlineData("URGENT : une nouvelle demande attend un·e coordinateur·rice (7KQ2-M9XD-4TZB) — et un sujet assez long pour dépasser soixante-quinze caractères")]
    public void Read_OfAWrittenEmail_GivesBackTheSubject(string subject)
    {
        var eml = RoundTrip(Message(subject: subject));

        Assert.Equal(subject, eml.Subject);
    }

    [Fact]
    public void Write_WhenSubjectIsNotAscii_KeepsTheHeaderAscii()
    {
        var written = EmlFile.Write(Message(), "noreply@solidaire.example", "Solidaire", Sent);

        Assert.All(written, c => Assert.True(c < 128, $"U+{(int)c:X4} in the file"));
    }

    [Fact]
    public void Read_OfAWrittenEmail_GivesBackTheContentLanguage()
    {
        var eml = RoundTrip(Message());

        Assert.Equal("fr", eml.Language);
    }

    [Fact]
    public void Read_OfAWrittenEmail_GivesBackTheMessageIdHeader()
    {
        var eml = RoundTrip(Message());

        Assert.Equal("msg-0123456789abcdef", eml.MessageId);
        Assert.Equal("msg-0123456789abcdef", eml.Headers["X-Solidaire-Message-Id"]);
    }

    [Fact]
    public void Read_OfAWrittenEmail_GivesBackTheTextPartExactly()
    {
        var email = Message();

        var eml = RoundTrip(email);

        Assert.Equal(email.Text, eml.Text);
    }

    [Fact]
    public void Read_OfAWrittenEmail_GivesBackTheHtmlPartExactly()
    {
        var email = Message();

        var eml = RoundTrip(email);

        Assert.Equal(email.Html, eml.Html);
    }

    [Fact]
    public void Read_OfAWrittenEmail_GivesBackTheDate()
    {
        var eml = RoundTrip(Message());

        Assert.Equal(Sent, eml.Date);
    }

    [Fact]
    public void Read_OfAWrittenEmail_GivesBackTheSender()
    {
        var eml = RoundTrip(Message());

        Assert.Equal("Collectif Solidaire é <noreply@solidaire.example>", eml.Headers["From"]);
    }

    [Fact]
    public void Read_OfARenderedAcknowledgement_GivesBackBothParts()
    {
        var content = EmailTemplates.IntakeAcknowledgement("fr", "O'Brien & Co", "7KQ2-M9XD-4TZB", 90, urgent: false);
        var email = new OutgoingEmail("msg-1", "a@example.org", content.Language, content.Subject, content.Text, content.Html);

        var eml = RoundTrip(email);

        Assert.Equal((content.Subject, content.Text, content.Html), (eml.Subject, eml.Text, eml.Html));
    }
}
