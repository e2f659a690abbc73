using System.Net;
using System.Net.Http.Json;
using SocialGen.Api.Posts;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Posts;

public sealed class EditAndDeleteTests(AppFixture app)
{
    [Fact]
    public async Task The_author_edits_a_post_and_every_version_is_kept()
    {
        var ada = await app.RegisterAsync("ada");
        var id = await ada.PostAsync("first draft #one");
        await ada.EditAsync(id, "second draft #two");
        await ada.EditAsync(id, "final @ada");

        var post = (await app.ReadPostAsync(id, ada.LastSequence))!.Value;
        Assert.Equal("final @ada", post.GetProperty("text").GetString());
        Assert.True(post.GetProperty("editedAt").GetDateTimeOffset() >= post.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Empty(post.GetProperty("hashtags").EnumerateArray());

        var history = await (await app.Anonymous().GetAsync($"/posts/{id}/history").ShouldBe(HttpStatusCode.OK)).JsonAsync();
        var versions = history.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["first draft #one", "second draft #two", "final @ada"], versions.Select(v => v.GetProperty("text").GetString()));
        Assert.Equal([1, 2, 3], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.True(versions[0].GetProperty("at").GetDateTimeOffset() <= versions[2].GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Only_the_author_may_edit()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var admin = await app.RegisterAdminAsync();
        var id = await ada.PostAsync("mine");

        await bob.Api.Http.PutAsJsonAsync($"/posts/{id}", new { text = "hijacked" }, ApiClient.Json).ShouldBeProblem(HttpStatusCode.Forbidden);
        await admin.Api.Http.PutAsJsonAsync($"/posts/{id}", new { text = "moderated" }, ApiClient.Json).ShouldBeProblem(HttpStatusCode.Forbidden);
        await app.Anonymous().Http.PutAsJsonAsync($"/posts/{id}", new { text = "anon" }, ApiClient.Json).ShouldBeProblem(HttpStatusCode.Unauthorized);

        Assert.Single((await (await app.Anonymous().GetAsync($"/posts/{id}/history")).JsonAsync()).GetProperty("versions").EnumerateArray());
    }

    [Fact]
    public async Task Invalid_edits_and_edits_of_missing_posts_are_refused()
    {
        var ada = await app.RegisterAsync("ada");
        var id = await ada.PostAsync("mine");

        await ada.Api.Http.PutAsJsonAsync($"/posts/{id}", new { text = "" }, ApiClient.Json).ShouldBeProblem(HttpStatusCode.BadRequest);
        await ada.Api.Http.PutAsJsonAsync($"/posts/{id}", new { text = new string('x', 501) }, ApiClient.Json).ShouldBeProblem(HttpStatusCode.BadRequest);
        await ada.Api.Http.PutAsJsonAsync($"/posts/{Guid.CreateVersion7()}", new { text = "x" }, ApiClient.Json).ShouldBeProblem(HttpStatusCode.NotFound);
        await ada.Api.Http.PutAsJsonAsync("/posts/not-a-guid", new { text = "x" }, ApiClient.Json).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_deleted_post_disappears_from_every_read_but_its_events_stay()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        await bob.FollowAsync(ada);
        var root = await ada.PostAsync("root");
        var reply = await ada.ReplyAsync(root, "reply to be deleted");
        var quote = await ada.QuoteAsync(root, "quote to be deleted");
        await bob.LikeAsync(reply);
        await bob.RepostAsync(reply);

        await ada.DeleteAsync(reply);
        await ada.DeleteAsync(quote);
        var seen = Math.Max(ada.LastSequence, bob.LastSequence);

        Assert.Null(await app.ReadPostAsync(reply, seen));
        await app.Anonymous().GetAsync($"/posts/{reply}/history").ShouldBeProblem(HttpStatusCode.NotFound);
        await app.Anonymous().GetAsync($"/posts/{reply}/thread").ShouldBeProblem(HttpStatusCode.NotFound);
        var parent = (await app.ReadPostAsync(root, seen))!.Value;
        Assert.Equal(0, parent.GetProperty("counts").GetProperty("replies").GetInt32());
        Assert.Equal(0, parent.GetProperty("counts").GetProperty("quotes").GetInt32());
        var thread = await (await app.Anonymous().GetAsync($"/posts/{root}/thread?minSequence={seen}")).JsonAsync();
        Assert.Empty(thread.GetProperty("replies").GetProperty("items").EnumerateArray());
        Assert.Equal([root], (await app.Anonymous().ReadAllAsync($"/users/{ada.Handle}/posts", seen)).Select(i => i.PostId()));
        Assert.Equal([root], (await bob.Api.ReadAllAsync("/timeline/home", seen)).Select(i => i.PostId()));

        await using var session = app.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(reply);
        Assert.IsType<PostCreated>(events[0].Data);
        Assert.IsType<PostDeleted>(events[^1].Data);
    }

    [Fact]
    public async Task Only_the_author_or_an_admin_may_delete()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var admin = await app.RegisterAdminAsync();
        var first = await ada.PostAsync("one");
        var second = await ada.PostAsync("two");

        await bob.Api.DeleteAsync($"/posts/{first}").ShouldBeProblem(HttpStatusCode.Forbidden);
        await app.Anonymous().DeleteAsync($"/posts/{first}").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await admin.Api.DeleteAsync($"/posts/{second}").ShouldBe(HttpStatusCode.NoContent);
        await ada.DeleteAsync(first);

        await ada.Api.DeleteAsync($"/posts/{first}").ShouldBeProblem(HttpStatusCode.NotFound);
        await ada.Api.DeleteAsync($"/posts/{Guid.CreateVersion7()}").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_deleted_post_cannot_be_liked_reposted_edited_replied_to_or_quoted()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var id = await ada.PostAsync("short-lived");
        await ada.DeleteAsync(id);

        await bob.Api.PostAsync($"/posts/{id}/like").ShouldBeProblem(HttpStatusCode.NotFound);
        await bob.Api.DeleteAsync($"/posts/{id}/like").ShouldBeProblem(HttpStatusCode.NotFound);
        await bob.Api.PostAsync($"/posts/{id}/repost").ShouldBeProblem(HttpStatusCode.NotFound);
        await ada.Api.Http.PutAsJsonAsync($"/posts/{id}", new { text = "revived" }, ApiClient.Json).ShouldBeProblem(HttpStatusCode.NotFound);
        await bob.Api.PostAsync("/posts", new { text = "re", replyToId = id }).ShouldBeProblem(HttpStatusCode.NotFound);
        await bob.Api.PostAsync("/posts", new { text = "qt", quoteOfId = id }).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
