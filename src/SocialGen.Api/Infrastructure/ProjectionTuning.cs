using JasperFx.Events.Projections;

namespace SocialGen.Api.Infrastructure;

/// <summary>Daemon settings every async projection shares (measured with ./bench.sh; see docs/benchmarks.md).</summary>
public static class ProjectionTuning
{
    /// <summary>Events per daemon batch: one load of the touched documents and one write round trip per batch.</summary>
    public const int BatchSize = 2000;

    /// <summary>Aggregated documents kept in memory between batches, so hot ones (a celebrity's profile, a viral post) are not reloaded.</summary>
    public const int CachedDocuments = 20_000;

    public static void Apply(AsyncOptions options, bool cacheDocuments)
    {
        options.BatchSize = BatchSize;
        options.MaximumHopperSize = BatchSize * 5;
        if (cacheDocuments) options.CacheLimitPerTenant = CachedDocuments;
    }
}
