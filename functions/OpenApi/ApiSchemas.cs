using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Solidaire.Functions.OpenApi;

/// <summary>The JSON Schema shapes the request bodies are made of, each carrying the rule its validator applies.</summary>
internal static class ApiSchemas
{
    /// <summary>Text as <c>FormFields.Text</c> reads it: trimmed, NFC, no control or invisible formatting characters; lengths in characters.</summary>
    public static OpenApiSchema Text(int max, int min = 1, string? description = null, string? pattern = null, bool multiline = false) => new()
    {
        Type = JsonSchemaType.String,
        MinLength = min,
        MaxLength = max,
        Pattern = pattern,
        Description = Join(description, multiline ? "May hold several lines." : null),
    };

    public static OpenApiSchema Name(string? description = null) =>
        Text(Core.Forms.FormFields.MaxName, description: Join(description, "A name: letters, spaces, apostrophes, hyphens and periods."));

    public static OpenApiSchema EmailAddress() => new()
    {
        Type = JsonSchemaType.String,
        Format = "email",
        MaxLength = Core.Email.MailboxAddress.MaxLength,
    };

    public static OpenApiSchema OneOf(IEnumerable<string> values, string? description = null) => new()
    {
        Type = JsonSchemaType.String,
        Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
        Description = description,
    };

    public static OpenApiSchema Whole(long min, long? max = null, string? description = null) => new()
    {
        Type = JsonSchemaType.Integer,
        Minimum = Number(min),
        Maximum = max is { } m ? Number(m) : null,
        Description = description,
    };

    /// <summary>Euros to the cent.</summary>
    public static OpenApiSchema Euros(decimal max, decimal? min = null, decimal? above = null, string? description = null) => new()
    {
        Type = JsonSchemaType.Number,
        Minimum = min is { } low ? Number(low) : null,
        ExclusiveMinimum = above is { } floor ? Number(floor) : null,
        Maximum = Number(max),
        MultipleOf = 0.01m,
        Description = description,
    };

    public static OpenApiSchema Boolean(string? description = null) => new() { Type = JsonSchemaType.Boolean, Description = description };

    /// <summary>A box the sender must tick: only <c>true</c> is accepted.</summary>
    public static OpenApiSchema MustBeTrue(string description) => new()
    {
        Type = JsonSchemaType.Boolean,
        Enum = [JsonValue.Create(true)],
        Description = description,
    };

    public static OpenApiSchema List(OpenApiSchema items, int min, int max) => new()
    {
        Type = JsonSchemaType.Array,
        Items = items,
        MinItems = min,
        MaxItems = max,
        UniqueItems = true,
    };

    /// <summary>An object that refuses any field it does not name, as every form here does.</summary>
    public static OpenApiSchema Object(params Field[] fields) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = fields.ToDictionary(f => f.Name, f => (IOpenApiSchema)f.Schema, StringComparer.Ordinal),
        Required = new SortedSet<string>(fields.Where(f => f.Required).Select(f => f.Name), StringComparer.Ordinal),
        AdditionalPropertiesAllowed = false,
    };

    public static OpenApiSchema Described(this OpenApiSchema schema, string description)
    {
        schema.Description = Join(description, schema.Description);
        return schema;
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Join(string? first, string? second) =>
        first is null ? second : second is null ? first : first + " " + second;
}

/// <summary>A property of a request body, required or not.</summary>
internal sealed record Field(string Name, OpenApiSchema Schema, bool Required = true)
{
    /// <summary>An optional field: absent, null, or for a text empty (trimmed to nothing) all mean "not given".</summary>
    public static Field Optional(string name, OpenApiSchema schema)
    {
        if (schema.Type == JsonSchemaType.String)
            schema.MinLength = null;
        return new(name, schema, Required: false);
    }
}
