namespace SocialGen.Api.Ai;

/// <summary>The <c>OpenAI</c> configuration section. With no <see cref="ApiKey"/> the offline provider is used.</summary>
public sealed class OpenAiSettings
{
    public string? ApiKey { get; set; }

    /// <summary>Any OpenAI-compatible server (Azure, a proxy, a test fake); must end in <c>/v1</c>.</summary>
    public string Endpoint { get; set; } = "https://api.openai.com/v1";

    public string ImageModel { get; set; } = "gpt-image-1";
    public string ImageQuality { get; set; } = "medium";
    public string ChatModel { get; set; } = "gpt-4o-mini";
    public string ModerationModel { get; set; } = "omni-moderation-latest";

    /// <summary>Per try: image generation can take a minute; a hung server must not hold a worker for longer.</summary>
    public double TimeoutSeconds { get; set; } = 90;

    /// <summary>Retries inside one attempt, with exponential backoff (0.8 s, 1.6 s, ...) or the server's Retry-After.</summary>
    public int MaxRetries { get; set; } = 2;
}
