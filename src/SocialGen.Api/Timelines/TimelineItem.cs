using Marten;
using SocialGen.Api.Infrastructure;
using SocialGen.Api.Posts;

namespace SocialGen.Api.Timelines;

/// <summary>A post on a timeline; <see cref="RepostedBy"/> says who brought it there when it is a repost.</summary>
public sealed record TimelineItem(PostResponse Post, PersonSummary? RepostedBy);

/// <summary>A timeline row before rendering: the post, who reposted it (if anyone), and its place in the timeline.</summary>
public sealed record TimelineEntry(long Position, Guid PostId, Guid? RepostedBy);

public static class Timeline
{
    /// <summary>
    /// Renders a page of entries (fetched one beyond the page size to know whether more follow). Entries whose post
    /// is gone (deleted a moment ago) are left out; the cursor still moves past them, so paging never stalls.
    /// </summary>
    public static async Task<Page<TimelineItem>> RenderPageAsync(
        IQuerySession session, PostRendering rendering, IReadOnlyList<TimelineEntry> entries, int pageSize, string cursorKind, CancellationToken ct)
    {
        var page = entries.Take(pageSize).ToList();
        var views = (await session.LoadManyAsync<PostView>(ct, page.Select(e => e.PostId).Distinct()))
            .ToDictionary(v => v.Id);
        var live = page.Where(e => views.ContainsKey(e.PostId)).ToList();

        var (posts, people) = await rendering.RenderAsync(
            session, live.Select(e => views[e.PostId]).ToList(), live.Select(e => e.RepostedBy).OfType<Guid>(), ct);
        var items = live.Select((entry, i) => new TimelineItem(
            posts[i], entry.RepostedBy is { } by ? people.GetValueOrDefault(by) : null)).ToList();

        var next = entries.Count > pageSize ? Paging.Encode(cursorKind, page[^1].Position) : null;
        return new Page<TimelineItem>(items, next);
    }
}
