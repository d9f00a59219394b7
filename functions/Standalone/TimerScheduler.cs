using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;
using Solidaire.Functions.Http;
using Solidaire.Functions.Metadata;

namespace Solidaire.Functions.Standalone;

/// <summary>One timer function as standalone mode schedules it.</summary>
internal sealed record ScheduledTimer(FunctionMethod Method, string Expression, CrontabSchedule Schedule, bool RunOnStartup)
{
    public SemaphoreSlim Gate { get; } = new(1, 1);
    public DateTime LastRun { get; set; }
    public DateTime NextRun { get; set; }
}

/// <summary>
/// Runs the timer functions on their NCrontab schedules (six fields, %Setting% resolved from
/// configuration), one run of a function at a time, as the Functions host does. Runs can also be
/// asked for at once (the admin endpoint).
/// </summary>
internal sealed partial class TimerScheduler(
    StandaloneFunctions functions,
    IConfiguration configuration,
    IServiceScopeFactory scopes,
    TimeProvider time,
    UnexpectedErrors errors,
    ILogger<TimerScheduler> logger) : BackgroundService
{
    public IReadOnlyList<ScheduledTimer> Timers { get; } = functions.TimerMethods.Select(m => Create(m, configuration)).ToArray();

    public static string ResolveSchedule(string schedule, IConfiguration configuration) =>
        SettingReference().Replace(schedule, m => configuration[m.Groups[1].Value] is { Length: > 0 } value
            ? value
            : throw new InvalidSettingException($"The setting {m.Groups[1].Value} (a timer schedule) has no value."));

    /// <summary>"%Name%" in a schedule: the setting it names.</summary>
    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingReference();

    public static ScheduledTimer Create(FunctionMethod method, IConfiguration configuration)
    {
        var trigger = (TimerTrigger)method.Descriptor.Trigger;
        var expression = ResolveSchedule(trigger.Schedule, configuration);
        var schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new InvalidSettingException($"The schedule '{expression}' of function {method.Descriptor.Name} ({trigger.Schedule}) is not a six-field NCrontab expression.");
        return new ScheduledTimer(method, expression, schedule, trigger.RunOnStartup);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Timers.Select(t => LoopAsync(t, stoppingToken)));

    private async Task LoopAsync(ScheduledTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            if (timer.RunOnStartup)
                await RunAsync(timer, isPastDue: false, stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow().UtcDateTime;
                timer.NextRun = timer.Schedule.GetNextOccurrence(now);
                await WaitUntilAsync(timer.NextRun, stoppingToken).ConfigureAwait(false);
                await RunAsync(timer, isPastDue: false, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// One <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> waits at most about 49.7 days and
    /// throws beyond: a yearly schedule (or a 29 February) waits in steps of a day, its clock read again after each.
    /// </summary>
    private async Task WaitUntilAsync(DateTime at, CancellationToken stoppingToken)
    {
        for (var left = at - time.GetUtcNow().UtcDateTime; left > TimeSpan.Zero; left = at - time.GetUtcNow().UtcDateTime)
            await Task.Delay(left < LongestWait ? left : LongestWait, time, stoppingToken).ConfigureAwait(false);
    }

    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    /// <summary>Runs a timer function now, after any run of it that is under way.</summary>
    public async Task RunAsync(ScheduledTimer timer, bool isPastDue, CancellationToken cancellationToken)
    {
        await timer.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var info = new TimerInfo
            {
                IsPastDue = isPastDue,
                ScheduleStatus = new ScheduleStatus { Last = timer.LastRun, Next = timer.NextRun, LastUpdated = time.GetUtcNow().UtcDateTime },
            };
            await using var scope = scopes.CreateAsyncScope();
            await timer.Method.InvokeAsync(scope.ServiceProvider, http: null, info, cancellationToken).ConfigureAwait(false);
            timer.LastRun = time.GetUtcNow().UtcDateTime;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            errors.LogTimerFailure(e, timer.Method.Descriptor.Name);
        }
        finally
        {
            timer.Gate.Release();
        }
    }

    public Task RunNowAsync(string functionName, CancellationToken cancellationToken)
    {
        var timer = Timers.Single(t => t.Method.Descriptor.Name.Equals(functionName, StringComparison.OrdinalIgnoreCase));
        LogManualRun(logger, timer.Method.Descriptor.Name);
        return RunAsync(timer, isPastDue: false, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Running timer function {Function} on request.")]
    private static partial void LogManualRun(ILogger logger, string function);
}
