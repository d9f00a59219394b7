using System.ComponentModel.DataAnnotations;

namespace Solidaire.Core.Sessions;

/// <summary>Section "Sessions": the rules of recording sessions and of an engagement's follow-up.</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>The least time between two sessions of one engagement (a crisis session needs time to settle).</summary>
    [Range(0, 30)]
    public int MinimumSpacingDays { get; set; } = 2;

    /// <summary>How far ahead a session may be booked.</summary>
    [Range(1, 365)]
    public int MaxDaysAhead { get; set; } = 90;

    /// <summary>An engagement with no session for this long lapses (closes as "lapsed").</summary>
    [Range(7, 365)]
    public int LapseDays { get; set; } = 42;

    /// <summary>The coach is reminded this many days before the engagement would lapse.</summary>
    [Range(1, 60)]
    public int ReminderDaysBefore { get; set; } = 7;

    /// <summary>The collective's video service (e.g. a Jitsi server): each video session gets its own unguessable room under it.</summary>
    [Required, Url]
    public string VideoBaseUrl { get; set; } = "https://meet.jit.si";

    /// <summary>A room's link: base URL, then "solidaire-" and the session's random room name.</summary>
    public string RoomLink(string room) => VideoBaseUrl.TrimEnd('/') + "/solidaire-" + room;
}

/// <summary>The kinds of email sessions and the follow-up send.</summary>
public static class SessionEmails
{
    public const string InvitationToClient = "session-invitation-client";
    public const string InvitationToCoach = "session-invitation-coach";
    public const string LapseReminder = "engagement-lapse-reminder";
    public const string LapsedToClient = "engagement-lapsed-client";
    public const string LapsedToCoach = "engagement-lapsed-coach";
    public const string ContractExpiredToCoach = "contract-expired-coach";
}
