using System.Diagnostics.Metrics;

namespace Solidaire.Core.Telemetry;

/// <summary>
/// The business counters (Meter "Solidaire"). The instrument names and tags are a contract: the
/// alert rules in infra/ query them. Each is counted at the one place its event happens; no
/// dimension names a person (kinds, reasons and true/false only).
/// </summary>
public static class BusinessCounters
{
    public const string IntakesReceived = "solidaire.intakes.received";
    public const string EmailsSent = "solidaire.emails.sent";
    public const string EmailsFailed = "solidaire.emails.failed";
    public const string DeadlinesRun = "solidaire.deadlines.run";
    public const string DeadlinesParked = "solidaire.deadlines.parked";
    public const string SubjectsDestroyed = "solidaire.subjects.destroyed";

    /// <summary>Why an email was not sent: the values of the <c>reason</c> tag of <see cref="EmailsFailed"/>.</summary>
    public static class FailureReasons
    {
        public const string Permanent = "permanent";
        public const string Configuration = "configuration";
        public const string Transient = "transient";
    }

    private static readonly Counter<long> Intakes = SolidaireTelemetry.Meter.CreateCounter<long>(IntakesReceived, "{intake}", "New intakes recorded (robots and duplicates not counted), tagged urgent true/false.");
    private static readonly Counter<long> Sent = SolidaireTelemetry.Meter.CreateCounter<long>(EmailsSent, "{email}", "Emails the provider accepted.");
    private static readonly Counter<long> Failed = SolidaireTelemetry.Meter.CreateCounter<long>(EmailsFailed, "{attempt}", "Sending attempts the provider refused or that failed, tagged by reason (permanent, configuration, transient).");
    private static readonly Counter<long> Run = SolidaireTelemetry.Meter.CreateCounter<long>(DeadlinesRun, "{deadline}", "Deadlines whose handler ran to its end (done or moved on), tagged by kind.");
    private static readonly Counter<long> Parked = SolidaireTelemetry.Meter.CreateCounter<long>(DeadlinesParked, "{deadline}", "Deadlines parked after too many failed attempts: each needs a person. Tagged by kind.");
    private static readonly Counter<long> Destroyed = SolidaireTelemetry.Meter.CreateCounter<long>(SubjectsDestroyed, "{subject}", "Subjects destroyed (one entry of the destruction log), tagged by destruction kind.");

    public static void IntakeReceived(bool urgent) => Intakes.Add(1, new KeyValuePair<string, object?>("urgent", urgent ? "true" : "false"));

    public static void EmailSent() => Sent.Add(1);

    public static void EmailFailed(string reason) => Failed.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void DeadlineRun(string kind) => Run.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public static void DeadlineParked(string kind) => Parked.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public static void SubjectDestroyed(string kind) => Destroyed.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
