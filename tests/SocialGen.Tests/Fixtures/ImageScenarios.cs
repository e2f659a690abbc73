using System.Net;
using System.Text.Json;

namespace SocialGen.Tests.Fixtures;

public static class ImageScenarios
{
    public static async Task<Guid> RequestImageAsync(this TestUser user, string prompt, string? size = null, string? altText = null)
    {
        var response = await user.Api.PostAsync("/images", new { prompt, size, altText }).ShouldBe(HttpStatusCode.Accepted);
        user.LastSequence = response.Sequence();
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>Polls the request until it leaves "pending" (the worker runs in the background), or fails the test.</summary>
    public static async Task<JsonElement> WaitForImageAsync(this TestUser user, Guid id, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var image = await (await user.Api.GetAsync($"/images/{id}").ShouldBe(HttpStatusCode.OK)).JsonAsync();
            if (image.GetProperty("status").GetString() != "pending") return image;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Image {id} is still pending: {image}");
            await Task.Delay(100);
        }
    }

    public static async Task<Guid> ReadyMediaAsync(this TestUser user, string prompt = "a lighthouse at dawn", string? altText = null)
    {
        var image = await user.WaitForImageAsync(await user.RequestImageAsync(prompt, altText: altText));
        Assert.Equal("ready", image.GetProperty("status").GetString());
        return image.GetProperty("mediaId").GetGuid();
    }
}
