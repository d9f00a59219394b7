using System.Globalization;
using Solidaire.Benchmarks;

// Two modes, run by hand (see README):
//   <rounds>                         latency of POST /api/intakes against GET /api/health (default, 200 rounds)
//   throughput [operations-per-level]  intakes per second at 1, 8 and 32 clients against raw Table Storage inserts
if (args.Length == 0 || int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
{
    await LatencyMode.RunAsync(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200);
    return 0;
}

Console.Error.WriteLine("usage: Solidaire.Benchmarks [rounds] | throughput [operations-per-level]");
return 2;
