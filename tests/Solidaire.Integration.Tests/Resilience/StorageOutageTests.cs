using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Email;
using Solidaire.Core.Intake;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;
using Xunit.Abstractions;

namespace Solidaire.Integration.Tests.Resilience;

/// <summary>
/// Azurite (persisting to a data folder) stopped in the middle of a stream of intakes sent to the app
/// over HTTP, then started again on the same port and folder: what was accepted before is kept, what
/// came during is refused with 503 <c>storage_unavailable</c> in bounded time, and every email of an
/// accepted intake goes out exactly once (counted at a stand-in SendGrid: the pickup folder names files
/// by message id, so a second send would only overwrite the first).
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Before = 12, During = 8, After = 8;

    /// <summary>The storage client's own bound on one try (Tables: NetworkTimeout); no answer may take longer.</summary>
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(15);

    private readonly string _data = Directory.CreateTempSubdirectory("solidaire-azurite-").FullName;
    private Azurite _azurite = null!;
    private FakeSendGrid _sendGrid = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync(location: _data);
        _sendGrid = await FakeSendGrid.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _sendGrid.DisposeAsync();
        await _azurite.DisposeAsync();
        Directory.Delete(_data, recursive: true);
        Assert.Empty(_sendGrid.Unexpected);
    }

    [Fact]
    public async Task AzuriteStoppedMidStream_AcceptedIntakesKept_OthersRefused503_EmailsSentOnceAfter()
    {
        var clock = Stopwatch.StartNew();
        await using var app = await StartAppAsync();
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = AnswerWithin + TimeSpan.FromSeconds(5) };
        var accepted = new List<string>();
        var sent = 0;

        async Task<(HttpResponseMessage Response, TimeSpan Took)> SendAsync()
        {
            var took = Stopwatch.StartNew();
            var response = await client.PostAsync(IntakeBodies.Valid($"outage-{sent++}@example.org"));
            return (response, took.Elapsed);
        }

        for (var i = 0; i < Before; i++)
            accepted.Add(await IntakeBodies.ReferenceOf((await SendAsync()).Response));
        // The stop falls between two requests, once the app's background sends are recorded: a stop between
        // SendGrid's 202 and the "sent" record would make a second send the only safe choice (at least once).
        await app.StorageQuietAsync();
        var sendsBefore = _sendGrid.Calls.Count;

        await _azurite.StopAsync();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < During; i++)
        {
            var (response, took) = await SendAsync();
            var problem = await Problem.ReadAsync(response);
            Assert.True(problem.Status == HttpStatusCode.ServiceUnavailable, $"{(int)problem.Status} during the outage: {problem.Body}");
            Assert.Equal("storage_unavailable", problem.Code);
            Assert.True(took < AnswerWithin, $"answered in {took}");
            slowest = took > slowest ? took : slowest;
        }

        _azurite = await Azurite.StartAsync(_azurite.Port, _data);
        for (var i = 0; i < After; i++)
            accepted.Add(await IntakeBodies.ReferenceOf((await SendAsync()).Response));

        await CatchUpAsync(app);

        var queued = await app.Services.GetRequiredService<IntakeQueue>().ListAsync(100, CancellationToken.None);
        Assert.Equal(accepted.Order(), queued.Select(q => q.Reference).Order());
        var (outbox, sends) = await AssertEachEmailSentOnceAsync(app, intakes: accepted.Count); // none of a refused intake
        Assert.All(_sendGrid.Calls, c => Assert.Equal(202, c.Status));
        output.WriteLine($"{sent} intakes sent: {Before} before the outage and {After} after it accepted, {During} during it refused 503 " +
                         $"storage_unavailable (slowest {slowest.TotalSeconds:F1} s); 1 storage outage injected; {queued.Count} intakes found in the " +
                         $"coordinators' queue, {outbox.Count} outbox rows checked sent, {sends.Count} messages sent once each " +
                         $"({sendsBefore} before the outage); {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task AzuriteStoppedUnderABurstOfConcurrentIntakes_EachAnswer202Or503_Every202Kept_EachEmailSentOnce()
    {
        const int Clients = 8, AcceptedBeforeStop = 24, RefusedDuringOutage = 16, AcceptedAfterRestart = 24;
        var clock = Stopwatch.StartNew();
        await using var app = await StartAppAsync();
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = AnswerWithin + TimeSpan.FromSeconds(5) };
        var answers = new System.Collections.Concurrent.ConcurrentQueue<(int Phase, HttpStatusCode Status, string? Code, string? Reference, TimeSpan Took)>();
        var phase = 0; // 0 before the stop, 1 storage stopped, 2 restarted: when each request was sent
        var numbered = 0;
        using var done = new CancellationTokenSource();

        async Task ClientAsync()
        {
            while (!done.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref numbered);
                var sentIn = Volatile.Read(ref phase);
                var took = Stopwatch.StartNew();
                var response = await client.PostAsync(IntakeBodies.Valid($"burst-{n}@example.org"));
                if (response.StatusCode == HttpStatusCode.Accepted)
                    answers.Enqueue((sentIn, response.StatusCode, null, await IntakeBodies.ReferenceOf(response), took.Elapsed));
                else
                    answers.Enqueue((sentIn, response.StatusCode, (await Problem.ReadAsync(response)).Code, null, took.Elapsed));
            }
        }

        int Count(HttpStatusCode status) => answers.Count(a => a.Status == status);
        var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(ClientAsync)).ToArray();
        await Eventually.TrueAsync(() => Task.FromResult(Count(HttpStatusCode.Accepted) >= AcceptedBeforeStop), "intakes accepted before the outage", TimeSpan.FromSeconds(60));
        // The clients keep sending: requests, and the emails of accepted intakes, are in flight at the stop.
        Volatile.Write(ref phase, 1);
        await _azurite.StopAsync();
        await Eventually.TrueAsync(() => Task.FromResult(Count(HttpStatusCode.ServiceUnavailable) >= RefusedDuringOutage), "intakes refused during the outage", TimeSpan.FromSeconds(60));
        _azurite = await Azurite.StartAsync(_azurite.Port, _data);
        Volatile.Write(ref phase, 2);
        var acceptedAtRestart = Count(HttpStatusCode.Accepted);
        await Eventually.TrueAsync(() => Task.FromResult(Count(HttpStatusCode.Accepted) >= acceptedAtRestart + AcceptedAfterRestart), "intakes accepted after the restart", TimeSpan.FromSeconds(60));
        await done.CancelAsync();
        await Task.WhenAll(clients);

        await CatchUpAsync(app);

        var all = answers.ToArray();
        Assert.All(all, a => Assert.True(
            a.Status == HttpStatusCode.Accepted || (a.Status == HttpStatusCode.ServiceUnavailable && a.Code == "storage_unavailable"),
            $"{(int)a.Status} {a.Code} to a request sent in phase {a.Phase}"));
        Assert.All(all, a => Assert.True(a.Took < AnswerWithin, $"answered in {a.Took}"));
        var accepted = all.Where(a => a.Reference is not null).Select(a => a.Reference!).ToArray();
        var queued = (await app.Services.GetRequiredService<IntakeQueue>().ListAsync(500, CancellationToken.None)).Select(q => q.Reference).ToArray();
        Assert.Empty(accepted.Except(queued)); // every 202 is stored
        var (outbox, sends) = await AssertEachEmailSentOnceAsync(app, intakes: queued.Length);
        string Phase(int p) => string.Join(", ", all.Where(a => a.Phase == p).GroupBy(a => (int)a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
        output.WriteLine($"{all.Length} intakes from {Clients} concurrent clients: sent before the stop {Phase(0)}; while stopped {Phase(1)}; after the restart {Phase(2)}; " +
                         $"1 storage outage injected mid-burst; {accepted.Length} accepted all found in the coordinators' queue ({queued.Length - accepted.Length} refused ones stored anyway); " +
                         $"{outbox.Count} outbox rows checked sent, {sends.Count} messages sent once each; slowest answer {all.Max(a => a.Took).TotalSeconds:F1} s; {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task StorageDownPastTheEmailsLease_TheirRecordStopsTrying_AndTheNextDispatchSendsThemAgain()
    {
        var logs = new LogCapture();
        _sendGrid.Delay = _ => TimeSpan.FromSeconds(2); // storage stops while SendGrid holds the two emails
        await using var app = await StartAppAsync(logs.Register);
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = AnswerWithin + TimeSpan.FromSeconds(5) };
        await IntakeBodies.ReferenceOf(await client.PostAsync(IntakeBodies.Valid("past-the-lease@example.org")));
        await _azurite.StopAsync();
        await Eventually.TrueAsync(() => Task.FromResult(_sendGrid.Calls.Count == 2), "SendGrid accepted both emails");
        await Eventually.TrueAsync(() => Task.FromResult(logs.Lines.Any(l => l.Contains("when recording 2 email(s)", StringComparison.Ordinal))), "the record is refused and tried again");

        // The app's clock passes the emails' 2-minute lease while storage is still down: the record stops trying
        // (another sender may take the messages now), and the background gives the work up to the deadline runner.
        app.Time.Advance(TimeSpan.FromMinutes(3));
        await Eventually.TrueAsync(() => Task.FromResult(logs.Lines.Any(l => l.Contains("(email.dispatch) failed", StringComparison.Ordinal))), "the record gives up", TimeSpan.FromSeconds(30));
        var tries = logs.Lines.Count(l => l.Contains("when recording 2 email(s)", StringComparison.Ordinal));
        _azurite = await Azurite.StartAsync(_azurite.Port, _data);
        await app.StorageQuietAsync();
        Assert.Equal(tries, logs.Lines.Count(l => l.Contains("when recording 2 email(s)", StringComparison.Ordinal))); // and tried no more
        Assert.All(await StorageContents.RowsAsync(app, Tables.Dossiers, "outbox|"), o => Assert.Equal(OutboxStatus.Sending, o.GetString(OutboxRow.Status)));

        _sendGrid.Delay = _ => TimeSpan.Zero;
        await CatchUpAsync(app);

        // At least once: SendGrid has no idempotency key, and nothing recorded the first sends.
        var outbox = await StorageContents.RowsAsync(app, Tables.Dossiers, "outbox|");
        Assert.Equal(2, outbox.Count);
        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.GetString(OutboxRow.Status)));
        Assert.All(_sendGrid.Calls.GroupBy(c => c.MessageId), g => Assert.Equal(2, g.Count()));
        output.WriteLine($"1 storage outage outlasting the lease injected; the record tried {tries} time(s) then gave up; 2 emails sent twice, as documented");
    }

    private Task<TestApp> StartAppAsync(Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null) => TestApp.StartAsync(s =>
    {
        _sendGrid.UseIn(s);
        s["OutboxSchedule"] = "0 0 0 1 1 *"; // the test runs the dispatcher itself, after moving the app's clock
    }, services, connectionString: _azurite.ConnectionString);

    /// <summary>Whatever the immediate sends left (leases of 2 minutes) falls due to the dispatcher.</summary>
    private static async Task CatchUpAsync(TestApp app)
    {
        await app.StorageQuietAsync();
        for (var i = 0; i < 3; i++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(5));
            await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        }
        await app.StorageQuietAsync();
    }

    /// <summary>An acknowledgement and the coordinators' notice per stored intake, each recorded sent, each sent once at SendGrid.</summary>
    private async Task<(IReadOnlyList<Azure.Data.Tables.TableEntity> Outbox, Dictionary<string, int> Sends)> AssertEachEmailSentOnceAsync(TestApp app, int intakes)
    {
        var outbox = await StorageContents.RowsAsync(app, Tables.Dossiers, "outbox|");
        Assert.Equal(2 * intakes, outbox.Count);
        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.GetString(OutboxRow.Status)));
        var sends = _sendGrid.Calls.GroupBy(c => c.MessageId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(outbox.Select(o => o.GetString(OutboxRow.MessageId)).Order(), sends.Keys.Order());
        Assert.All(sends, s => Assert.True(s.Value == 1, $"message {s.Key} sent {s.Value} times"));
        return (outbox, sends);
    }
}
