using System.ClientModel;
using System.ClientModel.Primitives;
using System.Reflection;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Images;
using OpenAI.Moderations;

namespace SocialGen.Api.Ai;

/// <summary>The OpenAI provider, through the official SDK, with an explicit retry policy and per-try time-out.</summary>
public sealed class OpenAiProvider : IAiProvider
{
    private readonly OpenAiSettings _settings;
    private readonly ImageClient _images;
    private readonly ChatClient _chat;
    private readonly ModerationClient _moderation;

    public OpenAiProvider(OpenAiSettings settings)
    {
        _settings = settings;
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(settings.Endpoint),
            NetworkTimeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),
            // The SDK's default retries without delay unless the server says otherwise: back off instead.
            RetryPolicy = new ClientRetryPolicy(settings.MaxRetries)
        };
        var client = new OpenAIClient(new ApiKeyCredential(settings.ApiKey!), options);
        _images = client.GetImageClient(settings.ImageModel);
        _chat = client.GetChatClient(settings.ChatModel);
        _moderation = client.GetModerationClient(settings.ModerationModel);
    }

    public string Name => "openai";
    public string ImageModel => _settings.ImageModel;
    public string ChatModel => _settings.ChatModel;

    public Task<ModerationVerdict> ModerateAsync(string text, CancellationToken ct) => Call(async () =>
    {
        ModerationResult result = await _moderation.ClassifyTextAsync(text, ct);
        return result.Flagged ? new ModerationVerdict(true, ModerationCategories.MostSevere(result)) : ModerationVerdict.Clean;
    });

    public Task<GeneratedPicture> GenerateImageAsync(string prompt, ImageSize size, CancellationToken ct) => Call(async () =>
    {
        var options = new ImageGenerationOptions
        {
            Size = new GeneratedImageSize(size.Width, size.Height),
            // gpt-image-1's quality values are marked experimental in the SDK (OPENAI001); they are what the API takes.
#pragma warning disable OPENAI001
            Quality = _settings.ImageQuality switch
            {
                "high" => GeneratedImageQuality.HighQuality,
                "low" => GeneratedImageQuality.LowQuality,
                _ => GeneratedImageQuality.MediumQuality
            }
#pragma warning restore OPENAI001
        };
        GeneratedImage image = await _images.GenerateImageAsync(prompt, options, ct);
        if (image.ImageBytes is null) throw new AiUnavailableException("The provider's answer held no image.");
        return new GeneratedPicture(image.ImageBytes.ToArray(), image.RevisedPrompt);
    });

    public Task<IReadOnlyList<string>> SuggestAsync(ComposeRequest request, CancellationToken ct) => Call(async () =>
    {
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("suggestions", BinaryData.FromString(SuggestionSchema),
                jsonSchemaIsStrict: true)
        };
        ChatCompletion completion = await _chat.CompleteChatAsync(
            [new SystemChatMessage(Instructions(request.Goal)), new UserChatMessage(request.Text)], options, ct);
        var json = JsonSerializer.Deserialize<SuggestionsPayload>(completion.Content[0].Text, JsonSerializerOptions.Web);
        return (IReadOnlyList<string>)(json?.Suggestions ?? []);
    });

    private const string SuggestionSchema = """
        {"type":"object","properties":{"suggestions":{"type":"array","items":{"type":"string"}}},
         "required":["suggestions"],"additionalProperties":false}
        """;

    private static string Instructions(ComposeGoal goal) => "You help people write posts for a social network. " + goal switch
    {
        ComposeGoal.Engaging => "Rewrite the post to be more engaging. Keep its meaning and language.",
        ComposeGoal.Shorter => "Rewrite the post shorter. Keep its meaning and language.",
        ComposeGoal.Hashtags => "Return the post with up to three fitting hashtags added.",
        ComposeGoal.AltText => "The text is the prompt an image was generated from. Write concise alt text for the image.",
        _ => ""
    } + " Give 1 to 3 alternatives of at most 500 characters each.";

    private sealed record SuggestionsPayload(List<string> Suggestions);

    /// <summary>Maps the SDK's failures onto what the caller can act on: refused, worth retrying, or failed.</summary>
    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ClientResultException e) when (e.Status == 400 && e.Message.Contains("content_policy_violation"))
        {
            throw new AiRefusedException("content_policy", "The provider refused the prompt under its content policy.");
        }
        catch (ClientResultException e) when (e.Status is 408 or 409 or 429 or >= 500 or 0)
        {
            throw new AiUnavailableException($"The provider answered {e.Status}.", e);
        }
        catch (ClientResultException e)
        {
            throw new AiFailedException($"The provider rejected the request ({e.Status}).", e);
        }
        catch (Exception e) when (e is TaskCanceledException or TimeoutException or AggregateException or HttpRequestException or IOException)
        {
            throw new AiUnavailableException("The provider did not answer in time.", e);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            // A proxy's error page or a truncated body where JSON should be: a provider fault, as passing as a 502.
            throw new AiUnavailableException("The provider's answer could not be read.", e);
        }
    }
}

/// <summary>Names the most severe flagged category of an OpenAI moderation result, in the API's own words.</summary>
public static class ModerationCategories
{
    private static readonly PropertyInfo[] Categories = typeof(ModerationResult).GetProperties()
        .Where(p => p.PropertyType == typeof(ModerationCategory)).ToArray();

    public static string MostSevere(ModerationResult result) => Categories
        .Select(p => (Name: p.Name, Category: (ModerationCategory?)p.GetValue(result)))
        .Where(c => c.Category?.Flagged == true)
        .OrderByDescending(c => c.Category!.Score)
        .Select(c => JsonNamingPolicy.SnakeCaseLower.ConvertName(c.Name))
        .FirstOrDefault() ?? "flagged";
}
