using System.Security.Claims;
using FluentValidation;
using Marten;
using SocialGen.Api.Assist;
using SocialGen.Api.Images;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Posts;

public sealed record CreatePost(
    string Text,
    Guid? ReplyToId = null,
    Guid? QuoteOfId = null,
    string? ContentWarning = null,
    IReadOnlyList<Guid>? MediaIds = null,
    Guid? AssistId = null,
    int? SuggestionIndex = null);

public sealed record PostCreatedResponse(Guid Id, long Sequence);

public sealed class CreatePostValidator : AbstractValidator<CreatePost>
{
    public const int MaxMedia = 4;

    public CreatePostValidator()
    {
        RuleFor(x => x.Text).Must(PostText.IsValid)
            .WithMessage($"text must be 1-{PostText.MaxLength} characters with no control characters other than newlines.");
        RuleFor(x => x.ContentWarning).Must(PostText.IsValidContentWarning)
            .WithMessage($"contentWarning must be 1-{PostText.MaxContentWarningLength} characters with no control characters.");
        RuleFor(x => x.MediaIds).Must(ids => ids is null || (ids.Count <= MaxMedia && ids.Distinct().Count() == ids.Count))
            .WithMessage($"mediaIds holds at most {MaxMedia} different images.");
        RuleFor(x => x.SuggestionIndex).Null().When(x => x.AssistId is null)
            .WithMessage("suggestionIndex needs an assistId.");
        RuleFor(x => x.SuggestionIndex).GreaterThanOrEqualTo(0).When(x => x.SuggestionIndex is not null)
            .WithMessage("suggestionIndex must be zero or more.");
    }
}

public static class CreatePostEndpoint
{
    [WolverinePost("/posts", OperationId = "createPost")]
    [ProducesResponseType<PostCreatedResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status422UnprocessableEntity)]
    public static async Task<IResult> Post(CreatePost command, ClaimsPrincipal user, HttpContext http,
        IDocumentSession session, Idempotency idempotency, MediaStore media, CancellationToken ct)
    {
        var authorId = user.UserId();
        var key = Idempotency.KeyOf(http, authorId, "create-post", command);
        var earlier = key is null ? null : await idempotency.LoadAsync(session, key, ct);
        if (earlier is not null && idempotency.IsLive(earlier))
            return await Idempotency.ReplayAsync(session, earlier, key!, Body(earlier.ResourceId), ct);

        var parent = command.ReplyToId is { } replyTo ? await PostAccess.FindLiveAsync(session, replyTo, ct) : null;
        if (command.ReplyToId is not null && parent is null) return PostAccess.NotFound(command.ReplyToId.Value);
        if (command.QuoteOfId is { } quoteOf && await PostAccess.FindLiveAsync(session, quoteOf, ct) is null)
            return PostAccess.NotFound(quoteOf);

        if (command.MediaIds is { Count: > 0 } mediaIds && await media.CheckOwnershipAsync(mediaIds, authorId, ct) is { } mediaProblem)
            return mediaProblem;
        if (command.AssistId is { } assistId && await CheckAssistAsync(session, assistId, command.SuggestionIndex, authorId, ct) is { } assistProblem)
            return assistProblem;

        var postId = Guid.CreateVersion7();
        var text = UserText.Clean(command.Text);
        session.Events.StartStream<Post>(postId, new PostCreated(
            postId, authorId, user.Handle()!, text, command.ReplyToId, command.QuoteOfId,
            ConversationId: parent?.ConversationId ?? postId,
            command.ContentWarning is null ? null : UserText.Clean(command.ContentWarning),
            PostText.Mentions(text), PostText.Hashtags(text), command.MediaIds ?? [], command.AssistId, command.SuggestionIndex));

        // The signal the AI team learns from: which exchange (and suggestion) this post came from.
        if (command.AssistId is { } usedAssist)
            session.Events.Append(usedAssist, new AssistSuggestionUsed(usedAssist, postId, command.SuggestionIndex));

        var location = $"/posts/{postId}";
        if (key is not null) idempotency.Remember(session, key, earlier, postId, StatusCodes.Status201Created, location);
        var (sequence, winner) = await idempotency.CommitAsync(session, key, ct);
        if (winner is not null) return await Idempotency.ReplayAsync(session, winner, key!, Body(winner.ResourceId), ct);

        return Acknowledge.Created(location, new PostCreatedResponse(postId, sequence), sequence);
    }

    private static async Task<IResult?> CheckAssistAsync(IQuerySession session, Guid assistId, int? index, Guid authorId, CancellationToken ct)
    {
        var exchange = await session.LoadAsync<AssistExchange>(assistId, ct);
        if (exchange is null || exchange.UserId != authorId) return Problems.NotFound($"Assist exchange {assistId} does not exist.");
        return index >= exchange.SuggestionCount
            ? Problems.Validation("suggestionIndex", $"The exchange offered {exchange.SuggestionCount} suggestions (0-{exchange.SuggestionCount - 1}).")
            : null;
    }

    private static Func<long, object> Body(Guid postId) => sequence => new PostCreatedResponse(postId, sequence);
}
