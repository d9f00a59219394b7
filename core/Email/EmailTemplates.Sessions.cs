using System.Globalization;
using Solidaire.Core.Contracts;
using Solidaire.Core.Sessions;

namespace Solidaire.Core.Email;

/// <summary>The emails of sessions and of an engagement's follow-up (issue 10), in French and English.</summary>
public static partial class EmailTemplates
{
    private static readonly string[] FrenchDays = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

    /// <summary>
    /// "jeudi 3 décembre 2026 à 14:00 (UTC+01:00)" / "Thursday 3 December 2026 at 14:00 (UTC+01:00)":
    /// on the clock of the offset the coach gave, which is said, so nobody guesses a time zone.
    /// </summary>
    public static string SessionTime(string language, DateTimeOffset start)
    {
        var local = new DateTimeOffset(start.DateTime, TimeSpan.Zero); // the coach's wall clock, printed as such
        var offset = start.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var zone = "UTC" + sign + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        var day = language == "en" ? start.DayOfWeek.ToString() : FrenchDays[(int)start.DayOfWeek];
        return language == "en"
            ? $"{day} {ContractFormatting.Date("en", local)} at {ContractFormatting.Time(local)} ({zone})"
            : $"{day} {ContractFormatting.Date("fr", local)} à {ContractFormatting.Time(local)} ({zone})";
    }

    private static string Medium(string language, string medium, string? room, bool toCoach) => (medium, language == "en") switch
    {
        (SessionFormats.Video, true) => "By video, in this room (the same link for both of you): " + room,
        (SessionFormats.Video, false) => "En visio, dans ce salon (le même lien pour vous deux) : " + room,
        (SessionFormats.Phone, true) => toCoach ? "By phone: you call the client." : "By phone: your coach will call you.",
        (SessionFormats.Phone, false) => toCoach ? "Par téléphone : vous appelez la personne." : "Par téléphone : votre coach vous appellera.",
        (_, true) => "In person, at the place agreed " + (toCoach ? "with the client." : "with your coach."),
        _ => "En présentiel, au lieu convenu " + (toCoach ? "avec la personne." : "avec votre coach."),
    };

    /// <summary>A session booked, moved or cancelled, with its calendar invitation attached.</summary>
    public static EmailContent SessionInvitation(string language, string greetingName, string reference, DateTimeOffset start, int durationMinutes, string medium, string? room, SessionChange change, bool toCoach, string? erasureLink = null)
    {
        var en = language == "en";
        var when = SessionTime(language, start);
        var minutes = durationMinutes.ToString(CultureInfo.InvariantCulture);
        var subject = (change, en) switch
        {
            (SessionChange.New, true) => $"Session on {when} (reference {reference})",
            (SessionChange.Moved, true) => $"Session changed: now {when} (reference {reference})",
            (SessionChange.Cancelled, true) => $"Session cancelled: {when} (reference {reference})",
            (SessionChange.New, false) => $"Séance le {when} (référence {reference})",
            (SessionChange.Moved, false) => $"Séance modifiée : désormais le {when} (référence {reference})",
            _ => $"Séance annulée : {when} (référence {reference})",
        };
        string[] paragraphs = (change, en) switch
        {
            (SessionChange.Cancelled, true) => [$"The session of {when} is cancelled. The attached file removes it from your calendar."],
            (SessionChange.Cancelled, false) => [$"La séance du {when} est annulée. Le fichier joint la retire de votre agenda."],
            (_, true) => [$"{(change == SessionChange.Moved ? "Your session has changed. It is now" : "Your session is booked")}: {when}, for {minutes} minutes.", Medium(language, medium, room, toCoach), "The attached file adds it to your calendar."],
            _ => [$"{(change == SessionChange.Moved ? "Votre séance a changé. Elle a désormais lieu le" : "Votre séance est prévue le")} {when}, pour {minutes} minutes.", Medium(language, medium, room, toCoach), "Le fichier joint l'ajoute à votre agenda."],
        };
        return en
            ? ClientRender(toCoach ? null : erasureLink, "en", subject, $"Hello {greetingName},", paragraphs,
                toCoach ? null : "If you are in danger or thinking about suicide, do not wait:", toCoach ? [] : HelpEn,
                toCoach ? "Sent by the Solidaire console." : "To change the session, reply to your coach.", toCoach ? "Solidaire" : "The Solidaire collective")
            : ClientRender(toCoach ? null : erasureLink, "fr", subject, $"Bonjour {greetingName},", paragraphs,
                toCoach ? null : "Si vous êtes en danger ou pensez au suicide, n'attendez pas :", toCoach ? [] : HelpFr,
                toCoach ? "Envoyé par la console Solidaire." : "Pour changer la séance, voyez-le avec votre coach.", toCoach ? "Solidaire" : "Le collectif Solidaire");
    }

