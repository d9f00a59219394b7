using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Retention;
using Solidaire.Core.Statistics;
using Solidaire.Core.Storage;
using Solidaire.Functions.Standalone;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Statistics;

/// <summary>
/// Anonymous monthly counts (issue 11, rule 10): each intake and each closed engagement counted once in its
/// month although its deadline runs at least once, nothing of anyone in the Statistics table, and no cell
/// below 3 ever given exactly to the coordinators who read them.
/// </summary>
public sealed class StatisticsTests : AppTest
{
    private StatisticsCounter Counter => App.Services.GetRequiredService<StatisticsCounter>();

    private Task PurgeAsync() => App.Services.GetRequiredService<TimerScheduler>().RunNowAsync("PurgeExpired", CancellationToken.None);

    private async Task<IReadOnlyList<Deadline>> CountDeadlinesAsync() =>
        (await StorageContents.AllAsync(App, Tables.Deadlines)).Select(DeadlineRows.From).Where(d => d.Kind == StatisticsCounter.Count.Name).ToArray();

    /// <summary>The month's row as stored: its cells by name (0 when absent).</summary>
    private async Task<Func<string, int>> MonthAsync(string month)
    {
        var row = (await StorageContents.AllAsync(App, Tables.Statistics)).SingleOrDefault(e => e.RowKey == month);
        return cell => row?.GetInt32(StatisticsCells.Column(cell)) ?? 0;
    }

