using System.Net;
using SocialGen.Api.Timelines;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Timelines;

public sealed class HomeTimelineTests(AppFixture app)
{
    [Fact]
    public async Task The_home_timeline_shows_followees_posts_and_reposts_newest_first()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var cyd = await app.RegisterAsync("cyd");
        var stranger = await app.RegisterAsync("stranger");
        await ada.FollowAsync(bob);
        await ada.FollowAsync(cyd);

        var bobs = await bob.PostAsync("bob posts");
        var strangers = await stranger.PostAsync("nobody follows me");
        var cyds = await cyd.PostAsync("cyd posts");
        await cyd.RepostAsync(strangers);
        var seen = new[] { ada, bob, cyd, stranger }.Max(u => u.LastSequence);

        var home = await ada.Api.ReadAllAsync("/timeline/home", seen);

        Assert.Equal([strangers, cyds, bobs], home.Select(i => i.PostId()));
        Assert.Equal([cyd.Handle, null, null], home.Select(i => i.RepostedBy()));
        Assert.Equal(stranger.Handle, home[0].GetProperty("post").GetProperty("author").GetProperty("handle").GetString());
    }

    [Fact]
    public async Task Ones_own_posts_appear_in_ones_home_timeline()
    {
        var ada = await app.RegisterAsync("ada");
        var mine = await ada.PostAsync("my own words");
        Assert.Equal([mine], (await ada.Api.ReadAllAsync("/timeline/home", ada.LastSequence)).Select(i => i.PostId()));
    }

    [Fact]
    public async Task Unfollowing_removes_the_followees_posts_and_reposts_and_following_again_brings_them_back()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var cyd = await app.RegisterAsync("cyd");
        var early = await bob.PostAsync("before ada followed");
        var cyds = await cyd.PostAsync("cyd's post");
        await bob.RepostAsync(cyds);
        await ada.FollowAsync(bob);
        var seen = Math.Max(ada.LastSequence, bob.LastSequence);
        Assert.Equal([cyds, early], (await ada.Api.ReadAllAsync("/timeline/home", seen)).Select(i => i.PostId()));

        await ada.UnfollowAsync(bob);
        Assert.Empty(await ada.Api.ReadAllAsync("/timeline/home", ada.LastSequence));

        await ada.FollowAsync(bob);
        Assert.Equal([cyds, early], (await ada.Api.ReadAllAsync("/timeline/home", ada.LastSequence)).Select(i => i.PostId()));
    }

    [Fact]
    public async Task Deleted_posts_and_undone_reposts_leave_the_timeline()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var cyd = await app.RegisterAsync("cyd");
        await ada.FollowAsync(bob);
        var kept = await bob.PostAsync("kept");
        var deleted = await bob.PostAsync("deleted");
        var cyds = await cyd.PostAsync("reposted then undone");
        await bob.RepostAsync(cyds);
        await bob.DeleteAsync(deleted);
        await bob.UndoRepostAsync(cyds);

        Assert.Equal([kept], (await ada.Api.ReadAllAsync("/timeline/home", bob.LastSequence)).Select(i => i.PostId()));
    }

    [Fact]
    public async Task Posts_of_people_with_very_many_followers_are_merged_in_when_read()
    {
        var star = await app.RegisterAsync("star");
        var early = await app.RegisterAsync("early");
        await early.FollowAsync(star);
        var fannedOut = await star.PostAsync("posted with one follower: fanned out");

        var late = new List<TestUser>();
        for (var i = 0; i < AppFixture.CelebrityThreshold; i++)
        {
            var fan = await app.RegisterAsync("late");
            await fan.FollowAsync(star);
            late.Add(fan);
        }

        var merged = await star.PostAsync("posted as a celebrity: merged when read");
        await star.RepostAsync(fannedOut);
        var seen = star.LastSequence;

        foreach (var fan in new[] { early, late[^1] })
        {
            var home = await fan.Api.ReadAllAsync("/timeline/home", seen, limit: 1);
            Assert.Equal([fannedOut, merged, fannedOut], home.Select(i => i.PostId()));
            Assert.Equal([star.Handle, null, null], home.Select(i => i.RepostedBy()));
        }

        await early.UnfollowAsync(star);
        Assert.Empty(await early.Api.ReadAllAsync("/timeline/home", early.LastSequence));
    }

    [Fact]
    public async Task Paging_through_250_items_in_pages_of_20_has_no_duplicate_and_no_gap_while_new_posts_arrive()
    {
        var reader = await app.RegisterAsync("reader");
        var authors = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => app.RegisterAsync("author")));
        foreach (var author in authors) await reader.FollowAsync(author);
        var expected = new List<Guid>();
        for (var i = 0; i < 250; i++) expected.Add(await authors[i % authors.Length].PostAsync($"post {i}"));
        var seen = authors.Max(a => a.LastSequence);

        var paged = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/timeline/home?limit=20&minSequence={seen}" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await (await reader.Api.GetAsync(url).ShouldBe(HttpStatusCode.OK)).JsonAsync();
            paged.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.PostId()));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
            // Newer posts arrive between pages; they belong above the first page, not inside later ones.
            await authors[pages % authors.Length].PostAsync($"arrived during paging {pages}");
        } while (cursor is not null);

        Assert.Equal(13, pages);
        Assert.Equal(expected.AsEnumerable().Reverse(), paged);
    }

    [Fact]
    public async Task A_home_timeline_keeps_its_newest_800_entries_and_forgets_older_ones()
    {
        var reader = await app.RegisterAsync("reader");
        var author = await app.RegisterAsync("author");
        await reader.FollowAsync(author);

        // Trimming is amortised: it runs when an event's position is a multiple of TrimEvery. Post past the bound,
        // then on until one of the author's posts lands on such a position.
        var posts = new List<Guid>();
        var trimmedAt = -1;
        while (trimmedAt < 0)
        {
            posts.Add(await author.PostAsync($"post {posts.Count}"));
            if (posts.Count > HomeTimelineProjection.MaxEntries && author.LastSequence % HomeTimelineProjection.TrimEvery == 0)
                trimmedAt = posts.Count - 1;
        }

        var home = await reader.Api.ReadAllAsync("/timeline/home", author.LastSequence, limit: 100);

        var kept = posts.Skip(trimmedAt + 1 - HomeTimelineProjection.MaxEntries);
        Assert.Equal(kept.Reverse(), home.Select(i => i.PostId()));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=-1")]
    [InlineData("limit=abc")]
    [InlineData("cursor=%%%")]
    [InlineData("cursor=Zm9sbG93ZXJzOjEy")] // "followers:12", a cursor of another list
    [InlineData("minSequence=abc")]
    public async Task Bad_paging_parameters_are_a_bad_request(string query)
    {
        var ada = await app.RegisterAsync("ada");
        await ada.Api.GetAsync($"/timeline/home?{query}").ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_home_timeline_needs_a_signed_in_user()
    {
        await app.Anonymous().GetAsync("/timeline/home").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}
