using System.Security.Claims;
using Marten;
using Wolverine.Http;

namespace SocialGen.Api.Posts;

public static class RepostEndpoints
{
    [WolverinePost("/posts/{id}/repost", OperationId = "repost")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public static Task<IResult> Repost(Guid id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
        Switch(id, on: true, user, session, ct);

    [WolverineDelete("/posts/{id}/repost", OperationId = "undoRepost")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public static Task<IResult> UndoRepost(Guid id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
        Switch(id, on: false, user, session, ct);

    private static Task<IResult> Switch(Guid id, bool on, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
        Reactions.SwitchAsync(id, on, Reaction.RepostId,
            (post, by) => new PostReposted(post, by), (post, by) => new RepostUndone(post, by), user, session, ct);
}
