using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SocialGen.Tests.Fixtures;

/// <summary>What a person does with posts, as one-liners that keep the user's last write sequence.</summary>
public static class PostScenarios
{
    public static async Task<Guid> PostAsync(this TestUser user, string text, object? replyTo = null, object? quoteOf = null)
    {
        var response = await user.Api.PostAsync("/posts", new { text, replyToId = replyTo, quoteOfId = quoteOf })
            .ShouldBe(HttpStatusCode.Created);
        user.LastSequence = response.Sequence();
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    public static Task<Guid> ReplyAsync(this TestUser user, Guid parent, string text) => user.PostAsync(text, replyTo: parent);

    public static Task<Guid> QuoteAsync(this TestUser user, Guid quoted, string text) => user.PostAsync(text, quoteOf: quoted);

    public static Task LikeAsync(this TestUser user, Guid post) => user.Acknowledged(user.Api.PostAsync($"/posts/{post}/like"));

    public static Task UnlikeAsync(this TestUser user, Guid post) => user.Acknowledged(user.Api.DeleteAsync($"/posts/{post}/like"));

    public static Task RepostAsync(this TestUser user, Guid post) => user.Acknowledged(user.Api.PostAsync($"/posts/{post}/repost"));

    public static Task UndoRepostAsync(this TestUser user, Guid post) => user.Acknowledged(user.Api.DeleteAsync($"/posts/{post}/repost"));

    public static Task EditAsync(this TestUser user, Guid post, string text) =>
        user.Acknowledged(user.Api.Http.PutAsJsonAsync($"/posts/{post}", new { text }, ApiClient.Json));

    public static Task DeleteAsync(this TestUser user, Guid post) => user.Acknowledged(user.Api.DeleteAsync($"/posts/{post}"));

    /// <summary>The post as anyone reads it once the given write is visible; null when it is 404.</summary>
    public static async Task<JsonElement?> ReadPostAsync(this AppFixture app, Guid post, long minSequence)
    {
        var response = await app.Anonymous().GetAsync($"/posts/{post}?minSequence={minSequence}");
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>Every item of a paged list, following nextCursor to the end.</summary>
    public static Task<List<JsonElement>> ReadAllAsync(this ApiClient api, string url, long minSequence, int limit = 100) =>
        api.Http.ReadAllAsync(url, minSequence, limit);

    public static async Task<List<JsonElement>> ReadAllAsync(this HttpClient http, string url, long minSequence, int limit = 100)
    {
        var items = new List<JsonElement>();
        var separator = url.Contains('?') ? '&' : '?';
        string? cursor = null;
        do
        {
            var page = await (await http.GetAsync($"{url}{separator}limit={limit}&minSequence={minSequence}" +
                (cursor is null ? "" : $"&cursor={cursor}")).ShouldBe(HttpStatusCode.OK)).JsonAsync();
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);

        return items;
    }

    public static Guid PostId(this JsonElement timelineItem) => timelineItem.GetProperty("post").GetProperty("id").GetGuid();

    public static string? RepostedBy(this JsonElement timelineItem) =>
        timelineItem.GetProperty("repostedBy").ValueKind == JsonValueKind.Null
            ? null
            : timelineItem.GetProperty("repostedBy").GetProperty("handle").GetString();

    private static async Task Acknowledged(this TestUser user, Task<HttpResponseMessage> request) =>
        user.LastSequence = Math.Max(user.LastSequence, (await request.ShouldBe(HttpStatusCode.NoContent)).Sequence());
}
