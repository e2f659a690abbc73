using System.Collections.Concurrent;
using System.Globalization;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;

namespace SocialGen.Api.Infrastructure;

/// <summary>
/// Read-your-writes on demand: a read with <c>?minSequence=N</c> waits (at most 5 s) until its projection has
/// processed event N, and every read says how far its data goes in <c>X-Consistent-Through</c>.
/// </summary>
public sealed class ReadConsistency(IDocumentStore store, NpgsqlDataSource database)
{
    public const string Header = "X-Consistent-Through";
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RecentEnough = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentDictionary<string, ShardName> _shards = new();
    private readonly ConcurrentDictionary<string, (long Through, DateTime At)> _recent = new();

    /// <summary>Waits until every named projection has processed <paramref name="minSequence"/>, then sets the header.</summary>
    public async Task WaitAsync(HttpContext http, string projection, long? minSequence, CancellationToken ct) =>
        await WaitAsync(http, [projection], minSequence, ct);

    public async Task WaitAsync(HttpContext http, string[] projections, long? minSequence, CancellationToken ct)
    {
        if (minSequence < 0) throw ProblemException.BadRequest("minSequence must be zero or more.");

        var through = long.MaxValue;
        foreach (var projection in projections)
        {
            through = Math.Min(through, await WaitForAsync(ShardOf(projection), minSequence ?? 0, ct));
        }

        http.Response.Headers[Header] = through.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>For reads straight from the event store: always current, so only the token's validity is checked.</summary>
    public async Task ReadingEventsAsync(HttpContext http, long? minSequence, CancellationToken ct)
    {
        if (minSequence < 0) throw ProblemException.BadRequest("minSequence must be zero or more.");
        var head = await EventStore.HeadAsync(database, ct);
        if (minSequence > head)
            throw ProblemException.BadRequest($"minSequence {minSequence} is ahead of the event store ({head}).");
        http.Response.Headers[Header] = head.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<long> WaitForAsync(ShardName shard, long minSequence, CancellationToken ct)
    {
        // A recent reading is a safe lower bound (progress only moves forward outside rebuilds), so most reads cost
        // no query; only a read asking for more than that looks at the database.
        if (_recent.TryGetValue(shard.Identity, out var known) && DateTime.UtcNow - known.At < RecentEnough && minSequence <= known.Through)
            return known.Through;

        var through = await store.Advanced.ProjectionProgressFor(shard, token: ct);
        _recent[shard.Identity] = (through, DateTime.UtcNow);
        if (minSequence <= through) return through;

        var head = await EventStore.HeadAsync(database, ct);
        if (minSequence > head)
            throw ProblemException.BadRequest($"minSequence {minSequence} is ahead of the event store ({head}).");

        return await PollUntil(shard, minSequence, through, ct);
    }

    private ShardName ShardOf(string projection) => _shards.GetOrAdd(projection, name =>
        store.Advanced.AllAsyncProjectionShardNames().Single(shard => shard.Name == name));

    private async Task<long> PollUntil(ShardName shard, long wanted, long through, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + MaxWait;
        var delay = TimeSpan.FromMilliseconds(10);
        while (through < wanted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(delay, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 100));
            through = await store.Advanced.ProjectionProgressFor(shard, token: ct);
        }

        // On timeout the caller still gets an answer; the header tells it the data is older than it asked for.
        return through;
    }
}
