using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Timelines;

/// <summary>The whole social core end to end: after a varied history every read shows what a person expects.</summary>
public sealed class SocialGraphTests(AppFixture app)
{
    [Fact]
    public async Task Every_read_model_shows_the_history_as_people_expect()
    {
        var g = await SocialGraph.BuildAsync(app);

        var ada = await (await app.Anonymous().GetAsync($"/users/{g.Ada.Handle}?minSequence={g.Seen}")).JsonAsync();
        Assert.Equal((1, 2, 2), (ada.GetProperty("followersCount").GetInt32(), ada.GetProperty("followingCount").GetInt32(),
            ada.GetProperty("postsCount").GetInt32()));
        var star = await (await app.Anonymous().GetAsync($"/users/{g.Star.Handle}?minSequence={g.Seen}")).JsonAsync();
        Assert.Equal(g.Fans.Count + 1, star.GetProperty("followersCount").GetInt32());

        var hello = (await app.ReadPostAsync(g.AdaHello, g.Seen))!.Value.GetProperty("counts");
        Assert.Equal("""{"likes":1,"reposts":1,"replies":1,"quotes":1}""", hello.GetRawText());
        var edited = (await app.ReadPostAsync(g.AdaEdited, g.Seen))!.Value;
        Assert.Equal("First post", edited.GetProperty("text").GetString());

        // Ada follows Bob and the star (merged at read time) and sees her own posts.
        var adaHome = await g.Ada.Api.ReadAllAsync("/timeline/home", g.Seen);
        Assert.Equal([g.StarAnnouncement, g.AdaEdited, g.StarAnnouncement, g.BobReply, g.AdaHello], adaHome.Select(i => i.PostId()));
        Assert.Equal([g.Bob.Handle, null, null, null, null], adaHome.Select(i => i.RepostedBy()));

        // Cyd unfollowed Ada and followed Bob afterwards: Bob's history comes in, Ada's posts go.
        var cydHome = await g.Cyd.Api.ReadAllAsync("/timeline/home", g.Seen);
        Assert.Equal([g.AdaHello, g.StarAnnouncement, g.CydQuote, g.BobReply], cydHome.Select(i => i.PostId()));
        Assert.Equal([g.Cyd.Handle, g.Bob.Handle, null, null], cydHome.Select(i => i.RepostedBy()));

        var fanHome = await g.Fans[^1].Api.ReadAllAsync("/timeline/home", g.Seen);
        Assert.Equal([g.StarAnnouncement], fanHome.Select(i => i.PostId()));

        var bobsPosts = await app.Anonymous().ReadAllAsync($"/users/{g.Bob.Handle}/posts", g.Seen);
        Assert.Equal([g.BobReply], bobsPosts.Select(i => i.PostId()));
    }
}
