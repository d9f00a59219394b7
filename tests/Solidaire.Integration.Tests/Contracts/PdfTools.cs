using System.ComponentModel;
using System.Diagnostics;

namespace Solidaire.Integration.Tests.Contracts;

/// <summary>
/// qpdf and poppler's pdftotext run on a PDF written to a temporary file. A missing tool fails the test
/// with the Debian package to install, rather than letting it pass unchecked.
/// </summary>
internal sealed class PdfTools : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"solidaire-contract-{Guid.NewGuid():N}.pdf");

    public PdfTools(byte[] pdf) => File.WriteAllBytes(path, pdf);

    /// <summary>`qpdf --check`: its exit code (0 clean, 2 errors, 3 warnings) and what it printed.</summary>
    public (int ExitCode, string Output) QpdfCheck() => Run("qpdf", "qpdf", "--check", path);

    /// <summary>The text of pages <paramref name="first"/> to <paramref name="last"/> (all when omitted), UTF-8.</summary>
    public string Text(int? first = null, int? last = null)
    {
        var args = new List<string> { "-enc", "UTF-8" };
        if (first is { } f)
            args.AddRange(["-f", f.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (last is { } l)
            args.AddRange(["-l", l.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        args.AddRange([path, "-"]);
        var (code, output) = Run("pdftotext", "poppler-utils", [.. args]);
        Assert.True(code == 0, $"pdftotext exited {code}: {output}");
        return output;
    }

    private static (int, string) Run(string tool, string package, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"{tool} is not installed: the contract PDF tests need the Debian package {package} (apt-get install -y {package}).", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
            {
                process.Kill();
                throw new TimeoutException($"{tool} ran for more than 60 s");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }

    public void Dispose() => File.Delete(path);
}
