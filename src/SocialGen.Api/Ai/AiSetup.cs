using System.Threading.RateLimiting;

namespace SocialGen.Api.Ai;

public static class AiSetup
{
    /// <summary>OpenAI when <c>OpenAI:ApiKey</c> is set, the offline provider otherwise; both behind one global limit.</summary>
    public static void AddAi(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("OpenAI").Get<OpenAiSettings>() ?? new OpenAiSettings();
        builder.Services.AddSingleton(settings);

        var maxConcurrent = builder.Configuration.GetValue("Ai:MaxConcurrentCalls", 4);
        builder.Services.AddSingleton<IAiProvider>(_ => new LimitedAiProvider(
            string.IsNullOrWhiteSpace(settings.ApiKey) ? new OfflineProvider() : new OpenAiProvider(settings),
            new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = maxConcurrent,
                QueueLimit = maxConcurrent * 25,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst
            })));
    }
}
