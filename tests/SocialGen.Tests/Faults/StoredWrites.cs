using System.Text.Json;
using Npgsql;
using SocialGen.Api.Timelines;

namespace SocialGen.Tests.Faults;

/// <summary>What the event store holds after the faults: the source of truth every read model is checked against.</summary>
public sealed class StoredWrites
{
    public sealed record PostEvent(Guid PostId, Guid AuthorId, string Text, long Sequence);
    public sealed record FollowEvent(Guid FollowerId, Guid FolloweeId, long Sequence);

    public List<PostEvent> Posts { get; } = [];
    public List<FollowEvent> Follows { get; } = [];
    public List<(Guid PostId, Guid UserId)> Likes { get; } = [];
    public List<string> ImagePrompts { get; } = [];

    public static async Task<StoredWrites> LoadAsync(NpgsqlDataSource database)
    {
        var stored = new StoredWrites();
        await using var command = database.CreateCommand(
            "select type, data::text, seq_id from socialgen.mt_events " +
            "where type in ('post_created', 'post_liked', 'user_followed', 'image_requested') order by seq_id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var data = JsonDocument.Parse(reader.GetString(1)).RootElement;
            var sequence = reader.GetInt64(2);
            switch (reader.GetString(0))
            {
                case "post_created":
                    stored.Posts.Add(new(Id(data, "postId"), Id(data, "authorId"), data.GetProperty("text").GetString()!, sequence));
                    break;
                case "post_liked":
                    stored.Likes.Add((Id(data, "postId"), Id(data, "userId")));
                    break;
                case "user_followed":
                    stored.Follows.Add(new(Id(data, "followerId"), Id(data, "followeeId"), sequence));
                    break;
                default:
                    stored.ImagePrompts.Add(data.GetProperty("prompt").GetString()!);
                    break;
            }
        }

        return stored;
    }

    /// <summary>How many times the store holds the effect of this write (1 when all is well, 0 when it never happened).</summary>
    public int CountOf(Write write) => write.Kind switch
    {
        WriteKind.Post => Posts.Count(p => p.Text == write.Key),
        WriteKind.Like => Likes.Count(l => l.PostId == write.Target && l.UserId == write.Actor.Id),
        WriteKind.Follow => Follows.Count(f => f.FollowerId == write.Actor.Id && f.FolloweeId == write.Target),
        _ => ImagePrompts.Count(p => p == write.Key),
    };

    private static Guid Id(JsonElement data, string name) => data.GetProperty(name).GetGuid();
}

/// <summary>Every stored post, like and follow is reflected in the post views, home timelines and profiles, once.</summary>
public sealed class ReadModelCheck(NpgsqlDataSource database, StoredWrites store, VerificationReport report)
{
    public async Task RunAsync()
    {
        await CheckPostViewsAsync();
        await CheckHomeTimelinesAsync();
        await CheckProfilesAsync();
    }

    private async Task CheckPostViewsAsync()
    {
        var views = new Dictionary<Guid, int>();
        await using var command = database.CreateCommand(
            "select id, (data->'counts'->>'likes')::int from socialgen.mt_doc_postview where id = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = store.Posts.Select(p => p.PostId).ToArray() });
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) views[reader.GetGuid(0)] = reader.GetInt32(1);

        foreach (var post in store.Posts)
        {
            var likes = store.Likes.Count(l => l.PostId == post.PostId);
            if (!views.TryGetValue(post.PostId, out var shown)) report.Problems.Add($"post {post.PostId} is stored but has no view");
            else if (shown != likes) report.Problems.Add($"post {post.PostId} shows {shown} likes, the store has {likes}");
        }
    }

    /// <summary>
    /// A post is in its author's home timeline and in that of everyone who follows the author: followers from before
    /// it got it fanned out, later ones brought it in when they followed (no one unfollows in this load). Timelines
    /// are trimmed now and then, but a trim only drops an entry with at least <see cref="HomeTimelineProjection.MaxEntries"/>
    /// newer ones above it, so the newest that many of what a person should see are always there, and nothing else.
    /// </summary>
    private async Task CheckHomeTimelinesAsync()
    {
        var sequenceOf = store.Posts.ToDictionary(p => p.PostId, p => p.Sequence);
        var expected = store.Posts.SelectMany(p => store.Follows
                .Where(f => f.FolloweeId == p.AuthorId)
                .Select(f => (Owner: f.FollowerId, p.PostId))
                .Append((Owner: p.AuthorId, p.PostId)))
            .Distinct()
            .ToLookup(e => e.Owner, e => e.PostId);
        var actual = new List<(Guid Owner, Guid PostId)>();
        await using var command = database.CreateCommand("select owner_id, post_id from socialgen.timeline_home where post_id = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = store.Posts.Select(p => p.PostId).ToArray() });
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) actual.Add((reader.GetGuid(0), reader.GetGuid(1)));
        var held = actual.ToLookup(e => e.Owner, e => e.PostId);

        int missing = 0, unexpected = actual.Count - actual.Distinct().Count();
        foreach (var owner in expected)
        {
            var shown = held[owner.Key].ToHashSet();
            unexpected += shown.Except(owner).Count();
            missing += owner.OrderByDescending(p => sequenceOf[p]).Take(HomeTimelineProjection.MaxEntries).Count(p => !shown.Contains(p));
        }

        if (missing + unexpected > 0)
            report.Problems.Add($"home timelines: {missing} of the newest entries missing and {unexpected} unexpected");
    }

    private async Task CheckProfilesAsync()
    {
        var accounts = store.Follows.Select(f => f.FolloweeId).Concat(store.Posts.Select(p => p.AuthorId)).Distinct().ToArray();
        await using var command = database.CreateCommand(
            "select id, (data->>'followersCount')::int, (data->>'postsCount')::int from socialgen.mt_doc_profile where id = any($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = accounts });
        var seen = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            seen++;
            var id = reader.GetGuid(0);
            var followers = store.Follows.Count(f => f.FolloweeId == id);
            var posts = store.Posts.Count(p => p.AuthorId == id);
            if (reader.GetInt32(1) != followers || reader.GetInt32(2) != posts)
                report.Problems.Add($"profile {id} shows {reader.GetInt32(1)} followers and {reader.GetInt32(2)} posts; the store has {followers} and {posts}");
        }

        if (seen != accounts.Length) report.Problems.Add($"{accounts.Length - seen} accounts have no profile");
    }
}
