using System.Diagnostics;
using Solidaire.Core.Telemetry;

namespace Solidaire.Core.Tests.Telemetry;

/// <summary>How work caused by a stored row joins the trace of the request that wrote it.</summary>
public sealed class CorrelationTests : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = s => s.Name == SolidaireTelemetry.Name,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public CorrelationTests() => ActivitySource.AddActivityListener(_listener);

    public void Dispose() => _listener.Dispose();

    private static Activity Ambient() => new Activity("invocation").SetIdFormat(ActivityIdFormat.W3C).Start();

    [Fact]
    public void Current_IsTheW3CTraceparentOfTheCurrentSpan_TraceAndSpanIdsOnly()
    {
        using var request = Ambient();
        request.TraceStateString = "vendor=secret";
        Activity.Current!.AddBaggage("who", "someone");

        Assert.Equal($"00-{request.TraceId}-{request.SpanId}-00", Correlation.Current());
    }

    [Fact]
    public void Current_OutsideAnySpan_IsNull()
    {
        Activity.Current = null;

        Assert.Null(Correlation.Current());
    }

    [Fact]
    public void StartCausedBy_ARowOfAnotherTrace_IsParentedByTheRow_AndLinksTheSpanThatPickedItUp()
    {
        string stored;
        ActivitySpanId storedSpan;
        using (var request = Ambient())
        {
            stored = Correlation.Current()!;
            storedSpan = request.SpanId;
        }
        var storedTrace = ActivityTraceId.CreateFromString(stored.AsSpan(3, 32));
        using var timer = Ambient();

        using var run = Correlation.StartCausedBy("deadline.run", stored)!;

        Assert.Equal(storedTrace, run.TraceId);
        Assert.Equal(storedSpan, run.ParentSpanId);
        Assert.Equal(timer.Context.SpanId, Assert.Single(run.Links).Context.SpanId);
    }

    [Fact]
    public void StartCausedBy_InsideASpanOfTheRowsOwnTrace_IsItsChild()
    {
        using var request = Ambient();
        var stored = Correlation.Current();
        using var dispatch = Ambient();

        using var send = Correlation.StartCausedBy("email.send", stored)!;

        Assert.Equal(request.TraceId, send.TraceId);
        Assert.Equal(dispatch.SpanId, send.ParentSpanId);
        Assert.Empty(send.Links);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a traceparent")]
    public void StartCausedBy_WithoutAReadableRowContext_IsAChildOfWhatRunsIt(string? stored)
    {
        using var timer = Ambient();

        using var run = Correlation.StartCausedBy("deadline.run", stored)!;

        Assert.Equal(timer.TraceId, run.TraceId);
        Assert.Equal(timer.SpanId, run.ParentSpanId);
    }
}
