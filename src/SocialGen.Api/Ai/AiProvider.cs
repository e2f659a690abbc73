namespace SocialGen.Api.Ai;

/// <summary>What the platform's AI can do. Two implementations: OpenAI (when a key is configured) and offline.</summary>
public interface IAiProvider
{
    /// <summary>"openai" or "offline": recorded with everything the provider makes.</summary>
    string Name { get; }

    string ImageModel { get; }

    string ChatModel { get; }

    Task<ModerationVerdict> ModerateAsync(string text, CancellationToken ct);

    /// <exception cref="AiRefusedException">The provider refused the prompt (content policy).</exception>
    /// <exception cref="AiUnavailableException">A transient failure: worth another attempt later.</exception>
    Task<GeneratedPicture> GenerateImageAsync(string prompt, ImageSize size, CancellationToken ct);

    Task<IReadOnlyList<string>> SuggestAsync(ComposeRequest request, CancellationToken ct);
}

public sealed record ModerationVerdict(bool Flagged, string? Category)
{
    public static readonly ModerationVerdict Clean = new(false, null);
}

public sealed record GeneratedPicture(byte[] Png, string? RevisedPrompt);

public enum ComposeGoal { Engaging, Shorter, Hashtags, AltText }

/// <summary>What the writing assistant works on: a draft, or for alt text the prompt an image was made from.</summary>
public sealed record ComposeRequest(ComposeGoal Goal, string Text);

public sealed record ImageSize(int Width, int Height)
{
    public static readonly IReadOnlyDictionary<string, ImageSize> Supported = new Dictionary<string, ImageSize>
    {
        ["1024x1024"] = new(1024, 1024),
        ["1024x1536"] = new(1024, 1536),
        ["1536x1024"] = new(1536, 1024),
    };

    public const string Default = "1024x1024";

    public override string ToString() => $"{Width}x{Height}";
}

/// <summary>The provider refused the request on policy grounds; retrying will not help.</summary>
public sealed class AiRefusedException(string category, string message) : Exception(message)
{
    public string Category { get; } = category;
}

/// <summary>The provider failed in a way that may pass (rate limits, server errors, time-outs).</summary>
public sealed class AiUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The provider rejected the request for a reason retrying will not fix (bad key, bad model).</summary>
public sealed class AiFailedException(string message, Exception? inner = null) : Exception(message, inner);
