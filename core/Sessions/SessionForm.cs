using System.Globalization;
using System.Text.Json;
using Solidaire.Core.Contracts;
using Solidaire.Core.Forms;
using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Sessions;

/// <summary>
/// A session as the coach records it (§3.15): its start with the coach's UTC offset (kept, so the
/// invitation and emails show the time the coach meant), its length, how it takes place, and
/// optional private notes that only this coach will read.
/// </summary>
public sealed record SessionForm(DateTimeOffset Start, int DurationMinutes, string Medium, string? Notes)
{
    public const int MinDurationMinutes = 15;
    public const int MaxDurationMinutes = 180;
    public const int MaxNotes = 4000;

    private static readonly HashSet<string> Fields = ["date", "durationMinutes", "medium", "notes"];

    public static Outcome<SessionForm> Parse(JsonElement body)
    {
        var errors = new FieldErrors();
        if (!FormFields.OnlyKnownFields(body, Fields, errors))
            return errors.ToFailure();
        DateTimeOffset start = default;
        if (!body.TryGetProperty("date", out var d) || d.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParseExact(d.GetString(), ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out start)
            || start.Year is < 2000 or > 2999)
            errors.Add("date", "Must be the session's start as an ISO 8601 date and time with its UTC offset, e.g. 2026-12-03T14:00+01:00.");
        int minutes = 0;
        if (!body.TryGetProperty("durationMinutes", out var m) || m.ValueKind != JsonValueKind.Number || !m.TryGetInt32(out minutes)
            || minutes is < MinDurationMinutes or > MaxDurationMinutes)
            errors.Add("durationMinutes", $"Must be a whole number of minutes from {MinDurationMinutes} to {MaxDurationMinutes}.");
        string medium = "";
        if (!body.TryGetProperty("medium", out var md) || md.ValueKind != JsonValueKind.String || !SessionFormats.All.Contains(md.GetString()))
            errors.Add("medium", "Must be one of: " + string.Join(", ", SessionFormats.All) + " (charter §3.15).");
        else
            medium = md.GetString()!;
        var notes = FormFields.Text(body, "notes", errors, required: false, max: MaxNotes, multiline: true);
        // Whole minutes: a calendar shows nothing finer, and two records of "the same" time then compare equal.
        start = new DateTimeOffset(start.Ticks - start.Ticks % TimeSpan.TicksPerMinute, start.Offset);
        return errors.Any ? errors.ToFailure() : Outcome<SessionForm>.Ok(new SessionForm(start, minutes, medium, notes));
    }
}
