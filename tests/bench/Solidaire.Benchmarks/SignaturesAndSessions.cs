using System.Diagnostics;
using System.Globalization;
using System.Net;
using Solidaire.Testing;

namespace Solidaire.Benchmarks;

/// <summary>
/// Contract signatures and session records per second at 1, 8 and 32 concurrent clients, each level
/// against raw inserts of the same client count measured just before it, on the same Azurite. A fresh
/// app process (tables and pickup folder of its own, so the intakes measured before weigh on nothing),
/// staged through its HTTP API with the integration tests' own steps (<see cref="SignedEngagement"/>,
/// <see cref="StaffWorld"/>): one coordinator and one coach signed in by emailed link, then per
/// operation an intake, its assignment, the coach's confirmation, the contract issued and the link
/// read from the emailed invitation. Staging is not timed. A level ends only when every email the
/// operations caused is in the pickup folder.
/// </summary>
internal static partial class ThroughputMode
{
    // The signed contract (PDF attached) to the client and to the coach; a session's invitation (.ics attached) to each.
    private const int EmailsPerSignature = 2;
    private const int EmailsPerSession = 2;
    private const int StagingClients = 8;
    private const string CoachEmail = "bench-coach@example.org";

    /// <summary>An app run as a process, as the shared test steps reach it.</summary>
    private sealed record ServedProcess(HttpClient Client, string MailFolder) : IServedApp;

    private static async Task SignaturesAndSessionsAsync(Azurite azurite, int intakeOperations, RawInserts raw)
    {
        // A quarter of the intakes' count: each signature needs an engagement staged through five requests and
        // three emails first, and the whole command must stay within minutes on 2 cores.
        var operations = Math.Max(1, intakeOperations / 4);
        var work = Directory.CreateTempSubdirectory("solidaire-bench-").FullName;
        var settings = Bench.AppSettings(azurite, work);
        var mail = new PickupFolder(settings["Email:PickupFolder"]!);
        await using var app = AppProcess.Start(TestSettings.AsEnvironment(settings));
        await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.Port}") };
        var served = new ServedProcess(http, mail.Path);

        // Every signature takes a contract of its own; every session engagement takes one session per phase
        // (warm-up and three levels: the charter's 4), so concurrent records never wait on one engagement's turn.
        var signatures = WarmUpOperations + Levels.Length * operations;
        var sessionEngagements = Math.Max(operations, WarmUpOperations);
        var staged = Stopwatch.StartNew();
        Bench.Progress($"staging (not timed): a coordinator and a coach signed in, {signatures + sessionEngagements} contracts issued, {sessionEngagements} of them signed");
        var coordinator = await StaffClient.SignInAsync(served, StaffClient.Coordinator);
        var coach = await StaffWorld.ReadyCoachAsync(served, coordinator, CoachEmail);
        var coachId = await SignedEngagement.CoachIdAsync(coach);
        var run = Guid.NewGuid().ToString("N")[..8];
        string ClientEmail(int i) => $"bench-{run}-{i}@example.org";
        var issued = new IssuedEngagement[signatures + sessionEngagements];
        await RunClientsAsync(issued.Length, StagingClients, Stopwatch.StartNew(), async (i, _) =>
        {
            issued[i] = await SignedEngagement.IssueUnreadAsync(served, coordinator, coach, ClientEmail(i), coachId: coachId);
            return null;
        });
        var links = await ContractLinksAsync(mail, issued.Length);
        var sessionPool = issued[signatures..];
        await RunClientsAsync(sessionPool.Length, StagingClients, Stopwatch.StartNew(), async (i, _) =>
        {
            await SignedEngagement.SignAsync(served, links[ClientEmail(signatures + i)], sessionPool[i].Sha256, SignatureName);
            return null;
        });
        await mail.QuietAsync(TimeSpan.FromSeconds(2));
        mail.SkipWritten();
        var stagedSeconds = staged.Elapsed.TotalSeconds;
        Bench.Progress($"staged in {stagedSeconds:0} s");

        var nextSignature = 0;
        async Task<TimedPhase> SignAsync(int count, int clients)
        {
            var slice = Enumerable.Range(nextSignature, count).ToArray();
            nextSignature += count;
            return await TimedAsync(count, clients, mail, EmailsPerSignature, async (i, _) =>
            {
                var contract = issued[slice[i]];
                await SignedEngagement.SignAsync(served, links[ClientEmail(slice[i])], contract.Sha256, SignatureName);
                return contract.Reference;
            });
        }

