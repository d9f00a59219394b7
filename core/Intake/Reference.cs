using System.Security.Cryptography;

namespace Solidaire.Core.Intake;

/// <summary>
/// The reference a client is given: 12 random Crockford base32 characters (60 bits), shown as
/// XXXX-XXXX-XXXX. Unguessable, and it says nothing about the client or the time.
/// </summary>
public static class Reference
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 12);

    public static string Display(string id) => $"{id[..4]}-{id[4..8]}-{id[8..]}";
}
