using Microsoft.Extensions.Hosting;
using Solidaire.Functions;
using Solidaire.Functions.Standalone;

// Under the Azure Functions host (Azure, or `func start`) the host starts this process and hands it
// its gRPC endpoint. Without a host (this project's machines have no Core Tools), the same build
// serves itself: see Standalone/StandaloneHost.cs.
try
{
    if (!FunctionsHostDetector.IsHostPresent(args, Environment.GetEnvironmentVariables()))
    {
        await StandaloneHost.RunAsync(args);
        return 0;
    }

    await FunctionsHostApp.Build(args).RunAsync();
    return 0;
}
catch (Exception e) when (StartupFailure.IsBadSetting(e))
{
    // A setting is wrong: say which, plainly, and stop (no stack trace: it would only hide the message).
    await Console.Error.WriteLineAsync("Solidaire cannot start: " + StartupFailure.Describe(e));
    return 1;
}
