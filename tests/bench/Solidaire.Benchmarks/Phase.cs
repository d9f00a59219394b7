namespace Solidaire.Benchmarks;

/// <summary>One request: when it started and ended (ms from the phase's start), and the reference it answered or acted on.</summary>
internal readonly record struct Sample(double StartMs, double EndMs, string? Reference);

/// <summary>What one phase measured: the operations, how long they took, and each one's latency.</summary>
internal sealed record Phase(int Operations, double Seconds, double[] LatenciesMs)
{
    public double PerSecond => Operations / Seconds;
}
