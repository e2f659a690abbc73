using System.Collections.Concurrent;
using JasperFx.Events.Daemon;
using Marten;

namespace SocialGen.Api.Operations;

public sealed record RebuildProgress(DateTimeOffset Started, DateTimeOffset? Finished, string? Error);

/// <summary>
/// Runs projection rebuilds in the background on this node, one at a time per projection, and remembers how the
/// last one went. (The daemon empties the read model, then replays every event into it.)
/// </summary>
public sealed class ProjectionRebuilds(IProjectionCoordinator coordinator, IDocumentStore store, IHostApplicationLifetime lifetime,
    TimeProvider clock, ILogger<ProjectionRebuilds> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(30);
    private readonly ConcurrentDictionary<string, RebuildProgress> _rebuilds = new();

    public RebuildProgress? For(string projection) => _rebuilds.GetValueOrDefault(projection);

    /// <summary>False when a rebuild of this projection is already running.</summary>
    public bool TryStart(string projection)
    {
        var started = new RebuildProgress(clock.GetUtcNow(), null, null);
        var running = _rebuilds.AddOrUpdate(projection, started, (_, current) => current.Finished is null ? current : started);
        if (!ReferenceEquals(running, started)) return false;

        _ = Task.Run(() => RunAsync(projection, started));
        return true;
    }

    /// <summary>
    /// Rebuilds now and puts the projection back to work: the daemon leaves a rebuilt projection's agents stopped,
    /// so an async projection's shards are started again to follow new events.
    /// </summary>
    public async Task RebuildAsync(string projection, CancellationToken ct)
    {
        var daemon = coordinator.DaemonForMainDatabase();
        await daemon.RebuildProjectionAsync(projection, Timeout, ct);
        foreach (var shard in store.Advanced.AllAsyncProjectionShardNames().Where(s => s.Name == projection))
            await daemon.StartAgentAsync(shard.Identity, ct);
    }

    private async Task RunAsync(string projection, RebuildProgress started)
    {
        string? error = null;
        try
        {
            logger.LogInformation("Rebuilding projection {Projection}", projection);
            await RebuildAsync(projection, lifetime.ApplicationStopping);
            logger.LogInformation("Rebuilt projection {Projection}", projection);
        }
        catch (Exception e)
        {
            error = e.Message;
            logger.LogError(e, "Rebuilding projection {Projection} failed", projection);
        }

        _rebuilds[projection] = started with { Finished = clock.GetUtcNow(), Error = error };
    }
}
