using System.Threading.RateLimiting;

namespace SocialGen.Api.Ai;

/// <summary>
/// Caps how many AI calls run at once across the whole node, so no single user or burst can exhaust the
/// provider account. A call that cannot get a slot within the queue limit fails as unavailable (retry later).
/// </summary>
public sealed class LimitedAiProvider(IAiProvider inner, RateLimiter limiter) : IAiProvider
{
    public string Name => inner.Name;
    public string ImageModel => inner.ImageModel;
    public string ChatModel => inner.ChatModel;

    public Task<ModerationVerdict> ModerateAsync(string text, CancellationToken ct) =>
        Limited(() => inner.ModerateAsync(text, ct), ct);

    public Task<GeneratedPicture> GenerateImageAsync(string prompt, ImageSize size, CancellationToken ct) =>
        Limited(() => inner.GenerateImageAsync(prompt, size, ct), ct);

    public Task<IReadOnlyList<string>> SuggestAsync(ComposeRequest request, CancellationToken ct) =>
        Limited(() => inner.SuggestAsync(request, ct), ct);

    private async Task<T> Limited<T>(Func<Task<T>> call, CancellationToken ct)
    {
        using var lease = await limiter.AcquireAsync(1, ct);
        if (!lease.IsAcquired) throw new AiUnavailableException("Too many AI requests are in flight; try again shortly.");
        return await call();
    }
}
