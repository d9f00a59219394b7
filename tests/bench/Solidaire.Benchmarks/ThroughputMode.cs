using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Solidaire.Testing;

namespace Solidaire.Benchmarks;

/// <summary>
/// Intakes per second at 1, 8 and 32 concurrent clients, against a baseline of the same run: raw
/// Table Storage inserts of an entity about the size of a dossier row, straight into the same
/// Azurite. An intake level ends only when every email it caused is in the pickup folder, so the
/// work the app does after answering counts. Only the HTTP API, Azurite and the pickup folder are
/// used, so the figures stay comparable while the app's internals change. Then contract signatures
/// and session records the same way, on a second app process (SignaturesAndSessions.cs).
/// </summary>
internal static partial class ThroughputMode
{
    public const int DefaultOperations = 400;

    private static readonly int[] Levels = [1, 8, 32];
    private const int GoalClients = 32;
    private const double GoalRatio = 0.2;
    // At the highest level, so connections and threads are there before any measured level needs them.
    private const int WarmUpOperations = 64;
    private const int WarmUpClients = 32;
    // Lets what the app does after its last email (recording it, deleting the work row) finish
    // before the next phase, so it does not weigh on the next phase's figures.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);
    // Raw inserts per measured operation. A raw insert is 5 to 10 times quicker than an intake, so as
    // many of them lasted 0.2 to 0.4 s at 32 clients: too short a sample on a shared machine (between
    // runs the raw baseline swung from 960 to 2,200/s). Four times as many last about as long as the
    // operations they are compared with.
    private const int RawPerOperation = 4;

    public static async Task<int> RunAsync(int operations)
    {
        var date = DateTimeOffset.UtcNow;

        await using var azurite = await Azurite.StartAsync();
        var work = Directory.CreateTempSubdirectory("solidaire-bench-").FullName;
        var settings = Bench.AppSettings(azurite, work);
        var mail = settings["Email:PickupFolder"]!;
        // One acknowledgement to the client, one notice to each coordinator.
        var coordinators = settings["Staff:BootstrapCoordinators"]!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;
        var emailsPerIntake = 1 + coordinators;

        await using var app = AppProcess.Start(TestSettings.AsEnvironment(settings));
        await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.Port}") };
        var version = await AppVersionAsync(http);

        var table = new TableClient(azurite.ConnectionString, "benchraw" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync();
        var raw = new RawInserts(table);
        var intakes = new Intakes(http, new PickupFolder(mail), emailsPerIntake);

        Bench.Progress($"warm-up: {WarmUpOperations} raw inserts and {WarmUpOperations} intakes at {WarmUpClients} clients");
        await raw.RunAsync(WarmUpOperations, WarmUpClients);
        await intakes.RunAsync(WarmUpOperations, WarmUpClients);
        await Task.Delay(Settle);

        var results = new List<(int Clients, Phase Raw, TimedPhase Intake)>();
        foreach (var clients in Levels)
        {
            Bench.Progress($"{clients} client(s): {operations * RawPerOperation} raw inserts");
            var rawPhase = await raw.RunAsync(operations * RawPerOperation, clients);
            await Task.Delay(Settle);
            Bench.Progress($"{clients} client(s): {operations} intakes, until their {operations * emailsPerIntake} emails are written");
            var intakePhase = await intakes.RunAsync(operations, clients);
            await Task.Delay(Settle);
            results.Add((clients, rawPhase, intakePhase));
        }

        var memory = Memory.Of(app.Process.Id);
        await app.DisposeAsync();
        Print(date, version, operations, emailsPerIntake, coordinators, raw.StringCharacters, results);
        Console.WriteLine($"memory: the app process's peak resident set (VmHWM) over the run, whose highest load is {GoalClients} clients: {memory.PeakMiB} MiB; resident at its end: {memory.ResidentMiB} MiB");
        Bench.DeleteWorkFolder(work);

        Console.WriteLine();
        await FloorAsync(azurite.ConnectionString, operations, raw, GoalRatioOf(results));

        Console.WriteLine();
        await SignaturesAndSessionsAsync(azurite, operations, raw);
        return 0;
    }

