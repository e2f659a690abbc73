using System.Net;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Images;

public sealed class AttachmentTests(AppFixture app)
{
    [Fact]
    public async Task Attached_images_show_on_the_post_with_alt_text_and_a_machine_readable_ai_label()
    {
        var ada = await app.RegisterAsync("ada");
        var first = await ada.ReadyMediaAsync("a map of the harbour", altText: "Hand-drawn harbour map");
        var second = await ada.ReadyMediaAsync("a compass rose");

        var created = await ada.Api.PostAsync("/posts", new { text = "Two pictures", mediaIds = new[] { first, second } })
            .ShouldBe(HttpStatusCode.Created);
        var postId = (await created.JsonAsync()).GetProperty("id").GetGuid();

        var media = (await app.ReadPostAsync(postId, created.Sequence()))!.Value.GetProperty("media").EnumerateArray().ToList();
        Assert.Equal([first, second], media.Select(m => m.GetProperty("id").GetGuid()));
        Assert.Equal($"/media/{first}", media[0].GetProperty("url").GetString());
        Assert.Equal("Hand-drawn harbour map", media[0].GetProperty("altText").GetString());
        Assert.All(media, m => Assert.True(m.GetProperty("aiGenerated").GetBoolean()));
        Assert.All(media, m => Assert.Equal("offline", m.GetProperty("provenance").GetProperty("provider").GetString()));

        var home = await ada.Api.ReadAllAsync("/timeline/home", created.Sequence());
        Assert.Equal(2, home.Single().GetProperty("post").GetProperty("media").GetArrayLength());
    }

    [Fact]
    public async Task Someone_elses_or_unknown_media_cannot_be_attached()
    {
        var ada = await app.RegisterAsync("ada");
        var bob = await app.RegisterAsync("bob");
        var adas = await ada.ReadyMediaAsync();

        await bob.Api.PostAsync("/posts", new { text = "stolen", mediaIds = new[] { adas } }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await bob.Api.PatchAsync("/me/profile", new { avatarMediaId = adas }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await bob.Api.PostAsync("/posts", new { text = "ghost", mediaIds = new[] { Guid.CreateVersion7() } }).ShouldBeProblem(HttpStatusCode.NotFound);
        await bob.Api.PostAsync("/posts", new { text = "pending", mediaIds = new[] { await bob.RequestImageAsync("not ready yet") } })
            .ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task At_most_four_images_fit_on_a_post()
    {
        var ada = await app.RegisterAsync("ada");
        var five = Enumerable.Range(0, 5).Select(_ => Guid.CreateVersion7()).ToArray();
        await ada.Api.PostAsync("/posts", new { text = "too many", mediaIds = five }).ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_generated_image_can_become_the_avatar()
    {
        var ada = await app.RegisterAsync("ada");
        var mediaId = await ada.ReadyMediaAsync("a friendly robot portrait", altText: "Robot portrait");

        var update = await ada.Api.PatchAsync("/me/profile", new { avatarMediaId = mediaId }).ShouldBe(HttpStatusCode.NoContent);

        var profile = await (await app.Anonymous().GetAsync($"/users/{ada.Handle}?minSequence={update.Sequence()}")).JsonAsync();
        Assert.Equal(mediaId, profile.GetProperty("avatarMediaId").GetGuid());
        Assert.True(profile.GetProperty("avatar").GetProperty("aiGenerated").GetBoolean());
        Assert.Equal("Robot portrait", profile.GetProperty("avatar").GetProperty("altText").GetString());
    }
}
