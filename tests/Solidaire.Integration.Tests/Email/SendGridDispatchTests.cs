using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Email;
using Solidaire.Core.Intake;
using Solidaire.Core.Storage;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Email;

/// <summary>The outbox against a SendGrid that misbehaves: every email sent exactly once, none lost.</summary>
public sealed class SendGridDispatchTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const string Client = "sendgrid-client@example.org";
    private const string Coordinator = "coordination@solidaire.test";
    private FakeSendGrid _sendGrid = null!;

    public async Task InitializeAsync() => _sendGrid = await FakeSendGrid.StartAsync();

    public async Task DisposeAsync()
    {
        await _sendGrid.DisposeAsync();
        Assert.Empty(_sendGrid.Unexpected);
    }

    private Task<TestApp> StartAppAsync(Action<IDictionary<string, string?>>? more = null) => TestApp.StartAsync(s =>
    {
        _sendGrid.UseIn(s);
        s["Email:DispatchImmediately"] = "false"; // this test drives every dispatch itself:
        s["OutboxSchedule"] = "0 0 0 1 1 *";        // the app's own timer would wake, and take deadlines, when the clock moves
        more?.Invoke(s);
    });

    private static Task DispatchAsync(TestApp app) =>
        app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(CancellationToken.None);

    [Fact]
    public async Task SendGridAnswering429Then500Then202_SendsEachEmailExactlyOnce_AndNeverAgainAfterRestarts()
    {
        var app = await StartAppAsync();
        var prefix = app.TablePrefix;
        var keyFile = Path.Combine(app.WorkFolder, "keys.json");
        _sendGrid.Script = (n, _) => n switch
        {
            0 => (429, new Dictionary<string, string> { ["X-RateLimit-Reset"] = (app.Time.GetUtcNow() + TimeSpan.FromSeconds(60)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) }),
            1 => (500, new Dictionary<string, string>()),
            _ => (202, new Dictionary<string, string>()),
        };
        await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid(Client)));

        await DispatchAsync(app);                         // 429: wait for the reset time
        Assert.Equal([429], _sendGrid.CallsTo(Client).Select(c => c.Status));
        app.Time.Advance(TimeSpan.FromSeconds(30));
        await DispatchAsync(app);                         // not due yet: SendGrid is left alone
        Assert.Single(_sendGrid.CallsTo(Client));
        app.Time.Advance(TimeSpan.FromSeconds(31));
        await DispatchAsync(app);                         // 500: back off
        app.Time.Advance(TimeSpan.FromMinutes(2));
        await DispatchAsync(app);                         // 202
        for (var i = 0; i < 3; i++)
        {
            app.Time.Advance(TimeSpan.FromHours(1));
            await DispatchAsync(app);
        }

        Assert.Equal([429, 500, 202], _sendGrid.CallsTo(Client).Select(c => c.Status));
        Assert.Equal([429, 500, 202], _sendGrid.CallsTo(Coordinator).Select(c => c.Status));
        Assert.Single(_sendGrid.CallsTo(Client).Select(c => c.MessageId).Distinct());
        var outbox = await StorageContents.RowsAsync(app, Tables.Dossiers, "outbox|");
        Assert.All(outbox, o => Assert.Equal(OutboxStatus.Sent, o.GetString("Status")));
        Assert.All(outbox, o => Assert.NotNull(o.GetDateTimeOffset("SentAt")));
        Assert.DoesNotContain(await StorageContents.AllAsync(app, Tables.Deadlines), d => d.GetString(DeadlineRows.Kind) == OutboxSender.Dispatch.Name);
        foreach (var sent in _sendGrid.Calls.Where(c => c.Status == 202))
        {
            // The duplicate-send window: from SendGrid's answer to the storage's own timestamp of the "sent" record.
            var recorded = outbox.Single(o => o.GetString("MessageId") == sent.MessageId).Timestamp!.Value;
            output.WriteLine($"window between SendGrid's 202 and the 'sent' record: {(recorded - sent.AnsweredAt).TotalMilliseconds:F1} ms");
        }
        var later = app.Time.GetUtcNow() + TimeSpan.FromDays(1);
        var unit = outbox[0];
        await app.DisposeAsync();

        // A new process over the same storage, with a dispatch deadline of that intake still there (as
        // after a crash between recording "sent" and settling the deadline): what was recorded as
        // sent is never sent again.
        await using var restarted = await StartAppAsync(s =>
        {
            s["Storage:TablePrefix"] = prefix;
            s["PersonalData:LocalKeyFile"] = keyFile;
        });
        restarted.Time.SetUtcNow(later);
        await restarted.Services.GetRequiredService<IDeadlineStore>().ScheduleAsync(
            [Deadline.New(OutboxSender.Dispatch, later, unit.PartitionKey, unit.GetString(OutboxRow.Unit))], CancellationToken.None);
        var response = await restarted.Client.PostAsync("/admin/functions/DispatchOutbox", Json.Body("{}"));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.TrueAsync(async () => (await StorageContents.AllAsync(restarted, Tables.Deadlines)).All(d => d.GetString(DeadlineRows.Kind) != OutboxSender.Dispatch.Name),
            "the restarted app ran the dispatch deadline");

        Assert.Equal(3, _sendGrid.CallsTo(Client).Count);
        Assert.Equal(3, _sendGrid.CallsTo(Coordinator).Count);
    }

    [Fact]
    public async Task PermanentRejection_IsRecordedAsFailed_AndShownInTheCoordinatorsQueue()
    {
        await using var app = await StartAppAsync();
        _sendGrid.Script = (_, to) => to == Client ? (400, new Dictionary<string, string>()) : (202, new Dictionary<string, string>());
        var reference = await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid(Client)));

        await DispatchAsync(app);
        app.Time.Advance(TimeSpan.FromHours(2));
        await DispatchAsync(app);

        Assert.Equal([400], _sendGrid.CallsTo(Client).Select(c => c.Status));
        var queued = Assert.Single(await app.Services.GetRequiredService<IntakeQueue>().ListAsync(10, CancellationToken.None));
        Assert.Equal(reference, queued.Reference);
        Assert.Equal("sendgrid_400", queued.EmailFailure);
        var failed = (await StorageContents.RowsAsync(app, Tables.Dossiers, "outbox|")).Single(o => o.GetString("Kind") == "acknowledgement");
        Assert.Equal(OutboxStatus.Failed, failed.GetString("Status"));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task CredentialsRefused_IsReportedAsAConfigurationFault_AndTheEmailsWaitWithoutSpendingAttempts_UntilMended(int status)
    {
        var logs = new LogCapture();
        await using var app = await TestApp.StartAsync(s =>
        {
            _sendGrid.UseIn(s); // its key, which SendGrid (scripted) refuses, as it would a revoked key
            s["Email:DispatchImmediately"] = "false";
            s["OutboxSchedule"] = "0 0 0 1 1 *";
        }, logs.Register);
        var refusing = true;
        _sendGrid.Script = (_, _) => (refusing ? status : 202, new Dictionary<string, string>());
        await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid(Client)));

        // Far more tries than Email:MaxAttempts: a configuration fault fails no email for good.
        for (var i = 0; i < 12; i++)
        {
            await DispatchAsync(app);
            app.Time.Advance(TimeSpan.FromMinutes(16));
        }

        var waiting = (await StorageContents.RowsAsync(app, Tables.Dossiers, "outbox|")).Single(o => o.GetString("Kind") == "acknowledgement");
        Assert.Equal(OutboxStatus.Pending, waiting.GetString("Status"));
        Assert.Equal(0, waiting.GetInt32("Attempts"));
        Assert.Equal($"sendgrid_{status}", waiting.GetString("LastError"));
        Assert.Null(Assert.Single(await app.Services.GetRequiredService<IntakeQueue>().ListAsync(10, CancellationToken.None)).EmailFailure);
        Assert.Contains(logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains("EMAIL CONFIGURATION FAULT", StringComparison.Ordinal)
                                         && l.Contains($"sendgrid_{status}", StringComparison.Ordinal));

        refusing = false; // the key is mended
        await DispatchAsync(app);

        Assert.Equal(202, _sendGrid.CallsTo(Client).Last().Status);
        Assert.All(await StorageContents.RowsAsync(app, Tables.Dossiers, "outbox|"), o => Assert.Equal(OutboxStatus.Sent, o.GetString("Status")));
    }

    [Fact]
    public async Task AMessageLeftMidSendByADeadDispatcher_IsTakenOverAfterItsLease_AndSentOnce()
    {
        await using var app = await StartAppAsync();
        await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid(Client)));
        var dossiers = app.Tables.Get(Tables.Dossiers);
        // As if a dispatcher had leased every message and died before sending.
        foreach (var row in await StorageContents.RowsAsync(app, Tables.Dossiers, "outbox|"))
        {
            row["Status"] = OutboxStatus.Sending;
            row["LeaseUntil"] = app.Time.GetUtcNow() + TimeSpan.FromMinutes(2);
            await dossiers.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        }

        await DispatchAsync(app);
        Assert.Empty(_sendGrid.CallsTo(Client));
        app.Time.Advance(TimeSpan.FromMinutes(3));
        await DispatchAsync(app);
        await DispatchAsync(app);

        Assert.Equal([202], _sendGrid.CallsTo(Client).Select(c => c.Status));
    }

    [Fact]
    public async Task SendGridTimingOut_IsRetriedLater_AndSentOnce()
    {
        await using var app = await StartAppAsync(s =>
        {
            s["Email:SendTimeout"] = "00:00:01";
            s["Email:SendLease"] = "00:00:30";
        });
        _sendGrid.Delay = n => n == 0 ? TimeSpan.FromSeconds(10) : TimeSpan.Zero;
        await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid(Client)));

        await DispatchAsync(app);
        var afterTimeout = (await StorageContents.RowsAsync(app, Tables.Dossiers, "outbox|")).Single(o => o.GetString("Kind") == "acknowledgement");
        app.Time.Advance(TimeSpan.FromMinutes(1));
        await DispatchAsync(app);

        Assert.Equal(OutboxStatus.Pending, afterTimeout.GetString("Status"));
        Assert.Equal("sendgrid_timeout", afterTimeout.GetString("LastError"));
        Assert.Equal([0, 202], _sendGrid.CallsTo(Client).Select(c => c.Status));
    }

    [Fact]
    public async Task ConcurrentDispatchers_SendEachEmailOnce()
    {
        await using var app = await StartAppAsync();
        for (var i = 0; i < 5; i++)
            await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid($"concurrent{i}@example.org")));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => DispatchAsync(app)));

        var accepted = _sendGrid.Calls.Where(c => c.Status == 202).ToArray();
        Assert.Equal(10, accepted.Length);
        Assert.Equal(accepted.Length, accepted.Select(c => c.MessageId).Distinct().Count());
    }
}
