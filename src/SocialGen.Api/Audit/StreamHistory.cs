using System.Security.Claims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using Wolverine.Http;

namespace SocialGen.Api.Audit;

public static class StreamHistoryEndpoint
{
    /// <summary>Every event of one stream (an account, a post, an image request, ...), in order, with who and why.</summary>
    [Authorize(Roles = AuditTrail.Auditors)]
    [WolverineGet("/audit/streams/{id}/events", OperationId = "getStreamEvents")]
    [ProducesResponseType<IReadOnlyList<AuditEvent>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, ClaimsPrincipal user, HttpContext http, IDocumentSession session,
        NpgsqlDataSource database, CancellationToken ct)
    {
        var events = await AuditEvents.QueryAsync(database, "stream_id = $1", [id], limit: null, ct);
        await AuditTrail.RecordAsync(session, user, http, "stream-events", id, ct);
        return events.Count == 0
            ? Infrastructure.Problems.NotFound($"No stream has the id {id}.")
            : TypedResults.Ok(events);
    }
}
