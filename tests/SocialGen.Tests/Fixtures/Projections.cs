using JasperFx.Events.Projections;
using Marten;

namespace SocialGen.Tests.Fixtures;

public static class Projections
{
    /// <summary>
    /// Waits until every async projection has processed every event appended so far, or fails with where each stands.
    /// </summary>
    public static async Task WaitForProjectionsAsync(this AppFixture app, TimeSpan? timeout = null)
    {
        var store = app.Store;
        var shards = store.Advanced.AllAsyncProjectionShardNames().Select(s => s.Identity).ToHashSet();
        long head;
        await using (var session = store.QuerySession())
            head = (await session.QueryAsync<long>("select coalesce(max(seq_id), 0) from socialgen.mt_events")).Single();

        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var progress = (await store.Advanced.AllProjectionProgress()).Where(s => shards.Contains(s.ShardName)).ToList();
            if (progress.Count == shards.Count && progress.All(s => s.Sequence >= head)) return;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Projections did not reach {head}: {string.Join(", ", progress.Select(s => $"{s.ShardName}={s.Sequence}"))}");
            await Task.Delay(50);
        }
    }
}
