using System.Security.Claims;
using FluentValidation;
using Marten;
using SocialGen.Api.Ai;
using SocialGen.Api.Infrastructure;
using Wolverine;
using Wolverine.Http;

namespace SocialGen.Api.Images;

public sealed record RequestImage(string Prompt, string? Size = null, string? AltText = null);

public sealed record ImageAccepted(Guid Id, string Status, long Sequence);

/// <summary>The durable message that makes the picture in the background.</summary>
public sealed record GenerateImage(Guid ImageId);

public sealed class RequestImageValidator : AbstractValidator<RequestImage>
{
    public const int MaxPromptLength = 1000;
    public const int MaxAltTextLength = 1000;

    public RequestImageValidator()
    {
        RuleFor(x => x.Prompt).Must(p => UserText.Fits(p, 1, MaxPromptLength, allowNewlines: true))
            .WithMessage($"prompt must be 1-{MaxPromptLength} characters with no control characters other than newlines.");
        RuleFor(x => x.Size).Must(size => size is null || ImageSize.Supported.ContainsKey(size))
            .WithMessage($"size must be one of {string.Join(", ", ImageSize.Supported.Keys)}.");
        RuleFor(x => x.AltText).Must(alt => alt is null || UserText.Fits(alt, 1, MaxAltTextLength, allowNewlines: true))
            .WithMessage($"altText must be 1-{MaxAltTextLength} characters with no control characters other than newlines.");
    }
}

public static class RequestImageEndpoint
{
    [RateLimited(RateLimitKind.Ai)]
    [WolverinePost("/images", OperationId = "requestImage")]
    [ProducesResponseType<ImageAccepted>(StatusCodes.Status202Accepted)]
    [ProducesResponseType(StatusCodes.Status429TooManyRequests)]
    public static async Task<IResult> Post(RequestImage command, ClaimsPrincipal user, HttpContext http, IDocumentSession session,
        IMessageBus bus, Idempotency idempotency, ImageSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var ownerId = user.UserId();
        var key = Idempotency.KeyOf(http, ownerId, "request-image", command);
        var earlier = key is null ? null : await idempotency.LoadAsync(session, key, ct);
        if (earlier is not null && idempotency.IsLive(earlier))
            return await Idempotency.ReplayAsync(session, earlier, key!, Body(earlier.ResourceId), ct);

        var now = clock.GetUtcNow();
        if (await QuotaExhaustedAsync(session, ownerId, settings.DailyQuota, now, ct))
            return QuotaExhausted(settings.DailyQuota, now);

        var imageId = Guid.CreateVersion7();
        session.Events.StartStream<ImageRequest>(imageId, new ImageRequested(imageId, ownerId, UserText.Clean(command.Prompt),
            command.Size ?? ImageSize.Default, command.AltText is null ? null : UserText.Clean(command.AltText)));
        // Stored in the same transaction as the event: a request that was accepted is always generated.
        await bus.PublishAsync(new GenerateImage(imageId));

        var location = $"/images/{imageId}";
        if (key is not null) idempotency.Remember(session, key, earlier, imageId, StatusCodes.Status202Accepted, location);
        var (sequence, winner) = await idempotency.CommitAsync(session, key, ct);
        if (winner is not null) return await Idempotency.ReplayAsync(session, winner, key!, Body(winner.ResourceId), ct);

        return Acknowledge.Accepted(location, new ImageAccepted(imageId, "pending", sequence), sequence);
    }

    private static Func<long, object> Body(Guid imageId) => sequence => new ImageAccepted(imageId, "pending", sequence);

    /// <summary>
    /// Counts today's requests under a per-user transaction lock, so concurrent requests from one user queue up
    /// instead of all slipping under the quota together. The lock is released when the request commits.
    /// </summary>
    private static async Task<bool> QuotaExhaustedAsync(IDocumentSession session, Guid ownerId, int quota, DateTimeOffset now, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.QueryAsync<int>("select 1 from pg_advisory_xact_lock(?)", ct, BitConverter.ToInt64(ownerId.ToByteArray()));
        var dayStart = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var used = await session.Query<ImageRequest>().CountAsync(r => r.OwnerId == ownerId && r.CreatedAt >= dayStart, ct);
        return used >= quota;
    }

    private static IResult QuotaExhausted(int quota, DateTimeOffset now) => Problems.TooManyRequests(
        retryAfter: now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime,
        detail: $"You can request {quota} images per day (UTC); the quota renews at midnight UTC.",
        title: "Daily image quota used up");
}
