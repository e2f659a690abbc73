using System.Security.Claims;
using FluentValidation;
using Marten;
using SocialGen.Api.Ai;
using SocialGen.Api.Images;
using SocialGen.Api.Infrastructure;
using SocialGen.Api.Posts;
using Wolverine.Http;

namespace SocialGen.Api.Assist;

/// <summary>Ask for writing help: goal engaging | shorter | hashtags with a draft, or alt_text with a media id.</summary>
public sealed record ComposeAssist(string Goal, string? Draft = null, Guid? MediaId = null);

public sealed record ComposeSuggestions(Guid AssistId, IReadOnlyList<string> Suggestions, string Provider, string Model);

public sealed class ComposeAssistValidator : AbstractValidator<ComposeAssist>
{
    public static readonly IReadOnlyDictionary<string, ComposeGoal> Goals = new Dictionary<string, ComposeGoal>
    {
        ["engaging"] = ComposeGoal.Engaging,
        ["shorter"] = ComposeGoal.Shorter,
        ["hashtags"] = ComposeGoal.Hashtags,
        ["alt_text"] = ComposeGoal.AltText,
    };

    public ComposeAssistValidator()
    {
        RuleFor(x => x.Goal).Must(goal => goal is not null && Goals.ContainsKey(goal))
            .WithMessage($"goal must be one of: {string.Join(", ", Goals.Keys)}.");
        When(x => x.Goal == "alt_text", () =>
        {
            RuleFor(x => x.MediaId).NotNull().WithMessage("alt_text needs the mediaId of the image to describe.");
            RuleFor(x => x.Draft).Null().WithMessage("alt_text describes an image: send a mediaId, not a draft.");
        }).Otherwise(() =>
        {
            RuleFor(x => x.Draft).Must(PostText.IsValid)
                .WithMessage($"draft must be 1-{PostText.MaxLength} characters with no control characters other than newlines.");
            RuleFor(x => x.MediaId).Null().WithMessage("mediaId is only for the alt_text goal.");
        });
    }
}

public static class ComposeEndpoint
{
    public const int MaxSuggestions = 3;

    /// <summary>
    /// Suggestions from the platform's AI. The draft and every suggestion are moderated; the exchange is recorded as an
    /// event so a post can later say which suggestion it used. The AI never posts by itself.
    /// </summary>
    [WolverinePost("/assist/compose", OperationId = "compose")]
    [RateLimited(RateLimitKind.Ai)]
    [ProducesResponseType<ComposeSuggestions>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(StatusCodes.Status503ServiceUnavailable)]
    public static async Task<IResult> Post(ComposeAssist command, ClaimsPrincipal user, IDocumentSession session,
        IAiProvider ai, MediaStore media, CancellationToken ct)
    {
        var userId = user.UserId();
        var goal = ComposeAssistValidator.Goals[command.Goal];
        var subject = goal == ComposeGoal.AltText
            ? await DescribeMediaAsync(command.MediaId!.Value, userId, session, media, ct)
            : (Text: UserText.Clean(command.Draft!), Problem: null);
        if (subject.Problem is not null) return subject.Problem;

        try
        {
            if (goal != ComposeGoal.AltText && await ai.ModerateAsync(subject.Text, ct) is { Flagged: true } verdict)
                return Unprocessable($"The draft was flagged by moderation ({verdict.Category}).");

            var offered = (await ai.SuggestAsync(new ComposeRequest(goal, subject.Text), ct))
                .Select(UserText.Clean).Where(PostText.IsValid).Distinct().Take(MaxSuggestions).ToList();
            var suggestions = new List<string>();
            foreach (var suggestion in offered)
                if (!(await ai.ModerateAsync(suggestion, ct)).Flagged) suggestions.Add(suggestion);
            if (suggestions.Count == 0) return Unprocessable("The assistant had no suitable suggestion for this draft.");

            var assistId = Guid.CreateVersion7();
            session.Events.StartStream<AssistExchange>(assistId, new ComposeAssisted(assistId, userId, command.Goal,
                goal == ComposeGoal.AltText ? null : subject.Text, command.MediaId, suggestions, offered.Count - suggestions.Count,
                ai.Name, ai.ChatModel));
            var sequence = await session.CommitAsync(ct);
            return Acknowledge.Ok(new ComposeSuggestions(assistId, suggestions, ai.Name, ai.ChatModel), sequence);
        }
        catch (AiUnavailableException)
        {
            return Unavailable();
        }
        catch (Exception e) when (e is AiFailedException or AiRefusedException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The AI provider failed",
                detail: "The writing assistant could not answer this request.");
        }
    }

    /// <summary>Alt text is written from what the image was generated from: the provider's revised prompt, else the prompt.</summary>
    private static async Task<(string Text, IResult? Problem)> DescribeMediaAsync(Guid mediaId, Guid userId, IQuerySession session,
        MediaStore media, CancellationToken ct)
    {
        if (await media.CheckOwnershipAsync([mediaId], userId, ct) is { } problem) return ("", problem);
        var info = (await media.FindAsync([mediaId], ct))[mediaId];
        var request = await session.LoadAsync<ImageRequest>(info.Provenance.ImageRequestId, ct);
        return (request!.RevisedPrompt ?? request.Prompt, null);
    }

    private static IResult Unprocessable(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not suitable", detail: detail);

    private static IResult Unavailable() =>
        Problems.Unavailable(TimeSpan.FromSeconds(5), "The writing assistant is busy", "Try again in a few seconds.");
}
