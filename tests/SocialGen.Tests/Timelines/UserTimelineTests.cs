using System.Net;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Timelines;

public sealed class UserTimelineTests(AppFixture app)
{
    [Fact]
    public async Task A_users_posts_are_listed_newest_first_with_replies_and_without_others_posts()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var first = await ada.PostAsync("first");
        var bobs = await bob.PostAsync("bob's");
        var reply = await ada.ReplyAsync(bobs, "a reply");
        await ada.RepostAsync(bobs);
        var seen = Math.Max(ada.LastSequence, bob.LastSequence);

        var posts = await app.Anonymous().ReadAllAsync($"/users/{ada.Handle.ToUpperInvariant()}/posts", seen, limit: 1);

        Assert.Equal([reply, first], posts.Select(p => p.PostId()));
    }

    [Fact]
    public async Task Unknown_users_and_bad_cursors_are_refused()
    {
        await app.Anonymous().GetAsync($"/users/{Users.UniqueHandle("ghost")}/posts").ShouldBeProblem(HttpStatusCode.NotFound);
        var ada = await app.RegisterAsync("ada");
        await app.Anonymous().GetAsync($"/users/{ada.Handle}/posts?cursor=aG9tZTox").ShouldBeProblem(HttpStatusCode.BadRequest); // "home:1"
    }
}
