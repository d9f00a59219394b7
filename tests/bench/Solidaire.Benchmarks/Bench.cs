using System.Runtime.InteropServices;
using Solidaire.Testing;

namespace Solidaire.Benchmarks;

/// <summary>What the modes set up, report and clean up the same way.</summary>
internal static class Bench
{
    /// <summary>The test settings over <paramref name="azurite"/> with tables and a work folder of its own, and no rate limit a benchmark would hit.</summary>
    public static Dictionary<string, string?> AppSettings(Azurite azurite, string work)
    {
        var settings = TestSettings.For(azurite.ConnectionString, TestSettings.NewTablePrefix(), work);
        settings["RateLimiting:PerIpPerHour"] = "1000000";
        settings["Logging:LogLevel:Default"] = "Warning";
        return settings;
    }

    public static void DeleteWorkFolder(string work)
    {
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // The app may still be writing its last email; the temp folder is the OS's to clean.
        }
    }

    /// <summary>A progress line on stderr, so that stdout holds the figures alone.</summary>
    public static void Progress(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    /// <summary>The machine line every report starts with.</summary>
    public static string Machine =>
        $"machine: {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture}), {RuntimeInformation.FrameworkDescription}";
}
