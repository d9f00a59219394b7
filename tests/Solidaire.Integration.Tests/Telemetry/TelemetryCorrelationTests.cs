using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Email;
using Solidaire.Core.Intake;
using Solidaire.Core.Storage;
using Solidaire.Core.Telemetry;
using Solidaire.Functions.Standalone;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Telemetry;

/// <summary>One trace id ties a request to the emails and the deadlines it causes, however late they run.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryCorrelationTests : IAsyncLifetime
{
    private static readonly ActivityTraceId RequestTrace = ActivityTraceId.CreateRandom();
    private readonly TelemetryCapture _telemetry = new();
    private TestApp App { get; set; } = null!;

    public async Task InitializeAsync() => App = await TestApp.StartAsync(services: _telemetry.Register);

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>An intake sent by a caller already in a trace (as the Functions host hands a request on).</summary>
    private async Task SubmitInTraceAsync(string email)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/intakes") { Content = Json.Body(IntakeBodies.Valid(email).ToJsonString()) };
        request.Headers.Add("traceparent", $"00-{RequestTrace}-{ActivitySpanId.CreateRandom()}-01");
        await IntakeBodies.ReferenceOf(await App.Client.SendAsync(request));
        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == email);
        await App.StorageQuietAsync();
    }

    [Fact]
    public async Task AnIntakesEmailSends_AndItsDeadlines_CarryTheRequestsTraceId()
    {
        await SubmitInTraceAsync("traced@example.org");

        var spans = _telemetry.Spans.Where(s => s.Source.Name == SolidaireTelemetry.Name).ToArray();
        Activity[] Of(string operation, string tag, string value) =>
            spans.Where(s => s.OperationName == operation && (string?)s.GetTagItem(tag) == value).ToArray();
        var acknowledgement = Assert.Single(Of(SolidaireTelemetry.Spans.EmailSend, SolidaireTelemetry.Tags.EmailKind, IntakeEmails.Acknowledgement));
        var notices = Of(SolidaireTelemetry.Spans.EmailSend, SolidaireTelemetry.Tags.EmailKind, IntakeEmails.CoordinatorNotice); // one per coordinator
        var dispatch = Assert.Single(Of(SolidaireTelemetry.Spans.DeadlineRun, SolidaireTelemetry.Tags.DeadlineKind, OutboxSender.Dispatch.Name));
        var index = Assert.Single(Of(SolidaireTelemetry.Spans.DeadlineRun, SolidaireTelemetry.Tags.DeadlineKind, IntakeQueue.Index.Name));
        Assert.NotEmpty(notices);
        Assert.All([acknowledgement, .. notices, dispatch, index], s => Assert.Equal(RequestTrace, s.TraceId));
        // The sends ran inside the dispatch deadline the request held: its children, not its siblings.
        Assert.All([acknowledgement, .. notices], s => Assert.Equal(dispatch.SpanId, s.ParentSpanId));
    }

    [Fact]
    public async Task TheRowsARequestWrites_KeepItsTraceContext_AndNothingElse()
    {
        await SubmitInTraceAsync("rows@example.org");

        var outbox = await StorageContents.RowsAsync(App, Tables.Dossiers, "outbox|");
        var deadlines = await StorageContents.AllAsync(App, Tables.Deadlines);
        Assert.Equal(2, outbox.Count);
        Assert.NotEmpty(deadlines);
        foreach (var row in outbox.Concat(deadlines))
            Assert.Matches($"^00-{RequestTrace}-[0-9a-f]{{16}}-0[01]$", row.GetString(Correlation.RowProperty));
    }

    [Fact]
    public async Task ADeadlineRunMonthsLater_JoinsTheRequestsTrace()
    {
        await SubmitInTraceAsync("later@example.org");

        App.Time.Advance(TimeSpan.FromDays(91));
        await App.Services.GetRequiredService<TimerScheduler>().RunNowAsync("PurgeExpired", CancellationToken.None);

        // Run by the timer (its own run or this one, whichever came first), in another process as far as the request knows.
        var destroy = Assert.Single(_telemetry.Spans, s => s.OperationName == SolidaireTelemetry.Spans.DeadlineRun && (string?)s.GetTagItem(SolidaireTelemetry.Tags.DeadlineKind) == IntakeDestruction.Destroy.Name);
        Assert.Equal(RequestTrace, destroy.TraceId);
        Assert.Equal(ActivityStatusCode.Unset, destroy.Status);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    /// <summary>
    /// The ActivitySource and Meter are the process's: run alone, so no other test's app adds its
    /// spans or counts to what these tests read.
    /// </summary>
    public const string Name = "Telemetry";
}
