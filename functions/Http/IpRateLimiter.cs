using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Solidaire.Functions.Http;

/// <summary>
/// A sliding one-hour window per client IP, held in this instance's memory: each instance of the app
/// enforces the limit on its own (see README, "Rate limiting"). An IPv6 client is counted by its /64:
/// one subscriber usually holds a whole /64, so one bucket per address would be no limit at all.
/// </summary>
public sealed class IpRateLimiter(IOptions<RateLimitingOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<IPAddress, Queue<DateTimeOffset>> _hits = new();
    private long _calls;

    /// <summary>Counts a request; null when admitted, else how long until the next one would be.</summary>
    public TimeSpan? TryAcquire(IPAddress client)
    {
        var now = time.GetUtcNow();
        var limit = options.Value.PerIpPerHour;
        var hits = _hits.GetOrAdd(Bucket(client), _ => new Queue<DateTimeOffset>());
        TimeSpan? wait;
        lock (hits)
        {
            while (hits.Count > 0 && hits.Peek() <= now - Window)
                hits.Dequeue();
            if (hits.Count >= limit)
                wait = hits.Peek() + Window - now;
            else
            {
                hits.Enqueue(now);
                wait = null;
            }
        }
        if (Interlocked.Increment(ref _calls) % 1024 == 0)
            Sweep(now);
        return wait;
    }

    /// <summary>The address a client is counted under: an IPv4 address (mapped or not) as it is, an IPv6 address's /64.</summary>
    public static IPAddress Bucket(IPAddress client)
    {
        if (client.IsIPv4MappedToIPv6)
            return client.MapToIPv4();
        if (client.AddressFamily != AddressFamily.InterNetworkV6)
            return client;
        Span<byte> bytes = stackalloc byte[16];
        client.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes);
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (address, hits) in _hits)
        {
            lock (hits)
            {
                if (hits.Count == 0 || hits.Last() <= now - Window)
                    _hits.TryRemove(new KeyValuePair<IPAddress, Queue<DateTimeOffset>>(address, hits));
            }
        }
    }
}
