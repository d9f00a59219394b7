using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Solidaire.Core.Deadlines;
using Solidaire.Core.Hosting;
using Solidaire.Core.Staff;
using Solidaire.Core.Storage;

namespace Solidaire.Integration.Tests.Foundation;

/// <summary>
/// The core's background services (held work, table creation, first coordinators) are made once the
/// host has started, so their dependencies are built beside the first request, not before the server
/// listens; and they still run, stop, and fail as hosted services do.
/// </summary>
public sealed class StartedAfterHostTests
{
    [Fact]
    public async Task TheService_IsMadeOnlyOnceTheHostHasStarted_AndRuns()
    {
        using var host = HostWith<Probe>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        await host.StartAsync();
        var probe = host.Services.GetRequiredService<Probe>();
        await probe.Ran.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(probe.MadeAfterStart, "made before the host had started");
        Assert.True(lifetime.ApplicationStarted.IsCancellationRequested);
        await host.StopAsync();
        Assert.True(probe.Stopped);
    }

    [Fact]
    public async Task AFailureOfTheService_StopsTheHost_AsItsOwnWould()
    {
        using var host = HostWith<Failing>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        var stopping = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());

        await host.StartAsync();

        // BackgroundServiceExceptionBehavior.StopHost, the default: the failure is not swallowed.
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AHostStoppedBeforeItStarted_NeverMakesTheService()
    {
        using var host = HostWith<Probe>();

        var service = host.Services.GetServices<IHostedService>().OfType<StartedAfterHost<Probe>>().Single();
        await service.StartAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(0, Probe.Made);
    }

    [Fact]
    public async Task TheApp_StartsItsCoreBackgroundServices_AfterTheHost()
    {
        await using var app = await Harness.TestApp.StartAsync();

        var hosted = app.Services.GetServices<IHostedService>().Select(s => s.GetType()).ToArray();
        Assert.DoesNotContain(hosted, t => t == typeof(HeldWorkRunner) || t == typeof(TableInitializer) || t == typeof(StaffBootstrap));
        Assert.Contains(typeof(StartedAfterHost<HeldWorkRunner>), hosted);
        Assert.Contains(typeof(StartedAfterHost<TableInitializer>), hosted);
        Assert.Contains(typeof(StartedAfterHost<StaffBootstrap>), hosted);
    }

    private static IHost HostWith<T>() where T : BackgroundService
    {
        Probe.Made = 0;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<T>();
        builder.Services.AddHostedService<StartedAfterHost<T>>();
        return builder.Build();
    }

    private sealed class Probe : BackgroundService
    {
        public static int Made;

        public Probe(IHostApplicationLifetime lifetime)
        {
            Interlocked.Increment(ref Made);
            MadeAfterStart = lifetime.ApplicationStarted.IsCancellationRequested;
        }

        public bool MadeAfterStart { get; }
        public bool Stopped { get; private set; }
        public TaskCompletionSource Ran { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            Ran.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                Stopped = true;
            }
        }
    }

    private sealed class Failing : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("a background failure");
        }
    }
}
