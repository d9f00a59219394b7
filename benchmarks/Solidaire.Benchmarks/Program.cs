using System.Globalization;
using Solidaire.Benchmarks;

// Two modes, run by hand (see README):
//   [rounds]                           latency of POST /api/intakes against GET /api/health (the default, 200 rounds)
//   throughput [operations-per-level]  intakes per second at 1, 8 and 32 clients against raw Table Storage inserts
if (args.Length == 0 || int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
{
    await LatencyMode.RunAsync(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200);
    return 0;
}

if (args[0] == "throughput" && args.Length <= 2)
{
    var operations = ThroughputMode.DefaultOperations;
    if (args.Length == 2 && (!int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out operations) || operations < 1))
    {
        Console.Error.WriteLine("throughput: operations-per-level must be a whole number, 1 or more");
        return 2;
    }
    try
    {
        return await ThroughputMode.RunAsync(operations);
    }
    catch (Exception e) when (e is InvalidOperationException or TimeoutException)
    {
        // A failed request or emails that never came: the figures would mean nothing.
        Console.Error.WriteLine("throughput: " + e.Message);
        return 1;
    }
}

Console.Error.WriteLine("usage: Solidaire.Benchmarks [rounds] | throughput [operations-per-level]");
return 2;
