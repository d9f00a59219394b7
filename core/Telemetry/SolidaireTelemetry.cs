using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Solidaire.Core.Telemetry;

/// <summary>
/// The app's own telemetry: one ActivitySource and one Meter, both named "Solidaire", which the
/// OpenTelemetry pipeline (functions/Telemetry) listens to. Spans and counters carry kinds, outcomes
/// and random ids only: never a person's name, address, text, dossier or reference (rule 11).
/// </summary>
public static class SolidaireTelemetry
{
    public const string Name = "Solidaire";

    private static readonly string? Version = typeof(SolidaireTelemetry).Assembly.GetName().Version?.ToString();

    public static readonly ActivitySource Source = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    /// <summary>The spans this app starts.</summary>
    public static class Spans
    {
        public const string EmailSend = "email.send";
        public const string DeadlineRun = "deadline.run";
    }

    /// <summary>The tags of those spans.</summary>
    public static class Tags
    {
        public const string EmailKind = "solidaire.email.kind";
        public const string EmailMessageId = "solidaire.email.message_id";
        public const string EmailOutcome = "solidaire.email.outcome";
        public const string DeadlineKind = "solidaire.deadline.kind";
        public const string DeadlineLane = "solidaire.deadline.lane";
        public const string DeadlineId = "solidaire.deadline.id";
        public const string DeadlineAttempt = "solidaire.deadline.attempt";
        public const string ExceptionType = "exception.type";
    }
}
