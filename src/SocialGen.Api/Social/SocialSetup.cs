using JasperFx.Events.Projections;
using Marten;

namespace SocialGen.Api.Social;

public static class SocialSetup
{
    public static void ConfigureSocial(this StoreOptions options)
    {
        options.Events.AddEventTypes([typeof(UserFollowed), typeof(UserUnfollowed)]);
        options.Projections.Add<FollowEdgeProjection>(ProjectionLifecycle.Async);
        options.Schema.For<FollowEdge>()
            .Index(e => e.FolloweeId)
            .Index(e => e.FollowerId)
            .Duplicate(e => e.Position);
    }
}
