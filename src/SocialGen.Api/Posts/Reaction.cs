using System.Security.Claims;
using Marten;
using SocialGen.Api.Infrastructure;

namespace SocialGen.Api.Posts;

public sealed record PostLiked(Guid PostId, Guid UserId);

public sealed record PostUnliked(Guid PostId, Guid UserId);

public sealed record PostReposted(Guid PostId, Guid UserId);

public sealed record RepostUndone(Guid PostId, Guid UserId);

/// <summary>
/// One stream per (user, post, kind). A viral post's likes land on thousands of different streams, so no like
/// waits for or conflicts with another; the post's counts are summed by the PostView projection.
/// </summary>
public sealed record Reaction(Guid Id, bool Active)
{
    private static readonly Guid LikeNamespace = new("0b7f3c52-1d5e-4a8b-9c61-7e2f4d8a1b90");
    private static readonly Guid RepostNamespace = new("4c9e2a71-6b3d-4f15-8e07-2a5c9d1f6e34");

    public static Guid LikeId(Guid userId, Guid postId) => DeterministicGuid.Create(LikeNamespace, userId, postId);

    public static Guid RepostId(Guid userId, Guid postId) => DeterministicGuid.Create(RepostNamespace, userId, postId);

    public static Reaction Create(PostLiked e) => new(LikeId(e.UserId, e.PostId), true);

    public static Reaction Create(PostReposted e) => new(RepostId(e.UserId, e.PostId), true);

    public Reaction Apply(PostLiked e) => this with { Active = true };

    public Reaction Apply(PostUnliked e) => this with { Active = false };

    public Reaction Apply(PostReposted e) => this with { Active = true };

    public Reaction Apply(RepostUndone e) => this with { Active = false };
}

/// <summary>Likes and reposts share one shape: idempotent on and off switches on a live post.</summary>
public static class Reactions
{
    /// <param name="on">true to like/repost, false to undo.</param>
    public static async Task<IResult> SwitchAsync(Guid postId, bool on, Func<Guid, Guid, Guid> streamIdFor,
        Func<Guid, Guid, object> onEvent, Func<Guid, Guid, object> offEvent,
        ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        if (await PostAccess.FindLiveAsync(session, postId, ct) is null) return PostAccess.NotFound(postId);

        var userId = user.UserId();
        var streamId = streamIdFor(userId, postId);
        var stream = await session.Events.FetchForWriting<Reaction>(streamId, ct);
        if ((stream.Aggregate?.Active ?? false) == on) return Acknowledge.NoContent(await session.LastSequenceOfAsync(streamId, ct));

        stream.AppendOne(on ? onEvent(postId, userId) : offEvent(postId, userId));
        return Acknowledge.NoContent(await session.CommitAsync(ct));
    }
}
