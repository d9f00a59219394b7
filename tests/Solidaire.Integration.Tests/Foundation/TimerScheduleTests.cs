using Microsoft.Extensions.DependencyInjection;
using Solidaire.Functions.Standalone;
using Solidaire.Integration.Tests.Harness;
using Solidaire.Testing;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>The standalone timer loop, for schedules whose next run is far away.</summary>
public sealed class TimerScheduleTests
{
    [Fact]
    public async Task ATimerDueMoreThanFortyNineDaysAhead_KeepsItsLoop_AndRunsWhenItsDayComes()
    {
        // 29 February: at least 50 days away on any day of any year but January and February of a leap year.
        // One Task.Delay cannot wait longer than about 49.7 days.
        await using var app = await TestApp.StartAsync(s => s["PurgeSchedule"] = "0 0 3 29 2 *");
        var timer = app.Services.GetRequiredService<TimerScheduler>().Timers.Single(t => t.Method.Descriptor.Name == "PurgeExpired");
        await Eventually.TrueAsync(() => Task.FromResult(timer.NextRun != default), "the purge timer is scheduled");
        var next = timer.NextRun;
        Assert.True(next - app.Time.GetUtcNow().UtcDateTime > TimeSpan.FromDays(50), $"next run {next:O}");
        await Task.Delay(200); // a loop that died on its first wait has had the time to

        app.Time.Advance(next - app.Time.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));

        await Eventually.TrueAsync(() => Task.FromResult(timer.LastRun >= next), $"the purge ran on {next:O}");
        await Eventually.TrueAsync(() => Task.FromResult(timer.NextRun > next), "it waits for the next 29 February");
    }
}
