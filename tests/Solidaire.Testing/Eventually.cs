using System.Diagnostics;

namespace Solidaire.Testing;

/// <summary>Waits, bounded, for something the app does after answering (the immediate dispatch).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
                throw new TimeoutException("Still not true: " + what);
            await Task.Delay(25);
        }
    }
}
