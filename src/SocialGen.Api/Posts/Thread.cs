using Marten;
using Microsoft.AspNetCore.Authorization;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Posts;

public sealed record ThreadResponse(IReadOnlyList<PostResponse> Ancestors, PostResponse Post, Page<PostResponse> Replies);

public static class ThreadEndpoint
{
    private const int MaxAncestors = 50;
    private const string CursorKind = "replies";

    /// <summary>The post, the chain of posts it replies to (root first), and its direct replies newest first, paged.</summary>
    [AllowAnonymous]
    [WolverineGet("/posts/{id}/thread", OperationId = "getThread")]
    [ProducesResponseType<ThreadResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, int? limit, string? cursor, long? minSequence, HttpContext http,
        IQuerySession session, ReadConsistency consistency, PostRendering rendering, CancellationToken ct)
    {
        var pageSize = Paging.Limit(limit);
        var before = Paging.Decode(CursorKind, cursor);
        await consistency.WaitAsync(http, PostRendering.Projections, minSequence, ct);

        var post = await session.LoadAsync<PostView>(id, ct);
        if (post is null) return PostAccess.NotFound(id);

        var ancestors = await AncestorsOf(session, post, ct);
        var replies = await session.Query<PostView>()
            .Where(v => v.ReplyToId == id && v.Position < before)
            .OrderByDescending(v => v.Position)
            .Take(pageSize + 1)
            .ToListAsync(ct);
        var page = replies.Take(pageSize).ToList();

        var (rendered, _) = await rendering.RenderAsync(session, [.. ancestors, post, .. page], [], ct);
        var next = replies.Count > pageSize ? Paging.Encode(CursorKind, page[^1].Position) : null;
        return TypedResults.Ok(new ThreadResponse(
            rendered.Take(ancestors.Count).ToList(),
            rendered[ancestors.Count],
            new Page<PostResponse>(rendered.Skip(ancestors.Count + 1).ToList(), next)));
    }

    /// <summary>
    /// Walks up the reply chain through the write model (which keeps deleted posts' links), so a deleted post in the
    /// middle hides only itself. Root first; at most the nearest <see cref="MaxAncestors"/>.
    /// </summary>
    private static async Task<List<PostView>> AncestorsOf(IQuerySession session, PostView post, CancellationToken ct)
    {
        var chain = new List<Guid>();
        for (var parentId = post.ReplyToId; parentId is { } pid && chain.Count < MaxAncestors;)
        {
            chain.Add(pid);
            parentId = (await session.LoadAsync<Post>(pid, ct))?.ReplyToId;
        }

        var views = (await session.LoadManyAsync<PostView>(ct, chain)).ToDictionary(v => v.Id);
        return chain.AsEnumerable().Reverse().Where(views.ContainsKey).Select(pid => views[pid]).ToList();
    }
}
