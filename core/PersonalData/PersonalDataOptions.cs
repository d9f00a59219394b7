using System.ComponentModel.DataAnnotations;

namespace Solidaire.Core.PersonalData;

/// <summary>
/// Keys protecting personal data. Section "PersonalData". In Azure they come from Key Vault
/// references; locally they are generated once into <see cref="LocalKeyFile"/> (git-ignored).
/// </summary>
public sealed class PersonalDataOptions : IValidatableObject
{
    public const string Section = "PersonalData";

    /// <summary>Master keys by id (base64, 32 bytes each). Old ids stay to unwrap old data keys: rotation by key id.</summary>
    public Dictionary<string, string> MasterKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The master key new data keys are wrapped with.</summary>
    public string? ActiveMasterKeyId { get; set; }

    /// <summary>Key of the keyed hash used for look-ups (base64, 32 bytes). Changing it orphans every look-up.</summary>
    public string? LookupKey { get; set; }

    /// <summary>Local runs only: a file to generate the keys into when none are configured.</summary>
    public string? LocalKeyFile { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MasterKeys.Count == 0)
            yield return new ValidationResult("PersonalData:MasterKeys is empty: set PersonalData__MasterKeys__<id> (Key Vault in Azure), or PersonalData__LocalKeyFile for a local run.");
        foreach (var (id, value) in MasterKeys)
        {
            if (!IsKey(value))
                yield return new ValidationResult($"PersonalData:MasterKeys:{id} must be 32 bytes in base64.");
        }
        if (ActiveMasterKeyId is null || !MasterKeys.ContainsKey(ActiveMasterKeyId))
            yield return new ValidationResult("PersonalData:ActiveMasterKeyId must name one of PersonalData:MasterKeys.");
        if (!IsKey(LookupKey))
            yield return new ValidationResult("PersonalData:LookupKey must be 32 bytes in base64.");
    }

    internal static bool IsKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return false;
        Span<byte> buffer = stackalloc byte[64];
        return Convert.TryFromBase64String(value, buffer, out var written) && written == 32;
    }
}
