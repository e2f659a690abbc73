using System.Security.Claims;
using FluentValidation;
using Marten;
using SocialGen.Api.Images;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Accounts;

/// <summary>A partial update: a field left out (or null) keeps its value. The avatar is one of the user's own images.</summary>
public sealed record UpdateProfile(string? DisplayName, string? Bio, Guid? AvatarMediaId = null);

public sealed class UpdateProfileValidator : AbstractValidator<UpdateProfile>
{
    public UpdateProfileValidator()
    {
        RuleFor(x => x.DisplayName).Must(name => UserText.Fits(name, 1, 50))
            .When(x => x.DisplayName is not null)
            .WithMessage("displayName must be 1-50 characters with no control characters.");
        RuleFor(x => x.Bio).Must(bio => UserText.Fits(bio, 0, 160, allowNewlines: true))
            .When(x => x.Bio is not null)
            .WithMessage("bio must be at most 160 characters with no control characters other than newlines.");
    }
}

public static class UpdateProfileEndpoint
{
    [WolverinePatch("/me/profile", OperationId = "updateProfile")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Patch(
        UpdateProfile command, ClaimsPrincipal user, IDocumentSession session, MediaStore media, CancellationToken ct)
    {
        var accountId = user.UserId();
        if (command is { DisplayName: null, Bio: null, AvatarMediaId: null })
            return Acknowledge.NoContent(await session.LastSequenceOfAsync(accountId, ct));
        if (command.AvatarMediaId is { } avatar && await media.CheckOwnershipAsync([avatar], accountId, ct) is { } problem)
            return problem;

        var stream = await session.Events.FetchForWriting<Account>(accountId, ct);
        if (stream.Aggregate is null) return Problems.NotFound("The signed-in account no longer exists.");

        stream.AppendOne(new ProfileUpdated(
            accountId,
            command.DisplayName is null ? null : UserText.Clean(command.DisplayName),
            command.Bio is null ? null : UserText.Clean(command.Bio),
            command.AvatarMediaId));
        return Acknowledge.NoContent(await session.CommitAsync(ct));
    }
}
