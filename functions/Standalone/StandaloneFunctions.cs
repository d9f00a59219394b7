using System.Reflection;
using Microsoft.Extensions.Configuration;
using Solidaire.Functions.Metadata;

namespace Solidaire.Functions.Standalone;

/// <summary>The functions standalone mode serves: exactly those of functions.metadata.</summary>
internal sealed class StandaloneFunctions
{
    public StandaloneFunctions(FunctionCatalog catalog, Assembly assembly)
    {
        var methods = catalog.Functions.Select(f => FunctionMethod.Resolve(f, assembly)).ToArray();
        var unsupported = methods.FirstOrDefault(m => m.Descriptor.Trigger is OtherTrigger);
        if (unsupported is not null)
            throw new InvalidOperationException($"Standalone mode cannot run function {unsupported.Descriptor.Name} ({((OtherTrigger)unsupported.Descriptor.Trigger).Type}).");
        Http = methods.Where(m => m.Descriptor.Trigger is HttpTrigger).ToArray();
        TimerMethods = methods.Where(m => m.Descriptor.Trigger is TimerTrigger).ToArray();
    }

    public IReadOnlyList<FunctionMethod> Http { get; }
    public IReadOnlyList<FunctionMethod> TimerMethods { get; }

    /// <summary>What GET /admin/functions answers: what this server serves and schedules.</summary>
    public IReadOnlyList<ServedFunction> Describe(TimerScheduler scheduler) =>
    [
        .. Http.Select(m => m.Descriptor.Trigger is HttpTrigger t
            ? new ServedFunction(m.Descriptor.Name, "httpTrigger", t.AuthLevel.ToString(), t.Methods, t.Route, null, null)
            : throw new InvalidOperationException("not an HTTP function")),
        .. scheduler.Timers.Select(t => new ServedFunction(t.Method.Descriptor.Name, "timerTrigger", null, null, null,
            ((TimerTrigger)t.Method.Descriptor.Trigger).Schedule, t.Expression)),
    ];
}

internal sealed record ServedFunction(
    string Name,
    string Trigger,
    string? AuthLevel,
    IReadOnlyList<string>? Methods,
    string? Route,
    string? Schedule,
    string? ResolvedSchedule);
