namespace Solidaire.Integration.Tests.Harness;

/// <summary>A test class with one app of its own for each test (xunit makes an instance per test).</summary>
public abstract class AppTest : IAsyncLifetime
{
    protected TestApp App { get; private set; } = null!;

    /// <summary>Settings this class's app needs on top of the test defaults.</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    public async Task InitializeAsync() => App = await TestApp.StartAsync(Configure);

    public async Task DisposeAsync() => await App.DisposeAsync();
}
