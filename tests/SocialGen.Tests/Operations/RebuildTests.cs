using SocialGen.Api.Operations;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SocialGen.Api.Accounts;
using SocialGen.Api.Posts;
using SocialGen.Api.Social;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Operations;

[CollectionDefinition(nameof(RebuildCollection), DisableParallelization = true)]
public sealed class RebuildCollection;

/// <summary>Runs alone (rebuilding empties read models that other tests read).</summary>
[Collection(nameof(RebuildCollection))]
public sealed class RebuildTests(AppFixture app)
{
    [Fact]
    public async Task Rebuilding_every_projection_from_the_events_reproduces_the_live_read_models_exactly()
    {
        await SocialGraph.BuildAsync(app);
        await app.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        var live = await SnapshotAsync();

        var rebuilds = app.Host.Services.GetRequiredService<ProjectionRebuilds>();
        foreach (var projection in app.Store.Options.Events.Projections().Where(p => p.Lifecycle == JasperFx.Events.Projections.ProjectionLifecycle.Async))
            await rebuilds.RebuildAsync(projection.Name, CancellationToken.None);
        await app.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));
        var rebuilt = await SnapshotAsync();

        Assert.NotEmpty(live);
        Assert.Equal(live.Keys.Order(), rebuilt.Keys.Order());
        foreach (var table in live.Keys)
        {
            Assert.True(live[table].Count > 0, $"{table} is empty: the scenario should fill every read model");
            Assert.Equal(live[table], rebuilt[table]);
        }
    }

    /// <summary>Every row of every async read model, as text, in key order.</summary>
    private async Task<Dictionary<string, List<string>>> SnapshotAsync()
    {
        var tables = new Dictionary<string, string>
        {
            ["profiles"] = $"select id::text || ' ' || data::text from {Table<Profile>()} order by id",
            ["follow edges"] = $"select id::text || ' ' || data::text from {Table<FollowEdge>()} order by id",
            ["post views"] = $"select id::text || ' ' || data::text from {Table<PostView>()} order by id",
            ["timeline follows"] = "select t::text from socialgen.timeline_follows t order by followee_id, follower_id",
            ["timeline activity"] = "select t::text from socialgen.timeline_activity t order by actor_id, position",
            ["timeline home"] = "select t::text from socialgen.timeline_home t order by owner_id, position",
        };

        var database = app.Host.Services.GetRequiredService<NpgsqlDataSource>();
        var snapshot = new Dictionary<string, List<string>>();
        foreach (var (name, sql) in tables)
        {
            await using var command = database.CreateCommand(sql);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
            snapshot[name] = rows;
        }

        return snapshot;
    }

    private string Table<T>() => app.Store.Options.FindOrResolveDocumentType(typeof(T)).TableName.QualifiedName;
}
