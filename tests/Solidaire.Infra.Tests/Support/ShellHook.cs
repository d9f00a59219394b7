using System.Diagnostics;
using System.Runtime.Versioning;

namespace Solidaire.Infra.Tests.Support;

/// <summary>Runs an azd hook script under /bin/sh from the repository root, with stand-in commands first on the PATH.</summary>
[UnsupportedOSPlatform("windows")]
internal static class ShellHook
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Writes a stand-in command (a script) that only its owner may run.</summary>
    public static void WriteCommand(string path, string text)
    {
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>Runs the script; a null value removes that variable from the environment.</summary>
    public static Result Run(string script, string commands, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Repository.PathOf(script));
        start.Environment["PATH"] = commands + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        foreach (var (name, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), $"{script} did not finish in 30 s");
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
