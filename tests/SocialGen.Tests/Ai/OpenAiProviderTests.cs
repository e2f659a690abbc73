using System.Diagnostics;
using System.Net;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Ai;

/// <summary>The OpenAI path end to end: the API, the real OpenAI SDK, and a fake OpenAI server on 127.0.0.1.</summary>
public sealed class OpenAiProviderTests(OpenAiFixture fixture) : IClassFixture<OpenAiFixture>
{
    private readonly AppFixture _app = fixture.App;

    [Fact]
    public async Task An_image_is_generated_by_openai_and_labelled_with_its_provenance()
    {
        var ada = await _app.RegisterAsync("ada");
        var image = await ada.WaitForImageAsync(await ada.RequestImageAsync("a quiet harbour", altText: "Boats at rest"));

        Assert.Equal("ready", image.GetProperty("status").GetString());
        Assert.Equal("openai", image.GetProperty("provider").GetString());
        Assert.Equal("gpt-image-1", image.GetProperty("model").GetString());
        Assert.Equal("revised: a quiet harbour", image.GetProperty("revisedPrompt").GetString());
        var mediaId = image.GetProperty("mediaId").GetGuid();
        Assert.Equal(FakeOpenAi.Png, await (await _app.Anonymous().GetAsync($"/media/{mediaId}")).Content.ReadAsByteArrayAsync());

        var postId = await PostWithMedia(ada, mediaId);
        var media = (await _app.ReadPostAsync(postId, ada.LastSequence))!.Value.GetProperty("media")[0];
        Assert.True(media.GetProperty("aiGenerated").GetBoolean());
        Assert.Equal("Boats at rest", media.GetProperty("altText").GetString());
        Assert.Equal("openai", media.GetProperty("provenance").GetProperty("provider").GetString());
        Assert.Equal("gpt-image-1", media.GetProperty("provenance").GetProperty("model").GetString());
        Assert.Equal(image.GetProperty("id").GetGuid(), media.GetProperty("provenance").GetProperty("imageRequestId").GetGuid());
    }

    [Fact]
    public async Task A_rate_limit_with_retry_after_is_waited_out_and_then_succeeds()
    {
        var ada = await _app.RegisterAsync("ada");
        var prompt = $"a busy port [429-once] {Guid.NewGuid()}";
        var image = await ada.WaitForImageAsync(await ada.RequestImageAsync(prompt));

        Assert.Equal("ready", image.GetProperty("status").GetString());
        Assert.Equal(2, fixture.OpenAi.CallsTo("images", prompt));
    }

    [Fact]
    public async Task Repeated_server_errors_fail_the_request_after_the_configured_attempts()
    {
        var ada = await _app.RegisterAsync("ada");
        var prompt = $"a broken server [500] {Guid.NewGuid()}";
        var image = await ada.WaitForImageAsync(await ada.RequestImageAsync(prompt));

        Assert.Equal("failed", image.GetProperty("status").GetString());
        Assert.Equal(OpenAiFixture.MaxAttempts, image.GetProperty("failedAttempts").GetInt32());
        Assert.Contains("500", image.GetProperty("error").GetString());
        Assert.Equal(OpenAiFixture.MaxAttempts * (OpenAiFixture.SdkRetries + 1), fixture.OpenAi.CallsTo("images", prompt));
    }

    [Fact]
    public async Task A_hanging_server_fails_the_request_within_the_configured_timeout()
    {
        var ada = await _app.RegisterAsync("ada");
        var clock = Stopwatch.StartNew();
        var image = await ada.WaitForImageAsync(await ada.RequestImageAsync($"a frozen sea [hang] {Guid.NewGuid()}"));

        Assert.Equal("failed", image.GetProperty("status").GetString());
        // Two attempts of (1 try + 1 retry) of 1.5 s each, plus backoff: far below the SDK's default of minutes.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(OpenAiFixture.TimeoutSeconds), TimeSpan.FromSeconds(25));
    }

    [Fact]
    public async Task A_content_policy_refusal_rejects_the_request()
    {
        var ada = await _app.RegisterAsync("ada");
        var image = await ada.WaitForImageAsync(await ada.RequestImageAsync($"something disallowed [policy] {Guid.NewGuid()}"));

        Assert.Equal("rejected", image.GetProperty("status").GetString());
        Assert.Contains("content_policy", image.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_prompt_flagged_by_moderation_never_reaches_the_image_endpoint()
    {
        var ada = await _app.RegisterAsync("ada");
        var prompt = $"a violent scene [flag] {Guid.NewGuid()}";
        var image = await ada.WaitForImageAsync(await ada.RequestImageAsync(prompt));

        Assert.Equal("rejected", image.GetProperty("status").GetString());
        Assert.Contains("violence", image.GetProperty("error").GetString());
        Assert.Equal(1, fixture.OpenAi.CallsTo("moderations", prompt));
        Assert.Equal(0, fixture.OpenAi.CallsTo("images", prompt));
    }

    [Fact]
    public async Task Writing_suggestions_come_from_the_chat_model_with_flagged_ones_withheld()
    {
        var ada = await _app.RegisterAsync("ada");
        var response = await ada.Api.PostAsync("/assist/compose", new { goal = "engaging", draft = "We shipped the release" })
            .ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();

        Assert.Equal(["A sharper version"], body.GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("openai", body.GetProperty("provider").GetString());
        Assert.Equal("gpt-4o-mini", body.GetProperty("model").GetString());
    }

    private static async Task<Guid> PostWithMedia(TestUser user, Guid mediaId)
    {
        var created = await user.Api.PostAsync("/posts", new { text = "Look what I made", mediaIds = new[] { mediaId } })
            .ShouldBe(HttpStatusCode.Created);
        user.LastSequence = created.Sequence();
        return (await created.JsonAsync()).GetProperty("id").GetGuid();
    }
}
