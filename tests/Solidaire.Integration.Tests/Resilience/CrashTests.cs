using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Contracts;
using Solidaire.Core.Dossiers;
using Solidaire.Core.Email;
using Solidaire.Core.Sessions;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;
using Xunit.Abstractions;

namespace Solidaire.Integration.Tests.Resilience;

/// <summary>
/// The app as an OS process, killed (SIGKILL, whole tree) in the middle of a burst of session records and
/// contract signatures, then started again on the same tables, keys and pickup folder. After its timers
/// caught up, storage and the pickup folder must show: no engagement with more than 4 sessions, no contract
/// with two signatures, no email sent twice, and every email the outbox says was sent in the folder.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int SessionEngagements = 4;
    private const int SessionAttemptsPerEngagement = 6; // more than the charter's 4
    private const int SignatureContracts = 4;
    private const int SignatureAttemptsPerContract = 4;
    private const int KillBeforeAnsweredPercent = 85; // the kill comes before the burst is over, whatever the delay drawn

    // Short leases and backoffs, so what the killed process held is taken over within seconds.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(4);

    private static void Timing(IDictionary<string, string?> values)
    {
        values["RateLimiting:PerIpPerHour"] = "1000000";
        values["OutboxSchedule"] = "*/1 * * * * *";
        values["Email:SendTimeout"] = "00:00:03";
        values["Email:SendLease"] = Lease.ToString();
        values["Email:FirstRetryDelay"] = "00:00:01";
        values["Deadlines:Lease"] = Lease.ToString();
        values["Deadlines:FirstRetryDelay"] = "00:00:01";
    }

    [Fact]
    public async Task AppKilledDuringABurstOfSessionsAndSignatures_RestartsWithEveryLimitHeldAndNoEmailSentTwice()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CRASH_SEED"), out var s) ? s : 13;
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var connectionString = (await Azurite.Shared).ConnectionString;

        // The world is built in this process (the harness's staff helpers), then handed over to the app as a process:
        // same Azurite tables, same key file (so its tokens and sealed rows stay readable), same pickup folder.
        var (world, settings, work) = await BuildWorldAsync();
        var prefix = settings["Storage:TablePrefix"]!;
        var mailFolder = settings["Email:PickupFolder"]!;
        output.WriteLine($"seed {seed}; world of {world.Sessions.Count} signed and {world.Contracts.Count} issued engagements built in {clock.Elapsed.TotalSeconds:F1} s");

        var environment = TestSettings.AsEnvironment(settings);
        var first = AppProcess.Start(environment);
        await using (first)
        {
            await first.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
            await WarmUpAsync(first, world.CoachToken);
            var burst = await BurstAndKillAsync(first, world, random);
            output.WriteLine($"burst: {burst.Sent} requests sent ({burst.SessionPosts} session records, {burst.SignaturePosts} signatures), " +
                $"{burst.Answered} answered before the kill ({burst.Created} created, {burst.Refused} refused), killed after {burst.KilledAfter.TotalMilliseconds:F0} ms ({burst.KillReason})");
            output.WriteLine("answers: " + string.Join(", ", burst.Statuses.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} ×{kv.Value}")));
        }
        var killedAt = DateTimeOffset.UtcNow;

        await using var second = AppProcess.Start(environment);
        await second.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        var catchUp = await CatchUpAsync(connectionString, prefix, mailFolder, killedAt);
        output.WriteLine($"catch-up: restarted and settled in {catchUp.TotalSeconds:F1} s");

        var dossiers = new TableServiceClient(connectionString).GetTableClient(prefix + Solidaire.Core.Storage.Tables.Dossiers);
        var rows = new List<TableEntity>();
        await foreach (var row in dossiers.QueryAsync<TableEntity>())
            rows.Add(row);

        // No engagement has more than the charter's 4 sessions.
        var engagements = rows.Where(r => r.RowKey.StartsWith(Solidaire.Core.Engagements.Engagement.Prefix, StringComparison.Ordinal)).Select(r => r.RowKey.Split('|')[2]).ToArray();
        var sessionsByEngagement = rows.Where(r => r.RowKey.StartsWith(StoredSession.Prefix, StringComparison.Ordinal))
            .GroupBy(r => r.RowKey.Split('|')[2]).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"engagements checked: {engagements.Length}, sessions stored per engagement: " +
            string.Join(", ", engagements.Select(e => sessionsByEngagement.GetValueOrDefault(e)).OrderDescending()));
        Assert.Equal(SessionEngagements + SignatureContracts, engagements.Length);
        Assert.All(sessionsByEngagement, kv => Assert.True(kv.Value <= 4, $"engagement {kv.Key} holds {kv.Value} sessions"));

        // No contract has two signatures: one signed event at most in an unbroken hash chain, and a signed row has exactly one.
        var contracts = rows.Where(r => r.RowKey.StartsWith(StoredContract.Prefix, StringComparison.Ordinal)).ToArray();
        var events = rows.Where(r => r.RowKey.StartsWith(StoredContract.EventPrefix, StringComparison.Ordinal))
            .GroupBy(r => r.RowKey.Split('|')[1]).ToDictionary(g => g.Key, g => g.OrderBy(r => r.RowKey, StringComparer.Ordinal).ToArray());
        var signedContracts = 0;
        foreach (var contract in contracts)
        {
            var id = contract.RowKey[StoredContract.Prefix.Length..];
            var chain = events.GetValueOrDefault(id, []);
            var signed = chain.Count(e => e.GetString("Kind") == ContractStatus.Signed);
            Assert.True(signed <= 1, $"contract {id} holds {signed} signed events");
            Assert.Equal(contract.GetDateTimeOffset("SignedAt") is null ? 0 : 1, signed);
            for (var i = 1; i < chain.Length; i++)
                Assert.Equal(chain[i - 1].GetString("Hash"), chain[i].GetString("PreviousHash"));
            signedContracts += signed;
        }
        output.WriteLine($"contracts checked: {contracts.Length} ({signedContracts} signed: {world.Sessions.Count} before the burst, {signedContracts - world.Sessions.Count} of the {world.Contracts.Count} in it)");

        // No email sent twice: one file per message id, no two files with the same recipient and content,
        // and every message the outbox records as sent is in the folder.
        var outbox = rows.Where(r => r.RowKey.StartsWith(DossierKeys.AnyOutbox, StringComparison.Ordinal)).ToArray();
        var sent = outbox.Where(r => r.GetString(OutboxRow.Status) == OutboxStatus.Sent).Select(r => r.GetString(OutboxRow.MessageId)).ToArray();
        var files = EmlMessage.ReadFolder(mailFolder);
        var byMessageId = files.GroupBy(f => f.MessageId).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"emails checked: {outbox.Length} outbox rows ({sent.Length} sent, {outbox.Count(r => r.GetString(OutboxRow.Status) != OutboxStatus.Sent)} not sent), {files.Count} .eml files");
        Assert.All(byMessageId, kv => Assert.True(kv.Value == 1, $"message {kv.Key} is in {kv.Value} files"));
        Assert.All(files.GroupBy(f => (f.To, f.Subject, f.Text)), g => Assert.True(g.Count() == 1, $"{g.Count()} files to {g.Key.To} with the same content: {g.Key.Subject}"));
        Assert.All(sent, id => Assert.True(byMessageId.ContainsKey(id), $"message {id} is recorded sent but is not in the folder"));
        output.WriteLine($"total {clock.Elapsed.TotalSeconds:F1} s");
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed record World(IReadOnlyList<string> Sessions, IReadOnlyList<(string EngagementId, string Link, string Sha, string Name)> Contracts, string CoachToken);

    /// <summary>The world, the settings it was built with (its tables, key file and pickup folder), and its work folder, left in place.</summary>
    private static async Task<(World World, Dictionary<string, string?> Settings, string WorkFolder)> BuildWorldAsync()
    {
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        var app = await TestApp.StartAsync(s =>
        {
            Timing(s);
            foreach (var (k, v) in s)
                settings[k] = v;
        });
        var coordinator = await StaffClient.SignInAsync(app, StaffClient.Coordinator);
        var coach = await StaffWorld.ReadyCoachAsync(app, coordinator, "crash-coach@example.org");
        var name = $"{IntakeBodies.Valid()["firstName"]} {IntakeBodies.Valid()["lastName"]}";

        async Task<(string Engagement, string Link, string Sha)> IssuedAsync(string clientEmail)
        {
            var (engagement, _, sha, link) = await SignedEngagement.IssueAsync(app, coordinator, coach, clientEmail);
            return (engagement, link, sha);
        }

        var signed = new List<string>();
        for (var i = 0; i < SessionEngagements; i++)
        {
            var (engagement, link, sha) = await IssuedAsync($"crash-signed-{i}@example.org");
            var response = await StaffClient.SendAsync(app, HttpMethod.Post, "/api/client/contract/signature", link, SignatureBody(1, name, sha));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            signed.Add(engagement);
        }
        var issued = new List<(string, string, string, string)>();
        for (var i = 0; i < SignatureContracts; i++)
        {
            var (engagement, link, sha) = await IssuedAsync($"crash-issued-{i}@example.org");
            issued.Add((engagement, link, sha, name));
        }
        // What the world's requests left behind (emails, indexing) settles before the process takes over.
        await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        await app.StorageQuietAsync();
        // Stopped, not disposed: disposing would delete its work folder, which holds the key file and the pickup folder.
        app.Client.Dispose();
        await app.App.StopAsync();
        await app.App.DisposeAsync();
        return (new World(signed, issued, coach.AccessToken), settings, app.WorkFolder);
    }

    private static object SignatureBody(int amountEur, string name, string sha) => new
    {
        counterpart = new { kind = "financial", amountEur },
        understood = true,
        supervisionConsent = true,
        signatureName = name,
        sha256 = sha,
    };

    private sealed record Burst(int Sent, int SessionPosts, int SignaturePosts, int Answered, int Created, int Refused, TimeSpan KilledAfter, string KillReason, IReadOnlyDictionary<string, int> Statuses);

    /// <summary>
    /// Sends every request at once (each after a seeded jitter), and kills the process a seeded short delay after the
    /// first answer, or as soon as most requests were answered, whichever comes first: the kill lands mid-burst.
    /// </summary>
    private static async Task<Burst> BurstAndKillAsync(AppProcess app, World world, Random random)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.Port}"), Timeout = TimeSpan.FromSeconds(30) };
        var requests = new List<(TimeSpan Jitter, Func<HttpRequestMessage> Make)>();
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddHours(10);
        foreach (var engagement in world.Sessions)
        {
            for (var k = 0; k < SessionAttemptsPerEngagement; k++)
            {
                // Each date valid on its own (after the signature, 3 days apart, within 90 days): only the limit refuses.
                var body = new { date = today.AddDays(3 * (k + 1)).ToString("yyyy-MM-dd'T'HH:mmzzz"), durationMinutes = 60, medium = "video" };
                requests.Add((TimeSpan.FromMilliseconds(random.Next(0, 300)), () => Request($"/api/staff/engagements/{engagement}/sessions", world.CoachToken, body)));
            }
        }
        foreach (var (_, link, sha, name) in world.Contracts)
        {
            for (var k = 0; k < SignatureAttemptsPerContract; k++)
            {
                var body = SignatureBody(k + 1, name, sha);
                requests.Add((TimeSpan.FromMilliseconds(random.Next(0, 300)), () => Request("/api/client/contract/signature", link, body)));
            }
        }
        var killDelay = TimeSpan.FromMilliseconds(random.Next(300, 1500));

        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var answered = 0;
        var mostAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = Stopwatch.StartNew();
        var tasks = requests.Select(async r =>
        {
            await Task.Delay(r.Jitter);
            try
            {
                using var request = r.Make();
                using var response = await client.SendAsync(request);
                var code = response.IsSuccessStatusCode ? ((int)response.StatusCode).ToString() : await CodeOfAsync(response);
                lock (statuses)
                {
                    statuses[code] = statuses.GetValueOrDefault(code) + 1;
                    firstAnswered.TrySetResult();
                    if (++answered * 100 >= requests.Count * KillBeforeAnsweredPercent)
                        mostAnswered.TrySetResult();
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // The process died under it: no answer.
            }
        }).ToArray();

        // The delay runs from the first answer: a cold process's first requests wait on start-up work, not on storage.
        var first = await Task.WhenAny(Delay(), mostAnswered.Task);
        var killedAfter = started.Elapsed;
        app.Process.Kill(entireProcessTree: true);
        await app.Process.WaitForExitAsync();
        int answeredAtKill;
        Dictionary<string, int> statusesAtKill;
        lock (statuses)
        {
            answeredAtKill = answered;
            statusesAtKill = new Dictionary<string, int>(statuses, StringComparer.Ordinal);
        }
        await Task.WhenAll(tasks);

        // No 5xx before the kill: a refusal is the limit, a lost race or a signature already there.
        Assert.DoesNotContain(statusesAtKill.Keys, k => k.StartsWith('5'));
        var created = statusesAtKill.GetValueOrDefault("201");
        return new Burst(requests.Count, world.Sessions.Count * SessionAttemptsPerEngagement, world.Contracts.Count * SignatureAttemptsPerContract,
            answeredAtKill, created, answeredAtKill - created, killedAfter, first == mostAnswered.Task ? $"{KillBeforeAnsweredPercent} % of the requests answered" : $"seeded delay of {killDelay.TotalMilliseconds:F0} ms after the first answer",
            statusesAtKill);

        async Task Delay()
        {
            await firstAnswered.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(killDelay);
        }

        static HttpRequestMessage Request(string path, string token, object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json.Body(JsonSerializer.Serialize(body)) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return request;
        }
    }

    /// <summary>Reads that change nothing, so the burst meets a process past its first requests' start-up work.</summary>
    private static async Task WarmUpAsync(AppProcess app, string coachToken)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.Port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", coachToken);
        foreach (var path in new[] { "/api/staff/me", "/api/staff/engagements", "/api/staff/engagements" })
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    private static async Task<string> CodeOfAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonDocument.Parse(text).RootElement.TryGetProperty("code", out var code) ? $"{(int)response.StatusCode} {code.GetString()}" : ((int)response.StatusCode).ToString();
        }
        catch (JsonException)
        {
            return ((int)response.StatusCode).ToString();
        }
    }

    /// <summary>
    /// Waits until what the killed process held has been taken over (leases past) and the restarted app's timer,
    /// every second, has stopped changing the outbox and the pickup folder for 3 s.
    /// </summary>
    private static async Task<TimeSpan> CatchUpAsync(string connectionString, string prefix, string mailFolder, DateTimeOffset killedAt)
    {
        var clock = Stopwatch.StartNew();
        var dossiers = new TableServiceClient(connectionString).GetTableClient(prefix + Solidaire.Core.Storage.Tables.Dossiers);
        var wait = killedAt + Lease + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait);
        string? last = null;
        var stable = Stopwatch.StartNew();
        while (stable.Elapsed < TimeSpan.FromSeconds(3))
        {
            var states = new List<string>();
            await foreach (var row in dossiers.QueryAsync<TableEntity>(r => r.RowKey.CompareTo(DossierKeys.AnyOutbox) >= 0 && r.RowKey.CompareTo(OutboxEnd) < 0))
                states.Add(row.RowKey + row.GetString(OutboxRow.Status) + row.GetInt32(OutboxRow.Attempts));
            var now = string.Join(",", states.Order(StringComparer.Ordinal)) + "|" + Directory.GetFiles(mailFolder, "*.eml").Length;
            if (now != last)
            {
                last = now;
                stable.Restart();
            }
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException("The outbox was still changing 30 s after the restart.");
            await Task.Delay(250);
        }
        return clock.Elapsed;
    }

    private static readonly string OutboxEnd = DossierKeys.PrefixEnd(DossierKeys.AnyOutbox);
}
