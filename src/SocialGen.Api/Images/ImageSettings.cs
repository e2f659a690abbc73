namespace SocialGen.Api.Images;

/// <summary>The <c>Images</c> configuration section.</summary>
public sealed class ImageSettings
{
    /// <summary>Image requests per user per UTC day.</summary>
    public int DailyQuota { get; set; } = 20;

    /// <summary>Attempts at generation before a request is marked failed.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Delay before the second attempt; it doubles for each further attempt.</summary>
    public double FirstRetryDelaySeconds { get; set; } = 10;

    /// <summary>Images generated at the same time on one node (each holds an AI call for up to a minute).</summary>
    public int MaxParallelGenerations { get; set; } = 2;

    public TimeSpan RetryDelay(int failedAttempts) =>
        TimeSpan.FromSeconds(FirstRetryDelaySeconds * Math.Pow(2, failedAttempts - 1));
}
