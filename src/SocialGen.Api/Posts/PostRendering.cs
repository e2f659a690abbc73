using Marten;
using SocialGen.Api.Accounts;
using SocialGen.Api.Images;

namespace SocialGen.Api.Posts;

public sealed record PersonSummary(Guid Id, string Handle, string DisplayName);

public sealed record PostResponse(
    Guid Id,
    PersonSummary Author,
    string Text,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    Guid? ReplyToId,
    Guid? QuoteOfId,
    Guid ConversationId,
    string? ContentWarning,
    IReadOnlyList<MediaAttachment> Media,
    IReadOnlyList<string> Mentions,
    IReadOnlyList<string> Hashtags,
    PostCounts Counts);

/// <summary>Turns post views into responses, joining the people shown (authors, reposters) and the attached media.</summary>
public sealed class PostRendering(MediaStore media)
{
    /// <summary>The read models a post response is made of: a read waits for all of them.</summary>
    public static readonly string[] Projections = [PostViewProjection.ProjectionName, ProfileProjection.ProjectionName];

    public async Task<PostResponse> RenderAsync(IQuerySession session, PostView view, CancellationToken ct) =>
        (await RenderAsync(session, [view], [], ct)).Posts[0];

    public async Task<(IReadOnlyList<PostResponse> Posts, IReadOnlyDictionary<Guid, PersonSummary> People)> RenderAsync(
        IQuerySession session, IReadOnlyList<PostView> views, IEnumerable<Guid> otherPeople, CancellationToken ct)
    {
        var ids = views.Select(v => v.AuthorId).Concat(otherPeople).Distinct().ToArray();
        var profiles = ids.Length == 0 ? [] : await session.LoadManyAsync<Profile>(ct, ids);
        var people = profiles.ToDictionary(p => p.Id, p => new PersonSummary(p.Id, p.Handle, p.DisplayName));
        var attachments = await media.FindAsync(views.SelectMany(v => v.MediaIds).Distinct().ToList(), ct);
        var posts = views.Select(v => Render(v, people.GetValueOrDefault(v.AuthorId),
            v.MediaIds.Where(attachments.ContainsKey).Select(id => attachments[id].ToAttachment()).ToList())).ToList();
        return (posts, people);
    }

    private static PostResponse Render(PostView view, PersonSummary? author, IReadOnlyList<MediaAttachment> media) => new(
        view.Id,
        // The author's profile exists before any of their posts; the fallback only covers a profile still being projected.
        author ?? new PersonSummary(view.AuthorId, view.AuthorHandle, view.AuthorHandle),
        view.Text,
        view.CreatedAt,
        view.EditedAt,
        view.ReplyToId,
        view.QuoteOfId,
        view.ConversationId,
        view.ContentWarning,
        media,
        view.Mentions,
        view.Hashtags,
        view.Counts);
}
