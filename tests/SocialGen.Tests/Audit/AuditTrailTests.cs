using System.Net;
using System.Text.Json;
using SocialGen.Api.Accounts;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Audit;

public sealed class AuditTrailTests(AppFixture app)
{
    /// <summary>A post's life under known correlation ids: created, edited, liked by someone else, deleted.</summary>
    private async Task<(TestUser Ada, TestUser Bob, Guid Post, string Run)> PostLifeAsync()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var run = Guid.NewGuid().ToString("N")[..8];
        var created = await ada.SendAsync(HttpMethod.Post, "/posts", $"{run}-create", new { text = "First words #audit" }).ShouldBe(HttpStatusCode.Created);
        var post = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await ada.SendAsync(HttpMethod.Put, $"/posts/{post}", $"{run}-edit", new { text = "Second thoughts" }).ShouldBe(HttpStatusCode.NoContent);
        await bob.SendAsync(HttpMethod.Post, $"/posts/{post}/like", $"{run}-like").ShouldBe(HttpStatusCode.NoContent);
        await ada.SendAsync(HttpMethod.Delete, $"/posts/{post}", $"{run}-delete").ShouldBe(HttpStatusCode.NoContent);
        return (ada, bob, post, run);
    }

    [Fact]
    public async Task An_auditor_replays_a_deleted_posts_history_with_actor_order_and_correlation()
    {
        var (ada, _, post, run) = await PostLifeAsync();
        var auditor = await app.WithRoleAsync(await app.RegisterAsync("aud"), Roles.Auditor);

        var events = (await (await auditor.Api.GetAsync($"/audit/streams/{post}/events").ShouldBe(HttpStatusCode.OK)).JsonAsync())
            .EnumerateArray().ToList();

        Assert.Equal(["post_created", "post_edited", "post_deleted"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.GetProperty("version").GetInt64()));
        Assert.True(events.Select(e => e.GetProperty("sequence").GetInt64()).SequenceEqual(events.Select(e => e.GetProperty("sequence").GetInt64()).Order()));
        Assert.Equal([$"{run}-create", $"{run}-edit", $"{run}-delete"], events.Select(e => e.GetProperty("correlationId").GetString()));
        Assert.All(events, e => Assert.Equal(ada.Id, e.GetProperty("actor").GetProperty("userId").GetGuid()));
        Assert.All(events, e => Assert.Equal(ada.Handle, e.GetProperty("actor").GetProperty("handle").GetString()));
        Assert.All(events, e => Assert.StartsWith("http:", e.GetProperty("causationId").GetString()));
        Assert.Equal("First words #audit", events[0].GetProperty("data").GetProperty("text").GetString());
        Assert.Equal(["audit"], events[0].GetProperty("data").GetProperty("hashtags").EnumerateArray().Select(h => h.GetString()));
    }

    [Fact]
    public async Task An_auditor_sees_a_post_as_it_was_at_each_version_and_time()
    {
        var (ada, _, post, _) = await PostLifeAsync();
        var auditor = await app.WithRoleAsync(await app.RegisterAsync("aud"), Roles.Auditor);
        var events = (await (await auditor.Api.GetAsync($"/audit/streams/{post}/events")).JsonAsync()).EnumerateArray().ToList();

        var first = await State(auditor, $"/audit/streams/{post}/state?version=1");
        var second = await State(auditor, $"/audit/streams/{post}/state?version=2");
        var deleted = await State(auditor, $"/audit/streams/{post}/state?version=3");
        var atEdit = await State(auditor, $"/audit/streams/{post}/state?at={Uri.EscapeDataString(events[1].GetProperty("timestamp").GetString()!)}");

        Assert.Equal(("First words #audit", false), (first.GetProperty("text").GetString(), first.GetProperty("deleted").GetBoolean()));
        Assert.Equal(("Second thoughts", false), (second.GetProperty("text").GetString(), second.GetProperty("deleted").GetBoolean()));
        Assert.Equal(("Second thoughts", true), (deleted.GetProperty("text").GetString(), deleted.GetProperty("deleted").GetBoolean()));
        Assert.Equal("Second thoughts", atEdit.GetProperty("text").GetString());
        Assert.Equal(ada.Id, first.GetProperty("authorId").GetGuid());

        await auditor.Api.GetAsync($"/audit/streams/{post}/state?version=4").ShouldBeProblem(HttpStatusCode.NotFound);
        await auditor.Api.GetAsync($"/audit/streams/{post}/state?version=0").ShouldBeProblem(HttpStatusCode.BadRequest);
        await auditor.Api.GetAsync($"/audit/streams/{post}/state?version=1&at=2020-01-01T00:00:00Z").ShouldBeProblem(HttpStatusCode.BadRequest);
        await auditor.Api.GetAsync($"/audit/streams/{post}/state?at=2020-01-01T00:00:00Z").ShouldBeProblem(HttpStatusCode.NotFound);
        await auditor.Api.GetAsync($"/audit/streams/{post}/state?at=yesterday").ShouldBeProblem(HttpStatusCode.BadRequest);
        await auditor.Api.GetAsync($"/audit/streams/{Guid.CreateVersion7()}/events").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Everything_one_request_did_is_found_by_its_correlation_id()
    {
        var (_, bob, post, run) = await PostLifeAsync();
        var auditor = await app.WithRoleAsync(await app.RegisterAsync("aud"), Roles.Auditor);

        var page = await (await auditor.Api.GetAsync($"/audit/events?correlationId={run}-like").ShouldBe(HttpStatusCode.OK)).JsonAsync();

        var like = Assert.Single(page.GetProperty("events").EnumerateArray());
        Assert.Equal("post_liked", like.GetProperty("type").GetString());
        Assert.Equal(bob.Id, like.GetProperty("actor").GetProperty("userId").GetGuid());
        Assert.Equal(post, like.GetProperty("data").GetProperty("postId").GetGuid());
        Assert.Equal(like.GetProperty("sequence").GetInt64(), page.GetProperty("nextAfter").GetInt64());
    }

    [Fact]
    public async Task The_whole_store_is_paged_in_sequence_order_with_filters()
    {
        var (ada, _, _, _) = await PostLifeAsync();
        var auditor = await app.WithRoleAsync(await app.RegisterAsync("aud"), Roles.Auditor);

        var byAda = new List<JsonElement>();
        long after = 0;
        while (true)
        {
            var page = await (await auditor.Api.GetAsync($"/audit/events?actor={ada.Handle}&after={after}&limit=2")).JsonAsync();
            var events = page.GetProperty("events").EnumerateArray().ToList();
            if (events.Count == 0) break;
            byAda.AddRange(events);
            after = page.GetProperty("nextAfter").GetInt64();
        }

        Assert.Equal(["account_registered", "post_created", "post_edited", "post_deleted"], byAda.Select(e => e.GetProperty("type").GetString()));
        var created = await (await auditor.Api.GetAsync($"/audit/events?type=post_created&actor={ada.Id}")).JsonAsync();
        Assert.Single(created.GetProperty("events").EnumerateArray());
    }

    [Theory]
    [InlineData("after=999999999999")]
    [InlineData("after=-1")]
    [InlineData("type=PostCreated")]
    [InlineData("type=SocialGen.Api.Posts.PostCreated")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("actor=nobody_at_all_here")]
    public async Task Bad_feed_filters_are_a_bad_request(string query)
    {
        var auditor = await app.WithRoleAsync(await app.RegisterAsync("aud"), Roles.Auditor);
        await auditor.Api.GetAsync($"/audit/events?{query}").ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Auditors_reads_are_recorded_for_admins()
    {
        var (_, _, post, _) = await PostLifeAsync();
        var auditor = await app.WithRoleAsync(await app.RegisterAsync("aud"), Roles.Auditor);
        var admin = await app.RegisterAdminAsync();
        await auditor.Api.GetAsync($"/audit/streams/{post}/events").ShouldBe(HttpStatusCode.OK);
        await auditor.Api.GetAsync($"/audit/streams/{post}/state?version=1").ShouldBe(HttpStatusCode.OK);

        var reads = (await (await admin.Api.GetAsync($"/admin/audit-reads?auditor={auditor.Handle}").ShouldBe(HttpStatusCode.OK)).JsonAsync())
            .EnumerateArray().ToList();

        Assert.Equal(["stream-events", "stream-state"], reads.Select(r => r.GetProperty("what").GetString()));
        Assert.All(reads, r => Assert.Equal(post, r.GetProperty("streamId").GetGuid()));
        Assert.All(reads, r => Assert.Equal(auditor.Id, r.GetProperty("auditor").GetProperty("userId").GetGuid()));
        Assert.Equal("?version=1", reads[1].GetProperty("query").GetString());
        var forStream = await (await admin.Api.GetAsync($"/admin/audit-reads?streamId={post}")).JsonAsync();
        Assert.True(forStream.GetArrayLength() >= 2);
    }

    private static async Task<JsonElement> State(TestUser auditor, string url) =>
        (await (await auditor.Api.GetAsync(url).ShouldBe(HttpStatusCode.OK)).JsonAsync()).GetProperty("state");
}