    /// <summary>To the coach, some days before an engagement with no session would lapse.</summary>
    public static EmailContent LapseReminder(string language, string coachName, string reference, DateTimeOffset lapsesAt, string consoleLink) => language == "en"
        ? Render("en", $"No session for a while: engagement {reference}", $"Hello {coachName},",
            [
                $"Engagement {reference} has had no session for a while. Without a new session it will close on {ContractFormatting.Date("en", lapsesAt)}, and the client will be told kindly.",
                "If the client still wants support, book the next session; if it is over, close the engagement with its outcome.",
            ], null, [], "Sent by the Solidaire console.", "Solidaire", action: new EmailAction("Open the engagement", consoleLink))
        : Render("fr", $"Pas de séance depuis un moment : accompagnement {reference}", $"Bonjour {coachName},",
            [
                $"L'accompagnement {reference} n'a pas eu de séance depuis un moment. Sans nouvelle séance, il sera clos le {ContractFormatting.Date("fr", lapsesAt)}, et la personne en sera informée avec délicatesse.",
                "Si la personne souhaite poursuivre, prévoyez la prochaine séance ; si c'est terminé, clôturez l'accompagnement avec son issue.",
            ], null, [], "Envoyé par la console Solidaire.", "Solidaire", action: new EmailAction("Ouvrir l'accompagnement", consoleLink));

    /// <summary>To the client when their engagement lapsed: kind, no blame, the door left open, help first.</summary>
    public static EmailContent LapsedToClient(string language, string firstName, string reference, string siteLink, string? erasureLink = null) => language == "en"
        ? ClientRender(erasureLink, "en", $"Your support with Solidaire (reference {reference})", $"Hello {firstName},",
            [
                "We have not had a session together for a while, so we are closing this support. We hope things are going better.",
                "If you need support again, you are welcome to ask: a new request is enough.",
            ], "If you are in danger or thinking about suicide, do not wait:", HelpEn, "Thank you for your trust.", "The Solidaire collective",
            action: new EmailAction("Ask for support", siteLink))
        : ClientRender(erasureLink, "fr", $"Votre accompagnement Solidaire (référence {reference})", $"Bonjour {firstName},",
            [
                "Nous n'avons pas eu de séance ensemble depuis un moment, nous clôturons donc cet accompagnement. Nous espérons que les choses vont mieux pour vous.",
                "Si vous avez de nouveau besoin de soutien, vous pouvez refaire une demande à tout moment.",
            ], "Si vous êtes en danger ou pensez au suicide, n'attendez pas :", HelpFr, "Merci de votre confiance.", "Le collectif Solidaire",
            action: new EmailAction("Demander un accompagnement", siteLink));

    /// <summary>To the coach when their engagement lapsed.</summary>
    public static EmailContent LapsedToCoach(string language, string coachName, string reference, int lapseDays) => language == "en"
        ? Render("en", $"Engagement {reference} closed: no session for {lapseDays} days", $"Hello {coachName},",
            [$"Engagement {reference} had no session for {lapseDays} days: it is now closed as lapsed. The client was told kindly that they can ask again."],
            null, [], "Sent by the Solidaire console.", "Solidaire")
        : Render("fr", $"Accompagnement {reference} clos : pas de séance depuis {lapseDays} jours", $"Bonjour {coachName},",
            [$"L'accompagnement {reference} n'a pas eu de séance depuis {lapseDays} jours : il est clos (sans suite). La personne a été informée avec délicatesse qu'elle peut refaire une demande."],
            null, [], "Envoyé par la console Solidaire.", "Solidaire");

    /// <summary>To the coach when an unsigned contract's link expired.</summary>
    public static EmailContent ContractExpiredToCoach(string language, string coachName, string reference, string consoleLink) => language == "en"
        ? Render("en", $"Contract link expired: engagement {reference}", $"Hello {coachName},",
            ["The client has not signed the contract and its link has expired. You can send a new version from the engagement if the client still wants support."],
            null, [], "Sent by the Solidaire console.", "Solidaire", action: new EmailAction("Open the engagement", consoleLink))
        : Render("fr", $"Lien du contrat expiré : accompagnement {reference}", $"Bonjour {coachName},",
            ["La personne n'a pas signé le contrat et son lien a expiré. Vous pouvez envoyer une nouvelle version depuis l'accompagnement si elle souhaite toujours être accompagnée."],
            null, [], "Envoyé par la console Solidaire.", "Solidaire", action: new EmailAction("Ouvrir l'accompagnement", consoleLink));
}
