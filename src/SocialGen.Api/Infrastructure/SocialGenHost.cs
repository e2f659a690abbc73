using Marten;
using SocialGen.Api.Accounts;
using SocialGen.Api.Ai;
using SocialGen.Api.Assist;
using SocialGen.Api.Audit;
using SocialGen.Api.Images;
using SocialGen.Api.Operations;
using SocialGen.Api.Posts;
using SocialGen.Api.Social;
using SocialGen.Api.Timelines;

namespace SocialGen.Api.Infrastructure;

/// <summary>The composition root: every piece of infrastructure is wired here once, each by its own extension.</summary>
public static class SocialGenHost
{
    public static WebApplicationBuilder AddSocialGen(this WebApplicationBuilder builder)
    {
        builder.AddHttpPlatform();
        builder.AddSocialGenAuthentication();
        builder.AddEventStore(store => ConfigureFeatures(store, builder.Configuration));
        builder.AddAi();
        builder.AddImages();
        builder.AddRateLimits();
        builder.Services.AddSingleton<SocialGen.Api.Posts.PostRendering>();
        builder.AddMessaging();
        builder.AddHealth();
        builder.AddOperations();
        builder.AddTelemetry();
        return builder;
    }

    /// <summary>Every feature's event types, projections and documents.</summary>
    public static void ConfigureFeatures(StoreOptions store, IConfiguration configuration)
    {
        store.ConfigureAccounts();
        store.ConfigureSocial();
        store.ConfigurePosts();
        store.ConfigureTimelines(configuration);
        store.ConfigureImages();
        store.ConfigureAssist();
        store.ConfigureAudit();
    }

    public static WebApplication UseSocialGen(this WebApplication app)
    {
        app.UseHttpPlatform();
        app.UseAuthentication();
        app.UseUserLogScope();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapMessagingEndpoints();
        app.MapHealth();
        app.MapApiReference();
        return app;
    }
}
