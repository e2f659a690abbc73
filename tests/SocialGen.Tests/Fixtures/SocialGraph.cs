namespace SocialGen.Tests.Fixtures;

/// <summary>
/// A small social network with a varied history: a star with many followers (a "celebrity" whose posts are
/// merged at read time), people who post, reply, quote, like, repost, edit, delete, follow and unfollow.
/// </summary>
public sealed class SocialGraph
{
    public required TestUser Ada { get; init; }
    public required TestUser Bob { get; init; }
    public required TestUser Cyd { get; init; }
    public required TestUser Star { get; init; }
    public required IReadOnlyList<TestUser> Fans { get; init; }

    public Guid AdaHello { get; private set; }
    public Guid BobReply { get; private set; }
    public Guid CydQuote { get; private set; }
    public Guid StarAnnouncement { get; private set; }
    public Guid BobDeleted { get; private set; }
    public Guid AdaEdited { get; private set; }

    public long Seen => new[] { Ada, Bob, Cyd, Star }.Concat(Fans).Max(u => u.LastSequence);

    public static async Task<SocialGraph> BuildAsync(AppFixture app)
    {
        var graph = new SocialGraph
        {
            Ada = await app.RegisterAsync("ada", "Ada"),
            Bob = await app.RegisterAsync("bob", "Bob"),
            Cyd = await app.RegisterAsync("cyd", "Cyd"),
            Star = await app.RegisterAsync("star", "Star"),
            Fans = await Task.WhenAll(Enumerable.Range(0, AppFixture.CelebrityThreshold + 2).Select(i => app.RegisterAsync("fan", $"Fan {i}")))
        };
        await graph.PlayAsync();
        return graph;
    }

    private async Task PlayAsync()
    {
        await Ada.FollowAsync(Bob);
        await Bob.FollowAsync(Ada);
        await Cyd.FollowAsync(Ada);
        await Ada.FollowAsync(Star);
        foreach (var fan in Fans) await fan.FollowAsync(Star);

        AdaHello = await Ada.PostAsync("Hello #world, says @ada");
        BobReply = await Bob.ReplyAsync(AdaHello, "Hi Ada!");
        CydQuote = await Cyd.QuoteAsync(AdaHello, "Look at this");
        StarAnnouncement = await Star.PostAsync("Big news from the star");
        BobDeleted = await Bob.PostAsync("Oops, wrong account");
        AdaEdited = await Ada.PostAsync("Frist post");

        await Bob.LikeAsync(AdaHello);
        await Cyd.LikeAsync(AdaHello);
        await Fans[0].LikeAsync(StarAnnouncement);
        await Cyd.UnlikeAsync(AdaHello);
        await Bob.RepostAsync(StarAnnouncement);
        await Cyd.RepostAsync(AdaHello);
        await Ada.EditAsync(AdaEdited, "First post");
        await Bob.DeleteAsync(BobDeleted);
        await Cyd.FollowAsync(Bob);
        await Cyd.UnfollowAsync(Ada);
    }
}
