using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Telemetry;
using Solidaire.Functions.Standalone;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Telemetry;

/// <summary>The failure counters the alert rules query: counted once per event, by a kind or reason only.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryCounterTests
{
    [Theory]
    [InlineData(401, BusinessCounters.FailureReasons.Configuration)]
    [InlineData(400, BusinessCounters.FailureReasons.Permanent)]
    [InlineData(503, BusinessCounters.FailureReasons.Transient)]
    public async Task EachRefusedSendingAttempt_IsCountedAsFailed_ByItsReasonOnly(int status, string reason)
    {
        var telemetry = new TelemetryCapture();
        await using var sendGrid = await FakeSendGrid.StartAsync();
        sendGrid.Script = (_, _) => (status, new Dictionary<string, string>());
        await using var app = await TestApp.StartAsync(sendGrid.UseIn, telemetry.Register);

        await IntakeBodies.ReferenceOf(await app.Client.PostAsync(IntakeBodies.Valid("refused@example.org")));
        await Eventually.TrueAsync(() => Task.FromResult(sendGrid.Calls.Count >= 2), "the intake's emails are tried");
        await app.StorageQuietAsync();
        telemetry.Flush(app.Services);

        var attempts = telemetry.Spans.Where(s => s.OperationName == SolidaireTelemetry.Spans.EmailSend).ToArray();
        Assert.Equal(sendGrid.Calls.Count, attempts.Length);
        Assert.All(attempts, s => Assert.Equal(ActivityStatusCode.Error, s.Status));
        Assert.Equal(new Dictionary<string, long> { ["reason=" + reason] = attempts.Length }, telemetry.Counter(BusinessCounters.EmailsFailed));
        Assert.Empty(telemetry.Counter(BusinessCounters.EmailsSent));
    }

    [Fact]
    public async Task ADeadlineThatFailsTooOften_IsCountedAsParked_ByItsKind_AndNotAsRun()
    {
        var telemetry = new TelemetryCapture();
        await using var app = await TestApp.StartAsync(s => s["Deadlines:MaxAttempts"] = "1", telemetry.Register);
        var broken = new DeadlineKind("test.no-handler", DeadlineLane.Prompt);
        await app.Services.GetRequiredService<IDeadlineStore>().ScheduleAsync([Deadline.New(broken, app.Time.GetUtcNow(), "test", "subject")], CancellationToken.None);

        await app.Services.GetRequiredService<TimerScheduler>().RunNowAsync("DispatchOutbox", CancellationToken.None);
        telemetry.Flush(app.Services);

        Assert.Equal(new Dictionary<string, long> { ["kind=" + broken.Name] = 1 }, telemetry.Counter(BusinessCounters.DeadlinesParked));
        Assert.DoesNotContain("kind=" + broken.Name, telemetry.Counter(BusinessCounters.DeadlinesRun).Keys);
        var run = Assert.Single(telemetry.Spans, s => (string?)s.GetTagItem(SolidaireTelemetry.Tags.DeadlineKind) == broken.Name);
        Assert.Equal(ActivityStatusCode.Error, run.Status);
        Assert.Equal("UnknownDeadlineKindException", run.GetTagItem(SolidaireTelemetry.Tags.ExceptionType));
    }
}
