using System.Security.Claims;
using Marten;
using SocialGen.Api.Accounts;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Images;

public sealed record ImageResponse(
    Guid Id,
    string Status,
    string Prompt,
    string Size,
    string? AltText,
    string? RevisedPrompt,
    Guid? MediaId,
    string? Error,
    string? Provider,
    string? Model,
    int FailedAttempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public static ImageResponse From(ImageRequest r) => new(r.Id, r.Status.ToString().ToLowerInvariant(), r.Prompt, r.Size,
        r.AltText, r.RevisedPrompt, r.MediaId, r.Error, r.Provider, r.Model, r.FailedAttempts, r.CreatedAt, r.CompletedAt);
}

public static class GetImageEndpoint
{
    /// <summary>An image request's progress, for its owner or an admin (read from the inline snapshot: never stale).</summary>
    [WolverineGet("/images/{id}", OperationId = "getImage")]
    [ProducesResponseType<ImageResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, long? minSequence, ClaimsPrincipal user, HttpContext http,
        IQuerySession session, ReadConsistency consistency, CancellationToken ct)
    {
        await consistency.ReadingEventsAsync(http, minSequence, ct);
        var request = await session.LoadAsync<ImageRequest>(id, ct);
        // Someone else's request is reported as missing: its existence is not theirs to know.
        if (request is null || (request.OwnerId != user.UserId() && !user.IsInRole(Roles.Admin)))
            return Problems.NotFound($"Image request {id} does not exist.");
        return TypedResults.Ok(ImageResponse.From(request));
    }
}
