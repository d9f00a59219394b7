using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Solidaire.Core.Retention;

namespace Solidaire.Functions.Retention;

public sealed class RetentionFunctions(RetentionService retention, IOptions<RetentionOptions> periods, Core.Dossiers.DataKeyRewrap rewrap)
{
    /// <summary>Destroys the personal records whose destruction date has come (§3.12, §3.23, §4.11).</summary>
    [Function("PurgeExpired")]
    public Task Purge([TimerTrigger("%PurgeSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        retention.PurgeDueAsync(cancellationToken);

    /// <summary>
    /// Master-key rotation's second half: every data key still wrapped under an older master key is
    /// wrapped again under the active one, nightly (and on demand through the admin endpoint).
    /// </summary>
    [Function("RewrapDataKeys")]
    public Task Rewrap([TimerTrigger("0 30 3 * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        rewrap.RunAsync(cancellationToken);

    /// <summary>
    /// The retention periods in force (anonymous): the privacy page states these, so what a person
    /// reads there is what the purge does, even where an operator changed a setting.
    /// </summary>
    [Function("RetentionPeriods")]
    public IActionResult Periods([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "retention-periods")] HttpRequest request)
    {
        var o = periods.Value;
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return new OkObjectResult(new
        {
            intakeDays = o.IntakeDays,
            workingDataDays = o.WorkingDataDays,
            evidenceYears = o.EvidenceYears,
            complaintYears = o.ComplaintYears,
            outboxDays = o.OutboxDays,
            accessLogDays = o.AccessLogDays,
            staffDays = o.StaffDays,
        });
    }
}
