using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Solidaire.Integration.Tests.Harness;

/// <summary>
/// Everything the app's OpenTelemetry pipeline would export, kept in memory: every span (from the
/// app's "Solidaire" source, the worker's, and standalone mode's request spans) with its name, tags,
/// events, links, baggage and status; every log record with its message, state values, scopes and
/// exception; every metric point with its tags. It builds the pipeline the app builds when it exports
/// (functions/Telemetry), in place of the Azure Monitor exporter, so it sees what that would be handed.
/// </summary>
public sealed class TelemetryCapture
{
    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly ConcurrentQueue<string> _logs = new();

    public void Register(IServiceCollection services)
    {
        // The app builds its pipeline only when it exports: this capture is an exporter, on the same pipeline.
        Functions.Telemetry.TelemetryExport.AddPipeline(services);
        services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans));
        services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(_metrics));
        services.Configure<OpenTelemetryLoggerOptions>(o =>
        {
            // More than the Azure Monitor exporter asks for, so nothing it could send is left unread.
            o.IncludeScopes = true;
            o.IncludeFormattedMessage = true;
            o.ParseStateValues = true;
        });
        services.ConfigureOpenTelemetryLoggerProvider(l => l.AddProcessor(new LogRecorder(_logs)));
    }

    /// <summary>Pushes out what the providers still hold (metrics are read on a timer).</summary>
    public void Flush(IServiceProvider services)
    {
        services.GetRequiredService<TracerProvider>().ForceFlush();
        services.GetRequiredService<MeterProvider>().ForceFlush();
    }

    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_spans)
                return _spans.ToArray();
        }
    }

    public IReadOnlyList<string> Logs => _logs.ToArray();

    /// <summary>The latest total of a counter for each set of tags ("" for none; "k=v,k=v" sorted).</summary>
    public IReadOnlyDictionary<string, long> Counter(string name)
    {
        MetricSnapshot? latest;
        lock (_metrics)
            latest = _metrics.LastOrDefault(m => m.Name == name);
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        if (latest is null)
            return totals;
        foreach (var point in latest.MetricPoints)
            totals[TagsOf(point)] = point.GetSumLong();
        return totals;
    }

    /// <summary>Every captured item as text, one per line: what the test searches for canaries.</summary>
    public string Dump()
    {
        var text = new StringBuilder();
        foreach (var span in Spans)
            text.AppendLine(Describe(span));
        foreach (var line in Logs)
            text.AppendLine(line);
        MetricSnapshot[] metrics;
        lock (_metrics)
            metrics = _metrics.ToArray();
        foreach (var metric in metrics)
        {
            foreach (var point in metric.MetricPoints)
                text.AppendLine(CultureInfo.InvariantCulture, $"metric {metric.MeterName} {metric.Name} {metric.Description} [{TagsOf(point)}]");
        }
        return text.ToString();
    }

    private static string TagsOf(MetricPoint point)
    {
        var tags = new List<string>();
        foreach (var tag in point.Tags)
            tags.Add($"{tag.Key}={tag.Value}");
        tags.Sort(StringComparer.Ordinal);
        return string.Join(",", tags);
    }

    private static string Describe(Activity span)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"span {span.Source.Name} {span.OperationName} '{span.DisplayName}' {span.Kind} {span.TraceId}/{span.SpanId} parent {span.ParentSpanId} status {span.Status} '{span.StatusDescription}' state '{span.TraceStateString}'");
        foreach (var tag in span.TagObjects)
            text.Append(CultureInfo.InvariantCulture, $" tag {tag.Key}={tag.Value}");
        foreach (var e in span.Events)
        {
            text.Append(CultureInfo.InvariantCulture, $" event {e.Name}");
            foreach (var tag in e.Tags)
                text.Append(CultureInfo.InvariantCulture, $" {tag.Key}={tag.Value}");
        }
        foreach (var link in span.Links)
        {
            text.Append(CultureInfo.InvariantCulture, $" link {link.Context.TraceId}/{link.Context.SpanId}");
            foreach (var tag in link.Tags ?? [])
                text.Append(CultureInfo.InvariantCulture, $" {tag.Key}={tag.Value}");
        }
        foreach (var item in span.Baggage)
            text.Append(CultureInfo.InvariantCulture, $" baggage {item.Key}={item.Value}");
        return text.ToString();
    }

    /// <summary>Renders each record as it ends, while its scopes can still be read.</summary>
    private sealed class LogRecorder(ConcurrentQueue<string> lines) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"log {data.LogLevel} {data.CategoryName} {data.EventId} trace {data.TraceId} '{data.FormattedMessage}' body '{data.Body}'");
            foreach (var attribute in data.Attributes ?? [])
                text.Append(CultureInfo.InvariantCulture, $" {attribute.Key}={attribute.Value}");
            data.ForEachScope(static (scope, builder) =>
            {
                builder.Append(CultureInfo.InvariantCulture, $" scope '{scope.Scope}'");
                foreach (var item in scope)
                    builder.Append(CultureInfo.InvariantCulture, $" {item.Key}={item.Value}");
            }, text);
            if (data.Exception is { } exception)
                text.Append(" exception ").Append(exception);
            lines.Enqueue(text.ToString());
        }
    }
}