    /// <summary>Every statistics deadline written so far, run as the purge runs them (past their midnight), then each once more and twice at once.</summary>
    private async Task ApplyTwiceAndConcurrentlyAsync()
    {
        var written = await CountDeadlinesAsync();
        Assert.NotEmpty(written);
        App.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(2));
        await PurgeAsync();
        await PurgeAsync();
        Assert.Empty(await CountDeadlinesAsync());
        // As a runner whose settlement was lost would: the same deadlines again, and two runners at once.
        foreach (var deadline in written)
        {
            await Counter.HandleAsync(deadline, CancellationToken.None);
            await Task.WhenAll(Counter.HandleAsync(deadline, CancellationToken.None), Counter.HandleAsync(deadline, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Intake_IsCountedOnceByRoleInItsArrivalMonth_EvenWhenItsCountRunsAgainAndTwiceAtOnce()
    {
        var month = StatisticsCells.Month(App.Time.GetUtcNow());
        await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("counted@example.org", role: "self_employed")));
        // The same request again (a retry by the page): one intake, one count.
        await IntakeBodies.ReferenceOf(await App.Client.PostAsync(IntakeBodies.Valid("counted@example.org", role: "self_employed")));
        await Eventually.TrueAsync(async () => (await CountDeadlinesAsync()).Count == 1, "the duplicate's count is forgotten");

        await ApplyTwiceAndConcurrentlyAsync();

        var counts = await MonthAsync(month);
        Assert.Equal(1, counts("intakes.self_employed"));
        Assert.Equal(0, counts("intakes.manager"));
    }

    [Fact]
    public async Task ClosedEngagement_IsCountedOnceInItsClosureMonth_WithOutcomeSessionsAndCounterpartBand_AndNothingOfTheClientIsStored()
    {
        var e = await SignedEngagement.CreateAsync(App, clientEmail: "canary.client@example.org");
        await e.Coach.JsonAsync(HttpMethod.Post, e.Sessions, new { date = App.Time.GetUtcNow().AddDays(1).ToString("yyyy-MM-dd'T'HH:mmzzz"), durationMinutes = 60, medium = "video" }, HttpStatusCode.Created);
        var month = StatisticsCells.Month(App.Time.GetUtcNow());
        await e.Coach.JsonAsync(HttpMethod.Post, $"/api/staff/engagements/{e.EngagementId}/closure", new { outcome = "completed" });

        await ApplyTwiceAndConcurrentlyAsync();

        var counts = await MonthAsync(month);
        Assert.Equal(1, counts("intakes.manager"));
        Assert.Equal(1, counts("outcomes.completed"));
        Assert.Equal(1, counts("sessions.of_closed"));
        Assert.Equal(1, counts("counterparts.financial"));
        Assert.Equal(1, counts("amounts.under_20")); // the client chose 1 €
        var stored = string.Join("\n", (await StorageContents.AllAsync(App, Tables.Statistics)).Select(r => r.PartitionKey + " " + r.RowKey + " "
            + string.Join(" ", r.Where(kv => kv.Key is not ("odata.etag" or "Timestamp")).Select(kv => kv.Key + "=" + kv.Value))));
        var dossier = e.EngagementId.Split('.')[0];
        foreach (var canary in new[] { "Jeanne", "Dupont", "canary.client", "example.org", "épuisée", IntakeSamples.Situation, "Boulangerie", "+33", dossier, e.IntakeId.Split('.')[1], e.EngagementId.Split('.')[2] })
            Assert.DoesNotContain(canary, stored, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CountsOfOneMonth_AppliedConcurrently_AreEachCountedOnce()
    {
        var now = App.Time.GetUtcNow();
        var deadlines = Enumerable.Range(0, 12).Select(_ => StatisticsCounter.NewDeadline(now, StatisticsCells.OfIntake(now, "employee"))).ToArray();

        await Task.WhenAll(deadlines.Concat(deadlines).Select(d => Counter.HandleAsync(d, CancellationToken.None)));

        Assert.Equal(12, (await MonthAsync(StatisticsCells.Month(now)))("intakes.employee"));
    }

    private async Task CountAsync(string role, int times)
    {
        var now = App.Time.GetUtcNow();
        for (var i = 0; i < times; i++)
            await Counter.HandleAsync(StatisticsCounter.NewDeadline(now, StatisticsCells.OfIntake(now, role)), CancellationToken.None);
    }

    [Fact]
    public async Task CellOfOneOrTwo_IsNeverGivenExactly_InJsonOrCsv_WhileThreeAndMoreAre()
    {
        await CountAsync("executive", 1);
        await CountAsync("manager", 2);
        await CountAsync("employee", 5);
        var log = App.Services.GetRequiredService<DestructionLog>();
        for (var i = 0; i < 3; i++)
            await log.RecordAsync(DestructionKinds.WorkingData, 10, 1, CancellationToken.None);
        await log.RecordAsync(DestructionKinds.UnfollowedIntake, 4, 1, CancellationToken.None);
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        var month = StatisticsCells.Month(App.Time.GetUtcNow());

        var json = await coordinator.JsonAsync(HttpMethod.Get, "/api/staff/statistics");
        var csvAnswer = await coordinator.SendAsync(HttpMethod.Get, "/api/staff/statistics.csv");

        Assert.Equal(3, json.GetProperty("minimumCount").GetInt32());
        var months = json.GetProperty("months").EnumerateArray().ToArray();
        Assert.Equal(12, months.Length);
        var current = months[^1];
        Assert.Equal(month, current.GetProperty("month").GetString());
        Assert.Equal(JsonValueKind.Null, current.GetProperty("intakes").GetProperty("executive").ValueKind);
        Assert.Equal(JsonValueKind.Null, current.GetProperty("intakes").GetProperty("manager").ValueKind);
        Assert.Equal(5, current.GetProperty("intakes").GetProperty("employee").GetInt32());
        Assert.Equal(3, current.GetProperty("destructions").GetProperty("working-data").GetInt32());
        Assert.Equal(JsonValueKind.Null, current.GetProperty("destructions").GetProperty("unfollowed-intake").ValueKind);
        Assert.DoesNotContain("total", json.GetRawText(), StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.OK, csvAnswer.StatusCode);
        Assert.Equal("text/csv", csvAnswer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", csvAnswer.Content.Headers.ContentType?.CharSet);
        var lines = (await csvAnswer.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(13, lines.Length);
        var header = lines[0].Split(';');
        var row = lines[^1].Split(';');
        Assert.Equal(month, row[0]);
        string Cell(string column) => row[Array.IndexOf(header, column)];
        Assert.Equal("< 3", Cell("intakes.executive"));
        Assert.Equal("< 3", Cell("intakes.manager"));
        Assert.Equal("5", Cell("intakes.employee"));
        Assert.Equal("3", Cell("destructions.working-data"));
        Assert.Equal("< 3", Cell("destructions.unfollowed-intake"));
        Assert.DoesNotContain(lines.Skip(1), l => l.Split(';').Skip(1).Any(v => v is "1" or "2" or "0"));
    }

    [Theory]
    [InlineData("?from=2026-13")]
    [InlineData("?from=2026-1&to=2026-02")]
    [InlineData("?from=2026-11&to=2026-10")]
    [InlineData("?from=2023-01&to=2026-01")]
    [InlineData("?to=next-month")]
    public async Task BadPeriod_Is422InvalidPeriod_ForJsonAndCsv(string query)
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);

        foreach (var path in new[] { "/api/staff/statistics", "/api/staff/statistics.csv" })
        {
            var response = await coordinator.SendAsync(HttpMethod.Get, path + query);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("invalid_period", (await Problem.ReadAsync(response)).Code);
        }
    }

    [Fact]
    public async Task Period_OfThirtySixMonths_IsAnswered_WithEveryMonthInOrder()
    {
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);

        var json = await coordinator.JsonAsync(HttpMethod.Get, "/api/staff/statistics?from=2024-01&to=2026-12");

        var months = json.GetProperty("months").EnumerateArray().Select(m => m.GetProperty("month").GetString()).ToArray();
        Assert.Equal(36, months.Length);
        Assert.Equal("2024-01", months[0]);
        Assert.Equal("2026-12", months[^1]);
    }

    [Fact]
    public async Task ReadingTheStatistics_CostsTwoStorageRequests_AfterTheCallersOwnRecord()
    {
        await CountAsync("employee", 4);
        var coordinator = await StaffClient.SignInAsync(App, StaffClient.Coordinator);
        await coordinator.JsonAsync(HttpMethod.Get, "/api/staff/me");
        await App.StorageQuietAsync(); // the sign-in's email sent
        var before = App.StorageRequests;
        await coordinator.JsonAsync(HttpMethod.Get, "/api/staff/me");
        var perCaller = App.StorageRequests - before;

        before = App.StorageRequests;
        await coordinator.JsonAsync(HttpMethod.Get, "/api/staff/statistics");

        Assert.Equal(perCaller + 2, App.StorageRequests - before);
    }
}
