using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Solidaire.Core.Storage;
using Xunit.Abstractions;

namespace Solidaire.Integration.Tests.Resilience;

/// <summary>
/// Thousands of hostile requests to every route the served OpenAPI document lists (the same list as
/// functions.metadata: <c>OpenApiDocumentTests</c>), over real HTTP to the app on Azurite: none is
/// answered 5xx, every refusal is an RFC 9457 problem with a code, and no row of any table changes.
/// </summary>
public sealed class HostileInputTests(ResilienceWorld world, ITestOutputHelper output) : IClassFixture<ResilienceWorld>, IDisposable
{
    /// <summary>A client that writes header values as UTF-8 bytes, as a hostile one may, where HttpClient would refuse them.</summary>
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8,
        // Wait for the server's verdict on a big body however busy the machine is (see SendAsync).
        Expect100ContinueTimeout = TimeSpan.FromSeconds(30),
    }) { BaseAddress = world.App.BaseAddress };

    /// <summary>Requests per route: at least 2,000 in all however few routes there are. A deeper run by hand: HOSTILE_PER_ROUTE=400 HOSTILE_SEED=7.</summary>
    private static readonly int PerRoute = Setting("HOSTILE_PER_ROUTE", 100);
    private static readonly int Seed = Setting("HOSTILE_SEED", 20261128);
    private const int AtLeast = 2_000;

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    [Fact]
    public async Task EveryRoute_AnswersHostileRequestsWithA4xxProblem_NeverA5xx_AndStoresNothing()
    {
        var clock = Stopwatch.StartNew();
        var routes = await ServedRoute.ReadAsync(world.App);
        var generator = new HostileRequests(world);
        var perRoute = Math.Max(PerRoute, (AtLeast + routes.Count - 1) / routes.Count);
        var requests = routes.SelectMany((route, i) => generator.For(route, perRoute, Seed + i).Select(r => (Route: route, Request: r))).ToArray();

        await world.App.StorageQuietAsync();
        var before = await SnapshotAsync();

        var statuses = new ConcurrentDictionary<(string Route, int Status), int>();
        var wrong = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (r, _) =>
        {
            int status;
            string problem, text;
            bool server;
            try
            {
                (status, problem, text, server) = await SendAsync(r.Request);
            }
            catch (HttpRequestException) when (r.Request.Body?.Length > ServerBodyLimit)
            {
                // Past Kestrel's 4 MiB the web server may close the connection while the body is still on
                // its way (a route that never reads its body answers, then the server drains no further).
                statuses.AddOrUpdate((r.Route.Key, 0), 1, (_, n) => n + 1);
                Interlocked.Increment(ref _refusedByServer);
                return;
            }
            catch (HttpRequestException e)
            {
                wrong.Add($"{r.Request.Method} {Shorten(r.Request.Path, 200)} [{r.Request.Kind}, body {r.Request.Body?.Length} bytes] → no answer: {e.Message} {e.InnerException?.Message}");
                return;
            }
            statuses.AddOrUpdate((r.Route.Key, status), 1, (_, n) => n + 1);
            if (server)
                Interlocked.Increment(ref _refusedByServer);
            var verdict = status switch
            {
                >= 500 => "a server error",
                // HTTP the web server cannot parse (a NUL in the path or a header, a request line over
                // 8 KiB) is refused by Kestrel before the app runs, with no body: nothing to read, nothing stored.
                400 or 414 or 431 when server => null,
                >= 400 when problem.StartsWith('(') => problem,
                >= 400 => null,
                >= 200 and < 300 when r.Request.Method == "GET" => null,
                _ => "accepted",
            };
            if (verdict is not null)
                wrong.Add($"{r.Request.Method} {Shorten(r.Request.Path, 200)} [{r.Request.Kind}] → {status} {problem}: {verdict}. {Shorten(text, 300)}");
        });

        await world.App.StorageQuietAsync();
        var after = await SnapshotAsync();
        var changed = before.Keys.Union(after.Keys)
            .Where(k => !before.TryGetValue(k, out var b) || !after.TryGetValue(k, out var a) || a != b)
            .Select(k => $"{k}: {(before.ContainsKey(k) ? after.ContainsKey(k) ? "changed" : "deleted" : "added")}")
            .ToArray();

        Report(routes, requests.Length, statuses, before.Count, after.Count, clock.Elapsed);
        Assert.True(wrong.IsEmpty, $"{wrong.Count} answers out of {requests.Length} break the rule:\n" + string.Join("\n", wrong.Take(60)));
        Assert.True(changed.Length == 0, $"{changed.Length} rows changed:\n" + string.Join("\n", changed.Take(60)));
        Assert.All(routes, r => Assert.True(statuses.Where(s => s.Key.Route == r.Key).Sum(s => s.Value) >= perRoute, r.Key));
        Assert.True(requests.Length >= AtLeast);
    }

    private const int ServerBodyLimit = 4 * 1024 * 1024;

    private int _refusedByServer;

    private async Task<(int Status, string Problem, string Text, bool RefusedByServer)> SendAsync(HostileRequest hostile)
    {
        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), new Uri(hostile.Path, UriKind.Relative));
        if (hostile.Authorization is not null)
            request.Headers.TryAddWithoutValidation("Authorization", hostile.Authorization);
        foreach (var (name, value) in hostile.Headers)
            request.Headers.TryAddWithoutValidation(name, value);
        if (hostile.Body is not null)
        {
            request.Content = new ByteArrayContent(hostile.Body);
            // A big body is refused before it is read, and the server then closes the connection: a client
            // that waits for "100 Continue" reads that answer instead of a broken pipe.
            request.Headers.ExpectContinue = hostile.Body.Length > 16 * 1024;
            if (hostile.ContentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
            if (hostile.Headers.FirstOrDefault(h => h.Name == "Content-Encoding") is { Value: { } encoding })
                request.Content.Headers.ContentEncoding.Add(encoding);
        }
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        // Every answer the app writes carries the edge headers (EdgeHeaders, set as the request starts).
        var refusedByServer = text.Length == 0 && !response.Headers.Contains("X-Content-Type-Options");
        return (status, status >= 400 ? AuthorisationMatrixTests.ProblemCode(response, text) : "", text, refusedByServer);
    }

    /// <summary>Every row of every table, keyed by table and keys, with its ETag: any write changes it.</summary>
    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in Tables.All)
        {
            await foreach (var e in world.App.Tables.Get(table).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                rows[$"{table} {e.PartitionKey} {e.RowKey}"] = e.ETag.ToString();
        }
        return rows;
    }

    private void Report(IReadOnlyList<ServedRoute> routes, int sent, ConcurrentDictionary<(string Route, int Status), int> statuses, int rowsBefore, int rowsAfter, TimeSpan elapsed)
    {
        output.WriteLine($"Seed {Seed}: {sent} hostile requests to {routes.Count} routes in {elapsed.TotalSeconds:0.0} s; {rowsBefore} rows of {Tables.All.Count} tables before, {rowsAfter} after.");
        output.WriteLine("All: " + Histogram(statuses.Select(s => (s.Key.Status, s.Value))) + $"; of which {_refusedByServer} refused by the web server before the app ran (empty 400, 414 or 431; 0: connection closed on a body over 4 MiB).");
        foreach (var route in routes.OrderBy(r => r.Template, StringComparer.Ordinal))
        {
            var mine = statuses.Where(s => s.Key.Route == route.Key).Select(s => (s.Key.Status, s.Value)).ToArray();
            output.WriteLine($"{route.Key}: {mine.Sum(s => s.Value)} sent, {Histogram(mine)}");
        }
    }

    private static string Histogram(IEnumerable<(int Status, int Count)> statuses) =>
        string.Join(", ", statuses.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Sum(s => s.Count).ToString(CultureInfo.InvariantCulture)}"));

    public void Dispose() => _client.Dispose();

    private static string Shorten(string text, int max) => text.Length > max ? text[..max] + "…" : text;
}
