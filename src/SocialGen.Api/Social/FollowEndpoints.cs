using System.Security.Claims;
using Marten;
using SocialGen.Api.Accounts;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Social;

public static class FollowEndpoints
{
    [WolverinePost("/users/{handle}/follow", OperationId = "follow")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static Task<IResult> Follow(string handle, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
        Change(handle, user, session, FollowRelationship.Follow, ct);

    [WolverineDelete("/users/{handle}/follow", OperationId = "unfollow")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static Task<IResult> Unfollow(string handle, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
        Change(handle, user, session, FollowRelationship.Unfollow, ct);

    private static async Task<IResult> Change(
        string handle,
        ClaimsPrincipal user,
        IDocumentSession session,
        Func<FollowRelationship?, Guid, Guid, IEnumerable<object>> decide,
        CancellationToken ct)
    {
        var followee = await Handles.FindAsync(session, handle, ct);
        if (followee is null) return Problems.NotFound($"No user has the handle '{handle}'.");

        var followerId = user.UserId();
        if (followee.AccountId == followerId) return Problems.BadRequest("You cannot follow yourself.");

        var relationshipId = FollowRelationship.IdFor(followerId, followee.AccountId);
        var stream = await session.Events.FetchForWriting<FollowRelationship>(relationshipId, ct);
        var events = decide(stream.Aggregate, followerId, followee.AccountId).ToArray();
        if (events.Length == 0) return Acknowledge.NoContent(await session.LastSequenceOfAsync(relationshipId, ct));

        stream.AppendMany(events);
        return Acknowledge.NoContent(await session.CommitAsync(ct));
    }
}
