using System.Diagnostics;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Npgsql;
using Weasel.Core;
using SocialGen.Api.Accounts;
using SocialGen.Api.Infrastructure;
using SocialGen.Api.Social;

namespace SocialGen.Bench;

/// <summary>
/// Writes the graph as the API would have, but in bulk (COPY): the same events and documents, so the projections
/// build it exactly as from live traffic. Registering 10,000 people one by one would measure password hashing.
/// </summary>
public sealed class Seeder(NpgsqlDataSource database, IConfiguration configuration) : IAsyncDisposable
{
    private readonly DocumentStore _store = DocumentStore.For(options =>
    {
        EventStore.ConfigureDefaults(options, database);
        SocialGenHost.ConfigureFeatures(options, configuration);
    });

    public async Task<(int Events, TimeSpan Took)> SeedAsync(SocialGraph graph, int from)
    {
        var clock = Stopwatch.StartNew();
        var hash = new PasswordHasher<Account>(Options.Create(new PasswordHasherOptions { IterationCount = 1000 }))
            .HashPassword(null!, "bench-password");
        var streams = new List<StreamAction>();
        var accounts = new List<Account>();
        var claims = new List<HandleClaim>();
        var credentials = new List<PasswordCredential>();
        for (var i = from; i < graph.Users.Count; i++)
        {
            var (id, handle) = (graph.Users[i], graph.Handles[i]);
            streams.Add(StreamAction.Start(_store.Events, id, new AccountRegistered(id, handle, $"Bench {i}")));
            accounts.Add(Account.Create(new AccountRegistered(id, handle, $"Bench {i}")));
            claims.Add(new HandleClaim(handle, id));
            credentials.Add(new PasswordCredential(id, hash));
        }

        foreach (var (follower, followee) in graph.NewFollows)
            streams.Add(StreamAction.Start(_store.Events, FollowRelationship.IdFor(follower, followee),
                new UserFollowed(follower, followee)));
        graph.NewFollows.Clear();

        await _store.BulkInsertAsync(accounts, BulkInsertMode.OverwriteExisting);
        await _store.BulkInsertAsync(claims, BulkInsertMode.OverwriteExisting);
        await _store.BulkInsertAsync(credentials, BulkInsertMode.OverwriteExisting);
        foreach (var batch in streams.Chunk(50_000)) await _store.BulkInsertEventsAsync(batch, 5_000);
        // As after any bulk load: fresh statistics, so the daemon's queries are planned for the real table sizes.
        await using (var analyze = database.CreateCommand("analyze socialgen.mt_events; analyze socialgen.mt_streams"))
            await analyze.ExecuteNonQueryAsync();
        return (streams.Count, clock.Elapsed);
    }

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
