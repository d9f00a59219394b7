using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Solidaire.Core.Dossiers;

namespace Solidaire.Core.Sessions;

/// <summary>
/// A session of an engagement, in the client's dossier (row "session|intake|engagement|id"), in the
/// intake's retention unit: working data, destroyed with the engagement's. The room link and the
/// coach's private notes are sealed. <see cref="Sequence"/> counts its changes, as its calendar
/// invitation's SEQUENCE does (RFC 5545 §3.8.7.4).
/// </summary>
public sealed record StoredSession(
    string IntakeId,
    string EngagementId,
    string SessionId,
    DateTimeOffset Start,
    int DurationMinutes,
    string Medium,
    string? Room,
    string? Notes,
    int Sequence,
    DateTimeOffset CreatedAt,
    ETag ETag)
{
    public const string Prefix = "session|";

    public static string PrefixOf(string intakeId) => Prefix + intakeId + "|";

    public static string PrefixOf(string intakeId, string engagementId) => PrefixOf(intakeId) + engagementId + "|";

    public string RowKey => PrefixOf(IntakeId, EngagementId) + SessionId;

    public DateTimeOffset End => Start.AddMinutes(DurationMinutes);

    /// <summary>The calendar UID: stable for the session's life, so calendars update or cancel the same event.</summary>
    public string Uid => SessionId + "@solidaire";

    /// <summary>A new random id: 128 bits, hex.</summary>
    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>An unguessable video room name: 160 bits, lowercase base-32-like letters and digits.</summary>
    public static string NewRoom()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        return string.Concat(RandomNumberGenerator.GetBytes(32).Select(b => alphabet[b % 32]));
    }

    public TableEntity ToEntity(DossierId dossier, UnitCipher cipher) => new(dossier.PartitionKey, RowKey)
    {
        [nameof(Start)] = Start.ToUniversalTime(),
        ["OffsetMinutes"] = (int)Start.Offset.TotalMinutes,
        [nameof(DurationMinutes)] = DurationMinutes,
        [nameof(Medium)] = Medium,
        [nameof(Room)] = cipher.Seal(RowKey, nameof(Room), Room),
        [nameof(Notes)] = cipher.Seal(RowKey, nameof(Notes), Notes),
        [nameof(Sequence)] = Sequence,
        [nameof(CreatedAt)] = CreatedAt,
    };

    public static StoredSession Open(UnitCipher cipher, TableEntity e)
    {
        var parts = e.RowKey.Split('|');
        var offset = TimeSpan.FromMinutes(e.GetInt32("OffsetMinutes") ?? 0);
        return new StoredSession(parts[1], parts[2], parts[3],
            (e.GetDateTimeOffset(nameof(Start)) ?? default).ToOffset(offset), e.GetInt32(nameof(DurationMinutes)) ?? 0, e.GetString(nameof(Medium)),
            cipher.Open(e.RowKey, nameof(Room), e.GetString(nameof(Room))), cipher.Open(e.RowKey, nameof(Notes), e.GetString(nameof(Notes))),
            e.GetInt32(nameof(Sequence)) ?? 0, e.GetDateTimeOffset(nameof(CreatedAt)) ?? default, e.ETag);
    }

    /// <summary>The start alone, without opening anything sealed: for counting and spacing.</summary>
    public static DateTimeOffset StartOf(TableEntity e) => e.GetDateTimeOffset(nameof(Start)) ?? default;
}
