using JasperFx.Events;

namespace SocialGen.Api.Images;

public sealed record ImageRequested(Guid ImageId, Guid OwnerId, string Prompt, string Size, string? AltText);

public sealed record ImageAttemptFailed(Guid ImageId, int Attempt, string Reason);

public sealed record ImageGenerated(Guid ImageId, Guid MediaId, string? RevisedPrompt, string Provider, string Model);

/// <summary>Moderation refused the prompt: <c>Stage</c> is "prompt" (our check) or "provider" (the provider's policy).</summary>
public sealed record ImageRejected(Guid ImageId, string Category, string Stage, string Provider, string Model);

public sealed record ImageFailed(Guid ImageId, string Reason, int Attempts, string Provider, string Model);

public enum ImageStatus { Pending, Ready, Rejected, Failed }

/// <summary>The image request stream's state, kept as an inline snapshot: the worker and <c>GET /images/{id}</c> read it.</summary>
public sealed record ImageRequest(
    Guid Id,
    Guid OwnerId,
    string Prompt,
    string Size,
    string? AltText,
    ImageStatus Status,
    int FailedAttempts,
    string? RevisedPrompt,
    Guid? MediaId,
    string? Error,
    string? Provider,
    string? Model,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public static ImageRequest Create(IEvent<ImageRequested> e) => new(
        e.Data.ImageId, e.Data.OwnerId, e.Data.Prompt, e.Data.Size, e.Data.AltText, ImageStatus.Pending,
        0, null, null, null, null, null, e.Timestamp, null);

    public ImageRequest Apply(ImageAttemptFailed e) => this with { FailedAttempts = e.Attempt, Error = e.Reason };

    public ImageRequest Apply(IEvent<ImageGenerated> e) => this with
    {
        Status = ImageStatus.Ready, MediaId = e.Data.MediaId, RevisedPrompt = e.Data.RevisedPrompt, Error = null,
        Provider = e.Data.Provider, Model = e.Data.Model, CompletedAt = e.Timestamp
    };

    public ImageRequest Apply(IEvent<ImageRejected> e) => this with
    {
        Status = ImageStatus.Rejected, Error = $"rejected by {e.Data.Stage} moderation: {e.Data.Category}",
        Provider = e.Data.Provider, Model = e.Data.Model, CompletedAt = e.Timestamp
    };

    public ImageRequest Apply(IEvent<ImageFailed> e) => this with
    {
        Status = ImageStatus.Failed, FailedAttempts = e.Data.Attempts, Error = e.Data.Reason,
        Provider = e.Data.Provider, Model = e.Data.Model, CompletedAt = e.Timestamp
    };
}
