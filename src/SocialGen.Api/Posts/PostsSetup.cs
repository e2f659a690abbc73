using JasperFx.Events.Projections;
using Marten;
using SocialGen.Api.Infrastructure;

namespace SocialGen.Api.Posts;

public static class PostsSetup
{
    public static void ConfigurePosts(this StoreOptions options)
    {
        options.Events.AddEventTypes([typeof(PostCreated), typeof(PostEdited), typeof(PostDeleted), typeof(PostLiked),
            typeof(PostUnliked), typeof(PostReposted), typeof(RepostUndone)]);
        options.Projections.Snapshot<Post>(SnapshotLifecycle.Inline);
        options.Projections.Add<PostViewProjection>(ProjectionLifecycle.Async);
        options.Schema.For<PostView>()
            .Duplicate(v => v.AuthorId)
            .Duplicate(v => v.ReplyToId)
            .Duplicate(v => v.Position);
        options.Schema.For<IdempotencyRecord>().Duplicate(r => r.CreatedAt); // expiry deletes by age
    }
}
