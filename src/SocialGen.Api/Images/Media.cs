using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;
using Npgsql;
using SocialGen.Api.Infrastructure;
using Weasel.Postgresql.Tables;
using Wolverine.Http;

namespace SocialGen.Api.Images;

/// <summary>Where an AI-made image came from: shown with every attachment as a machine-readable AI label.</summary>
public sealed record MediaProvenance(string Provider, string Model, Guid ImageRequestId);

public sealed record MediaAttachment(Guid Id, string Url, string? AltText, bool AiGenerated, MediaProvenance Provenance);

/// <summary>What is known about a stored image, without its bytes.</summary>
public sealed record MediaInfo(Guid Id, Guid OwnerId, string? AltText, MediaProvenance Provenance)
{
    public MediaAttachment ToAttachment() => new(Id, $"/media/{Id}", AltText, AiGenerated: true, Provenance);
}

/// <summary>
/// Image bytes live in their own table, outside the events (ADR 0009): written in the same transaction as the
/// <see cref="ImageGenerated"/> event, immutable afterwards, and served with long-lived caching.
/// </summary>
public sealed class MediaStore(NpgsqlDataSource database)
{
    private const string S = EventStore.Schema;

    public static Table Table()
    {
        var table = new Table($"{S}.media");
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn<Guid>("owner_id").NotNull();
        table.AddColumn<Guid>("image_request_id").NotNull();
        table.AddColumn<string>("content_type").NotNull();
        table.AddColumn<string>("alt_text");
        table.AddColumn<string>("provider").NotNull();
        table.AddColumn<string>("model").NotNull();
        table.AddColumn<string>("sha256").NotNull();
        table.AddColumn("bytes", "bytea").NotNull();
        table.AddColumn<DateTimeOffset>("created_at").NotNull();
        return table;
    }

    /// <summary>Queues the insert with the session's other changes, so the image and its event commit together.</summary>
    public static void Save(IDocumentSession session, Guid mediaId, ImageRequest request, byte[] png, string provider, string model,
        DateTimeOffset at)
    {
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png));
        session.QueueSqlCommand(
            $"insert into {S}.media (id, owner_id, image_request_id, content_type, alt_text, provider, model, sha256, bytes, created_at) " +
            "values (?, ?, ?, 'image/png', ?, ?, ?, ?, ?, ?)",
            mediaId, request.OwnerId, request.Id, (object?)request.AltText ?? DBNull.Value, provider, model, sha, png, at);
    }

    public async Task<IReadOnlyDictionary<Guid, MediaInfo>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return new Dictionary<Guid, MediaInfo>();
        await using var command = database.CreateCommand(
            $"select id, owner_id, alt_text, provider, model, image_request_id from {S}.media where id = any($1)");
        command.Parameters.AddWithValue(ids.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new Dictionary<Guid, MediaInfo>();
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetGuid(0);
            found[id] = new MediaInfo(id, reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                new MediaProvenance(reader.GetString(3), reader.GetString(4), reader.GetGuid(5)));
        }

        return found;
    }

    /// <summary>The media a user may attach: each id must exist (else 404) and be theirs (else 403).</summary>
    public async Task<IResult?> CheckOwnershipAsync(IReadOnlyCollection<Guid> ids, Guid userId, CancellationToken ct)
    {
        var found = await FindAsync(ids, ct);
        var missing = ids.FirstOrDefault(id => !found.ContainsKey(id));
        if (missing != Guid.Empty) return Problems.NotFound($"Media {missing} does not exist.");
        var foreign = ids.FirstOrDefault(id => found[id].OwnerId != userId);
        return foreign != Guid.Empty ? Problems.Forbidden($"Media {foreign} belongs to someone else.") : null;
    }

    public async Task<(string ContentType, string Sha256, byte[] Bytes)?> ReadAsync(Guid id, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"select content_type, sha256, bytes from {S}.media where id = $1");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2));
    }
}

public static class GetMediaEndpoint
{
    /// <summary>The image bytes. Media never change, so they are cached for a year and revalidated by ETag.</summary>
    [AllowAnonymous]
    [WolverineGet("/media/{id}", OperationId = "getMedia")]
    [ProducesResponseType(typeof(byte[]), StatusCodes.Status200OK, "image/png")]
    public static async Task<IResult> Get(Guid id, HttpContext http, MediaStore media, CancellationToken ct)
    {
        var found = await media.ReadAsync(id, ct);
        if (found is null) return Problems.NotFound($"Media {id} does not exist.");

        var etag = new EntityTagHeaderValue($"\"{found.Value.Sha256}\"");
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        http.Response.Headers.ETag = etag.ToString();
        var conditional = http.Request.GetTypedHeaders().IfNoneMatch;
        if (conditional.Any(tag => tag.Compare(etag, useStrongComparison: false) || tag.Equals(EntityTagHeaderValue.Any)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);

        return TypedResults.File(found.Value.Bytes, found.Value.ContentType);
    }
}
