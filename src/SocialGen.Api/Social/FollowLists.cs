using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.AspNetCore.Authorization;
using SocialGen.Api.Accounts;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Social;

/// <summary>One row per active follow, ordered by the sequence of the event that started it.</summary>
public sealed class FollowEdge
{
    public Guid Id { get; set; }
    public Guid FollowerId { get; set; }
    public Guid FolloweeId { get; set; }
    public long Position { get; set; }
    public DateTimeOffset Since { get; set; }
}

public sealed partial class FollowEdgeProjection : SingleStreamProjection<FollowEdge, Guid>
{
    public const string ProjectionName = "FollowEdges";

    public FollowEdgeProjection()
    {
        Name = ProjectionName;
        ProjectionTuning.Apply(Options, cacheDocuments: false);
    }

    public FollowEdge Create(IEvent<UserFollowed> e) => new()
    {
        Id = e.StreamId,
        FollowerId = e.Data.FollowerId,
        FolloweeId = e.Data.FolloweeId,
        Position = e.Sequence,
        Since = e.Timestamp
    };

    public bool ShouldDelete(UserUnfollowed e) => true;
}

public sealed record FollowListItem(Guid Id, string Handle, string DisplayName, DateTimeOffset FollowedAt)
{
    public static FollowListItem From(Profile person, FollowEdge edge) => new(person.Id, person.Handle, person.DisplayName, edge.Since);
}

public static class FollowListEndpoints
{
    [AllowAnonymous]
    [WolverineGet("/users/{handle}/followers", OperationId = "listFollowers")]
    [ProducesResponseType<Page<FollowListItem>>(StatusCodes.Status200OK)]
    public static Task<IResult> Followers(string handle, int? limit, string? cursor, long? minSequence,
        HttpContext http, IQuerySession session, ReadConsistency consistency, CancellationToken ct) =>
        List(handle, followers: true, limit, cursor, minSequence, http, session, consistency, ct);

    [AllowAnonymous]
    [WolverineGet("/users/{handle}/following", OperationId = "listFollowing")]
    [ProducesResponseType<Page<FollowListItem>>(StatusCodes.Status200OK)]
    public static Task<IResult> Following(string handle, int? limit, string? cursor, long? minSequence,
        HttpContext http, IQuerySession session, ReadConsistency consistency, CancellationToken ct) =>
        List(handle, followers: false, limit, cursor, minSequence, http, session, consistency, ct);

    private static async Task<IResult> List(string handle, bool followers, int? limit, string? cursor, long? minSequence,
        HttpContext http, IQuerySession session, ReadConsistency consistency, CancellationToken ct)
    {
        var pageSize = Paging.Limit(limit);
        var kind = followers ? "followers" : "following";
        var after = Paging.Decode(kind, cursor);
        // Items join the follow edges with the people's profiles, so both must include the client's write.
        await consistency.WaitAsync(http, [FollowEdgeProjection.ProjectionName, ProfileProjection.ProjectionName], minSequence, ct);

        var user = await Handles.FindAsync(session, handle, ct);
        if (user is null) return Problems.NotFound($"No user has the handle '{handle}'.");

        var query = followers
            ? session.Query<FollowEdge>().Where(e => e.FolloweeId == user.AccountId)
            : session.Query<FollowEdge>().Where(e => e.FollowerId == user.AccountId);
        var edges = await query.Where(e => e.Position < after)
            .OrderByDescending(e => e.Position)
            .Take(pageSize + 1)
            .ToListAsync(ct);

        var page = edges.Take(pageSize).ToList();
        Guid Other(FollowEdge edge) => followers ? edge.FollowerId : edge.FolloweeId;
        var people = (await session.LoadManyAsync<Profile>(ct, page.Select(Other))).ToDictionary(p => p.Id);
        // A person whose profile is not projected yet is left out of this page rather than shown half-empty.
        var items = page
            .Where(edge => people.ContainsKey(Other(edge)))
            .Select(edge => FollowListItem.From(people[Other(edge)], edge))
            .ToList();
        var next = edges.Count > pageSize ? Paging.Encode(kind, page[^1].Position) : null;
        return TypedResults.Ok(new Page<FollowListItem>(items, next));
    }
}
