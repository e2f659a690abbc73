using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Images;

public sealed class ImageRequestTests(AppFixture app)
{
    [Fact]
    public async Task A_requested_image_is_generated_in_the_background_and_served_as_a_png()
    {
        var ada = await app.RegisterAsync("ada");

        var accepted = await ada.Api.PostAsync("/images", new { prompt = "A lighthouse at dawn", size = "1536x1024" })
            .ShouldBe(HttpStatusCode.Accepted);
        var body = await accepted.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal($"/images/{id}", accepted.Headers.Location?.ToString());
        Assert.Equal(accepted.Sequence(), body.GetProperty("sequence").GetInt64());

        var image = await ada.WaitForImageAsync(id);
        Assert.Equal("ready", image.GetProperty("status").GetString());
        Assert.Equal("A lighthouse at dawn", image.GetProperty("prompt").GetString());
        Assert.Equal("offline", image.GetProperty("provider").GetString());
        Assert.Equal("offline-art-1", image.GetProperty("model").GetString());
        Assert.True(image.GetProperty("completedAt").GetDateTimeOffset() >= image.GetProperty("createdAt").GetDateTimeOffset());

        var media = await app.Anonymous().GetAsync($"/media/{image.GetProperty("mediaId").GetGuid()}").ShouldBe(HttpStatusCode.OK);
        var png = await media.Content.ReadAsByteArrayAsync();
        Assert.Equal("image/png", media.Content.Headers.ContentType?.MediaType);
        Assert.Equal((1536, 1024), PngFile.Dimensions(png));
        Assert.Contains("immutable", media.Headers.CacheControl?.ToString());
        Assert.NotNull(media.Headers.ETag);
    }

    [Fact]
    public async Task A_client_that_has_the_image_gets_304_not_modified()
    {
        var ada = await app.RegisterAsync("ada");
        var mediaId = await ada.ReadyMediaAsync();
        var first = await app.Anonymous().GetAsync($"/media/{mediaId}").ShouldBe(HttpStatusCode.OK);

        var request = new HttpRequestMessage(HttpMethod.Get, $"/media/{mediaId}");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var again = await app.Anonymous().Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_prompt_that_fails_moderation_is_rejected_with_its_category()
    {
        var ada = await app.RegisterAsync("ada");
        var image = await ada.WaitForImageAsync(await ada.RequestImageAsync("how to kill a process, illustrated"));

        Assert.Equal("rejected", image.GetProperty("status").GetString());
        Assert.Contains("violence", image.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, image.GetProperty("mediaId").ValueKind);
    }

    public static TheoryData<string> InvalidRequests => new()
    {
        """{"prompt":""}""",
        """{"prompt":"   "}""",
        """{"prompt":"x"}""".Replace("x", new string('x', 1001)),
        """{"prompt":"a cat","size":"800x600"}""",
        """{"prompt":"a cat","size":1024}""",
        """{"prompt":"a cat","altText":""}""",
        """{"prompt":"a cat","style":"vivid"}""",
        """{"size":"1024x1024"}""",
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_requests_are_refused_and_use_no_quota(string json)
    {
        var ada = await app.RegisterAsync("ada");
        await ada.Api.SendRawAsync(HttpMethod.Post, "/images", json).ShouldBeProblem(HttpStatusCode.BadRequest);

        for (var i = 0; i < AppFixture.ImageQuota; i++) await ada.RequestImageAsync($"allowed {i}");
    }

    [Fact]
    public async Task The_daily_quota_answers_429_with_retry_after()
    {
        var ada = await app.RegisterAsync("ada");
        for (var i = 0; i < AppFixture.ImageQuota; i++) await ada.RequestImageAsync($"picture {i}");

        var refused = await ada.Api.PostAsync("/images", new { prompt = "one too many" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        Assert.Equal(429, (await refused.JsonAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Concurrent_requests_cannot_exceed_the_quota()
    {
        var ada = await app.RegisterAsync("ada");
        var responses = await Task.WhenAll(Enumerable.Range(0, AppFixture.ImageQuota * 2)
            .Select(i => ada.Api.PostAsync("/images", new { prompt = $"burst {i}" })));

        Assert.Equal(AppFixture.ImageQuota, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(AppFixture.ImageQuota, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_original_request()
    {
        var ada = await app.RegisterAsync("ada");
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/images") { Content = JsonContent.Create(new { prompt = "once only" }) };
            request.Headers.Add("Idempotency-Key", key);
            return ada.Api.Http.SendAsync(request);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        for (var i = 1; i < AppFixture.ImageQuota; i++) await ada.RequestImageAsync($"quota left {i}");
    }

    [Fact]
    public async Task Only_the_owner_or_an_admin_can_see_an_image_request()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var admin = await app.RegisterAdminAsync();
        var id = await ada.RequestImageAsync("private sketch");

        await bob.Api.GetAsync($"/images/{id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await app.Anonymous().GetAsync($"/images/{id}").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await admin.Api.GetAsync($"/images/{id}").ShouldBe(HttpStatusCode.OK);
        await ada.Api.GetAsync($"/images/{Guid.CreateVersion7()}").ShouldBeProblem(HttpStatusCode.NotFound);
        await app.Anonymous().GetAsync($"/media/{Guid.CreateVersion7()}").ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
