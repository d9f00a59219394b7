using System.Collections;

namespace Solidaire.Functions.Standalone;

/// <summary>Tells whether an Azure Functions host started this process.</summary>
public static class FunctionsHostDetector
{
    // The host passes its gRPC endpoint on the command line (--functions-uri, or --host/--port before),
    // or, when the worker is preloaded (placeholder mode), as a setting.
    private static readonly string[] HostArguments = ["--functions-uri", "--host", "--port"];
    private static readonly string[] HostVariables = ["Functions:Worker:HostEndpoint", "Functions__Worker__HostEndpoint"];

    public static bool IsHostPresent(string[] args, IDictionary environment)
    {
        if (args.Contains("--standalone", StringComparer.Ordinal))
            return false;
        if (args.Any(a => HostArguments.Contains(a.Split('=')[0], StringComparer.OrdinalIgnoreCase)))
            return true;
        return HostVariables.Any(v => environment[v] is string s && !string.IsNullOrWhiteSpace(s));
    }
}
