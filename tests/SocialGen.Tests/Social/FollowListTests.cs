using System.Net;
using System.Text.Json;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Social;

public sealed class FollowListTests(AppFixture app)
{
    [Fact]
    public async Task Followers_are_listed_newest_first_in_pages_without_gaps_or_duplicates()
    {
        var star = await app.RegisterAsync("star");
        var fans = new List<TestUser>();
        for (var i = 0; i < 5; i++)
        {
            var fan = await app.RegisterAsync($"fan{i}", displayName: $"Fan {i}");
            await fan.FollowAsync(star);
            fans.Add(fan);
        }

        var seen = await ReadAllPages($"/users/{star.Handle}/followers", limit: 2, minSequence: fans[^1].LastSequence);

        Assert.Equal(fans.Select(f => f.Handle).Reverse(), seen.Select(p => p.GetProperty("handle").GetString()));
        Assert.Equal("Fan 4", seen[0].GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Pages_stay_correct_while_new_follows_arrive()
    {
        var star = await app.RegisterAsync("star");
        var early = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.RegisterAsync("early")));
        foreach (var fan in early) await fan.FollowAsync(star);

        var first = await (await app.Anonymous()
            .GetAsync($"/users/{star.Handle}/followers?limit=2&minSequence={early[^1].LastSequence}")).JsonAsync();
        var late = await app.RegisterAsync("late");
        await late.FollowAsync(star);
        var second = await (await app.Anonymous()
            .GetAsync($"/users/{star.Handle}/followers?limit=2&cursor={first.GetProperty("nextCursor").GetString()}&minSequence={late.LastSequence}"))
            .JsonAsync();

        var handles = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(p => p.GetProperty("handle").GetString());
        Assert.Equal(early.Select(f => f.Handle).Reverse(), handles);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task Following_lists_whom_a_user_follows_and_drops_unfollowed_people()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var cyd = await app.RegisterAsync("cyd");
        await ada.FollowAsync(bob);
        await ada.FollowAsync(cyd);
        await ada.UnfollowAsync(bob);

        var following = await ReadAllPages($"/users/{ada.Handle}/following", limit: 10, minSequence: ada.LastSequence);

        var only = Assert.Single(following);
        Assert.Equal(cyd.Handle, only.GetProperty("handle").GetString());
        Assert.Equal(cyd.Id, only.GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("cursor=djE6YWJj")] // "v1:abc"
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("limit=ten")]
    public async Task Bad_paging_parameters_are_a_bad_request(string query)
    {
        var ada = await app.RegisterAsync("ada");
        await app.Anonymous().GetAsync($"/users/{ada.Handle}/followers?{query}").ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Lists_of_an_unknown_handle_are_not_found()
    {
        await app.Anonymous().GetAsync($"/users/{Users.UniqueHandle("ghost")}/followers").ShouldBeProblem(HttpStatusCode.NotFound);
        await app.Anonymous().GetAsync($"/users/{Users.UniqueHandle("ghost")}/following").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    private async Task<List<JsonElement>> ReadAllPages(string url, int limit, long minSequence)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var query = $"{url}?limit={limit}&minSequence={minSequence}" + (cursor is null ? "" : $"&cursor={cursor}");
            var response = await app.Anonymous().GetAsync(query).ShouldBe(HttpStatusCode.OK);
            Assert.True(response.ConsistentThrough() >= minSequence);
            var page = await response.JsonAsync();
            var pageItems = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(pageItems.Count, 0, limit);
            items.AddRange(pageItems);
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);

        Assert.Equal(items.Count, items.Select(i => i.GetProperty("id").GetGuid()).Distinct().Count());
        return items;
    }
}
