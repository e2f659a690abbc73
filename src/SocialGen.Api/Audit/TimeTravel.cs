using System.Security.Claims;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using SocialGen.Api.Accounts;
using SocialGen.Api.Assist;
using SocialGen.Api.Images;
using SocialGen.Api.Infrastructure;
using SocialGen.Api.Posts;
using SocialGen.Api.Social;
using Wolverine.Http;

namespace SocialGen.Api.Audit;

/// <summary>An entity as it was at a version or a moment: <see cref="Version"/> and <see cref="At"/> say where the replay stopped.</summary>
public sealed record EntityState(Guid StreamId, string Kind, long Version, DateTimeOffset At, object State);

public static class TimeTravelEndpoint
{
    /// <summary>
    /// Replays a stream up to <c>version</c> or up to the time <c>at</c> (not both) and returns the entity then, e.g. a
    /// deleted post as it read before deletion. Without either, the entity now.
    /// </summary>
    [Authorize(Roles = AuditTrail.Auditors)]
    [WolverineGet("/audit/streams/{id}/state", OperationId = "getStreamState")]
    [ProducesResponseType<EntityState>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, long? version, DateTimeOffset? at, ClaimsPrincipal user, HttpContext http,
        IDocumentSession session, CancellationToken ct)
    {
        if (version is not null && at is not null) return Problems.BadRequest("Give either version or at, not both.");
        if (version is < 1) return Problems.BadRequest("version starts at 1.");

        var stream = await session.Events.FetchStreamStateAsync(id, ct);
        if (stream is null) return Problems.NotFound($"No stream has the id {id}.");
        if (version > stream.Version) return Problems.NotFound($"Stream {id} has {stream.Version} events; there is no version {version}.");

        IReadOnlyList<IEvent> events;
        try
        {
            events = await session.Events.FetchStreamAsync(id, version ?? 0, at, token: ct);
        }
        catch (Exception e) when (e is Marten.Exceptions.EventDeserializationFailureException or JasperFx.Events.EventDeserializationFailureException)
        {
            // A corrupted event cannot be replayed; /audit/streams/{id}/events still shows it as stored.
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Stream cannot be replayed",
                detail: $"Stream {id} holds an event that cannot be read: {e.Message}");
        }

        await AuditTrail.RecordAsync(session, user, http, "stream-state", id, ct);
        if (events.Count == 0) return Problems.NotFound($"Stream {id} did not exist yet at {at:O}.");

        var aggregate = AggregateOf(events[0].EventType);
        var state = await ReplayAsync(session, aggregate, id, events[^1].Version, ct);
        return state is null
            ? Problems.NotFound($"Stream {id} is not an entity that can be replayed.")
            : TypedResults.Ok(new EntityState(id, KindOf(aggregate), events[^1].Version, events[^1].Timestamp, state));
    }

    /// <summary>What a stream is follows from the event that started it.</summary>
    private static Type? AggregateOf(Type firstEvent) => firstEvent.Name switch
    {
        nameof(AccountRegistered) => typeof(Account),
        nameof(PostCreated) => typeof(Post),
        nameof(UserFollowed) => typeof(FollowRelationship),
        nameof(PostLiked) or nameof(PostReposted) => typeof(Reaction),
        nameof(ImageRequested) => typeof(ImageRequest),
        nameof(ComposeAssisted) => typeof(AssistExchange),
        _ => null
    };

    private static async Task<object?> ReplayAsync(IQuerySession session, Type? aggregate, Guid id, long version, CancellationToken ct) =>
        aggregate switch
        {
            _ when aggregate == typeof(Account) => await session.Events.AggregateStreamAsync<Account>(id, version, token: ct),
            _ when aggregate == typeof(Post) => await session.Events.AggregateStreamAsync<Post>(id, version, token: ct),
            _ when aggregate == typeof(FollowRelationship) => await session.Events.AggregateStreamAsync<FollowRelationship>(id, version, token: ct),
            _ when aggregate == typeof(Reaction) => await session.Events.AggregateStreamAsync<Reaction>(id, version, token: ct),
            _ when aggregate == typeof(ImageRequest) => await session.Events.AggregateStreamAsync<ImageRequest>(id, version, token: ct),
            _ when aggregate == typeof(AssistExchange) => await session.Events.AggregateStreamAsync<AssistExchange>(id, version, token: ct),
            _ => null
        };

    private static string KindOf(Type? aggregate) => aggregate?.Name switch
    {
        nameof(FollowRelationship) => "follow",
        nameof(ImageRequest) => "image_request",
        nameof(AssistExchange) => "assist_exchange",
        { } name => name.ToLowerInvariant(),
        null => "unknown"
    };
}
