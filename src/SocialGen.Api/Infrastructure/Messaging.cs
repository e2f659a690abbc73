using JasperFx.Resources;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Http;
using SocialGen.Api.Images;

namespace SocialGen.Api.Infrastructure;

/// <summary>Wolverine: HTTP endpoints, their middleware policies and durable background work.</summary>
public static class Messaging
{
    public static void AddMessaging(this WebApplicationBuilder builder)
    {
        builder.Host.UseWolverine(options =>
        {
            // Under a test host the entry assembly is the test project; name ours so endpoints are found.
            options.ApplicationAssembly = typeof(Program).Assembly;
            // One node by default (./run.sh, tests): recover persisted messages at once instead of electing a leader.
            if (builder.Configuration.GetValue("SocialGen:SingleNode", true)) options.Durability.Mode = DurabilityMode.Solo;
            options.RouteImages(builder.Configuration.GetSection("Images").Get<ImageSettings>() ?? new ImageSettings());
            // Accepted work never goes to the dead letters because PostgreSQL was briefly away: wait it out in
            // memory, then keep trying once a minute (a retry needs the database to be scheduled at all).
            options.Policies.OnException(DatabaseFaults.IsUnavailable, "PostgreSQL unavailable")
                .RetryWithCooldown(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5),
                    TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30))
                .Then.ScheduleRetryIndefinitely(TimeSpan.FromMinutes(1));
        });
        builder.Services.AddWolverineHttp();
        builder.Services.AddValidators(typeof(Program).Assembly);
        if (builder.Environment.IsDevelopment()) builder.Services.AddResourceSetupOnStartup();
    }

    public static void MapMessagingEndpoints(this WebApplication app)
    {
        app.MapWolverineEndpoints(options =>
        {
            // Secure by default: an endpoint is public only when it says [AllowAnonymous]. (Not a fallback policy,
            // which would also answer 401 instead of 405/415 for requests that match no endpoint.)
            options.RequireAuthorizeOnAll();
            options.RejectUnparseableQueryValues = true;
            options.AddPolicy<ValidationPolicy>();
            options.AddPolicy<EventMetadataPolicy>();
        });
    }
}
