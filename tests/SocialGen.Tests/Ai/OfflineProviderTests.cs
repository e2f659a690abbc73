using SocialGen.Api.Ai;
using SocialGen.Tests.Images;

namespace SocialGen.Tests.Ai;

public sealed class OfflineProviderTests
{
    private readonly OfflineProvider _provider = new();

    [Fact]
    public async Task Its_pictures_are_valid_pngs_of_the_requested_size()
    {
        foreach (var (name, size) in ImageSize.Supported)
        {
            var picture = await _provider.GenerateImageAsync($"a {name} harbour", size, CancellationToken.None);
            PngFile.AssertValid(picture.Png);
            Assert.Equal((size.Width, size.Height), PngFile.Dimensions(picture.Png));
        }
    }

    [Fact]
    public async Task The_same_prompt_gives_the_same_bytes_and_another_prompt_another_picture()
    {
        var size = ImageSize.Supported[ImageSize.Default];
        var first = await _provider.GenerateImageAsync("a red fox in snow", size, CancellationToken.None);
        var again = await new OfflineProvider().GenerateImageAsync("a red fox in snow", size, CancellationToken.None);
        var other = await _provider.GenerateImageAsync("a blue whale", size, CancellationToken.None);

        Assert.Equal(first.Png, again.Png);
        Assert.NotEqual(first.Png, other.Png);
    }

    [Theory]
    [InlineData("please kill the lights", true, "violence")]
    [InlineData("NSFW content", true, "sexual")]
    [InlineData("a skillful painter", false, null)]
    public async Task Moderation_flags_blocked_words_only(string text, bool flagged, string? category)
    {
        var verdict = await _provider.ModerateAsync(text, CancellationToken.None);
        Assert.Equal(flagged, verdict.Flagged);
        Assert.Equal(category, verdict.Category);
    }

    [Fact]
    public async Task Suggestions_are_deterministic_and_fit_in_a_post()
    {
        var request = new ComposeRequest(ComposeGoal.Hashtags, "Sunset over the harbour with fishing boats");
        var first = await _provider.SuggestAsync(request, CancellationToken.None);
        var again = await _provider.SuggestAsync(request, CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Contains("#harbour", first[0]);
        Assert.All(first, s => Assert.InRange(s.Length, 1, 500));
    }
}
