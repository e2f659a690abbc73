using System.Text.Json;
using Npgsql;
using SocialGen.Api.Infrastructure;

namespace SocialGen.Api.Audit;

/// <summary>Who did it: the acting user's id and handle, or the system actor ("anonymous", "cli:...").</summary>
public sealed record AuditActor(Guid? UserId, string? Handle, string Name);

/// <summary>One event as auditors see it. <see cref="Type"/> is the event's stable public name, never a CLR type name.</summary>
public sealed record AuditEvent(
    long Sequence,
    Guid StreamId,
    long Version,
    string Type,
    DateTimeOffset Timestamp,
    AuditActor Actor,
    string? CorrelationId,
    string? CausationId,
    JsonElement Data);

/// <summary>
/// Reads events straight from <c>mt_events</c> as stored (raw JSON, no CLR types), so auditors see exactly what
/// was recorded, even an event no current code can deserialise, and streaming reads cost no object per event.
/// </summary>
public static class AuditEvents
{
    public const string Columns =
        "seq_id, stream_id, version, type, timestamp, user_name, headers ->> 'actorHandle', correlation_id, causation_id, data::text";

    public static readonly string Table = $"{EventStore.Schema}.mt_events";

    public static AuditEvent Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetGuid(1),
        reader.GetInt64(2),
        reader.GetString(3),
        reader.GetFieldValue<DateTimeOffset>(4),
        ActorOf(reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        JsonDocument.Parse(reader.GetString(9)).RootElement.Clone());

    /// <summary>Writes the current row as one JSON object, copying the stored event data without parsing it.</summary>
    public static void Write(Utf8JsonWriter json, NpgsqlDataReader reader)
    {
        json.WriteStartObject();
        json.WriteNumber("sequence", reader.GetInt64(0));
        json.WriteString("streamId", reader.GetGuid(1));
        json.WriteNumber("version", reader.GetInt64(2));
        json.WriteString("type", reader.GetString(3));
        json.WriteString("timestamp", reader.GetFieldValue<DateTimeOffset>(4));
        var actor = ActorOf(reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6));
        json.WriteStartObject("actor");
        if (actor.UserId is { } userId) json.WriteString("userId", userId); else json.WriteNull("userId");
        json.WriteString("handle", actor.Handle);
        json.WriteString("name", actor.Name);
        json.WriteEndObject();
        json.WriteString("correlationId", reader.IsDBNull(7) ? null : reader.GetString(7));
        json.WriteString("causationId", reader.IsDBNull(8) ? null : reader.GetString(8));
        json.WritePropertyName("data");
        json.WriteRawValue(reader.GetString(9), skipInputValidation: true);
        json.WriteEndObject();
    }

    public static AuditActor ActorOf(string? userName, string? handle) => new(
        Guid.TryParse(userName, out var id) ? id : null,
        string.IsNullOrEmpty(handle) ? null : handle,
        userName ?? "unknown");

    /// <param name="limit">At most this many events; null for all of them.</param>
    public static async Task<List<AuditEvent>> QueryAsync(NpgsqlDataSource database, string where, object[] parameters, int? limit,
        CancellationToken ct)
    {
        var limitClause = limit is null ? "" : $" limit {limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        await using var command = database.CreateCommand($"select {Columns} from {Table} where {where} order by seq_id{limitClause}");
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<AuditEvent>();
        while (await reader.ReadAsync(ct)) events.Add(Read(reader));
        return events;
    }
}
