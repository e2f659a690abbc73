using System.Buffers;
using System.Data;
using System.Security.Claims;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Npgsql;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Audit;

public static class ExportEndpoint
{
    /// <summary>
    /// Every event with <c>after &lt; sequence &lt; before</c> as NDJSON, one event per line, streamed from the database
    /// row by row: memory stays flat however large the export, and the client can replay it offline.
    /// </summary>
    [Authorize(Roles = AuditTrail.Auditors)]
    [WolverineGet("/audit/events/export", OperationId = "exportEvents")]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "application/x-ndjson")]
    public static async Task Get(long? after, long? before, string? type, string? actor, string? correlationId,
        ClaimsPrincipal user, HttpContext http, IDocumentSession session, NpgsqlDataSource database, EventTypeCatalog types,
        CancellationToken ct)
    {
        if (before is <= 0) throw ProblemException.BadRequest("before must be greater than zero.");
        var (where, parameters) = await EventFeedEndpoint.BuildAsync(
            new EventFilter(after, null, type, actor, correlationId), session, database, types, ct, before);
        await AuditTrail.RecordAsync(session, user, http, "event-export", null, ct);

        http.Response.ContentType = "application/x-ndjson";
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"select {AuditEvents.Columns} from {AuditEvents.Table} where {where} order by seq_id", connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);

        var writer = http.Response.BodyWriter;
        await using var line = new Utf8JsonWriter(writer);
        var lines = 0;
        while (await reader.ReadAsync(ct))
        {
            AuditEvents.Write(line, reader);
            await line.FlushAsync(ct);
            line.Reset();
            writer.Write("\n"u8);
            if (++lines % 200 == 0) await writer.FlushAsync(ct);
        }

        await writer.FlushAsync(ct);
    }
}
