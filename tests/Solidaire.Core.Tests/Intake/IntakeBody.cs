using System.Text.Json;
using Solidaire.Core.Intake;
using Solidaire.Core.Outcomes;

namespace Solidaire.Core.Tests.Intake;

/// <summary>Request bodies for <see cref="IntakeForm.Parse"/>: a valid one, changed one field at a time.</summary>
internal static class IntakeBody
{
    public static Dictionary<string, object?> Valid() => new(StringComparer.Ordinal)
    {
        ["firstName"] = "Amélie",
        ["lastName"] = "Durand",
        ["email"] = "amelie.durand@example.org",
        ["phone"] = "+33 6 12 34 56 78",
        ["role"] = "manager",
        ["organisation"] = "Atelier Durand",
        ["situation"] = "Je traverse une période difficile avec mon équipe.",
        ["preferredLanguage"] = "fr",
        ["availability"] = "Le mardi matin",
        ["consentToProcessing"] = true,
        ["acknowledgesNotTherapy"] = true,
        ["website"] = "",
        ["formDurationMs"] = 42_000,
    };

    public static Outcome<IntakeForm> Parse(Dictionary<string, object?> fields) =>
        IntakeForm.Parse(JsonSerializer.SerializeToElement(fields));

    public static Outcome<IntakeForm> ParseWith(string field, object? value)
    {
        var fields = Valid();
        fields[field] = value;
        return Parse(fields);
    }

    public static Outcome<IntakeForm> ParseWithout(string field)
    {
        var fields = Valid();
        fields.Remove(field);
        return Parse(fields);
    }

    /// <summary>
    /// For what a serializer would not write (lone surrogate escapes): <paramref name="field"/> and
    /// <paramref name="escapedValue"/> go into the JSON text as they are, as a client could send them.
    /// </summary>
    public static Outcome<IntakeForm> ParseWithEscaped(string field, string escapedValue)
    {
        var fields = Valid();
        fields.Remove(field);
        var json = JsonSerializer.Serialize(fields);
        json = json[..^1] + ",\"" + field + "\":\"" + escapedValue + "\"}";
        return IntakeForm.Parse(JsonSerializer.Deserialize<JsonElement>(json));
    }

    public static IReadOnlyDictionary<string, string[]> Errors(Outcome<IntakeForm> outcome)
    {
        Assert.False(outcome.IsSuccess, "The body was accepted.");
        Assert.Equal("validation_failed", outcome.Failure!.Code);
        return outcome.Failure.Errors!;
    }

    public static IntakeForm Form(Outcome<IntakeForm> outcome)
    {
        Assert.True(outcome.IsSuccess, outcome.Failure?.Errors is { } e
            ? "Refused: " + string.Join("; ", e.Select(kv => kv.Key + ": " + string.Join(" ", kv.Value)))
            : "Refused.");
        return outcome.Value!;
    }
}
