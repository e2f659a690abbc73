using System.Security.Claims;
using Marten;
using Wolverine.Http;

namespace SocialGen.Api.Posts;

public static class LikeEndpoints
{
    [WolverinePost("/posts/{id}/like", OperationId = "like")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public static Task<IResult> Like(Guid id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
        Switch(id, on: true, user, session, ct);

    [WolverineDelete("/posts/{id}/like", OperationId = "unlike")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public static Task<IResult> Unlike(Guid id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
        Switch(id, on: false, user, session, ct);

    private static Task<IResult> Switch(Guid id, bool on, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
        Reactions.SwitchAsync(id, on, Reaction.LikeId,
            (post, liker) => new PostLiked(post, liker), (post, liker) => new PostUnliked(post, liker), user, session, ct);
}
