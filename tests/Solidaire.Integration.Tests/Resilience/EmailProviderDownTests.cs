using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Solidaire.Core.Email;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Xunit.Abstractions;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Resilience;

/// <summary>
/// SendGrid answering 503 to everything for 10 minutes of the app's (fake) clock, then recovering:
/// intakes are still accepted, their emails wait in the outbox with attempts spent per the retry
/// policy and none failed for good, and after recovery each goes out exactly once.
/// </summary>
public sealed class EmailProviderDownTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan IntakeEvery = TimeSpan.FromMinutes(2);
    private FakeSendGrid _sendGrid = null!;

    public async Task InitializeAsync() => _sendGrid = await FakeSendGrid.StartAsync();

    public async Task DisposeAsync()
    {
        await _sendGrid.DisposeAsync();
        Assert.Empty(_sendGrid.Unexpected);
    }

    [Fact]
    public async Task SendGridDownForTenMinutes_IntakesAccepted_EmailsWaitWithoutFailing_ThenEachGoesOutOnce()
    {
        var clock = Stopwatch.StartNew();
        await using var app = await TestApp.StartAsync(s =>
        {
            _sendGrid.UseIn(s);
            s["Email:DispatchImmediately"] = "false"; // the test runs every dispatch itself, on the fake clock
            s["OutboxSchedule"] = "0 0 0 1 1 *";
        });
        var email = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
        var recovery = app.Time.GetUtcNow() + Outage;
        _sendGrid.Script = (_, _) => (app.Time.GetUtcNow() < recovery ? 503 : 202, new Dictionary<string, string>());
        var dispatcher = app.Services.GetRequiredService<OutboxDispatcher>();
        var intakes = 0;

        // During the outage: an intake every 2 minutes, the dispatcher every 15 s (as often as any retry falls due).
        for (var elapsed = TimeSpan.Zero; elapsed < Outage; elapsed += Tick)
        {
            if (elapsed.Ticks % IntakeEvery.Ticks == 0)
            {
                var response = await app.Client.PostAsync(IntakeBodies.Valid($"outage-{intakes++}@example.org"));
                Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
            }
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            app.Time.Advance(Tick);
        }

        var waiting = await StorageContents.RowsAsync(app, Tables.Dossiers, "outbox|");
        var faults = _sendGrid.Calls.Count;
        Assert.Equal(2 * intakes, waiting.Count); // an acknowledgement and the coordinators' notice each
        Assert.All(waiting, o => Assert.Equal(OutboxStatus.Pending, o.GetString(OutboxRow.Status)));
        // Retries at +30 s, +1 min, +2 min, +4 min (doubling from Email:FirstRetryDelay): at most 5 attempts in
        // 10 minutes, below Email:MaxAttempts (8), so no email is failed for good by an outage this long.
        Assert.All(waiting, o => Assert.InRange(o.GetInt32(OutboxRow.Attempts) ?? 0, 1, 5));
        Assert.True(email.MaxAttempts > 5, $"Email:MaxAttempts is {email.MaxAttempts}: a 10-minute outage would fail emails for good.");
        Assert.All(_sendGrid.Calls, c => Assert.Equal(503, c.Status));
        Assert.Equal(waiting.Sum(o => o.GetInt32(OutboxRow.Attempts) ?? 0), faults);

        // Recovered: one more intake, and the dispatcher until every email is sent (the longest wait is 8 minutes).
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await app.Client.PostAsync(IntakeBodies.Valid($"outage-{intakes++}@example.org"))).StatusCode);
        for (var i = 0; i < 60 && (await StorageContents.RowsAsync(app, Tables.Dossiers, "outbox|")).Any(o => o.GetString(OutboxRow.Status) != OutboxStatus.Sent); i++)
        {
            await dispatcher.DispatchDueAsync(CancellationToken.None);
            app.Time.Advance(Tick);
        }
        // Then hours more of dispatching: nothing is sent again.
        for (var i = 0; i < 4; i++)
        {
            app.Time.Advance(TimeSpan.FromHours(1));
            await dispatcher.DispatchDueAsync(CancellationToken.None);
        }

        var outbox = await StorageContents.RowsAsync(app, Tables.Dossiers, "outbox|");
        Assert.Equal(2 * intakes, outbox.Count);
        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.GetString(OutboxRow.Status)));
        var sent = _sendGrid.Calls.Where(c => c.Status == 202).GroupBy(c => c.MessageId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(outbox.Select(o => o.GetString(OutboxRow.MessageId)).Order(), sent.Keys.Order());
        Assert.All(sent, s => Assert.Equal(1, s.Value));
        output.WriteLine($"{intakes} intakes (all 202), {outbox.Count} emails checked, {faults} SendGrid calls answered 503 during " +
                         $"{Outage.TotalMinutes} fake minutes, {sent.Count} sent once each after; {clock.Elapsed.TotalSeconds:F1} s");
    }
}
