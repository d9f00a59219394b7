using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Solidaire.Core.PersonalData;

/// <summary>A data key in clear, in memory only while it is used. Zeroed on dispose.</summary>
public sealed class DataKey(byte[] material) : IDisposable
{
    internal ReadOnlySpan<byte> Material => material;

    public void Dispose() => CryptographicOperations.ZeroMemory(material);
}

/// <summary>
/// Envelope encryption of personal data (§3.11, §3.12, §4.11). Each dossier has its own data key
/// (AES-256-GCM), stored only wrapped by a master key; destroying the wrapped key makes every copy
/// of the dossier's fields unreadable (crypto-shredding). Every sealed value is bound to where it is
/// stored (its context), so a value copied to another row or field does not open.
/// Look-ups use a keyed hash (HMAC-SHA256), never the clear value.
/// </summary>
public sealed class PersonalDataProtector
{
    private const string SealedPrefix = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly IReadOnlyDictionary<string, byte[]> _masterKeys;
    private readonly string _activeId;
    private readonly byte[] _lookupKey;

    public PersonalDataProtector(IOptions<PersonalDataOptions> options)
    {
        var o = options.Value;
        _masterKeys = o.MasterKeys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal);
        _activeId = o.ActiveMasterKeyId!;
        _lookupKey = Convert.FromBase64String(o.LookupKey!);
    }

    /// <summary>A new data key for <paramref name="owner"/>, and its wrapped form to store.</summary>
    public (DataKey Key, string Wrapped) NewDataKey(string owner)
    {
        var material = RandomNumberGenerator.GetBytes(32);
        var wrapped = _activeId + ":" + Encrypt(_masterKeys[_activeId], material, "data-key|" + owner);
        return (new DataKey(material), wrapped);
    }

    public DataKey UnwrapDataKey(string wrapped, string owner)
    {
        var colon = wrapped.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !_masterKeys.TryGetValue(wrapped[..colon], out var master))
            throw new CryptographicException("The data key was wrapped with a master key that is not configured.");
        return new DataKey(Decrypt(master, wrapped[(colon + 1)..], "data-key|" + owner));
    }

    /// <summary>
    /// The data key wrapped under the active master key (key rotation): null when it already is. The
    /// key itself does not change, so nothing sealed with it needs touching.
    /// </summary>
    public string? RewrapDataKey(string wrapped, string owner)
    {
        if (wrapped.StartsWith(_activeId + ":", StringComparison.Ordinal))
            return null;
        using var key = UnwrapDataKey(wrapped, owner);
        return _activeId + ":" + Encrypt(_masterKeys[_activeId], key.Material, "data-key|" + owner);
    }

    /// <summary>Encrypts a personal value for storage; null stays null.</summary>
    public string? Seal(DataKey key, string? value, string context) =>
        value is null ? null : SealedPrefix + Encrypt(key.Material, Encoding.UTF8.GetBytes(value), context);

    public string? Open(DataKey key, string? value, string context)
    {
        if (value is null)
            return null;
        if (!value.StartsWith(SealedPrefix, StringComparison.Ordinal))
            throw new CryptographicException("The value is not sealed.");
        return Encoding.UTF8.GetString(Decrypt(key.Material, value[SealedPrefix.Length..], context));
    }

    /// <summary>Keyed hash for look-ups: lowercase hex, safe as a table key. <paramref name="purpose"/> separates uses.</summary>
    public string LookupHash(string purpose, string value)
    {
        var hash = HMACSHA256.HashData(_lookupKey, Encoding.UTF8.GetBytes(purpose + "\n" + value));
        return Convert.ToHexStringLower(hash);
    }

    private static string Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, string context)
    {
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), Encoding.UTF8.GetBytes(context));
        return Convert.ToBase64String(output);
    }

    private static byte[] Decrypt(ReadOnlySpan<byte> key, string sealedText, string context)
    {
        var input = Convert.FromBase64String(sealedText);
        if (input.Length < NonceSize + TagSize)
            throw new CryptographicException("The sealed value is too short.");
        var plaintext = new byte[input.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(input.AsSpan(0, NonceSize), input.AsSpan(NonceSize, plaintext.Length), input.AsSpan(NonceSize + plaintext.Length), plaintext, Encoding.UTF8.GetBytes(context));
        return plaintext;
    }
}
