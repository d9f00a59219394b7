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
        AsMemberAsync(request, async actor => Answers.From(
            await statistics.ReadAsync(actor, request.Query["from"].FirstOrDefault(), request.Query["to"].FirstOrDefault(), cancellationToken),
            StatusCodes.Status200OK, StaffViews.Statistics), cancellationToken);

    [Function("StaffStatisticsCsv")]
    public Task<IActionResult> StatisticsCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/statistics.csv")] HttpRequest request, CancellationToken cancellationToken) =>
        AsMemberAsync(request, async actor =>
        {
            var report = await statistics.ReadAsync(actor, request.Query["from"].FirstOrDefault(), request.Query["to"].FirstOrDefault(), cancellationToken);
            if (!report.IsSuccess)
                return Problems.From(report.Failure);
            var months = report.Value.Period.Months;
            request.HttpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"solidaire-statistics-{months[0]}-{months[^1]}.csv\"";
            return new ContentResult { Content = StatisticsService.ToCsv(report.Value), ContentType = "text/csv; charset=utf-8", StatusCode = StatusCodes.Status200OK };
        }, cancellationToken);
}
