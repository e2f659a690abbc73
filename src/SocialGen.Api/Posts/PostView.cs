using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Microsoft.AspNetCore.Authorization;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Posts;

public sealed record PostCounts(int Likes, int Reposts, int Replies, int Quotes)
{
    public static readonly PostCounts None = new(0, 0, 0, 0);
}

/// <summary>A live post as readers see it. Authors' names are joined at read time, so they are never stale.</summary>
public sealed record PostView(
    Guid Id,
    Guid AuthorId,
    string AuthorHandle,
    string Text,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    Guid? ReplyToId,
    Guid? QuoteOfId,
    Guid ConversationId,
    string? ContentWarning,
    IReadOnlyList<Guid> MediaIds,
    IReadOnlyList<string> Mentions,
    IReadOnlyList<string> Hashtags,
    PostCounts Counts,
    long Position)
{
    public static PostView From(IEvent e, PostCreated c) => new(
        c.PostId, c.AuthorId, c.AuthorHandle, c.Text, e.Timestamp, null, c.ReplyToId, c.QuoteOfId, c.ConversationId,
        c.ContentWarning, c.MediaIds, c.Mentions, c.Hashtags, PostCounts.None, e.Sequence);
}

/// <summary>
/// Builds <see cref="PostView"/>s: a post's own events shape it; its replies, quotes, likes and reposts
/// (events of other streams) move its counts. A deleted post's view is removed, and it leaves its parent's counts.
/// </summary>
public sealed class PostViewProjection : MultiStreamProjection<PostView, Guid>
{
    public const string ProjectionName = "PostViews";

    public PostViewProjection()
    {
        Name = ProjectionName;
        ProjectionTuning.Apply(Options, cacheDocuments: true);
        Identities<PostCreated>(e => Related(e.PostId, e.ReplyToId, e.QuoteOfId));
        Identity<PostEdited>(e => e.PostId);
        Identities<PostDeleted>(e => Related(e.PostId, e.ReplyToId, e.QuoteOfId));
        Identity<PostLiked>(e => e.PostId);
        Identity<PostUnliked>(e => e.PostId);
        Identity<PostReposted>(e => e.PostId);
        Identity<RepostUndone>(e => e.PostId);
    }

    private static IReadOnlyList<Guid> Related(Guid postId, Guid? replyToId, Guid? quoteOfId) =>
        new[] { postId, replyToId, quoteOfId }.OfType<Guid>().Distinct().ToList();

    public override PostView? Evolve(PostView? view, Guid id, IEvent e) => (e.Data, view) switch
    {
        (PostCreated c, _) when c.PostId == id => PostView.From(e, c),
        (PostDeleted d, _) when d.PostId == id => null,
        (_, null) => null, // an event about a post that is gone (or never was) changes nothing
        (PostCreated c, { } parent) => parent with { Counts = Count(parent.Counts, c.ReplyToId == id, c.QuoteOfId == id, +1) },
        (PostDeleted d, { } parent) => parent with { Counts = Count(parent.Counts, d.ReplyToId == id, d.QuoteOfId == id, -1) },
        (PostEdited edit, { } post) => post with { Text = edit.Text, Mentions = edit.Mentions, Hashtags = edit.Hashtags, EditedAt = e.Timestamp },
        (PostLiked, { } post) => post with { Counts = post.Counts with { Likes = post.Counts.Likes + 1 } },
        (PostUnliked, { } post) => post with { Counts = post.Counts with { Likes = post.Counts.Likes - 1 } },
        (PostReposted, { } post) => post with { Counts = post.Counts with { Reposts = post.Counts.Reposts + 1 } },
        (RepostUndone, { } post) => post with { Counts = post.Counts with { Reposts = post.Counts.Reposts - 1 } },
        _ => view
    };

    private static PostCounts Count(PostCounts counts, bool reply, bool quote, int delta) => counts with
    {
        Replies = counts.Replies + (reply ? delta : 0),
        Quotes = counts.Quotes + (quote ? delta : 0)
    };
}

public static class GetPostEndpoint
{
    [AllowAnonymous]
    [WolverineGet("/posts/{id}", OperationId = "getPost")]
    [ProducesResponseType<PostResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, long? minSequence, HttpContext http, IQuerySession session,
        ReadConsistency consistency, PostRendering rendering, CancellationToken ct)
    {
        await consistency.WaitAsync(http, PostRendering.Projections, minSequence, ct);
        var view = await session.LoadAsync<PostView>(id, ct);
        return view is null ? PostAccess.NotFound(id) : TypedResults.Ok(await rendering.RenderAsync(session, view, ct));
    }
}
