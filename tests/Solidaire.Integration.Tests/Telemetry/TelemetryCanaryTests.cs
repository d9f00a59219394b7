using System.Net;
using System.Text.Json.Nodes;
using Solidaire.Core.Email;
using Solidaire.Core.Retention;
using Solidaire.Core.Telemetry;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Telemetry;

/// <summary>
/// Rule 11: personal data never reaches the logs or the telemetry. A client's whole path (intake,
/// contract issued and signed, a session, closure, erasure) runs through the real app over HTTP
/// with distinctive strings as the client's names, address, phone and words; everything the
/// OpenTelemetry pipeline would export (spans, log records with their state and scopes, metric
/// points) and every ILogger line is captured, and none of those strings is in it.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryCanaryTests : IAsyncLifetime
{
    private const string ClientEmail = "ombeline.vrillac@example.org";
    private const string CoachEmail = "canary-coach@example.org";

    private static readonly string[] Canaries =
    [
        "Ombeline", "Vrillac", ClientEmail, "ombeline.vrillac", "+33 6 47 19 82 53", "+33647198253", "0647198253",
        "Brasserie Tintamarre", "Tintamarre", "hippocampelune", "zinzolinade", "Travail sur la crainte gribouillarde", "gribouillarde",
    ];

    private readonly TelemetryCapture _telemetry = new();
    private readonly LogCapture _logs = new();
    private TestApp App { get; set; } = null!;

    public async Task InitializeAsync() => App = await TestApp.StartAsync(services: s =>
    {
        _telemetry.Register(s);
        _logs.Register(s);
    });

    public async Task DisposeAsync() => await App.DisposeAsync();

    private static JsonObject CanaryIntake()
    {
        var body = IntakeBodies.Valid(ClientEmail);
        body["firstName"] = "Ombeline";
        body["lastName"] = "Vrillac";
        body["phone"] = "+33 6 47 19 82 53";
        body["organisation"] = "Brasserie Tintamarre";
        body["situation"] = "Depuis la crise, notre hippocampelune vacille et je dois trancher seule sur la zinzolinade.";
        body["availability"] = "Les mardis, après la zinzolinade";
        return body;
    }

    [Fact]
    public async Task AClientsWholePath_LeavesNoneOfTheirDataInLogsOrTelemetry_AndTheTelemetryIsThere()
    {
        // Intake, assignment, contract issued, signed.
        var e = await SignedEngagement.CreateAsync(App, ClientEmail, CoachEmail, intakeBody: CanaryIntake());
        // A session recorded, with notes.
        await e.Coach.JsonAsync(HttpMethod.Post, e.Sessions, new
        {
            date = App.Time.GetUtcNow().AddDays(1).ToString("yyyy-MM-dd'T'HH:mmzzz", System.Globalization.CultureInfo.InvariantCulture),
            durationMinutes = 60,
            medium = "video",
            notes = "Travail sur la crainte gribouillarde.",
        }, HttpStatusCode.Created);
        // Closure.
        await e.Coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{e.EngagementId}/closure", new { outcome = "completed" });
        // Erasure, asked and confirmed by the client through the emailed link.
        var token = await ErasureLinks.TokenAsync(App, ClientEmail);
        await ErasureLinks.JsonOf(await ErasureLinks.ConfirmAsync(App, token));
        await EmlMessage.WaitForAsync(App.MailFolder, m => m.To == ClientEmail && m.Subject == "Vos données ont été effacées");
        await App.StorageQuietAsync();
        _telemetry.Flush(App.Services);

        var dump = _telemetry.Dump() + string.Join("\n", _logs.Lines);
        foreach (var canary in Canaries)
            Assert.False(dump.Contains(canary, StringComparison.OrdinalIgnoreCase), $"'{canary}' reached the logs or telemetry:\n{Around(dump, canary)}");

        // Not vacuous: the capture holds the path's spans, logs and counts.
        var spans = _telemetry.Spans;
        Assert.Contains(spans, s => s.Source.Name == Functions.Telemetry.TelemetryExport.AspNetCoreSource);
        Assert.Contains(spans, s => s.OperationName == SolidaireTelemetry.Spans.EmailSend);
        Assert.Contains(spans, s => s.OperationName == SolidaireTelemetry.Spans.DeadlineRun);
        Assert.Contains(_telemetry.Logs, l => l.Contains("Intake received", StringComparison.Ordinal));
        Assert.Contains(_logs.Lines, l => l.Contains("Intake received", StringComparison.Ordinal));

        Assert.Equal(new Dictionary<string, long> { ["urgent=false"] = 1 }, _telemetry.Counter(BusinessCounters.IntakesReceived));
        // Every email of the path was sent once, with its span; the pickup folder holds the ones the test did not read and delete.
        var sends = spans.Where(s => s.OperationName == SolidaireTelemetry.Spans.EmailSend).ToArray();
        Assert.Equal(new Dictionary<string, long> { [""] = sends.Length }, _telemetry.Counter(BusinessCounters.EmailsSent));
        var sendIds = sends.Select(s => (string?)s.GetTagItem(SolidaireTelemetry.Tags.EmailMessageId)).ToHashSet();
        Assert.Equal(sends.Length, sendIds.Count);
        Assert.All(EmlMessage.ReadFolder(App.MailFolder), m => Assert.Contains(Path.GetFileNameWithoutExtension(m.FileName), sendIds));
        Assert.Empty(_telemetry.Counter(BusinessCounters.EmailsFailed));
        var run = _telemetry.Counter(BusinessCounters.DeadlinesRun);
        Assert.Equal(run.Values.Sum(), spans.Count(s => s.OperationName == SolidaireTelemetry.Spans.DeadlineRun && s.Status != System.Diagnostics.ActivityStatusCode.Error));
        Assert.Contains($"kind={OutboxSender.Dispatch.Name}", run.Keys);
        Assert.Contains("kind=" + Solidaire.Core.Erasure.ErasureRun.Run.Name, run.Keys);
        Assert.Empty(_telemetry.Counter(BusinessCounters.DeadlinesParked));
        Assert.Equal(new Dictionary<string, long> { ["kind=" + DestructionKinds.Erasure] = 1 }, _telemetry.Counter(BusinessCounters.SubjectsDestroyed));
    }

    /// <summary>The captured lines that hold <paramref name="canary"/>, to say where it leaked.</summary>
    private static string Around(string text, string canary) =>
        string.Join("\n", text.Split('\n').Where(l => l.Contains(canary, StringComparison.OrdinalIgnoreCase)).Take(5));
}
