using System.Text;
using System.Text.Json;
using Solidaire.Infra.Tests.Support;

namespace Solidaire.Infra.Tests;

[Collection(CompiledMainCollection.Name)]
public sealed class CompilerTests(CompiledMain main)
{
    [Fact]
    public void MainBicep_CompilesWithTheRealBicepCompiler()
    {
        Assert.True(main.Build.ExitCode == 0, $"bicep build failed:\n{main.Build.Stderr}");
        // bicep build also prints the linter's warnings: none is expected.
        Assert.True(main.Build.Stderr.Trim().Length == 0, $"bicep build printed diagnostics:\n{main.Build.Stderr}");

        var schema = main.Template.Root.GetProperty("$schema").GetString();
        Assert.EndsWith("/subscriptionDeploymentTemplate.json#", schema);
    }

    [Fact]
    public void MainBicep_DeploysEveryModuleUnderInfraApp()
    {
        // Convention: each module's deployment is named after its file, so an unused module shows.
        var files = Directory.GetFiles(Repository.PathOf("infra/app"), "*.bicep")
            .Select(f => Path.GetFileNameWithoutExtension(f)!)
            .Order(StringComparer.Ordinal);
        var modules = main.Template.Modules.Where(m => m != ArmTemplate.Main).Order(StringComparer.Ordinal);

        Assert.Equal(files, modules);
    }

    [Fact]
    public void MainBicep_HasNoLinterWarnings()
    {
        var files = Directory.GetFiles(Repository.PathOf("infra"), "*.bicep", SearchOption.AllDirectories);

        var lint = Bicep.Run("lint", "--pattern", "infra/**/*.bicep", "--diagnostics-format", "sarif");

        Assert.True(lint.ExitCode == 0, $"bicep lint failed:\n{lint.Stderr}\n{lint.Stdout}");
        var reports = SarifDocuments(lint.Stdout);
        // One report per file: the pattern did reach every Bicep file, modules included.
        Assert.Equal(files.Length, reports.Count);
        var diagnostics = reports
            .SelectMany(r => r.GetProperty("runs").EnumerateArray())
            .SelectMany(run => run.GetProperty("results").EnumerateArray())
            .Select(Describe)
            .ToList();
        Assert.True(diagnostics.Count == 0, "bicep lint:\n" + string.Join('\n', diagnostics));
    }

    /// <summary>With --pattern, bicep lint writes one SARIF document per file, one after the other.</summary>
    private static List<JsonElement> SarifDocuments(string output)
    {
        var documents = new List<JsonElement>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(output), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            documents.Add(document.RootElement.Clone());
        }
        return documents;
    }

    private static string Describe(JsonElement result)
    {
        var location = result.At("locations").ValueKind == JsonValueKind.Array
            ? Text(result.GetProperty("locations")[0].At("physicalLocation", "artifactLocation", "uri"))
            : "?";
        return $"{location}: {Text(result.At("ruleId"))} {Text(result.At("message", "text"))}";
    }

    private static string Text(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
}
