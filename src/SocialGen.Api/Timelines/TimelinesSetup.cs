using JasperFx.Events.Projections;
using Marten;

namespace SocialGen.Api.Timelines;

public static class TimelinesSetup
{
    public static void ConfigureTimelines(this StoreOptions options, IConfiguration configuration)
    {
        // Authors with at least this many followers are merged into readers' timelines instead of fanned out.
        var celebrityThreshold = configuration.GetValue("Timelines:CelebrityFollowerThreshold", 10_000);
        options.Projections.Add(new HomeTimelineProjection(celebrityThreshold), ProjectionLifecycle.Async);
    }
}
