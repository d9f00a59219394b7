using System.Diagnostics;

namespace Solidaire.Infra.Tests.Support;

/// <summary>The real Bicep CLI, from the restored Azure.Bicep.CommandLine.linux-x64 package.</summary>
internal static class Bicep
{
    private static readonly Lazy<string> Executable = new(Locate);

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Result Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // Offline and quiet: no telemetry, no first-run banner.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish in 2 minutes.");
        }
        return new Result(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string Locate()
    {
        var path = Repository.Metadata("BicepPath");
        if (!File.Exists(path))
            throw new FileNotFoundException($"The Bicep CLI is not at {path}: run dotnet restore.", path);
        if (OperatingSystem.IsWindows())
            return path;

        // NuGet extracts the package without guaranteeing the execute bits everyone needs.
        var mode = File.GetUnixFileMode(path);
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        if ((mode & execute) == execute)
            return path;
        try
        {
            File.SetUnixFileMode(path, mode | execute);
            return path;
        }
        catch (UnauthorizedAccessException)
        {
            // A shared, read-only package folder: run a private executable copy instead.
            var copy = Path.Combine(Path.GetTempPath(), $"solidaire-bicep-{new FileInfo(path).Length}", "bicep");
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            if (!File.Exists(copy))
            {
                File.Copy(path, copy + ".tmp", overwrite: true);
                File.SetUnixFileMode(copy + ".tmp", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                File.Move(copy + ".tmp", copy, overwrite: true);
            }
            return copy;
        }
    }
}
