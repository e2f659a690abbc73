using System.Net;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Posts;

public sealed class ReactionTests(AppFixture app)
{
    [Fact]
    public async Task Likes_and_reposts_are_counted_once_per_person_and_can_be_undone()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var cyd = await app.RegisterAsync("cyd");
        var id = await ada.PostAsync("react to me");

        await bob.LikeAsync(id);
        await bob.LikeAsync(id);
        await cyd.LikeAsync(id);
        await bob.RepostAsync(id);
        await bob.RepostAsync(id);
        await cyd.RepostAsync(id);
        await cyd.UnlikeAsync(id);
        await cyd.UnlikeAsync(id);
        await cyd.UndoRepostAsync(id);

        var counts = (await app.ReadPostAsync(id, Math.Max(bob.LastSequence, cyd.LastSequence)))!.Value.GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("likes").GetInt32());
        Assert.Equal(1, counts.GetProperty("reposts").GetInt32());
    }

    [Fact]
    public async Task Repeating_a_like_answers_with_the_sequence_where_it_is_already_visible()
    {
        var ada = await app.RegisterAsync("ada");
        var id = await ada.PostAsync("like me twice");

        var first = await ada.Api.PostAsync($"/posts/{id}/like").ShouldBe(HttpStatusCode.NoContent);
        var again = await ada.Api.PostAsync($"/posts/{id}/like").ShouldBe(HttpStatusCode.NoContent);

        Assert.Equal(first.Sequence(), again.Sequence());
    }

    [Fact]
    public async Task Two_hundred_people_liking_one_post_at_once_are_all_counted()
    {
        var star = await app.RegisterAsync("star");
        var post = await star.PostAsync("going viral");
        var fans = new List<TestUser>();
        foreach (var batch in Enumerable.Range(0, 200).Chunk(20))
            fans.AddRange(await Task.WhenAll(batch.Select(_ => app.RegisterAsync("fan"))));

        var likes = await Task.WhenAll(fans.Select(fan => fan.Api.PostAsync($"/posts/{post}/like")));

        Assert.All(likes, like => Assert.Equal(HttpStatusCode.NoContent, like.StatusCode));
        var counts = (await app.ReadPostAsync(post, likes.Max(l => l.Sequence())))!.Value.GetProperty("counts");
        Assert.Equal(200, counts.GetProperty("likes").GetInt32());
    }

    [Fact]
    public async Task One_person_liking_and_following_from_ten_tabs_at_once_counts_once_and_never_errors()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var post = await bob.PostAsync("like me, once");

        var likes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => ada.Api.PostAsync($"/posts/{post}/like")));
        var follows = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => ada.Api.PostAsync($"/users/{bob.Handle}/follow")));

        // The race's losers are told to retry (409); a retry finds the like or follow already there.
        Assert.All(likes.Concat(follows), r => Assert.True(r.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Conflict, $"got {r.StatusCode}"));
        await ada.LikeAsync(post);
        await ada.FollowAsync(bob);
        var seen = Math.Max(ada.LastSequence, likes.Concat(follows).Where(r => r.IsSuccessStatusCode).Max(r => r.Sequence()));
        Assert.Equal(1, (await app.ReadPostAsync(post, seen))!.Value.GetProperty("counts").GetProperty("likes").GetInt32());
        var profile = await (await app.Anonymous().GetAsync($"/users/{bob.Handle}?minSequence={seen}")).JsonAsync();
        Assert.Equal(1, profile.GetProperty("followersCount").GetInt32());
    }

    [Fact]
    public async Task Reacting_to_an_unknown_post_is_not_found_and_needs_a_signed_in_user()
    {
        var ada = await app.RegisterAsync("ada");
        var id = await ada.PostAsync("hello");

        await ada.Api.PostAsync($"/posts/{Guid.CreateVersion7()}/like").ShouldBeProblem(HttpStatusCode.NotFound);
        await ada.Api.PostAsync($"/posts/{Guid.CreateVersion7()}/repost").ShouldBeProblem(HttpStatusCode.NotFound);
        await app.Anonymous().PostAsync($"/posts/{id}/like").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await app.Anonymous().PostAsync($"/posts/{id}/repost").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}
