using System.Text;
using System.Text.Json;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Extensions.Options;
using Solidaire.Core.Contracts;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;

namespace Solidaire.Core.Sessions;

/// <summary>What one calendar invitation says: one session, for one attendee (each party gets their own file, so neither learns the other's address from it).</summary>
public sealed record SessionInvitation(string Uid, int Sequence, bool Cancelled, DateTimeOffset Start, int DurationMinutes, string Medium, string? RoomLink, string Attendee, bool ToCoach);

/// <summary>
/// A session's calendar invitation (RFC 5545, iTIP RFC 5546): METHOD:REQUEST with one VEVENT, its UID
/// stable for the session's life and its SEQUENCE raised at each change, or METHOD:CANCEL when the
/// session is removed. Made when its email is sent, in the reader's language, from what the outbox row
/// names (sealed with the row, as it holds an address and the video room's link).
/// </summary>
public sealed class SessionCalendar(IOptions<EmailOptions> email, TimeProvider time) : IAttachmentSource
{
    public const string ReferenceKind = "session-ics";

    public string Kind => ReferenceKind;

    public static string Reference(SessionInvitation invitation) =>
        ReferenceKind + "|" + Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(invitation));

    public Task<EmailAttachment?> MakeAsync(RetentionUnit unit, string reference, string language, CancellationToken cancellationToken)
    {
        var invitation = JsonSerializer.Deserialize<SessionInvitation>(Convert.FromBase64String(reference[(ReferenceKind.Length + 1)..]))!;
        var ics = Build(invitation, language, email.Value.FromAddress, email.Value.FromName, time.GetUtcNow());
        var method = invitation.Cancelled ? "CANCEL" : "REQUEST";
        var name = (language == "en" ? "session" : "seance") + "-" + invitation.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ".ics";
        return Task.FromResult<EmailAttachment?>(new EmailAttachment(name, "text/calendar; method=" + method + "; charset=utf-8", Encoding.UTF8.GetBytes(ics)));
    }

    /// <summary>The .ics text of <paramref name="invitation"/>.</summary>
    public static string Build(SessionInvitation invitation, string language, string organizerAddress, string organizerName, DateTimeOffset now)
    {
        var en = language == "en";
        var calendar = new Calendar { Method = invitation.Cancelled ? "CANCEL" : "REQUEST", ProductId = "-//Solidaire//Sessions//" + (en ? "EN" : "FR") };
        var session = new CalendarEvent
        {
            Uid = invitation.Uid,
            Sequence = invitation.Sequence,
            DtStamp = new CalDateTime(now.UtcDateTime, CalDateTime.UtcTzId),
            DtStart = new CalDateTime(invitation.Start.UtcDateTime, CalDateTime.UtcTzId),
            Duration = Duration.FromMinutes(invitation.DurationMinutes),
            Summary = en ? "Solidaire support session" : "Séance d'accompagnement Solidaire",
            Description = Describe(invitation, en),
            Status = invitation.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Organizer = new Organizer("mailto:" + organizerAddress) { CommonName = organizerName },
        };
        if (invitation.RoomLink is { } room && !invitation.Cancelled)
        {
            session.Location = room;
            session.Url = new Uri(room);
        }
        session.Attendees.Add(new Attendee("mailto:" + invitation.Attendee) { Role = "REQ-PARTICIPANT", ParticipationStatus = "ACCEPTED", Rsvp = false });
        calendar.Events.Add(session);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static string Describe(SessionInvitation i, bool en)
    {
        if (i.Cancelled)
            return en ? "This session is cancelled." : "Cette séance est annulée.";
        return (i.Medium, en, i.ToCoach) switch
        {
            (SessionFormats.Video, true, _) => "By video, in this room: " + i.RoomLink,
            (SessionFormats.Video, false, _) => "En visio, dans ce salon : " + i.RoomLink,
            (SessionFormats.Phone, true, false) => "By phone: your coach will call you.",
            (SessionFormats.Phone, false, false) => "Par téléphone : votre coach vous appellera.",
            (SessionFormats.Phone, true, true) => "By phone: you call the client.",
            (SessionFormats.Phone, false, true) => "Par téléphone : vous appelez la personne.",
            (_, true, _) => "In person, at the place agreed with " + (i.ToCoach ? "the client." : "your coach."),
            _ => "En présentiel, au lieu convenu avec " + (i.ToCoach ? "la personne." : "votre coach."),
        };
    }
}
