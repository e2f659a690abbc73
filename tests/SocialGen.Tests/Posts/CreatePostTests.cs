using System.Net;
using System.Text.Json;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Posts;

public sealed class CreatePostTests(AppFixture app)
{
    [Fact]
    public async Task A_new_post_is_readable_with_its_author_and_empty_counts()
    {
        var ada = await app.RegisterAsync("ada", displayName: "Ada Lovelace");

        var response = await ada.Api.PostAsync("/posts", new { text = "Hello, engine!", contentWarning = "math" })
            .ShouldBe(HttpStatusCode.Created);
        var created = await response.JsonAsync();
        var id = created.GetProperty("id").GetGuid();

        Assert.Equal($"/posts/{id}", response.Headers.Location?.ToString());
        Assert.Equal(response.Sequence(), created.GetProperty("sequence").GetInt64());
        var post = (await app.ReadPostAsync(id, response.Sequence()))!.Value;
        Assert.Equal("Hello, engine!", post.GetProperty("text").GetString());
        Assert.Equal(ada.Handle, post.GetProperty("author").GetProperty("handle").GetString());
        Assert.Equal("Ada Lovelace", post.GetProperty("author").GetProperty("displayName").GetString());
        Assert.Equal(id, post.GetProperty("conversationId").GetGuid());
        Assert.Equal("math", post.GetProperty("contentWarning").GetString());
        Assert.Equal(JsonValueKind.Null, post.GetProperty("editedAt").ValueKind);
        Assert.Equal("""{"likes":0,"reposts":0,"replies":0,"quotes":0}""", post.GetProperty("counts").GetRawText());
    }

    [Fact]
    public async Task Mentions_and_hashtags_are_parsed_from_the_text()
    {
        var ada = await app.RegisterAsync("ada");
        var id = await ada.PostAsync("Hi @Bob_1 and @cyd! #DotNet #café #日本語 #1 C# ##x mail ada@example.org #DotNet");

        var post = (await app.ReadPostAsync(id, ada.LastSequence))!.Value;
        Assert.Equal(["bob_1", "cyd"], post.GetProperty("mentions").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["dotnet", "café", "日本語"], post.GetProperty("hashtags").EnumerateArray().Select(m => m.GetString()));
    }

    [Theory]
    [InlineData("👍🏽", 500)]            // emoji with a skin tone: one character
    [InlineData("👨‍👩‍👧‍👦", 500)]          // a ZWJ family: one character
    [InlineData("e\u0301", 500)]         // a letter with a combining accent: one character
    [InlineData("بِ", 500)]              // Arabic letter with a diacritic: one character
    public async Task Length_counts_characters_as_a_reader_sees_them(string character, int limit)
    {
        var ada = await app.RegisterAsync("ada");
        await ada.Api.PostAsync("/posts", new { text = string.Concat(Enumerable.Repeat(character, limit)) })
            .ShouldBe(HttpStatusCode.Created);
        await ada.Api.PostAsync("/posts", new { text = string.Concat(Enumerable.Repeat(character, limit + 1)) })
            .ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Text_is_stored_composed_and_keeps_its_newlines()
    {
        var ada = await app.RegisterAsync("ada");
        var id = await ada.PostAsync("Cafe\u0301\r\nsecond line");
        var post = (await app.ReadPostAsync(id, ada.LastSequence))!.Value;
        Assert.Equal("Caf\u00e9\nsecond line", post.GetProperty("text").GetString());
    }

    public static TheoryData<string> InvalidPosts => new()
    {
        """{"text":""}""",
        """{"text":"   "}""",
        """{"text":"bell\u0007"}""",
        """{"text":"escape\u001b[31m"}""",
        """{"text":"ok","contentWarning":""}""",
        """{"text":"ok","mediaIds":["01890a5d-ac96-774b-bcce-b302099a8057","01890a5d-ac96-774b-bcce-b302099a8057"]}""",
        """{"text":"ok","suggestionIndex":0}""",
        """{"text":"ok","replyToId":"not-a-guid"}""",
        """{"text":"ok","mediaIds":"one"}""",
        """{"text":"ok","visibility":"public"}""",
        """{"text":12}""",
        """{}""",
    };

    [Theory]
    [MemberData(nameof(InvalidPosts))]
    public async Task Invalid_posts_are_refused_and_nothing_is_posted(string json)
    {
        var ada = await app.RegisterAsync("ada");
        await ada.Api.SendRawAsync(HttpMethod.Post, "/posts", json).ShouldBeProblem(HttpStatusCode.BadRequest);

        var profile = await (await app.Anonymous().GetAsync($"/users/{ada.Handle}?minSequence={ada.LastSequence}")).JsonAsync();
        Assert.Equal(0, profile.GetProperty("postsCount").GetInt32());
    }

    [Fact]
    public async Task Unknown_media_and_assist_exchanges_are_not_found()
    {
        var ada = await app.RegisterAsync("ada");
        await ada.Api.PostAsync("/posts", new { text = "ok", mediaIds = new[] { Guid.CreateVersion7() } }).ShouldBeProblem(HttpStatusCode.NotFound);
        await ada.Api.PostAsync("/posts", new { text = "ok", assistId = Guid.CreateVersion7() }).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Posting_needs_a_signed_in_user()
    {
        await app.Anonymous().PostAsync("/posts", new { text = "anonymous" }).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Replying_to_or_quoting_an_unknown_post_is_not_found()
    {
        var ada = await app.RegisterAsync("ada");
        await ada.Api.PostAsync("/posts", new { text = "hi", replyToId = Guid.CreateVersion7() }).ShouldBeProblem(HttpStatusCode.NotFound);
        await ada.Api.PostAsync("/posts", new { text = "hi", quoteOfId = Guid.CreateVersion7() }).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_reply_joins_the_conversation_of_its_root()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var root = await ada.PostAsync("root");
        var reply = await bob.ReplyAsync(root, "reply");
        var nested = await ada.ReplyAsync(reply, "nested");

        var post = (await app.ReadPostAsync(nested, ada.LastSequence))!.Value;
        Assert.Equal(root, post.GetProperty("conversationId").GetGuid());
        Assert.Equal(reply, post.GetProperty("replyToId").GetGuid());
    }

    [Fact]
    public async Task The_profile_counts_posts_and_forgets_deleted_ones()
    {
        var ada = await app.RegisterAsync("ada");
        await ada.PostAsync("one");
        var two = await ada.PostAsync("two");
        await ada.PostAsync("three");
        await ada.DeleteAsync(two);

        var profile = await (await app.Anonymous().GetAsync($"/users/{ada.Handle}?minSequence={ada.LastSequence}")).JsonAsync();
        Assert.Equal(2, profile.GetProperty("postsCount").GetInt32());
    }
}
