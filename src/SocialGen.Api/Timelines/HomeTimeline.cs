using System.Security.Claims;
using Marten;
using Npgsql;
using SocialGen.Api.Infrastructure;
using SocialGen.Api.Posts;
using Wolverine.Http;

namespace SocialGen.Api.Timelines;

public static class HomeTimelineEndpoint
{
    private const string S = EventStore.Schema;
    private const string CursorKind = "home";

    /// <summary>
    /// The fanned-out rows of the reader's timeline merged with the un-fanned activity of the celebrities they follow,
    /// newest first. Each branch is limited before the merge so both use their (owner|actor, position) indexes.
    /// </summary>
    private const string PageQuery = $"""
        select position, post_id, reposted_by from (
            (select h.position, h.post_id, h.reposted_by from {S}.timeline_home h
              where h.owner_id = $1 and h.position < $2 order by h.position desc limit $3)
            union all
            (select a.position, a.post_id, a.reposted_by from {S}.timeline_activity a
               join {S}.timeline_follows f on f.followee_id = a.actor_id
              where f.follower_id = $1 and not a.fanned_out and a.position < $2 order by a.position desc limit $3)
        ) merged order by position desc limit $3
        """;

    [WolverineGet("/timeline/home", OperationId = "getHomeTimeline")]
    [ProducesResponseType<Page<TimelineItem>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(int? limit, string? cursor, long? minSequence, ClaimsPrincipal user, HttpContext http,
        IQuerySession session, NpgsqlDataSource database, ReadConsistency consistency, PostRendering rendering, CancellationToken ct)
    {
        var pageSize = Paging.Limit(limit);
        var before = Paging.Decode(CursorKind, cursor);
        await consistency.WaitAsync(http, [HomeTimelineProjection.ProjectionName, .. PostRendering.Projections], minSequence, ct);

        var entries = await ReadEntriesAsync(database, user.UserId(), before, pageSize + 1, ct);
        return TypedResults.Ok(await Timeline.RenderPageAsync(session, rendering, entries, pageSize, CursorKind, ct));
    }

    private static async Task<List<TimelineEntry>> ReadEntriesAsync(
        NpgsqlDataSource database, Guid owner, long before, int count, CancellationToken ct)
    {
        await using var command = database.CreateCommand(PageQuery);
        command.Parameters.AddWithValue(owner);
        command.Parameters.AddWithValue(before);
        command.Parameters.AddWithValue(count);
        await using var reader = await command.ExecuteReaderAsync(ct);

        var entries = new List<TimelineEntry>(count);
        while (await reader.ReadAsync(ct))
        {
            entries.Add(new TimelineEntry(reader.GetInt64(0), reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetGuid(2)));
        }

        return entries;
    }
}
