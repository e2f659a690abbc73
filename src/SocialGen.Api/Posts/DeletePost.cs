using System.Security.Claims;
using Marten;
using SocialGen.Api.Accounts;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Posts;

public static class DeletePostEndpoint
{
    /// <summary>The author or an admin deletes a post; a deleted post is 404 everywhere afterwards.</summary>
    [WolverineDelete("/posts/{id}", OperationId = "deletePost")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Delete(Guid id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Post>(id, ct);
        if (stream.Aggregate is not { Deleted: false } post) return PostAccess.NotFound(id);

        var userId = user.UserId();
        if (post.AuthorId != userId && !user.IsInRole(Roles.Admin))
            return Problems.Forbidden("Only the author or an admin can delete a post.");

        stream.AppendMany(post.Delete(userId));
        return Acknowledge.NoContent(await session.CommitAsync(ct));
    }
}
