using System.Globalization;

namespace Solidaire.Benchmarks;

/// <summary>A process's peak and current resident set, from /proc (Linux; zero elsewhere).</summary>
internal readonly record struct Memory(long PeakMiB, long ResidentMiB)
{
    public static Memory Of(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
            return default;
        var lines = File.ReadAllLines(status);
        long MiB(string key) => lines.Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024)
            .FirstOrDefault();
        return new Memory(MiB("VmHWM"), MiB("VmRSS"));
    }
}
