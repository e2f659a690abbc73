using Marten;

namespace SocialGen.Api.Infrastructure;

public static class Commit
{
    /// <summary>
    /// Saves the session and returns the global sequence of the last event it appended (0 when none),
    /// the token a client passes back as <c>?minSequence=</c> to read its own write.
    /// </summary>
    public static async Task<long> CommitAsync(this IDocumentSession session, CancellationToken ct)
    {
        var streams = session.PendingChanges.Streams().ToArray();
        await session.SaveChangesAsync(ct);
        return streams.SelectMany(s => s.Events).Select(e => e.Sequence).DefaultIfEmpty(0).Max();
    }

    /// <summary>The sequence of the event that started a stream (0 when there is none).</summary>
    public static async Task<long> FirstSequenceOfAsync(this IQuerySession session, Guid streamId, CancellationToken ct)
    {
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == streamId && e.Version == 1)
            .ToListAsync(ct);
        return events.Count == 0 ? 0 : events[0].Sequence;
    }

    /// <summary>The sequence of the newest event of a stream: where a no-op command's result is already visible.</summary>
    public static async Task<long> LastSequenceOfAsync(this IQuerySession session, Guid streamId, CancellationToken ct)
    {
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == streamId)
            .OrderByDescending(e => e.Sequence)
            .Take(1)
            .ToListAsync(ct);
        return events.Count == 0 ? 0 : events[0].Sequence;
    }
}

/// <summary>Acknowledges a command with the <c>X-Sequence</c> header every command response carries.</summary>
public static class Acknowledge
{
    public const string SequenceHeader = "X-Sequence";

    public static IResult NoContent(long sequence) => new Sequenced(TypedResults.NoContent(), sequence);

    public static IResult Created<T>(string location, T body, long sequence) =>
        new Sequenced(TypedResults.Created(location, body), sequence);

    public static IResult Ok<T>(T body, long sequence) => new Sequenced(TypedResults.Ok(body), sequence);

    public static IResult Accepted<T>(string location, T body, long sequence) =>
        new Sequenced(TypedResults.Accepted(location, body), sequence);

    public static IResult WithStatus(int status, string location, object body, long sequence) => status switch
    {
        StatusCodes.Status201Created => Created(location, body, sequence),
        StatusCodes.Status202Accepted => Accepted(location, body, sequence),
        _ => new Sequenced(TypedResults.Json(body, statusCode: status), sequence)
    };

    private sealed class Sequenced(IResult inner, long sequence) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers[SequenceHeader] = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(http);
        }
    }
}
