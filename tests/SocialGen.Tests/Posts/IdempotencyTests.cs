using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SocialGen.Api.Infrastructure;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Posts;

public sealed class IdempotencyTests(AppFixture app)
{
    [Fact]
    public async Task Keys_past_their_day_are_swept_away_and_younger_ones_kept()
    {
        var now = DateTimeOffset.UtcNow;
        var expired = new IdempotencyRecord($"test:{Guid.NewGuid():N}", "hash", Guid.NewGuid(), 201, "/posts/x", now.AddHours(-25));
        var live = expired with { Id = $"test:{Guid.NewGuid():N}", CreatedAt = now.AddHours(-23) };
        await using (var session = app.Store.LightweightSession())
        {
            session.Store(expired, live);
            await session.SaveChangesAsync();
        }

        await app.Host.Services.GetRequiredService<IdempotencyExpiry>().SweepAsync(CancellationToken.None);

        await using var query = app.Store.QuerySession();
        Assert.Null(await query.LoadAsync<IdempotencyRecord>(expired.Id));
        Assert.NotNull(await query.LoadAsync<IdempotencyRecord>(live.Id));
    }

    [Fact]
    public async Task A_retry_with_the_same_key_returns_the_original_post_and_posts_nothing_new()
    {
        var ada = await app.RegisterAsync("ada");
        var key = Guid.NewGuid().ToString();

        var first = await Send(ada, key, "only once").ShouldBe(HttpStatusCode.Created);
        var retry = await Send(ada, key, "only once").ShouldBe(HttpStatusCode.Created);

        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Sequence(), retry.Sequence());
        Assert.Single(await app.Anonymous().ReadAllAsync($"/users/{ada.Handle}/posts", first.Sequence()));
    }

    [Fact]
    public async Task Racing_retries_with_the_same_key_create_exactly_one_post()
    {
        var ada = await app.RegisterAsync("ada");
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Send(ada, key, "racing")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Single(await app.Anonymous().ReadAllAsync($"/users/{ada.Handle}/posts", responses.Max(r => r.Sequence())));
    }

    [Fact]
    public async Task The_same_key_with_a_different_post_is_refused()
    {
        var ada = await app.RegisterAsync("ada");
        var key = Guid.NewGuid().ToString();
        await Send(ada, key, "first").ShouldBe(HttpStatusCode.Created);

        await Send(ada, key, "something else").ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Keys_belong_to_their_user()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var key = Guid.NewGuid().ToString();

        var adas = await (await Send(ada, key, "same words").ShouldBe(HttpStatusCode.Created)).JsonAsync();
        var bobs = await (await Send(bob, key, "same words").ShouldBe(HttpStatusCode.Created)).JsonAsync();

        Assert.NotEqual(adas.GetProperty("id").GetGuid(), bobs.GetProperty("id").GetGuid());
    }

    [Theory]
    [InlineData("ключ")]
    [InlineData("has space")]
    public async Task A_malformed_key_is_a_bad_request(string key)
    {
        var ada = await app.RegisterAsync("ada");
        await Send(ada, key, "hello").ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_overlong_key_is_a_bad_request()
    {
        var ada = await app.RegisterAsync("ada");
        await Send(ada, new string('k', 256), "hello").ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    private static Task<HttpResponseMessage> Send(TestUser user, string key, string text)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/posts") { Content = JsonContent.Create(new { text }, options: ApiClient.Json) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return user.Api.Http.SendAsync(request);
    }
}
