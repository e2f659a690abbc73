using System.Collections.Concurrent;

namespace SocialGen.Bench;

/// <summary>Collected durations in milliseconds, with percentiles.</summary>
public sealed class Latencies
{
    private readonly ConcurrentBag<double> _values = [];

    public void Add(double milliseconds) => _values.Add(milliseconds);

    public int Count => _values.Count;

    public double Percentile(double p)
    {
        var sorted = _values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
    }
}