        var sessionPhase = 0;
        async Task<TimedPhase> RecordAsync(int count, int clients)
        {
            // One session per engagement per phase, three days after the previous phase's: within the charter's spacing and booking horizon.
            var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(1 + 3 * sessionPhase++).AddHours(13).ToOffset(TimeSpan.FromHours(1));
            var body = new { date = start.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture), durationMinutes = 60, medium = "video" };
            return await TimedAsync(count, clients, mail, EmailsPerSession, async (i, _) =>
            {
                await coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{sessionPool[i].EngagementId}/sessions", body, HttpStatusCode.Created);
                return sessionPool[i].Reference;
            });
        }

        Bench.Progress($"warm-up: {WarmUpOperations} raw inserts, signatures and session records at {WarmUpClients} clients");
        await raw.RunAsync(WarmUpOperations, WarmUpClients);
        await SignAsync(WarmUpOperations, WarmUpClients);
        await RecordAsync(WarmUpOperations, WarmUpClients);
        await Task.Delay(Settle);

        var results = new List<(int Clients, Phase Raw, TimedPhase Signature, TimedPhase Session)>();
        foreach (var clients in Levels)
        {
            Bench.Progress($"{clients} client(s): {operations * RawPerOperation} raw inserts, {operations} signatures, {operations} session records, each until its emails are written");
            var rawPhase = await raw.RunAsync(operations * RawPerOperation, clients);
            await Task.Delay(Settle);
            var signaturePhase = await SignAsync(operations, clients);
            await Task.Delay(Settle);
            var sessionPhaseResult = await RecordAsync(operations, clients);
            await Task.Delay(Settle);
            results.Add((clients, rawPhase, signaturePhase, sessionPhaseResult));
        }
        await app.DisposeAsync();
        Bench.DeleteWorkFolder(work);

        Console.WriteLine("contract signature and session record: a second app process over the same Azurite, tables and pickup folder of its own");
        Console.WriteLine($"{operations} operations per level ({operations * RawPerOperation} raw inserts), after a warm-up of {WarmUpOperations} of each at {WarmUpClients} clients; raw, then signature, then session record at each level");
        Console.WriteLine($"staged through the API, not timed ({stagedSeconds:0} s): per signature an intake assigned, confirmed, its contract issued and its emailed link read; " +
            $"{sessionEngagements} engagements signed for the session records, one session each per phase, one coach");
        Console.WriteLine($"signature: POST /api/client/contract/signature with the link's token, 201; all emails sent: {EmailsPerSignature} .eml per signature (the signed PDF to client and coach)");
        Console.WriteLine($"session record: POST /api/staff/engagements/{{id}}/sessions as the coach, 201; all emails sent: {EmailsPerSession} .eml per session (the invitation to client and coach)");
        Console.WriteLine();
        TableHeader();
        foreach (var (clients, rawPhase, signature, session) in results)
        {
            Row(clients, "raw insert", rawPhase, null);
            Row(clients, "signature (answered)", signature.Answered, rawPhase);
            Row(clients, "signature (all emails sent)", signature.AllEmailsSent, rawPhase);
            Row(clients, "session (answered)", session.Answered, rawPhase);
            Row(clients, "session (all emails sent)", session.AllEmailsSent, rawPhase);
        }
    }

    private static string SignatureName => $"{IntakeSamples.Valid()["firstName"]} {IntakeSamples.Valid()["lastName"]}";

    /// <summary><paramref name="operation"/> <paramref name="operations"/> times from <paramref name="clients"/> clients, answered and to its last email.</summary>
    private static async Task<TimedPhase> TimedAsync(int operations, int clients, PickupFolder mail, int emailsPerOperation, Func<int, CancellationToken, Task<string?>> operation)
    {
        var startWall = DateTime.UtcNow;
        var samples = await RunClientsAsync(operations, clients, Stopwatch.StartNew(), operation);
        return new TimedPhase(Answered(samples), await mail.AllSentAsync(samples, startWall, emailsPerOperation));
    }

    /// <summary>Waits until the pickup folder holds <paramref name="count"/> contract links; each link's token by the client address it went to.</summary>
    private static async Task<Dictionary<string, string>> ContractLinksAsync(PickupFolder mail, int count)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        var read = new HashSet<string>(StringComparer.Ordinal);
        var waited = Stopwatch.StartNew();
        while (links.Count < count)
        {
            if (waited.Elapsed > TimeSpan.FromMinutes(5))
                throw new TimeoutException($"After 5 min the pickup folder holds {links.Count} contract links of the {count} issued: the run is aborted. Folder: {mail.Path}");
            foreach (var path in mail.EmlFiles().Where(read.Add).ToArray())
            {
                var message = EmlMessage.Read(path);
                if (SignedEngagement.ContractLinkTokenIn(message) is { } token)
                    links[message.To] = token;
            }
            await Task.Delay(100);
        }
        return links;
    }
}
