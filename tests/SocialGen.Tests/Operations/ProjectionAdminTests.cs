using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Marten;
using Marten.Events;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Operations;

/// <summary>Rebuilds empty read models that other tests read, so these run alone.</summary>
[Collection(nameof(RebuildCollection))]
public sealed class ProjectionAdminTests(AppFixture app)
{
    [Fact]
    public async Task Admins_see_every_projection_with_its_position_lag_and_state()
    {
        var admin = await app.RegisterAdminAsync();
        await app.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));

        var projections = (await (await admin.Api.GetAsync("/admin/projections").ShouldBe(HttpStatusCode.OK)).JsonAsync())
            .EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);

        foreach (var name in new[] { "Profiles", "FollowEdges", "PostViews", "HomeTimelines" })
        {
            var projection = projections[name];
            Assert.Equal("async", projection.GetProperty("lifecycle").GetString());
            Assert.Equal("running", projection.GetProperty("state").GetString());
            var shard = Assert.Single(projection.GetProperty("shards").EnumerateArray());
            Assert.Equal(projection.GetProperty("highWaterMark").GetInt64() - projection.GetProperty("lagEvents").GetInt64(),
                shard.GetProperty("position").GetInt64());
            Assert.True(projection.GetProperty("lagSeconds").GetDouble() >= 0);
        }

        Assert.Equal("inline", projections["Account"].GetProperty("lifecycle").GetString());
    }

    [Fact]
    public async Task A_rebuild_runs_in_the_background_refuses_a_second_one_and_reports_its_progress()
    {
        var admin = await app.RegisterAdminAsync();
        var ada = await app.RegisterAsync("ada");

        var starts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => admin.Api.PostAsync("/admin/projections/Profiles/rebuild")));
        Assert.Contains(starts, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Contains(starts, r => r.StatusCode == HttpStatusCode.Conflict);

        // Reads keep answering while the read model is rebuilt (possibly with what has been replayed so far).
        var during = await app.Anonymous().GetAsync($"/users/{ada.Handle}");
        Assert.Contains(during.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound });

        var profiles = await WaitForRebuildAsync(admin, "Profiles");
        Assert.Equal(JsonValueKind.Null, profiles.GetProperty("rebuild").GetProperty("error").ValueKind);
        await app.Anonymous().GetAsync($"/users/{ada.Handle}?minSequence={ada.LastSequence}").ShouldBe(HttpStatusCode.OK);
        await admin.Api.PostAsync("/admin/projections/NoSuchThing/rebuild").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_poisoned_event_is_skipped_reported_and_does_not_stop_the_daemon()
    {
        var admin = await app.RegisterAdminAsync();
        var poisoned = Guid.CreateVersion7();
        await InsertCorruptedLikeAsync(poisoned);
        await app.WaitForProjectionsAsync(TimeSpan.FromSeconds(60));

        var postViews = (await (await admin.Api.GetAsync("/admin/projections")).JsonAsync()).EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "PostViews");
        Assert.Equal("running", postViews.GetProperty("state").GetString());
        Assert.True(postViews.GetProperty("skipped").GetProperty("count").GetInt64() >= 1);
        Assert.False(string.IsNullOrEmpty(postViews.GetProperty("skipped").GetProperty("lastError").GetString()));

        // The daemon goes on: a post made afterwards is projected.
        var ada = await app.RegisterAsync("ada");
        var post = await ada.PostAsync("after the poison");
        Assert.NotNull(await app.ReadPostAsync(post, ada.LastSequence));

        // Auditors still see the bad event as stored; replaying that stream is refused, not a crash.
        var auditor = await app.WithRoleAsync(await app.RegisterAsync("aud"), SocialGen.Api.Accounts.Roles.Auditor);
        await auditor.Api.GetAsync($"/audit/streams/{poisoned}/events").ShouldBe(HttpStatusCode.OK);
        await auditor.Api.GetAsync($"/audit/streams/{poisoned}/state").ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Projection_lag_is_published_as_a_metric()
    {
        var measured = new List<(string Instrument, string? Projection)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "SocialGen") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
            measured.Add((instrument.Name, tags.ToArray().FirstOrDefault(t => t.Key == "projection").Value as string)));
        listener.Start();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!measured.Any(m => m.Projection == "PostViews") && DateTime.UtcNow < deadline)
        {
            listener.RecordObservableInstruments();
            await Task.Delay(200);
        }

        Assert.Contains(("socialgen.projection.lag.events", "PostViews"), measured);
    }

    private async Task<JsonElement> WaitForRebuildAsync(TestUser admin, string name)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var projection = (await (await admin.Api.GetAsync("/admin/projections")).JsonAsync()).EnumerateArray()
                .Single(p => p.GetProperty("name").GetString() == name);
            if (projection.GetProperty("rebuild").ValueKind == JsonValueKind.Object
                && projection.GetProperty("rebuild").GetProperty("finished").ValueKind != JsonValueKind.Null)
                return projection;
            Assert.True(DateTime.UtcNow < deadline, $"{name} is still rebuilding: {projection}");
            await Task.Delay(100);
        }
    }

    /// <summary>A like whose stored data no longer matches its type: what a bad migration or manual edit leaves behind.</summary>
    private async Task InsertCorruptedLikeAsync(Guid streamId)
    {
        await using var session = app.Store.LightweightSession();
        session.QueueSqlCommand("insert into socialgen.mt_streams (id, type, version) values (?, null, 1)", streamId);
        session.QueueSqlCommand("""
            insert into socialgen.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type)
            values (nextval('socialgen.mt_events_sequence'), gen_random_uuid(), ?, 1, '{"postId": "not-a-guid", "userId": 42}'::jsonb,
                    'post_liked', now(), 'SocialGen.Api.Posts.PostLiked, SocialGen.Api')
            """, streamId);
        await session.SaveChangesAsync();
    }
}
