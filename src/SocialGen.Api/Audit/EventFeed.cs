using System.Globalization;
using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using SocialGen.Api.Accounts;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Audit;

public sealed record EventPage(IReadOnlyList<AuditEvent> Events, long NextAfter);

/// <summary>Filters over the whole event store; each is optional. <c>actor</c> is a user id or a handle.</summary>
public sealed record EventFilter(long? After, int? Limit, string? Type, string? Actor, string? CorrelationId);

public static class EventFeedEndpoint
{
    public const int MaxLimit = 1000;

    /// <summary>
    /// The whole store in sequence order, a page at a time: follow <c>nextAfter</c>. Follow one request's every effect
    /// with <c>correlationId</c>, one person's with <c>actor</c>.
    /// </summary>
    [Authorize(Roles = AuditTrail.Auditors)]
    [WolverineGet("/audit/events", OperationId = "getEvents")]
    [ProducesResponseType<EventPage>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(long? after, int? limit, string? type, string? actor, string? correlationId,
        ClaimsPrincipal user, HttpContext http, IDocumentSession session, NpgsqlDataSource database, EventTypeCatalog types,
        CancellationToken ct)
    {
        var pageSize = Paging.Limit(limit, defaultLimit: 100, maxLimit: MaxLimit);
        var (where, parameters) = await BuildAsync(new EventFilter(after, limit, type, actor, correlationId), session, database, types, ct);
        var events = await AuditEvents.QueryAsync(database, where, parameters, pageSize, ct);
        await AuditTrail.RecordAsync(session, user, http, "event-feed", null, ct);
        return TypedResults.Ok(new EventPage(events, events.Count > 0 ? events[^1].Sequence : after ?? 0));
    }

    /// <summary>Turns the filters into a parameterised where clause; bad filters are 400s, never an empty answer.</summary>
    public static async Task<(string Where, object[] Parameters)> BuildAsync(EventFilter filter, IQuerySession session,
        NpgsqlDataSource database, EventTypeCatalog types, CancellationToken ct, long? before = null)
    {
        var after = filter.After ?? 0;
        if (after < 0) throw ProblemException.BadRequest("after must be zero or more.");
        var head = await EventStore.HeadAsync(database, ct);
        if (after > head) throw ProblemException.BadRequest($"after {after} is beyond the newest event ({head}).");

        var clauses = new List<string> { "seq_id > $1" };
        var parameters = new List<object> { after };
        void Add(string clause, object value)
        {
            parameters.Add(value);
            clauses.Add(clause.Replace("?", "$" + parameters.Count.ToString(CultureInfo.InvariantCulture)));
        }

        if (before is not null) Add("seq_id < ?", before.Value);
        if (filter.Type is not null)
        {
            if (!types.IsKnown(filter.Type))
                throw ProblemException.BadRequest($"Unknown event type '{filter.Type}'. Known types: {string.Join(", ", types.Names)}.");
            Add("type = ?", filter.Type);
        }

        if (filter.Actor is not null) Add("user_name = ?", await ActorNameAsync(filter.Actor, session, ct));
        if (filter.CorrelationId is not null) Add("correlation_id = ?", filter.CorrelationId);
        return (string.Join(" and ", clauses), parameters.ToArray());
    }

    private static async Task<string> ActorNameAsync(string actor, IQuerySession session, CancellationToken ct)
    {
        if (Guid.TryParse(actor, out var id)) return id.ToString();
        var claim = await Handles.FindAsync(session, actor, ct);
        return claim?.AccountId.ToString() ?? throw ProblemException.BadRequest($"actor '{actor}' is neither a user id nor a known handle.");
    }
}
