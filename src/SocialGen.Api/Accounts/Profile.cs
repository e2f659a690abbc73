using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Microsoft.AspNetCore.Authorization;
using SocialGen.Api.Images;
using SocialGen.Api.Infrastructure;
using SocialGen.Api.Posts;
using SocialGen.Api.Social;
using Wolverine.Http;

namespace SocialGen.Api.Accounts;

/// <summary>The public profile read model, built asynchronously from account and follow events.</summary>
public sealed class Profile
{
    public Guid Id { get; set; }
    public string Handle { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Bio { get; set; } = "";
    public Guid? AvatarMediaId { get; set; }
    public int FollowersCount { get; set; }
    public int FollowingCount { get; set; }
    public int PostsCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The public profile, with the avatar labelled like every AI-made image.</summary>
public sealed record ProfileResponse(
    Guid Id,
    string Handle,
    string DisplayName,
    string Bio,
    Guid? AvatarMediaId,
    MediaAttachment? Avatar,
    int FollowersCount,
    int FollowingCount,
    int PostsCount,
    DateTimeOffset CreatedAt)
{
    public static ProfileResponse From(Profile p, MediaAttachment? avatar) => new(p.Id, p.Handle, p.DisplayName, p.Bio,
        p.AvatarMediaId, avatar, p.FollowersCount, p.FollowingCount, p.PostsCount, p.CreatedAt);
}

public sealed partial class ProfileProjection : MultiStreamProjection<Profile, Guid>
{
    public const string ProjectionName = "Profiles";

    public ProfileProjection()
    {
        Name = ProjectionName;
        ProjectionTuning.Apply(Options, cacheDocuments: true);
        Identity<AccountRegistered>(e => e.AccountId);
        Identity<ProfileUpdated>(e => e.AccountId);
        Identities<UserFollowed>(e => [e.FollowerId, e.FolloweeId]);
        Identities<UserUnfollowed>(e => [e.FollowerId, e.FolloweeId]);
        Identity<PostCreated>(e => e.AuthorId);
        Identity<PostDeleted>(e => e.AuthorId);
    }

    public Profile Create(IEvent<AccountRegistered> e) => new()
    {
        Id = e.Data.AccountId,
        Handle = e.Data.Handle,
        DisplayName = e.Data.DisplayName,
        CreatedAt = e.Timestamp
    };

    public void Apply(ProfileUpdated e, Profile profile)
    {
        profile.DisplayName = e.DisplayName ?? profile.DisplayName;
        profile.Bio = e.Bio ?? profile.Bio;
        profile.AvatarMediaId = e.AvatarMediaId ?? profile.AvatarMediaId;
    }

    public void Apply(UserFollowed e, Profile profile)
    {
        if (profile.Id == e.FolloweeId) profile.FollowersCount++;
        else profile.FollowingCount++;
    }

    public void Apply(PostCreated e, Profile profile) => profile.PostsCount++;

    public void Apply(PostDeleted e, Profile profile) => profile.PostsCount--;

    public void Apply(UserUnfollowed e, Profile profile)
    {
        if (profile.Id == e.FolloweeId) profile.FollowersCount--;
        else profile.FollowingCount--;
    }
}

public static class GetProfileEndpoint
{
    [AllowAnonymous]
    [WolverineGet("/users/{handle}", OperationId = "getProfile")]
    [ProducesResponseType<ProfileResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string handle, long? minSequence, HttpContext http, IQuerySession session,
        ReadConsistency consistency, MediaStore media, CancellationToken ct)
    {
        await consistency.WaitAsync(http, ProfileProjection.ProjectionName, minSequence, ct);
        var profile = Handles.IsValid(handle)
            ? await session.Query<Profile>().FirstOrDefaultAsync(p => p.Handle == Handles.Normalize(handle), ct)
            : null;
        if (profile is null) return Problems.NotFound($"No user has the handle '{handle}'.");

        var avatar = profile.AvatarMediaId is { } avatarId ? (await media.FindAsync([avatarId], ct)).GetValueOrDefault(avatarId) : null;
        return TypedResults.Ok(ProfileResponse.From(profile, avatar?.ToAttachment()));
    }
}
