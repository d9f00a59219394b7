using System.ComponentModel.DataAnnotations;
using Solidaire.Core.PersonalData;

namespace Solidaire.Core.Tokens;

/// <summary>
/// Section "Tokens": the HMAC keys that sign emailed links and staff access tokens, by key id, so a
/// key can be rotated (sign with the new one, keep the old one until its tokens have expired). In
/// Azure they come from Key Vault references; a local run derives one from its local key file.
/// </summary>
public sealed class TokenOptions : IValidatableObject
{
    public const string Section = "Tokens";

    /// <summary>Signing keys by id (base64, 32 bytes each). Every one of them verifies; only the active one signs.</summary>
    public Dictionary<string, string> SigningKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The key new tokens are signed with.</summary>
    public string? ActiveSigningKeyId { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SigningKeys.Count == 0)
            yield return new ValidationResult("Tokens:SigningKeys is empty: set Tokens__SigningKeys__<id> (Key Vault in Azure), or PersonalData__LocalKeyFile for a local run.");
        foreach (var (id, value) in SigningKeys)
        {
            if (!PersonalDataOptions.IsKey(value))
                yield return new ValidationResult($"Tokens:SigningKeys:{id} must be 32 bytes in base64.");
        }
        if (ActiveSigningKeyId is null || !SigningKeys.ContainsKey(ActiveSigningKeyId))
            yield return new ValidationResult("Tokens:ActiveSigningKeyId must name one of Tokens:SigningKeys.");
    }
}
