using System.Net;
using Marten.Events;
using SocialGen.Api.Social;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Social;

public sealed class FollowTests(AppFixture app)
{
    [Fact]
    public async Task Following_and_unfollowing_show_in_both_profiles_counts_once_the_daemon_catches_up()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var cyd = await app.RegisterAsync("cyd");

        await ada.FollowAsync(bob);
        await cyd.FollowAsync(bob);
        await ada.FollowAsync(cyd);
        await ada.UnfollowAsync(cyd);
        await app.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((0, 1), await CountsOf(ada));
        Assert.Equal((2, 0), await CountsOf(bob));
        Assert.Equal((0, 1), await CountsOf(cyd));
    }

    [Fact]
    public async Task Following_twice_is_one_follow_and_unfollowing_twice_is_one_unfollow()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");

        await ada.FollowAsync(bob);
        var first = ada.LastSequence;
        await ada.FollowAsync(bob);
        Assert.Equal(first, ada.LastSequence);
        Assert.Equal((1, 0), await CountsOf(bob, ada.LastSequence));

        await ada.UnfollowAsync(bob);
        await ada.UnfollowAsync(bob);
        Assert.Equal((0, 0), await CountsOf(bob, ada.LastSequence));

        await using var session = app.Store.QuerySession();
        var history = await session.Events.FetchStreamAsync(FollowRelationship.IdFor(ada.Id, bob.Id));
        Assert.Equal([typeof(UserFollowed), typeof(UserUnfollowed)], history.Select(e => e.EventType));
    }

    [Fact]
    public async Task Concurrent_follows_of_one_person_by_many_people_are_all_counted()
    {
        var star = await app.RegisterAsync("star");
        var fans = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => app.RegisterAsync("fan")));

        await Task.WhenAll(fans.Select(fan => fan.FollowAsync(star)));

        Assert.Equal((10, 0), await CountsOf(star, fans.Max(f => f.LastSequence)));
    }

    [Fact]
    public async Task Following_yourself_is_a_bad_request()
    {
        var ada = await app.RegisterAsync("ada");
        await ada.Api.PostAsync($"/users/{ada.Handle}/follow").ShouldBeProblem(HttpStatusCode.BadRequest);
        await ada.Api.PostAsync($"/users/{ada.Handle.ToUpperInvariant()}/follow").ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Following_an_unknown_handle_is_not_found()
    {
        var ada = await app.RegisterAsync("ada");
        await ada.Api.PostAsync($"/users/{Users.UniqueHandle("ghost")}/follow").ShouldBeProblem(HttpStatusCode.NotFound);
        await ada.Api.DeleteAsync($"/users/{Users.UniqueHandle("ghost")}/follow").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Following_needs_a_signed_in_user()
    {
        var bob = await app.RegisterAsync("bob");
        await app.Anonymous().PostAsync($"/users/{bob.Handle}/follow").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await app.Anonymous().DeleteAsync($"/users/{bob.Handle}/follow").ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    private async Task<(int Followers, int Following)> CountsOf(TestUser user, long minSequence = 0)
    {
        var profile = await (await app.Anonymous().GetAsync($"/users/{user.Handle}?minSequence={minSequence}")
            .ShouldBe(HttpStatusCode.OK)).JsonAsync();
        return (profile.GetProperty("followersCount").GetInt32(), profile.GetProperty("followingCount").GetInt32());
    }
}
