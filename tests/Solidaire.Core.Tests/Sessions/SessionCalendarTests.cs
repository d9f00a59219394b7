using System.Text;
using Ical.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Solidaire.Core.Email;
using Solidaire.Core.Sessions;

namespace Solidaire.Core.Tests.Sessions;

/// <summary>Calendar invitations (RFC 5545 / iTIP): one VEVENT, stable UID, SEQUENCE and METHOD as the session changes.</summary>
public sealed class SessionCalendarTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 14, 0, 0, TimeSpan.FromHours(1));

    private static SessionInvitation Invitation(int sequence = 0, bool cancelled = false, string medium = "video") =>
        new("abc123@solidaire", sequence, cancelled, Start, 50, medium, medium == "video" ? "https://visio.example.org/solidaire-room" : null, "jeanne@example.org", ToCoach: false);

    private static Calendar Parse(SessionInvitation invitation, string language = "fr") =>
        Calendar.Load(SessionCalendar.Build(invitation, language, "noreply@solidaire.example", "Solidaire", new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero)))!;

    [Fact]
    public void AVideoSession_IsOneRequestedEvent_WithItsStartDurationUidAndRoom()
    {
        var calendar = Parse(Invitation());

        Assert.Equal("REQUEST", calendar.Method);
        var e = Assert.Single(calendar.Events);
        Assert.Equal("abc123@solidaire", e.Uid);
        Assert.Equal(0, e.Sequence);
        Assert.Equal(Start.UtcDateTime, e.DtStart!.AsUtc);
        Assert.Equal(TimeSpan.FromMinutes(50), e.Duration!.Value.ToTimeSpanUnspecified());
        Assert.Equal("https://visio.example.org/solidaire-room", e.Location);
        Assert.Contains("https://visio.example.org/solidaire-room", e.Description, StringComparison.Ordinal);
        Assert.Equal("mailto:jeanne@example.org", Assert.Single(e.Attendees).Value!.ToString());
        Assert.Equal("Séance d'accompagnement Solidaire", e.Summary);
    }

    [Fact]
    public void AMovedSession_KeepsItsUid_WithAHigherSequence()
    {
        var e = Assert.Single(Parse(Invitation(sequence: 2)).Events);

        Assert.Equal(("abc123@solidaire", 2), (e.Uid, e.Sequence));
    }

    [Fact]
    public void ARemovedSession_IsACancel_OfTheSameUid_WithoutTheRoom()
    {
        var calendar = Parse(Invitation(sequence: 3, cancelled: true), "en");

        Assert.Equal("CANCEL", calendar.Method);
        var e = Assert.Single(calendar.Events);
        Assert.Equal(("abc123@solidaire", 3, "CANCELLED"), (e.Uid, e.Sequence, e.Status));
        Assert.Null(e.Location);
        Assert.Equal("Solidaire support session", e.Summary);
    }

    [Fact]
    public async Task TheAttachment_IsMadeFromItsSealedReference_InTheReadersLanguage()
    {
        var source = new SessionCalendar(Options.Create(new EmailOptions()), new FakeTimeProvider());
        var reference = SessionCalendar.Reference(Invitation(medium: "phone"));

        var made = (await source.MakeAsync(default!, reference, "en", CancellationToken.None))!;

        Assert.Equal("text/calendar; method=REQUEST; charset=utf-8", made.ContentType);
        Assert.EndsWith(".ics", made.FileName, StringComparison.Ordinal);
        var e = Assert.Single(Calendar.Load(Encoding.UTF8.GetString(made.Content))!.Events);
        Assert.Contains("your coach will call you", e.Description, StringComparison.Ordinal);
    }
}
