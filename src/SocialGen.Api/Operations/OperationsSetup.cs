using SocialGen.Api.Audit;

namespace SocialGen.Api.Operations;

public static class OperationsSetup
{
    public static void AddOperations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EventTypeCatalog>();
        builder.Services.AddSingleton<ProjectionRebuilds>();
        builder.Services.AddSingleton<ProjectionMonitor>();
        builder.Services.AddHostedService<ProjectionLagMetric>();
    }
}
