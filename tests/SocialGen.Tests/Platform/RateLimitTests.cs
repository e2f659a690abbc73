using System.Net;
using Marten;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Platform;

/// <summary>An API host with small limits, so a test reaches them in a handful of requests.</summary>
public sealed class LimitedApp : IAsyncLifetime
{
    public const int WritesPerUser = 5;
    public const int WritesPerIp = 8;
    public const int SignInsPerHandle = 3;
    public const int SignInsPerIp = 6;
    public const int RegistrationsPerIp = 3;
    public const int AiPerUser = 2;

    public AppFixture App { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var database = await TestDatabase.CreateAsync("socialgen_test_limits");
        App.UseHost(await AppFixture.StartAsync(database, new Dictionary<string, string?>
        {
            ["RateLimits:Write:PerUser"] = WritesPerUser.ToString(),
            ["RateLimits:Write:PerIp"] = WritesPerIp.ToString(),
            ["RateLimits:SignIn:PerHandle"] = SignInsPerHandle.ToString(),
            ["RateLimits:SignIn:PerIp"] = SignInsPerIp.ToString(),
            ["RateLimits:Registration:PerIp"] = RegistrationsPerIp.ToString(),
            ["RateLimits:Ai:PerUser"] = AiPerUser.ToString(),
        }));
    }

    public ValueTask DisposeAsync() => App.Host.DisposeAsync();
}

public sealed class RateLimitTests(LimitedApp limited) : IClassFixture<LimitedApp>
{
    private AppFixture App => limited.App;

    [Fact]
    public async Task A_user_who_writes_too_fast_gets_429_with_retry_after_and_the_refused_post_is_not_stored()
    {
        var ada = await App.RegisterAsync("ada");
        for (var i = 0; i < LimitedApp.WritesPerUser; i++) await ada.PostAsync($"post {i}");

        var refused = await ada.Api.PostAsync("/posts", new { text = "one too many" }).ShouldBeProblem(HttpStatusCode.TooManyRequests);

        Assert.Equal(429, refused.GetProperty("status").GetInt32());
        var timeline = await ada.Api.ReadAllAsync($"/users/{ada.Handle}/posts", ada.LastSequence);
        Assert.Equal(LimitedApp.WritesPerUser, timeline.Count);
        Assert.DoesNotContain(timeline, p => p.GetProperty("post").GetProperty("text").GetString() == "one too many");
    }

    [Fact]
    public async Task The_refusal_says_when_to_retry()
    {
        var ada = await App.RegisterAsync("ada");
        for (var i = 0; i < LimitedApp.WritesPerUser; i++) await ada.PostAsync($"post {i}");

        var refused = await ada.Api.PostAsync("/posts", new { text = "too soon" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task One_users_limit_does_not_slow_down_another_user()
    {
        var ada = await App.RegisterAsync("ada");
        var bob = await App.RegisterAsync("bob");
        for (var i = 0; i <= LimitedApp.WritesPerUser; i++) await ada.Api.PostAsync("/posts", new { text = $"ada {i}" });

        await bob.PostAsync("bob still gets through");
    }

    [Fact]
    public async Task Many_users_writing_from_one_address_share_that_addresss_limit()
    {
        var office = IPAddress.Parse("192.0.2.10");
        var users = new List<TestUser>();
        for (var i = 0; i < 3; i++)
        {
            var user = await App.RegisterAsync("office");
            users.Add(user with { Api = App.Anonymous(office).WithToken(await App.SignInAsync(user.Handle, user.Password)) });
        }

        var statuses = new List<HttpStatusCode>();
        foreach (var user in users)
            for (var i = 0; i < 3; i++)
                statuses.Add((await user.Api.PostAsync("/posts", new { text = $"from the office {i}" })).StatusCode);

        Assert.Equal(LimitedApp.WritesPerIp, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Guessing_one_accounts_password_is_stopped_even_from_many_addresses()
    {
        var ada = await App.RegisterAsync("ada");
        for (var i = 0; i < LimitedApp.SignInsPerHandle - 1; i++)
            await App.Anonymous().PostAsync("/auth/token", new { handle = ada.Handle, password = $"guess {i}" })
                .ShouldBeProblem(HttpStatusCode.Unauthorized);

        await App.Anonymous().PostAsync("/auth/token", new { handle = ada.Handle, password = "guess again" })
            .ShouldBeProblem(HttpStatusCode.TooManyRequests);
        // Even the right password waits: the attacker cannot tell a hit from a miss while the limit holds.
        await App.Anonymous().PostAsync("/auth/token", new { handle = ada.Handle, password = ada.Password })
            .ShouldBeProblem(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task One_address_trying_many_accounts_is_stopped()
    {
        var attacker = App.Anonymous(IPAddress.Parse("198.51.100.7"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= LimitedApp.SignInsPerIp; i++)
            statuses.Add((await attacker.PostAsync("/auth/token", new { handle = $"victim{i}", password = "123456" })).StatusCode);

        Assert.All(statuses[..LimitedApp.SignInsPerIp], s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task One_address_cannot_create_accounts_in_bulk()
    {
        var spammer = App.Anonymous(IPAddress.Parse("203.0.113.99"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= LimitedApp.RegistrationsPerIp; i++)
            statuses.Add((await spammer.PostAsync("/accounts",
                new { handle = Users.UniqueHandle("bulk"), displayName = "Bulk", password = Users.Password })).StatusCode);

        Assert.All(statuses[..LimitedApp.RegistrationsPerIp], s => Assert.Equal(HttpStatusCode.Created, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task The_ai_endpoints_have_a_smaller_allowance_per_user()
    {
        var ada = await App.RegisterAsync("ada");
        for (var i = 0; i < LimitedApp.AiPerUser; i++)
            await ada.Api.PostAsync("/assist/compose", new { goal = "hashtags", draft = $"a draft {i}" }).ShouldBe(HttpStatusCode.OK);

        await ada.Api.PostAsync("/assist/compose", new { goal = "hashtags", draft = "one more" })
            .ShouldBeProblem(HttpStatusCode.TooManyRequests);
        await ada.Api.PostAsync("/images", new { prompt = "a lighthouse" }).ShouldBeProblem(HttpStatusCode.TooManyRequests);
        await ada.PostAsync("ordinary writes are counted apart");
    }
}
