using System.Net;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Posts;

public sealed class ThreadTests(AppFixture app)
{
    [Fact]
    public async Task A_thread_shows_the_ancestors_root_first_and_the_replies_newest_first_in_pages()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var root = await ada.PostAsync("root");
        var middle = await bob.ReplyAsync(root, "middle");
        var post = await ada.ReplyAsync(middle, "the post");
        var replies = new List<Guid>();
        for (var i = 0; i < 5; i++) replies.Add(await bob.ReplyAsync(post, $"reply {i}"));
        var seen = bob.LastSequence;

        var first = await (await app.Anonymous().GetAsync($"/posts/{post}/thread?limit=3&minSequence={seen}").ShouldBe(HttpStatusCode.OK)).JsonAsync();
        Assert.Equal([root, middle], first.GetProperty("ancestors").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
        Assert.Equal(post, first.GetProperty("post").GetProperty("id").GetGuid());
        Assert.Equal(5, first.GetProperty("post").GetProperty("counts").GetProperty("replies").GetInt32());

        var cursor = first.GetProperty("replies").GetProperty("nextCursor").GetString();
        var second = await (await app.Anonymous().GetAsync($"/posts/{post}/thread?limit=3&cursor={cursor}")).JsonAsync();
        var paged = first.GetProperty("replies").GetProperty("items").EnumerateArray()
            .Concat(second.GetProperty("replies").GetProperty("items").EnumerateArray())
            .Select(p => p.GetProperty("id").GetGuid());
        Assert.Equal(replies.AsEnumerable().Reverse(), paged);
        Assert.Null(second.GetProperty("replies").GetProperty("nextCursor").GetString());
    }

    [Fact]
    public async Task A_deleted_ancestor_is_left_out_of_the_thread()
    {
        var ada = await app.RegisterAsync("ada");
        var root = await ada.PostAsync("root");
        var middle = await ada.ReplyAsync(root, "middle");
        var leaf = await ada.ReplyAsync(middle, "leaf");
        await ada.DeleteAsync(middle);

        var thread = await (await app.Anonymous().GetAsync($"/posts/{leaf}/thread?minSequence={ada.LastSequence}")).JsonAsync();
        Assert.Equal([root], thread.GetProperty("ancestors").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Unknown_posts_bad_limits_and_cursors_of_other_lists_are_refused()
    {
        var ada = await app.RegisterAsync("ada");
        var post = await ada.PostAsync("one");
        await ada.PostAsync("two");
        var userPosts = await (await app.Anonymous().GetAsync($"/users/{ada.Handle}/posts?limit=1&minSequence={ada.LastSequence}")).JsonAsync();
        var foreignCursor = userPosts.GetProperty("nextCursor").GetString();

        await app.Anonymous().GetAsync($"/posts/{post}/thread?cursor={foreignCursor}").ShouldBeProblem(HttpStatusCode.BadRequest);
        await app.Anonymous().GetAsync($"/posts/{post}/thread?limit=0").ShouldBeProblem(HttpStatusCode.BadRequest);
        await app.Anonymous().GetAsync($"/posts/{Guid.CreateVersion7()}/thread").ShouldBeProblem(HttpStatusCode.NotFound);
        await app.Anonymous().GetAsync($"/posts/{Guid.CreateVersion7()}").ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
