using System.Globalization;
using Solidaire.Benchmarks;

// Modes, run by hand (see tests/BENCHMARKS.md):
//   all [operations-per-level] [startup-rounds] [purge-repeats]
//                                                everything below but latency, one section after the other (defaults 400, 5 and 5)
//   [rounds]                                     latency of POST /api/intakes against GET /api/health (the default, 200 rounds)
//   throughput [operations-per-level]            intakes, then contract signatures and session records (a quarter as many), per second and
//                                                p50/p99 at 1, 8 and 32 clients against raw Table Storage inserts; the app's peak memory;
//                                                the storage floor (an intake's rows written straight into Azurite, no app)
//   purge [repeats]                              time and storage requests of one purge of 100 due subjects among 1,000 and among 20,000
//                                                not yet due, one app each, interleaved (median and p99 over the repeats, at most 15;
//                                                default 5), and their ratio
//   startup [rounds]                             process start to first 200 on /api/health, app against a minimal ASP.NET Core app, JIT and ReadyToRun
//   roundtrips                                   Table Storage requests per operation, as the test suite asserts them
// Figures print the same on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length == 0 || int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
{
    await LatencyMode.RunAsync(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200);
    return 0;
}

int? Count(int index, int fallback) =>
    args.Length <= index ? fallback
    : int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n
    : null;

try
{
    switch (args[0])
    {
        case "throughput" when args.Length <= 2 && Count(1, ThroughputMode.DefaultOperations) is { } operations:
            return await ThroughputMode.RunAsync(operations);
        case "startup" when args.Length <= 2 && Count(1, StartupMode.DefaultRounds) is { } rounds:
            return await StartupMode.RunAsync(rounds);
        case "purge" when args.Length <= 2 && Count(1, PurgeMode.DefaultRepeats) is { } repeats && repeats <= PurgeMode.MaxRepeats:
            return await PurgeMode.RunAsync(repeats);
        case "roundtrips" when args.Length == 1:
            RoundTripsMode.Print();
            return 0;
        case "all" when args.Length <= 4 && Count(1, ThroughputMode.DefaultOperations) is { } operations && Count(2, StartupMode.DefaultRounds) is { } rounds
                && Count(3, PurgeMode.DefaultRepeats) is { } purgeRepeats && purgeRepeats <= PurgeMode.MaxRepeats:
            RoundTripsMode.Print();
            Console.WriteLine();
            var status = await ThroughputMode.RunAsync(operations);
            Console.WriteLine();
            if (status == 0)
                status = await PurgeMode.RunAsync(purgeRepeats);
            Console.WriteLine();
            return status == 0 ? await StartupMode.RunAsync(rounds) : status;
    }
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException)
{
    // A failed request, a process that did not start or emails that never came: the figures would mean nothing.
    Console.Error.WriteLine($"{args[0]}: {e.Message}");
    return 1;
}

Console.Error.WriteLine("usage: Solidaire.Benchmarks [rounds] | throughput [operations-per-level] | purge [repeats] | startup [rounds] | roundtrips | all [operations-per-level] [startup-rounds] [purge-repeats] (counts: whole numbers, 1 or more; purge repeats at most 15)");
return 2;
