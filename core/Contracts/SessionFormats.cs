namespace Solidaire.Core.Contracts;

/// <summary>How the sessions take place. Remote by default (§3.15), so video is the default.</summary>
public static class SessionFormats
{
    public const string Video = "video";
    public const string Phone = "phone";
    public const string InPerson = "in_person";

    public const string Default = Video;

    public static readonly IReadOnlyList<string> All = [Video, Phone, InPerson];
}
