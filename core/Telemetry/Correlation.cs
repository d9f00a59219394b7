using System.Diagnostics;

namespace Solidaire.Core.Telemetry;

/// <summary>
/// Ties a request to the emails and deadlines it causes: the rows a request writes keep its trace
/// context (a W3C traceparent: version, trace id, span id, sampled flag; no tracestate, no baggage,
/// nothing about a person), and the work that runs them later, in this process or another, hours or
/// days after, starts its span in that trace. One trace id then leads from an intake to its emails
/// and its deadlines.
/// </summary>
public static class Correlation
{
    /// <summary>The name of the property that keeps it on outbox and deadline rows.</summary>
    public const string RowProperty = "TraceParent";

    /// <summary>The current span's context as a traceparent, or null outside any (W3C) span.</summary>
    public static string? Current()
    {
        var activity = Activity.Current;
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C)
            return null;
        var sampled = (activity.ActivityTraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00";
        return $"00-{activity.TraceId.ToHexString()}-{activity.SpanId.ToHexString()}-{sampled}";
    }

    /// <summary>
    /// Starts a span for work a stored row caused. Its parent is the row's trace context; when the
    /// work already runs inside a span of that same trace (an email sent by the deadline that the
    /// same request wrote), that span is the parent instead. A span of another trace (the timer run
    /// that picked the row up) is linked, not lost. Null when nobody listens.
    /// </summary>
    public static Activity? StartCausedBy(string name, string? storedTraceParent, ActivityKind kind = ActivityKind.Internal)
    {
        var ambient = Activity.Current;
        if (storedTraceParent is null || !ActivityContext.TryParse(storedTraceParent, null, isRemote: true, out var stored) || stored.TraceId == ambient?.TraceId)
            return SolidaireTelemetry.Source.StartActivity(name, kind);
        ActivityLink[]? links = ambient is null ? null : [new ActivityLink(ambient.Context)];
        return SolidaireTelemetry.Source.StartActivity(name, kind, stored, links: links);
    }
}
