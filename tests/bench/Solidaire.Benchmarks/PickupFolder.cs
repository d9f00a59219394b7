using System.Diagnostics;
using System.Text.RegularExpressions;
using Solidaire.Testing;

namespace Solidaire.Benchmarks;

/// <summary>
/// The app's pickup folder as the benchmark watches it: how many emails the measured phases caused
/// so far, and when each new one was written, told to its operation by the reference it carries
/// (the intake's, in the subject or the text of every email an intake, a signature or a session causes).
/// </summary>
internal sealed partial class PickupFolder(string folder)
{
    private static readonly TimeSpan EmailTimeout = TimeSpan.FromMinutes(5);

    private readonly HashSet<string> _counted = new(StringComparer.Ordinal);
    private int _expected;

    public string Path => folder;

    public IEnumerable<string> EmlFiles() =>
        Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Where(p => p.EndsWith(".eml", StringComparison.Ordinal))
            : [];

    /// <summary>Emails already written (by staging) belong to no phase: from now on only new ones count.</summary>
    public void SkipWritten()
    {
        foreach (var path in EmlFiles())
            _counted.Add(path);
        _expected = _counted.Count;
    }

    /// <summary>
    /// Waits until the folder holds the <paramref name="emailsPerOperation"/> emails of each of <paramref name="samples"/>
    /// (none more), then: operations / (first request to last email written), and each one's latency to its own last email,
    /// when every email could be told to its operation (none otherwise).
    /// </summary>
    public async Task<Phase> AllSentAsync(Sample[] samples, DateTime startWall, int emailsPerOperation)
    {
        _expected += samples.Length * emailsPerOperation;
        await WaitForAsync(emailsPerOperation);

        // When each new email was written (file times share the wall clock of startWall; the
        // kernel stamps them with a coarse clock, a few ms at most behind).
        var written = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var last = double.MinValue;
        foreach (var path in EmlFiles().Where(p => !_counted.Contains(p)).ToArray())
        {
            _counted.Add(path);
            var at = (File.GetLastWriteTimeUtc(path) - startWall).TotalMilliseconds;
            last = Math.Max(last, at);
            var reference = ReferenceIn(path);
            if (reference is not null)
                (written.TryGetValue(reference, out var times) ? times : written[reference] = []).Add(at);
        }

        var first = samples.Min(s => s.StartMs);
        var matched = samples.All(s => s.Reference is { } r && written.TryGetValue(r, out var times) && times.Count == emailsPerOperation);
        return new Phase(
            samples.Length,
            (last - first) / 1000,
            matched ? samples.Select(s => written[s.Reference!].Max() - s.StartMs).ToArray() : []);
    }

    private async Task WaitForAsync(int emailsPerOperation)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var count = EmlFiles().Count();
            if (count == _expected)
                return;
            if (count > _expected)
                throw new InvalidOperationException(
                    $"The pickup folder holds {count} emails, {_expected} expected ({emailsPerOperation} per operation): the run is aborted. Folder: {folder}");
            if (waited.Elapsed > EmailTimeout)
                throw new TimeoutException(
                    $"After {EmailTimeout.TotalSeconds:0} s the pickup folder holds {count} emails of the {_expected} expected: the run is aborted. Folder: {folder}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until no email has been written for <paramref name="quiet"/>: what staging caused is all there.</summary>
    public async Task QuietAsync(TimeSpan quiet)
    {
        var waited = Stopwatch.StartNew();
        var count = -1;
        var since = Stopwatch.StartNew();
        while (since.Elapsed < quiet)
        {
            var now = EmlFiles().Count();
            if (now != count)
            {
                count = now;
                since.Restart();
            }
            if (waited.Elapsed > EmailTimeout)
                throw new TimeoutException($"After {EmailTimeout.TotalSeconds:0} s emails are still being written: the run is aborted. Folder: {folder}");
            await Task.Delay(100);
        }
    }

    private static string? ReferenceIn(string path)
    {
        var message = EmlMessage.Read(path);
        var match = ReferencePattern().Match(message.Subject);
        if (!match.Success)
            match = ReferencePattern().Match(message.Text);
        return match.Success ? match.Value : null;
    }

    [GeneratedRegex(@"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
