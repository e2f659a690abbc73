using Alba;

namespace SocialGen.Tests.Fixtures;

/// <summary>
/// A second API host whose AI provider is OpenAI, through the real SDK, against <see cref="FakeOpenAi"/>. It has a
/// database of its own, so its projection daemon and message recovery never meet the main host's.
/// </summary>
public sealed class OpenAiFixture : IAsyncLifetime
{
    public const int MaxAttempts = 2;
    public const int SdkRetries = 1;
    public const double TimeoutSeconds = 1.5;

    private static int _instances;

    public FakeOpenAi OpenAi { get; private set; } = null!;
    public IAlbaHost Host { get; private set; } = null!;
    public AppFixture App { get; } = new();

    public async ValueTask InitializeAsync()
    {
        OpenAi = await FakeOpenAi.StartAsync();
        Host = await AppFixture.StartAsync(await TestDatabase.CreateAsync($"socialgen_test_openai_{Interlocked.Increment(ref _instances)}"), new Dictionary<string, string?>
        {
            ["OpenAI:ApiKey"] = "sk-test-fake",
            ["OpenAI:Endpoint"] = OpenAi.Endpoint,
            ["OpenAI:TimeoutSeconds"] = TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OpenAI:MaxRetries"] = SdkRetries.ToString(),
            ["Images:MaxAttempts"] = MaxAttempts.ToString(),
            ["Images:FirstRetryDelaySeconds"] = "0.2",
        });
        App.UseHost(Host);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await OpenAi.DisposeAsync();
    }
}
