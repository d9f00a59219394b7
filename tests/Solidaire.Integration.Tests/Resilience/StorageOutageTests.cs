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
        await using var app = await TestApp.StartAsync(s =>
        {
            _sendGrid.UseIn(s);
            s["OutboxSchedule"] = "0 0 0 1 1 *"; // the test runs the dispatcher itself, after moving the app's clock
        }, connectionString: _azurite.ConnectionString);
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

        // Whatever the immediate sends left (leases of 2 minutes) falls due to the dispatcher.
        await app.StorageQuietAsync();
        for (var i = 0; i < 3; i++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(5));
            await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);
        }
        await app.StorageQuietAsync();

        var queued = await app.Services.GetRequiredService<IntakeQueue>().ListAsync(100, CancellationToken.None);
        Assert.Equal(accepted.Order(), queued.Select(q => q.Reference).Order());
        var outbox = await StorageContents.RowsAsync(app, Tables.Dossiers, "outbox|");
        Assert.Equal(2 * accepted.Count, outbox.Count); // an acknowledgement and the coordinators' notice each; none of a refused intake
        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.GetString(OutboxRow.Status)));
        var sends = _sendGrid.Calls.GroupBy(c => c.MessageId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(outbox.Select(o => o.GetString(OutboxRow.MessageId)).Order(), sends.Keys.Order());
        Assert.All(sends, s => Assert.True(s.Value == 1, $"message {s.Key} sent {s.Value} times"));
        Assert.All(_sendGrid.Calls, c => Assert.Equal(202, c.Status));
        output.WriteLine($"{sent} intakes sent: {Before} before the outage and {After} after it accepted, {During} during it refused 503 " +
                         $"storage_unavailable (slowest {slowest.TotalSeconds:F1} s); 1 storage outage injected; {queued.Count} intakes found in the " +
                         $"coordinators' queue, {outbox.Count} outbox rows checked sent, {sends.Count} messages sent once each " +
                         $"({sendsBefore} before the outage); {clock.Elapsed.TotalSeconds:F1} s");
    }
}
