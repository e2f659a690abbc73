using System.Net;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Ai;

/// <summary>
/// The AI provider misbehaving in every way a network service can: the API stays responsive, every image request
/// reaches a terminal state within its bound, and nothing is retried forever.
/// </summary>
public sealed class AiFaultTests(OpenAiFixture fixture) : IClassFixture<OpenAiFixture>
{
    private readonly AppFixture _app = fixture.App;

    /// <summary>Attempts × (moderation + generation) × (1 call + SDK retries): the most any request can cost.</summary>
    private static readonly int MaxProviderCalls = OpenAiFixture.MaxAttempts * 2 * (OpenAiFixture.SdkRetries + 1);

    [Theory]
    [InlineData("[garbage]")]
    [InlineData("[reset]")]
    [InlineData("[hang]")]
    public async Task An_image_request_to_a_misbehaving_provider_fails_after_its_attempts_and_is_not_retried_again(string fault)
    {
        var ada = await _app.RegisterAsync("ada");
        var prompt = $"a stormy coast {fault} {Guid.NewGuid()}";

        var image = await ada.WaitForImageAsync(await ada.RequestImageAsync(prompt), TimeSpan.FromSeconds(40));

        Assert.Equal("failed", image.GetProperty("status").GetString());
        Assert.Equal(OpenAiFixture.MaxAttempts, image.GetProperty("failedAttempts").GetInt32());
        // The prompt's moderation already meets the fault, so the calls are mostly to /moderations.
        var calls = fixture.OpenAi.CallsTo("moderations", prompt) + fixture.OpenAi.CallsTo("images", prompt);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(calls, fixture.OpenAi.CallsTo("moderations", prompt) + fixture.OpenAi.CallsTo("images", prompt));
        Assert.InRange(calls, OpenAiFixture.MaxAttempts, MaxProviderCalls);
    }

    [Fact]
    public async Task A_slow_provider_still_delivers_the_picture()
    {
        var ada = await _app.RegisterAsync("ada");
        var image = await ada.WaitForImageAsync(await ada.RequestImageAsync($"a patient snail [slow] {Guid.NewGuid()}"));

        Assert.Equal("ready", image.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("[garbage]")]
    [InlineData("[reset]")]
    [InlineData("[hang]")]
    public async Task The_writing_assistant_answers_503_with_retry_after_when_the_provider_misbehaves(string fault)
    {
        var ada = await _app.RegisterAsync("ada");

        var response = await ada.Api.PostAsync("/assist/compose", new { goal = "shorter", draft = $"A long draft {fault}" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task While_the_provider_hangs_posting_and_reading_go_on_without_waiting_for_it()
    {
        var ada = await _app.RegisterAsync("ada");
        // Fewer than the AI concurrency limit (4), so these wait on the provider rather than being turned away.
        var hanging = Enumerable.Range(0, 2)
            .Select(i => ada.Api.PostAsync("/assist/compose", new { goal = "engaging", draft = $"Waiting forever {i} [hang]" }))
            .Append(ada.Api.PostAsync("/images", new { prompt = $"never painted [hang] {Guid.NewGuid()}" }))
            .ToList();

        await ada.PostAsync("life goes on");
        await ada.Api.GetAsync("/timeline/home").ShouldBe(HttpStatusCode.OK);
        await ada.Api.GetAsync($"/users/{ada.Handle}?minSequence={ada.LastSequence}").ShouldBe(HttpStatusCode.OK);

        Assert.False(hanging.Take(2).All(h => h.IsCompleted), "the assistant calls should still be waiting on the provider");
        foreach (var response in await Task.WhenAll(hanging))
            Assert.True(response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Accepted, $"got {response.StatusCode}");
    }
}
