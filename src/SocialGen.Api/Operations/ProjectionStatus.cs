using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using SocialGen.Api.Infrastructure;

namespace SocialGen.Api.Operations;

public sealed record ShardStatus(string Name, long Position, string State, string? Error);

public sealed record SkippedEvents(long Count, long? LastSequence, string? LastError, DateTimeOffset? LastAt);

public sealed record ProjectionStatus(
    string Name,
    string Lifecycle,
    string State,
    long HighWaterMark,
    long LagEvents,
    double LagSeconds,
    IReadOnlyList<ShardStatus> Shards,
    SkippedEvents Skipped,
    RebuildProgress? Rebuild);

/// <summary>
/// Each projection's progress against the store's high-water mark, read from the database (so any node answers for
/// the cluster) and joined with this node's daemon for live state, rebuilds and failures.
/// </summary>
public sealed class ProjectionMonitor(IDocumentStore store, IProjectionCoordinator coordinator, NpgsqlDataSource database,
    ProjectionRebuilds rebuilds)
{
    private const string S = EventStore.Schema;

    public IReadOnlyList<string> Names => store.Options.Events.Projections().Select(p => p.Name).ToList();

    public async Task<IReadOnlyList<ProjectionStatus>> StatusAsync(CancellationToken ct)
    {
        var progress = (await store.Advanced.AllProjectionProgress(token: ct)).ToDictionary(s => s.ShardName);
        var highWater = progress.TryGetValue(ShardState.HighWaterMark, out var mark) ? mark.Sequence : 0;
        var agents = coordinator.DaemonForMainDatabase().CurrentAgents().ToDictionary(a => a.Name.Identity);
        var skipped = await SkippedAsync(ct);

        var statuses = new List<ProjectionStatus>();
        foreach (var projection in store.Options.Events.Projections())
        {
            var async = projection.Lifecycle == ProjectionLifecycle.Async;
            var shards = async
                ? store.Advanced.AllAsyncProjectionShardNames().Where(s => s.Name == projection.Name)
                    .Select(s => Shard(s.Identity, progress, agents)).ToList()
                : [];
            var position = shards.Count == 0 ? highWater : shards.Min(s => s.Position);
            var rebuild = rebuilds.For(projection.Name);
            statuses.Add(new ProjectionStatus(
                projection.Name,
                async ? "async" : "inline",
                StateOf(async, shards, rebuild),
                highWater,
                Math.Max(0, highWater - position),
                async ? await LagSecondsAsync(position, highWater, ct) : 0,
                shards,
                skipped.GetValueOrDefault(projection.Name) ?? new SkippedEvents(0, null, null, null),
                rebuild));
        }

        return statuses;
    }

    private static ShardStatus Shard(string identity, Dictionary<string, ShardState> progress, Dictionary<string, ISubscriptionAgent> agents)
    {
        var position = progress.TryGetValue(identity, out var state) ? state.Sequence : 0;
        if (!agents.TryGetValue(identity, out var agent)) return new ShardStatus(identity, position, "stopped", null);
        var error = agent.Failure is { } failure ? $"{failure.ExceptionType}: {failure.Message}" : null;
        var status = agent.Status switch
        {
            JasperFx.AgentStatus.Running => "running",
            JasperFx.AgentStatus.Paused when error is not null => "faulted",
            JasperFx.AgentStatus.Paused => "paused",
            _ => error is not null ? "faulted" : "stopped"
        };
        return new ShardStatus(identity, Math.Max(position, agent.Position), status, error);
    }

    private static string StateOf(bool async, IReadOnlyList<ShardStatus> shards, RebuildProgress? rebuild)
    {
        if (rebuild is { Finished: null }) return "rebuilding";
        if (!async) return "running";
        if (shards.Any(s => s.State == "faulted")) return "faulted";
        return shards.All(s => s.State == "running") ? "running" : "stopped";
    }

    /// <summary>How old the oldest event the projection has not processed yet is.</summary>
    private async Task<double> LagSecondsAsync(long position, long highWater, CancellationToken ct)
    {
        if (position >= highWater) return 0;
        await using var command = database.CreateCommand(
            $"select extract(epoch from now() - timestamp) from {S}.mt_events where seq_id > $1 order by seq_id limit 1");
        command.Parameters.AddWithValue(position);
        return await command.ExecuteScalarAsync(ct) is { } seconds and not DBNull ? Math.Max(0, Convert.ToDouble(seconds)) : 0;
    }

    /// <summary>Events the daemon skipped because a projection could not handle them (Marten's dead-letter records).</summary>
    private async Task<Dictionary<string, SkippedEvents>> SkippedAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand($"""
            select data ->> 'projectionName', count(*), max((data ->> 'eventSequence')::bigint),
                   (array_agg(data ->> 'exceptionMessage' order by mt_last_modified desc))[1], max(mt_last_modified)
              from {S}.mt_doc_deadletterevent group by 1
            """);
        var skipped = new Dictionary<string, SkippedEvents>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                skipped[reader.GetString(0)] = new SkippedEvents(reader.GetInt64(1), reader.GetInt64(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Nothing has ever been skipped: Marten creates the table on first use.
        }

        return skipped;
    }
}
