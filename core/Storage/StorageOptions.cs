using System.ComponentModel.DataAnnotations;

namespace Solidaire.Core.Storage;

/// <summary>Where the Table Storage account is. Section "Storage".</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>A connection string (Azurite locally: "UseDevelopmentStorage=true").</summary>
    public string? ConnectionString { get; set; }

    /// <summary>In Azure: the table endpoint, reached with the app's managed identity (no shared key).</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Prefix for every table name, so that several environments or test runs can share one account.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,20}$|^$", ErrorMessage = "Storage:TablePrefix must be letters and digits, starting with a letter.")]
    public string TablePrefix { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) == (TableServiceUri is null))
            yield return new ValidationResult(
                "Set exactly one of Storage:ConnectionString (local, Azurite) or Storage:TableServiceUri (Azure, managed identity).",
                [nameof(ConnectionString), nameof(TableServiceUri)]);
    }
}
