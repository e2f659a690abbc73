using Marten;
using Microsoft.AspNetCore.Authorization;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Posts;

public sealed record PostVersion(int Version, string Text, DateTimeOffset At);

public sealed record PostHistoryResponse(Guid Id, IReadOnlyList<PostVersion> Versions);

public static class PostHistoryEndpoint
{
    /// <summary>Every version of a post's text, oldest first, read straight from its events (never stale).</summary>
    [AllowAnonymous]
    [WolverineGet("/posts/{id}/history", OperationId = "getPostHistory")]
    [ProducesResponseType<PostHistoryResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, long? minSequence, HttpContext http, IQuerySession session,
        ReadConsistency consistency, CancellationToken ct)
    {
        await consistency.ReadingEventsAsync(http, minSequence, ct);
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0 || events.Any(e => e.Data is PostDeleted)) return PostAccess.NotFound(id);

        var versions = events
            .Select(e => (Text: TextOf(e.Data), e.Timestamp))
            .Where(v => v.Text is not null)
            .Select((v, index) => new PostVersion(index + 1, v.Text!, v.Timestamp))
            .ToList();
        return TypedResults.Ok(new PostHistoryResponse(id, versions));
    }

    private static string? TextOf(object data) => data switch
    {
        PostCreated created => created.Text,
        PostEdited edited => edited.Text,
        _ => null
    };
}