    private static async Task<string> AppVersionAsync(HttpClient http)
    {
        using var health = JsonDocument.Parse(await http.GetStringAsync("/api/health"));
        return health.RootElement.TryGetProperty("version", out var v) ? v.GetString() ?? "?" : "?";
    }

    /// <summary>An operation's phase: answered, and to its last email written.</summary>
    private sealed record TimedPhase(Phase Answered, Phase AllEmailsSent);

    /// <summary>
    /// <paramref name="clients"/> concurrent loops take the next operation until <paramref name="operations"/> are
    /// done. The first failure stops every loop and aborts the run: a figure with errors in it means nothing.
    /// </summary>
    private static async Task<Sample[]> RunClientsAsync(int operations, int clients, Stopwatch clock, Func<int, CancellationToken, Task<string?>> operation)
    {
        var samples = new Sample[operations];
        var next = -1;
        Exception? failure = null;
        using var stop = new CancellationTokenSource();

        async Task ClientAsync()
        {
            await Task.Yield();
            int i;
            while (!stop.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < operations)
            {
                var start = clock.Elapsed.TotalMilliseconds;
                try
                {
                    var tag = await operation(i, stop.Token);
                    samples[i] = new Sample(start, clock.Elapsed.TotalMilliseconds, tag);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                    await stop.CancelAsync();
                }
                catch (OperationCanceledException)
                {
                    // Another client failed first.
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => ClientAsync()));
        if (failure is not null)
            throw new InvalidOperationException($"The run is aborted: {failure.Message}", failure);
        return samples;
    }

    /// <summary><see cref="RunClientsAsync"/> timed from now, each operation done when it answers.</summary>
    private static async Task<Phase> AnsweredAsync(int operations, int clients, Func<int, CancellationToken, Task<string?>> operation) =>
        Answered(await RunClientsAsync(operations, clients, Stopwatch.StartNew(), operation));

    /// <summary>A sealed personal field as the app stores it: base64 of nonce, ciphertext and tag.</summary>
    private static string Sealed(int plainBytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(plainBytes + 28));

    private static Phase Answered(Sample[] samples) => new(
        samples.Length,
        (samples.Max(s => s.EndMs) - samples.Min(s => s.StartMs)) / 1000,
        samples.Select(s => s.EndMs - s.StartMs).ToArray());

    /// <summary>Raw inserts with Azure.Data.Tables into a table of their own, each into a new partition, as a new client's intake is.</summary>
    private sealed class RawInserts
    {
        private readonly TableClient _table;
        private readonly Dictionary<string, string> _strings;
        private long _inserted;

        public RawInserts(TableClient table)
        {
            _table = table;
            // Shaped like a dossier's intake row: a few plain fields, and sealed personal fields, the
            // situation being by far the largest.
            _strings = new Dictionary<string, string>
            {
                ["Status"] = "new",
                ["Role"] = "manager",
                ["PreferredLanguage"] = "fr",
                ["FirstName"] = Sealed(16),
                ["LastName"] = Sealed(16),
                ["Email"] = Sealed(32),
                ["Phone"] = Sealed(16),
                ["Organisation"] = Sealed(48),
                ["Situation"] = Sealed(1400),
                ["Availability"] = Sealed(120),
            };
        }

        public int StringCharacters => _strings.Values.Sum(s => s.Length);

        /// <summary>The string properties each raw insert carries, shaped like a dossier's intake row.</summary>
        public IReadOnlyDictionary<string, string> Strings => _strings;

        public Task<Phase> RunAsync(int operations, int clients) =>
            AnsweredAsync(operations, clients, async (_, cancellationToken) =>
            {
                var n = Interlocked.Increment(ref _inserted);
                var entity = new TableEntity("c" + Guid.NewGuid().ToString("N"), "intake|" + n.ToString("D8", CultureInfo.InvariantCulture))
                {
                    ["HasPriority"] = true,
                    ["Urgent"] = false,
                    ["CreatedAt"] = DateTimeOffset.UtcNow,
                    ["DestroyAt"] = DateTimeOffset.UtcNow.AddDays(90),
                };
                foreach (var (name, value) in _strings)
                    entity[name] = value;
                await _table.AddEntityAsync(entity, cancellationToken);
                return null;
            });
    }

    /// <summary>
    /// POST /api/intakes with valid, distinct bodies; then waits until the pickup folder holds every
    /// email they caused. Emails are told apart by the reference the intake answered, which the
    /// acknowledgement and the coordinators' notice both carry.
    /// </summary>
    private sealed class Intakes(HttpClient http, PickupFolder mail, int emailsPerIntake)
    {
        // A person's account of a hard time at work, about 1,400 characters, with no crisis signal
        // in it (an urgent intake would send an alert instead of the notice: the same count, other work).
        private const string Situation =
            "Je dirige une équipe de douze personnes dans une association d'aide à domicile. Depuis la fermeture " +
            "de notre deuxième site au printemps, nous avons repris tous ses bénéficiaires sans un poste de plus. " +
            "Les plannings changent chaque semaine, les arrêts de travail se succèdent et je passe mes soirées à " +
            "chercher des remplaçants. Je sens que l'équipe s'épuise et que la confiance s'effrite : les réunions " +
            "tournent aux reproches, deux collègues ne se parlent plus, et une salariée expérimentée m'a annoncé " +
            "qu'elle cherchait ailleurs. Le conseil d'administration me demande en même temps de préparer une " +
            "réorganisation et un budget en baisse. Je ne sais plus comment prioriser, ni comment annoncer les " +
            "décisions qui viennent sans perdre les personnes qui tiennent encore la structure. J'ai besoin d'un " +
            "espace pour prendre du recul, clarifier ce qui dépend de moi et ce qui n'en dépend pas, et préparer " +
            "les conversations difficiles des prochaines semaines. Je dors mal et je remarque que je deviens moins " +
            "patiente avec mes proches, ce qui me fait dire qu'il est temps de demander de l'aide. Je peux me " +
            "libérer en fin de journée ou le mercredi matin, à distance de préférence car je me déplace beaucoup " +
            "entre les domiciles. Je ne peux pas payer beaucoup en ce moment mais je tiens à participer selon mes " +
            "moyens, comme votre charte le propose. Merci de votre lecture et de ce que vous faites.";

        private readonly string _run = Guid.NewGuid().ToString("N")[..8];
        private int _sent;

        public Task<TimedPhase> RunAsync(int operations, int clients) =>
            TimedAsync(operations, clients, mail, emailsPerIntake, (_, cancellationToken) => PostAsync(Interlocked.Increment(ref _sent), cancellationToken));

        private async Task<string?> PostAsync(int n, CancellationToken cancellationToken)
        {
            var body = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["firstName"] = "Camille",
                ["lastName"] = "Durand",
                ["email"] = $"bench-{_run}-{n}@example.org",
                ["phone"] = "+33 6 12 34 56 78",
                ["role"] = "manager",
                ["organisation"] = "Association d'aide à domicile",
                ["situation"] = $"{Situation} (mesure {n})",
                ["preferredLanguage"] = "fr",
                ["availability"] = "En fin de journée, ou le mercredi matin.",
                ["consentToProcessing"] = true,
                ["acknowledgesNotTherapy"] = true,
                ["website"] = "",
                ["formDurationMs"] = 60000,
            });
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("/api/intakes", UriKind.Relative), content, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
                throw new InvalidOperationException($"POST /api/intakes answered {(int)response.StatusCode}, not 202: {text[..Math.Min(text.Length, 300)]}");
            using var answer = JsonDocument.Parse(text);
            return answer.RootElement.GetProperty("reference").GetString();
        }
    }

    private static void Print(
        DateTimeOffset date, string version, int operations, int emailsPerIntake, int coordinators, int rawCharacters,
        List<(int Clients, Phase Raw, TimedPhase Intake)> results)
    {
        Console.WriteLine($"Solidaire throughput benchmark, {date:yyyy-MM-dd HH:mm} UTC");
        Console.WriteLine(Bench.Machine);
        Console.WriteLine($"app {version} as a process over one in-memory Azurite; benchmark client, app and Azurite share the machine");
        Console.WriteLine($"{operations} operations per level ({operations * RawPerOperation} raw inserts: {RawPerOperation} per operation, so the baseline lasts about as long), after a warm-up of {WarmUpOperations} of each at {WarmUpClients} clients; raw then intake at each level");
        Console.WriteLine($"raw insert: TableClient.AddEntityAsync, new partition each, {rawCharacters} characters of string properties");
        Console.WriteLine($"intake: POST /api/intakes, 202; all emails sent: {emailsPerIntake} .eml per intake (acknowledgement + {coordinators} coordinator(s)) in the pickup folder");
        Console.WriteLine("req/s: operations / (first request to last answer, or to last email written); latency: per operation (to its own last email)");
        Console.WriteLine();
        TableHeader();
        foreach (var (clients, raw, intake) in results)
        {
            Row(clients, "raw insert", raw, null);
            Row(clients, "intake (answered)", intake.Answered, raw);
            Row(clients, "intake (all emails sent)", intake.AllEmailsSent, raw);
        }
        Console.WriteLine();

        var ratio = GoalRatioOf(results);
        Console.WriteLine($"goal: at {GoalClients} clients, intake (all emails sent) >= {GoalRatio:0.0#} × raw insert throughput: " +
            $"{ratio:0.000} × raw, {(ratio >= GoalRatio ? "met" : "NOT met")}");
    }

    /// <summary>The goal's figure: intakes with all their emails sent over raw inserts, at <see cref="GoalClients"/>.</summary>
    private static double GoalRatioOf(List<(int Clients, Phase Raw, TimedPhase Intake)> results)
    {
        var goal = results.Single(r => r.Clients == GoalClients);
        return goal.Intake.AllEmailsSent.PerSecond / goal.Raw.PerSecond;
    }

    private static void TableHeader()
    {
        Console.WriteLine("× raw: the figure over the raw inserts' of the same client count (req/s: higher is better; p50, p99: lower is better)");
        Console.WriteLine($"{"clients",7}  {"operation",-30} {"ops",5} {"seconds",8} {"req/s",8} {"p50 ms",8} {"p99 ms",8} {"req/s×raw",9} {"p50×raw",8} {"p99×raw",8}");
    }

    private static void Row(int clients, string name, Phase phase, Phase? raw)
    {
        var latency = phase.LatenciesMs.Length == 0
            ? $"{"n/a",8} {"n/a",8}"
            : $"{Stats.Percentile(phase.LatenciesMs, 0.50),8:0.0} {Stats.Percentile(phase.LatenciesMs, 0.99),8:0.0}";
        string Ratio(double value, double baseline) => raw is null ? "" : (value / baseline).ToString("0.00", CultureInfo.InvariantCulture);
        string LatencyRatio(double p) => raw is null || phase.LatenciesMs.Length == 0 ? "" : Ratio(Stats.Percentile(phase.LatenciesMs, p), Stats.Percentile(raw.LatenciesMs, p));
        Console.WriteLine($"{clients,7}  {name,-30} {phase.Operations,5} {phase.Seconds,8:0.00} {phase.PerSecond,8:0.0} {latency} " +
            $"{(raw is null ? "" : Ratio(phase.PerSecond, raw.PerSecond)),9} {LatencyRatio(0.50),8} {LatencyRatio(0.99),8}");
    }
}
