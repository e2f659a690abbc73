using System.Net;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Accounts;

public sealed class ProfileTests(AppFixture app)
{
    [Fact]
    public async Task A_new_account_has_a_public_profile_once_the_projection_has_caught_up()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var ada = await app.RegisterAsync("ada", displayName: "Ada Lovelace");

        var response = await app.Anonymous().GetAsync($"/users/{ada.Handle}?minSequence={ada.LastSequence}")
            .ShouldBe(HttpStatusCode.OK);
        var profile = await response.JsonAsync();

        Assert.True(response.ConsistentThrough() >= ada.LastSequence);
        Assert.Equal(ada.Id, profile.GetProperty("id").GetGuid());
        Assert.Equal(ada.Handle, profile.GetProperty("handle").GetString());
        Assert.Equal("Ada Lovelace", profile.GetProperty("displayName").GetString());
        Assert.Equal("", profile.GetProperty("bio").GetString());
        Assert.Equal(0, profile.GetProperty("followersCount").GetInt32());
        Assert.Equal(0, profile.GetProperty("followingCount").GetInt32());
        Assert.Equal(0, profile.GetProperty("postsCount").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, profile.GetProperty("avatarMediaId").ValueKind);
        Assert.InRange(profile.GetProperty("createdAt").GetDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(5));
    }

    [Fact]
    public async Task Editing_the_profile_changes_only_the_fields_sent()
    {
        var ada = await app.RegisterAsync("ada", displayName: "Ada");

        var first = await ada.Api.PatchAsync("/me/profile", new { bio = "First programmer.\nPoet of numbers." })
            .ShouldBe(HttpStatusCode.NoContent);
        var second = await ada.Api.PatchAsync("/me/profile", new { displayName = "  Ada, Countess of Lovelace  " })
            .ShouldBe(HttpStatusCode.NoContent);
        Assert.True(second.Sequence() > first.Sequence());

        var profile = await (await app.Anonymous().GetAsync($"/users/{ada.Handle}?minSequence={second.Sequence()}")).JsonAsync();
        Assert.Equal("Ada, Countess of Lovelace", profile.GetProperty("displayName").GetString());
        Assert.Equal("First programmer.\nPoet of numbers.", profile.GetProperty("bio").GetString());
    }

    [Fact]
    public async Task Text_is_stored_in_its_composed_unicode_form()
    {
        var ada = await app.RegisterAsync("ada");
        var decomposed = "Zoe\u0301"; // "Zoé" written with a combining accent
        var update = await ada.Api.PatchAsync("/me/profile", new { displayName = decomposed }).ShouldBe(HttpStatusCode.NoContent);

        var profile = await (await app.Anonymous().GetAsync($"/users/{ada.Handle}?minSequence={update.Sequence()}")).JsonAsync();
        Assert.Equal("Zo\u00e9", profile.GetProperty("displayName").GetString());
    }

    public static TheoryData<string> InvalidEdits => new()
    {
        """{"bio":"x"}""".Replace("x", new string('b', 161)),
        """{"displayName":""}""",
        """{"displayName":"tab\there"}""",
        """{"displayName":"lone \ud800 surrogate"}""",
        """{"bio":"ok","nickname":"unexpected field"}""",
        """{"bio":42}""",
        """{"bio": "unterminated""",
        "null",
    };

    [Theory]
    [MemberData(nameof(InvalidEdits))]
    public async Task Invalid_edits_are_refused_and_change_nothing(string json)
    {
        var ada = await app.RegisterAsync("ada", displayName: "Ada");
        await app.Anonymous().GetAsync($"/users/{ada.Handle}?minSequence={ada.LastSequence}").ShouldBe(HttpStatusCode.OK);

        await ada.Api.SendRawAsync(HttpMethod.Patch, "/me/profile", json).ShouldBeProblem(HttpStatusCode.BadRequest);

        await using var session = app.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(ada.Id);
        Assert.Single(events);
    }

    [Fact]
    public async Task An_unknown_handle_is_not_found()
    {
        await app.Anonymous().GetAsync($"/users/{Users.UniqueHandle("nobody")}").ShouldBeProblem(HttpStatusCode.NotFound);
        await app.Anonymous().GetAsync("/users/NOT%20A%20HANDLE").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("999999999999")]
    public async Task A_bad_minSequence_is_a_bad_request(string minSequence)
    {
        var ada = await app.RegisterAsync("ada");
        await app.Anonymous().GetAsync($"/users/{ada.Handle}?minSequence={minSequence}").ShouldBeProblem(HttpStatusCode.BadRequest);
    }
}
