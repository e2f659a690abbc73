using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using JasperFx;
using Marten;

namespace SocialGen.Api.Infrastructure;

/// <summary>
/// The first response to an <c>Idempotency-Key</c>, kept for 24 hours. Its id (user, operation, key) is the primary
/// key, inserted in the same transaction as the command's events: of two racing requests exactly one commits.
/// </summary>
public sealed record IdempotencyRecord(
    string Id,
    string RequestHash,
    Guid ResourceId,
    int Status,
    string Location,
    DateTimeOffset CreatedAt);

public sealed partial class Idempotency(IDocumentStore store, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>The request's key, or null when the client sent none. A malformed key is a 400.</summary>
    public static IdempotencyKey? KeyOf(HttpContext http, Guid userId, string operation, object request)
    {
        if (!http.Request.Headers.TryGetValue(Header, out var values)) return null;
        var key = values.ToString();
        if (values.Count != 1 || !WellFormed().IsMatch(key))
            throw ProblemException.BadRequest($"{Header} must be 1-255 printable ASCII characters.");

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request))));
        return new IdempotencyKey($"{userId:N}:{operation}:{key}", hash);
    }

    /// <summary>The stored record for this key, if any; <see cref="IsLive"/> tells whether it is still within the window.</summary>
    public async Task<IdempotencyRecord?> LoadAsync(IQuerySession session, IdempotencyKey key, CancellationToken ct) =>
        await session.LoadAsync<IdempotencyRecord>(key.Id, ct);

    public bool IsLive(IdempotencyRecord record) => clock.GetUtcNow() - record.CreatedAt < Window;

    /// <summary>Queues the record with the command's changes; an expired record with the same key is replaced.</summary>
    public void Remember(IDocumentSession session, IdempotencyKey key, IdempotencyRecord? expired, Guid resourceId, int status, string location)
    {
        if (expired is not null) session.Delete<IdempotencyRecord>(key.Id);
        session.Insert(new IdempotencyRecord(key.Id, key.RequestHash, resourceId, status, location, clock.GetUtcNow()));
    }

    /// <summary>Commits, or, when a racing request with the same key committed first, returns that request's record.</summary>
    public async Task<(long Sequence, IdempotencyRecord? Winner)> CommitAsync(IDocumentSession session, IdempotencyKey? key, CancellationToken ct)
    {
        try
        {
            return (await session.CommitAsync(ct), null);
        }
        catch (DocumentAlreadyExistsException) when (key is not null)
        {
            await using var fresh = store.QuerySession();
            var winner = await fresh.LoadAsync<IdempotencyRecord>(key.Id, ct);
            return (0, winner ?? throw new InvalidOperationException("A racing request claimed the key but left no record."));
        }
    }

    /// <summary>
    /// The original response again: same status, location and body, with the sequence of the event that created
    /// the resource. The same key with a different request body is a client bug (422).
    /// </summary>
    public static async Task<IResult> ReplayAsync(
        IQuerySession session, IdempotencyRecord record, IdempotencyKey key, Func<long, object> body, CancellationToken ct)
    {
        if (record.RequestHash != key.RequestHash)
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused",
                detail: $"This {Header} was already used for a different request.");

        var sequence = await session.FirstSequenceOfAsync(record.ResourceId, ct);
        return Acknowledge.WithStatus(record.Status, record.Location, body(sequence), sequence);
    }

    [GeneratedRegex("^[\\x21-\\x7E]{1,255}$")]
    private static partial Regex WellFormed();
}

public sealed record IdempotencyKey(string Id, string RequestHash);
