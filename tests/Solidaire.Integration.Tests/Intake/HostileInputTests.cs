using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Intake;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Intake;

/// <summary>
/// Hundreds of malformed or hostile bodies: every answer is 202 (hostile-looking text is still text)
/// or a 4xx problem, never a 5xx, and whatever was stored is a valid intake.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly string[] Fields =
        ["firstName", "lastName", "email", "phone", "role", "organisation", "situation", "preferredLanguage", "availability", "consentToProcessing", "acknowledgesNotTherapy", "website", "formDurationMs"];

    private static readonly Func<Random, JsonNode?>[] HostileValues =
    [
        _ => null,
        r => r.Next(-1000, 1000),
        r => r.NextDouble() * 1e20,
        _ => true,
        _ => false,
        _ => new JsonArray(1, "two", null),
        _ => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = "x" } },
        _ => "",
        _ => "   ",
        _ => "<script>alert('x')</script> bonjour, j'ai besoin d'aide rapidement.",
        _ => "' or PartitionKey ne '' or RowKey gt '",
        _ => "$filter=PartitionKey eq 'a' and RowKey ne ''&$top=1000 -- ; DROP TABLE Dossiers",
        _ => "Robert'); DELETE FROM intakes; -- situation longue assez pour passer",
        _ => "tab\there\u0000nul\u0007bell\u001b[31m escape and more text after it",
        _ => "line\r\nbreaks\nare\nfine in a situation, this one is long enough",
        _ => "\u202Eevil rtl override text that is long enough to be a situation",
        _ => "emoji 🙂🙃🧯 and 漢字 and العربية and עברית, long enough for a situation",
        r => new string('x', r.Next(4001, 20_000)),
        r => new string('é', r.Next(90, 130)),
        _ => "e\u0301le\u0300ve combining marks that normalise to NFC, long enough to pass",
        _ => "a@b",
        _ => "jeanne@@example.org",
        _ => "Jeanne <jeanne@example.org>",
        _ => "jeanne@exa mple.org",
        _ => new string('a', 65) + "@example.org",
        _ => "executive ",
        _ => "EXECUTIVE",
        _ => "de",
        _ => "true",
        _ => "+33 (0)6 12-34.56.78",
        _ => "call me maybe",
        r => r.Next(0, 2000),
        r => -r.Next(1, 2000),
        _ => 12.5,
        _ => "99999",
        _ => "https://spam.example/buy-now",
    ];

    private static IEnumerable<string> Bodies(int count)
    {
        var random = new Random(20261127);
        var raw = new[]
        {
            "{\"firstName\":\"\\ud800\",\"lastName\":\"x\"}",
            "{\"firstName\":\"\\udc00 lone low surrogate\"}",
            new string('[', 200) + new string(']', 200),
            "{" + string.Concat(Enumerable.Range(0, 40).Select(i => $"\"a{i}\":{{")) + "1" + new string('}', 41),
            "{\"__proto__\":{\"admin\":true}}",
            "{\"constructor\":{\"prototype\":{}}}",
        };
        foreach (var r in raw)
            yield return r;
        for (var i = raw.Length; i < count; i++)
        {
            var body = IntakeBodies.Valid($"fuzz{i}@example.org", role: i % 2 == 0 ? "employee" : "executive",
                situation: $"Situation numéro {i}: notre activité s'est arrêtée et je cherche du recul.");
            var mutations = 1 + random.Next(3);
            for (var m = 0; m < mutations; m++)
            {
                switch (random.Next(10))
                {
                    case 0:
                        body["unexpected" + random.Next(5)] = "surprise";
                        break;
                    case 1:
                        body.Remove(Fields[random.Next(Fields.Length)]);
                        break;
                    default:
                        body[Fields[random.Next(Fields.Length)]] = HostileValues[random.Next(HostileValues.Length)](random);
                        break;
                }
            }
            yield return body.ToJsonString();
        }
    }

    [Fact]
    public async Task GeneratedHostileBodies_AreEither202Or4xxProblems_AndNothingInvalidIsStored()
    {
        await using var app = await TestApp.StartAsync(s => s["Intake:MinimumFormSeconds"] = "0");
        var accepted = new HashSet<string>();
        var refused = 0;

        foreach (var body in Bodies(240))
        {
            var response = await app.Client.PostAsync("/api/intakes", Json.Body(body));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {Shorten(body)}: {text}");
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                accepted.Add(JsonDocument.Parse(text).RootElement.GetProperty("reference").GetString()!);
            }
            else
            {
                Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode} for {Shorten(body)}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                refused++;
            }
        }

        Assert.True(accepted.Count > 20, $"only {accepted.Count} bodies were valid: the generator is too hostile to prove anything");
        Assert.True(refused > 100, $"only {refused} bodies were refused");
        var stored = await StoredIntakesAsync(app);
        Assert.True(stored.Count <= accepted.Count);
        foreach (var intake in stored)
        {
            var parsed = IntakeForm.Parse(intake.RootElement);
            Assert.True(parsed.IsSuccess, "stored an invalid intake: " + string.Join(", ", parsed.Failure?.Errors?.Keys ?? []));
        }
    }

    /// <summary>Every stored intake, decrypted with its data key and put back into the form's shape.</summary>
    private static async Task<IReadOnlyList<JsonDocument>> StoredIntakesAsync(TestApp app)
    {
        var intakes = app.Services.GetRequiredService<IntakeService>();
        var rows = await StorageContents.RowsAsync(app, Tables.Dossiers, "intake|");
        var result = new List<JsonDocument>();
        foreach (var row in rows)
        {
            // Read back as the core reads an intake: its facts, and its fields opened with its own data key.
            var stored = await intakes.FindAsync(DossierId.Parse(row.PartitionKey), row.RowKey["intake|".Length..], CancellationToken.None);
            Assert.NotNull(stored);
            var (intake, data) = (stored.Row, stored.PersonalData);
            var form = new JsonObject
            {
                ["firstName"] = data.FirstName,
                ["lastName"] = data.LastName,
                ["email"] = data.Email,
                ["phone"] = data.Phone,
                ["role"] = intake.Role,
                ["organisation"] = data.Organisation,
                ["situation"] = data.Situation,
                ["preferredLanguage"] = intake.PreferredLanguage,
                ["availability"] = data.Availability,
                ["consentToProcessing"] = true,
                ["acknowledgesNotTherapy"] = true,
                ["formDurationMs"] = 60000,
            };
            result.Add(JsonDocument.Parse(form.ToJsonString()));
        }
        return result;
    }

    private static string Shorten(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
