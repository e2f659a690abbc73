using System.Net;
using SocialGen.Api.Assist;
using SocialGen.Api.Posts;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Assist;

public sealed class ComposeTests(AppFixture app)
{
    [Theory]
    [InlineData("engaging")]
    [InlineData("shorter")]
    [InlineData("hashtags")]
    public async Task The_assistant_offers_one_to_three_suggestions_labelled_with_their_provider(string goal)
    {
        var ada = await app.RegisterAsync("ada");
        var response = await ada.Api.PostAsync("/assist/compose", new { goal, draft = "Our team shipped the new release today after months of work" })
            .ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();

        Assert.InRange(body.GetProperty("suggestions").GetArrayLength(), 1, 3);
        Assert.All(body.GetProperty("suggestions").EnumerateArray(), s => Assert.InRange(s.GetString()!.Length, 1, 500));
        Assert.Equal("offline", body.GetProperty("provider").GetString());
        Assert.Equal("offline-text-1", body.GetProperty("model").GetString());
        Assert.True(response.Sequence() > 0);
    }

    [Fact]
    public async Task A_post_made_from_a_suggestion_records_which_one_was_used()
    {
        var ada = await app.RegisterAsync("ada");
        var assist = await (await ada.Api.PostAsync("/assist/compose", new { goal = "engaging", draft = "New blog post is up" })
            .ShouldBe(HttpStatusCode.OK)).JsonAsync();
        var assistId = assist.GetProperty("assistId").GetGuid();
        var text = assist.GetProperty("suggestions")[1].GetString();

        var created = await (await ada.Api.PostAsync("/posts", new { text, assistId, suggestionIndex = 1 })
            .ShouldBe(HttpStatusCode.Created)).JsonAsync();
        var postId = created.GetProperty("id").GetGuid();

        await using var session = app.Store.QuerySession();
        var post = (PostCreated)(await session.Events.FetchStreamAsync(postId))[0].Data;
        Assert.Equal((assistId, 1), (post.AssistId!.Value, post.SuggestionIndex!.Value));
        var exchange = await session.Events.FetchStreamAsync(assistId);
        Assert.IsType<ComposeAssisted>(exchange[0].Data);
        Assert.Equal(new AssistSuggestionUsed(assistId, postId, 1), exchange[1].Data);
    }

    [Fact]
    public async Task Alt_text_is_written_for_ones_own_image()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var mediaId = await ada.ReadyMediaAsync("a red kite over green hills");

        var body = await (await ada.Api.PostAsync("/assist/compose", new { goal = "alt_text", mediaId }).ShouldBe(HttpStatusCode.OK)).JsonAsync();
        Assert.Contains("red kite", body.GetProperty("suggestions")[0].GetString());

        await bob.Api.PostAsync("/assist/compose", new { goal = "alt_text", mediaId }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await ada.Api.PostAsync("/assist/compose", new { goal = "alt_text", mediaId = Guid.CreateVersion7() }).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_flagged_draft_gets_no_suggestions_and_nothing_is_recorded()
    {
        var ada = await app.RegisterAsync("ada");
        var problem = await ada.Api.PostAsync("/assist/compose", new { goal = "engaging", draft = "I will kill you" })
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("violence", problem.GetProperty("detail").GetString());
    }

    public static TheoryData<string> InvalidRequests => new()
    {
        """{"goal":"funnier","draft":"hi"}""",
        """{"draft":"hi"}""",
        """{"goal":"engaging"}""",
        """{"goal":"engaging","draft":""}""",
        """{"goal":"alt_text"}""",
        """{"goal":"alt_text","draft":"hi","mediaId":"01890a5d-ac96-774b-bcce-b302099a8057"}""",
        """{"goal":"shorter","draft":"hi","mediaId":"01890a5d-ac96-774b-bcce-b302099a8057"}""",
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_requests_are_refused(string json)
    {
        var ada = await app.RegisterAsync("ada");
        await ada.Api.SendRawAsync(HttpMethod.Post, "/assist/compose", json).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Someone_elses_assist_exchange_or_a_suggestion_out_of_range_cannot_be_cited()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var assist = await (await ada.Api.PostAsync("/assist/compose", new { goal = "shorter", draft = "one two three four" })).JsonAsync();
        var assistId = assist.GetProperty("assistId").GetGuid();
        var offered = assist.GetProperty("suggestions").GetArrayLength();

        await bob.Api.PostAsync("/posts", new { text = "mine", assistId }).ShouldBeProblem(HttpStatusCode.NotFound);
        await ada.Api.PostAsync("/posts", new { text = "mine", assistId, suggestionIndex = offered }).ShouldBeProblem(HttpStatusCode.BadRequest);
        await ada.Api.PostAsync("/posts", new { text = "mine", assistId, suggestionIndex = -1 }).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Asking_needs_a_signed_in_user()
    {
        await app.Anonymous().PostAsync("/assist/compose", new { goal = "engaging", draft = "hi" }).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }
}
