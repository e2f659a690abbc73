using SocialGen.Api.Infrastructure;

namespace SocialGen.Api.Posts;

public sealed record PostCreated(
    Guid PostId,
    Guid AuthorId,
    string AuthorHandle,
    string Text,
    Guid? ReplyToId,
    Guid? QuoteOfId,
    Guid ConversationId,
    string? ContentWarning,
    IReadOnlyList<string> Mentions,
    IReadOnlyList<string> Hashtags,
    IReadOnlyList<Guid> MediaIds,
    Guid? AssistId,
    int? SuggestionIndex);

public sealed record PostEdited(Guid PostId, string Text, IReadOnlyList<string> Mentions, IReadOnlyList<string> Hashtags);

/// <summary>The post's events stay for auditors; every read model drops the post.</summary>
public sealed record PostDeleted(Guid PostId, Guid AuthorId, Guid? ReplyToId, Guid? QuoteOfId, Guid DeletedBy);

/// <summary>The post stream's write model (an inline snapshot): what edits, deletes, replies and reactions decide on.</summary>
public sealed record Post(
    Guid Id,
    Guid AuthorId,
    string Text,
    Guid ConversationId,
    Guid? ReplyToId,
    Guid? QuoteOfId,
    bool Deleted)
{
    public static Post Create(PostCreated e) =>
        new(e.PostId, e.AuthorId, e.Text, e.ConversationId, e.ReplyToId, e.QuoteOfId, Deleted: false);

    public Post Apply(PostEdited e) => this with { Text = e.Text };

    public Post Apply(PostDeleted e) => this with { Deleted = true };

    /// <summary>Editing to the same text changes nothing.</summary>
    public IEnumerable<object> Edit(string text) =>
        text == Text ? [] : [new PostEdited(Id, text, PostText.Mentions(text), PostText.Hashtags(text))];

    public IEnumerable<object> Delete(Guid by) => [new PostDeleted(Id, AuthorId, ReplyToId, QuoteOfId, by)];
}

public static class PostAccess
{
    /// <summary>A post that exists and is not deleted, as the write side sees it (immediately consistent).</summary>
    public static async Task<Post?> FindLiveAsync(Marten.IQuerySession session, Guid id, CancellationToken ct) =>
        await session.LoadAsync<Post>(id, ct) is { Deleted: false } post ? post : null;

    public static IResult NotFound(Guid id) => Problems.NotFound($"Post {id} does not exist or was deleted.");
}
