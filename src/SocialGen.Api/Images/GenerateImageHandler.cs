using Marten;
using SocialGen.Api.Ai;
using Wolverine;

namespace SocialGen.Api.Images;

/// <summary>
/// Makes the picture for an image request: moderates the prompt, generates, stores the bytes and records the
/// outcome. Runs from a durable queue; transient failures are recorded and retried with doubling delays until
/// <see cref="ImageSettings.MaxAttempts"/>, then the request fails. No request stays pending forever.
/// </summary>
public static class GenerateImageHandler
{
    public static async Task Handle(GenerateImage message, IDocumentSession session, IAiProvider ai, IMessageBus bus,
        ImageSettings settings, TimeProvider clock, ILogger<GenerateImage> logger, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<ImageRequest>(message.ImageId, ct);
        if (stream.Aggregate is not { Status: ImageStatus.Pending } request) return; // finished already: a redelivery

        session.CorrelationId = $"image:{request.Id}";
        session.CausationId = $"message:{nameof(GenerateImage)}";
        session.LastModifiedBy = request.OwnerId.ToString();

        var outcome = await AttemptAsync(request, session, ai, clock, ct);
        if (outcome is ImageAttemptFailed failed)
        {
            if (failed.Attempt >= settings.MaxAttempts)
            {
                outcome = new ImageFailed(request.Id, $"Gave up after {failed.Attempt} attempts: {failed.Reason}", failed.Attempt,
                    ai.Name, ai.ImageModel);
                logger.LogError("Image {ImageId} failed after {Attempts} attempts: {Reason}", request.Id, failed.Attempt, failed.Reason);
            }
            else
            {
                var delay = settings.RetryDelay(failed.Attempt);
                logger.LogWarning("Image {ImageId} attempt {Attempt} failed ({Reason}); next attempt in {Delay}",
                    request.Id, failed.Attempt, failed.Reason, delay);
                await bus.ScheduleAsync(new GenerateImage(request.Id), delay);
            }
        }

        stream.AppendOne(outcome);
        await session.SaveChangesAsync(ct);
    }

    private static async Task<object> AttemptAsync(ImageRequest request, IDocumentSession session, IAiProvider ai,
        TimeProvider clock, CancellationToken ct)
    {
        try
        {
            var verdict = await ai.ModerateAsync(request.Prompt, ct);
            if (verdict.Flagged) return new ImageRejected(request.Id, verdict.Category ?? "flagged", "prompt", ai.Name, ai.ImageModel);

            var picture = await ai.GenerateImageAsync(request.Prompt, ImageSize.Supported[request.Size], ct);
            var mediaId = Guid.CreateVersion7();
            MediaStore.Save(session, mediaId, request, picture.Png, ai.Name, ai.ImageModel, clock.GetUtcNow());
            return new ImageGenerated(request.Id, mediaId, picture.RevisedPrompt, ai.Name, ai.ImageModel);
        }
        catch (AiRefusedException refused)
        {
            return new ImageRejected(request.Id, refused.Category, "provider", ai.Name, ai.ImageModel);
        }
        catch (AiFailedException failed)
        {
            return new ImageFailed(request.Id, failed.Message, request.FailedAttempts + 1, ai.Name, ai.ImageModel);
        }
        catch (AiUnavailableException unavailable)
        {
            return new ImageAttemptFailed(request.Id, request.FailedAttempts + 1, unavailable.Message);
        }
    }
}
