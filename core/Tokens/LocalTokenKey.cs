using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Solidaire.Core.PersonalData;

namespace Solidaire.Core.Tokens;

/// <summary>
/// For local runs with no configured signing key: one derived (HKDF) from the local key file's
/// look-up key, so links issued by one run still open in the next and nothing new is stored.
/// Never used when a key is configured, nor without a local key file.
/// </summary>
internal sealed class LocalTokenKey(IOptions<PersonalDataOptions> personalData) : IPostConfigureOptions<TokenOptions>
{
    public const string KeyId = "local1";

    public void PostConfigure(string? name, TokenOptions options)
    {
        var personal = personalData.Value;
        if (options.SigningKeys.Count > 0 || string.IsNullOrWhiteSpace(personal.LocalKeyFile) || !PersonalDataOptions.IsKey(personal.LookupKey))
            return;
        var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(personal.LookupKey!), 32, info: Encoding.ASCII.GetBytes("solidaire tokens v1"));
        options.SigningKeys = new Dictionary<string, string>(StringComparer.Ordinal) { [KeyId] = Convert.ToBase64String(derived) };
        options.ActiveSigningKeyId ??= KeyId;
    }
}
