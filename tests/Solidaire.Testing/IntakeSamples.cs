using System.Text.Json.Nodes;

namespace Solidaire.Testing;

/// <summary>
/// The one valid intake body (POST /api/intakes) the test projects share: every field of the
/// contract, optional ones included, as the public page sends them.
/// </summary>
public static class IntakeSamples
{
    public const string Email = "jeanne.dupont@example.org";
    public const string Language = "fr";
    public const string Role = "manager";
    public const string Situation = "Mon équipe est épuisée par la crise et je ne sais plus comment décider.";

    public static JsonObject Valid(string email = Email, string language = Language, string role = Role, string? situation = null) => new()
    {
        ["firstName"] = "Jeanne",
        ["lastName"] = "Dupont-Lefèvre",
        ["email"] = email,
        ["phone"] = "+33 6 12 34 56 78",
        ["role"] = role,
        ["organisation"] = "Boulangerie du Centre",
        ["situation"] = situation ?? Situation,
        ["preferredLanguage"] = language,
        ["availability"] = "Mardi et jeudi matin",
        ["consentToProcessing"] = true,
        ["acknowledgesNotTherapy"] = true,
        ["website"] = "",
        ["formDurationMs"] = 95000,
    };
}
