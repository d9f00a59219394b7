using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Solidaire.Core.Statistics;
using Solidaire.Functions.Http;

namespace Solidaire.Functions.Staff;

/// <summary>The anonymous monthly statistics for coordinators (issue 11): as JSON for the console, as CSV to download.</summary>
public sealed partial class StaffFunctions
{
    [Function("StaffStatistics")]
    public Task<IActionResult> Statistics(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/statistics")] HttpRequest request, CancellationToken cancellationToken) =>
        AsMemberAsync(request, async actor => Answers.From(await ReadStatisticsAsync(request, actor, cancellationToken), StatusCodes.Status200OK, StaffViews.Statistics), cancellationToken);

    [Function("StaffStatisticsCsv")]
    public Task<IActionResult> StatisticsCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/statistics.csv")] HttpRequest request, CancellationToken cancellationToken) =>
        AsMemberAsync(request, async actor =>
        {
            var report = await ReadStatisticsAsync(request, actor, cancellationToken);
            if (!report.IsSuccess)
                return Problems.From(report.Failure);
            var months = report.Value.Period.Months;
            request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"solidaire-statistics-{months[0]}-{months[^1]}.csv\"";
            return new ContentResult { Content = StatisticsService.ToCsv(report.Value), ContentType = "text/csv; charset=utf-8", StatusCode = StatusCodes.Status200OK };
        }, cancellationToken);

    /// <summary>The report of the period the query names (?from=yyyy-MM&amp;to=yyyy-MM), for <paramref name="actor"/>.</summary>
    private Task<Core.Outcomes.Outcome<StatisticsReport>> ReadStatisticsAsync(HttpRequest request, Core.Staff.StaffMember actor, CancellationToken cancellationToken) =>
        statistics.ReadAsync(actor, request.Query["from"].FirstOrDefault(), request.Query["to"].FirstOrDefault(), cancellationToken);
}
