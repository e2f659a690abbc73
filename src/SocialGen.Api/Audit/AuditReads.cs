using Marten;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using SocialGen.Api.Accounts;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Audit;

public sealed record AuditReadEntry(long Sequence, DateTimeOffset At, AuditActor Auditor, string What, Guid? StreamId, string? Query);

public static class AuditReadsEndpoint
{
    /// <summary>Admins see who read the audit trail: newest last, filtered by auditor (id or handle) and/or stream.</summary>
    [Authorize(Roles = Roles.Admin)]
    [WolverineGet("/admin/audit-reads", OperationId = "getAuditReads")]
    [ProducesResponseType<IReadOnlyList<AuditReadEntry>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? auditor, Guid? streamId, long? after, int? limit, IQuerySession session,
        NpgsqlDataSource database, EventTypeCatalog types, CancellationToken ct)
    {
        var pageSize = Paging.Limit(limit);
        var (where, parameters) = await EventFeedEndpoint.BuildAsync(
            new EventFilter(after, pageSize, "audit_trail_read", auditor, null), session, database, types, ct);
        if (streamId is not null)
        {
            where += $" and data ->> 'streamId' = ${parameters.Length + 1}";
            parameters = [.. parameters, streamId.Value.ToString()];
        }

        var reads = await AuditEvents.QueryAsync(database, where, parameters, pageSize, ct);
        return TypedResults.Ok(reads.Select(e => new AuditReadEntry(e.Sequence, e.Timestamp, e.Actor,
            e.Data.GetProperty("what").GetString()!,
            e.Data.TryGetProperty("streamId", out var s) && s.ValueKind == System.Text.Json.JsonValueKind.String ? s.GetGuid() : null,
            e.Data.TryGetProperty("query", out var q) ? q.GetString() : null)).ToList());
    }
}
