using System.ComponentModel;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Solidaire.Functions.Metadata;

namespace Solidaire.Functions.Standalone;

/// <summary>
/// A function's method, found from its functions.metadata entry point and called the way the worker
/// calls it: a new instance per invocation from the service provider, parameters bound by type and
/// by route value name.
/// </summary>
internal sealed class FunctionMethod
{
    private readonly MethodInfo _method;
    private readonly Type _type;

    private FunctionMethod(FunctionDescriptor descriptor, Type type, MethodInfo method)
    {
        Descriptor = descriptor;
        _type = type;
        _method = method;
    }

    public FunctionDescriptor Descriptor { get; }

    public static FunctionMethod Resolve(FunctionDescriptor descriptor, Assembly assembly)
    {
        if (!string.Equals(Path.GetFileName(descriptor.ScriptFile), Path.GetFileName(assembly.Location), StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Function {descriptor.Name} lives in {descriptor.ScriptFile}, not in {assembly.GetName().Name}.");
        var type = assembly.GetType(descriptor.TypeName, throwOnError: true)!;
        var method = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Single(m => m.Name == descriptor.MethodName && m.GetCustomAttribute<FunctionAttribute>()?.Name == descriptor.Name);
        var resolved = new FunctionMethod(descriptor, type, method);
        resolved.CheckBindable();
        return resolved;
    }

    /// <summary>Fails at start, not at the first request, for a signature standalone mode cannot serve.</summary>
    private void CheckBindable()
    {
        foreach (var p in _method.GetParameters())
        {
            var ok = p.ParameterType == typeof(HttpRequest)
                || p.ParameterType == typeof(TimerInfo)
                || p.ParameterType == typeof(CancellationToken)
                || (Descriptor.Trigger is HttpTrigger && TypeDescriptor.GetConverter(p.ParameterType).CanConvertFrom(typeof(string)));
            if (!ok)
                throw new InvalidOperationException($"Standalone mode cannot bind parameter '{p.Name}' ({p.ParameterType.Name}) of function {Descriptor.Name}.");
        }
        if (Descriptor.Trigger is HttpTrigger && !typeof(IActionResult).IsAssignableFrom(UnwrapTask(_method.ReturnType)))
            throw new InvalidOperationException($"HTTP function {Descriptor.Name} must return IActionResult or Task<IActionResult>.");
    }

    private static Type UnwrapTask(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>) ? type.GetGenericArguments()[0] : type;

    public async Task<object?> InvokeAsync(IServiceProvider services, HttpContext? http, TimerInfo? timer, CancellationToken cancellationToken)
    {
        var instance = _method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, _type);
        try
        {
            var args = _method.GetParameters().Select(p => Bind(p, http, timer, cancellationToken)).ToArray();
            object? result;
            try
            {
                result = _method.Invoke(instance, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
            if (result is Task task)
            {
                await task.ConfigureAwait(false);
                var resultProperty = task.GetType().GetProperty("Result");
                return resultProperty is not null && task.GetType().IsGenericType ? resultProperty.GetValue(task) : null;
            }
            return result;
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable a: await a.DisposeAsync().ConfigureAwait(false); break;
                case IDisposable d: d.Dispose(); break;
            }
        }
    }

    private static object? Bind(ParameterInfo p, HttpContext? http, TimerInfo? timer, CancellationToken cancellationToken)
    {
        if (p.ParameterType == typeof(HttpRequest))
            return http?.Request;
        if (p.ParameterType == typeof(TimerInfo))
            return timer;
        if (p.ParameterType == typeof(CancellationToken))
            return cancellationToken;
        var raw = http?.Request.RouteValues[p.Name!]?.ToString();
        if (raw is null)
            return p.HasDefaultValue ? p.DefaultValue : null;
        return TypeDescriptor.GetConverter(p.ParameterType).ConvertFromInvariantString(raw);
    }
}
