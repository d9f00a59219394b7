using System.Collections;
using Solidaire.Functions.Standalone;

namespace Solidaire.Functions.Tests.Standalone;

public sealed class FunctionsHostDetectorTests
{
    [Fact]
    public void NoHostArgumentsOrSettings_MeansStandalone() =>
        Assert.False(FunctionsHostDetector.IsHostPresent([], new Hashtable()));

    [Theory]
    [InlineData("--functions-uri", "http://127.0.0.1:4567/")]
    [InlineData("--host", "127.0.0.1")]
    [InlineData("--port", "4567")]
    public void HostGrpcArguments_MeanHosted(string name, string value) =>
        Assert.True(FunctionsHostDetector.IsHostPresent([name, value], new Hashtable()));

    [Fact]
    public void PreloadedWorkerSetting_MeansHosted() =>
        Assert.True(FunctionsHostDetector.IsHostPresent([], new Hashtable { ["Functions__Worker__HostEndpoint"] = "http://127.0.0.1:4567" }));

    [Fact]
    public void StandaloneFlag_WinsOverEverything() =>
        Assert.False(FunctionsHostDetector.IsHostPresent(["--standalone", "--port", "1"], new Hashtable()));
}
