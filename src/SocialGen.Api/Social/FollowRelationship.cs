using SocialGen.Api.Infrastructure;

namespace SocialGen.Api.Social;

public sealed record UserFollowed(Guid FollowerId, Guid FolloweeId);

public sealed record UserUnfollowed(Guid FollowerId, Guid FolloweeId);

/// <summary>
/// One stream per (follower, followee) pair, with a derived id: follows of different pairs never contend,
/// and the stream's short history answers "does A follow B?" for the write side.
/// </summary>
public sealed record FollowRelationship(Guid Id, bool Active)
{
    private static readonly Guid Namespace = new("6f1d2a3c-5b7e-4c1f-9a8d-2e4b6c8d0f13");

    public static Guid IdFor(Guid followerId, Guid followeeId) => DeterministicGuid.Create(Namespace, followerId, followeeId);

    public static FollowRelationship Create(UserFollowed e) => new(IdFor(e.FollowerId, e.FolloweeId), true);

    public FollowRelationship Apply(UserFollowed e) => this with { Active = true };

    public FollowRelationship Apply(UserUnfollowed e) => this with { Active = false };

    /// <summary>Following twice is one follow; unfollowing someone you do not follow changes nothing.</summary>
    public static IEnumerable<object> Follow(FollowRelationship? current, Guid followerId, Guid followeeId) =>
        current?.Active == true ? [] : [new UserFollowed(followerId, followeeId)];

    public static IEnumerable<object> Unfollow(FollowRelationship? current, Guid followerId, Guid followeeId) =>
        current?.Active == true ? [new UserUnfollowed(followerId, followeeId)] : [];
}
