using Marten;
using Microsoft.AspNetCore.Authorization;
using SocialGen.Api.Accounts;
using SocialGen.Api.Infrastructure;
using SocialGen.Api.Posts;
using Wolverine.Http;

namespace SocialGen.Api.Timelines;

public static class UserTimelineEndpoint
{
    private const string CursorKind = "posts";

    /// <summary>One author's posts (replies and quotes included), newest first.</summary>
    [AllowAnonymous]
    [WolverineGet("/users/{handle}/posts", OperationId = "getUserPosts")]
    [ProducesResponseType<Page<TimelineItem>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string handle, int? limit, string? cursor, long? minSequence, HttpContext http,
        IQuerySession session, ReadConsistency consistency, PostRendering rendering, CancellationToken ct)
    {
        var pageSize = Paging.Limit(limit);
        var before = Paging.Decode(CursorKind, cursor);
        await consistency.WaitAsync(http, PostRendering.Projections, minSequence, ct);

        var author = await Handles.FindAsync(session, handle, ct);
        if (author is null) return Problems.NotFound($"No user has the handle '{handle}'.");

        var views = await session.Query<PostView>()
            .Where(v => v.AuthorId == author.AccountId && v.Position < before)
            .OrderByDescending(v => v.Position)
            .Take(pageSize + 1)
            .ToListAsync(ct);
        var entries = views.Select(v => new TimelineEntry(v.Position, v.Id, null)).ToList();
        return TypedResults.Ok(await Timeline.RenderPageAsync(session, rendering, entries, pageSize, CursorKind, ct));
    }
}
