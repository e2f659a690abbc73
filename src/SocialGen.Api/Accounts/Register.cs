using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Accounts;

public sealed record RegisterAccount(string Handle, string DisplayName, string Password);

public sealed record AccountCreated(Guid Id, string Handle, long Sequence);

public sealed class RegisterAccountValidator : AbstractValidator<RegisterAccount>
{
    public RegisterAccountValidator()
    {
        RuleFor(x => x.Handle).Must(Handles.IsValid)
            .WithMessage("handle must be 3-30 characters of a-z, 0-9 and _.");
        RuleFor(x => x.DisplayName).Must(name => UserText.Fits(name, 1, 50))
            .WithMessage("displayName must be 1-50 characters with no control characters.");
        RuleFor(x => x.Password).NotNull().WithMessage("password is required.")
            .Length(10, 256).WithMessage("password must be 10-256 characters.");
    }
}

public static class RegisterEndpoint
{
    [AllowAnonymous]
    [RateLimited(RateLimitKind.Registration)]
    [WolverinePost("/accounts", OperationId = "register")]
    [ProducesResponseType<AccountCreated>(StatusCodes.Status201Created)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public static async Task<IResult> Post(
        RegisterAccount command, IDocumentSession session, IPasswordHasher<Account> hasher, CancellationToken ct)
    {
        var handle = Handles.Normalize(command.Handle);
        if (await session.LoadAsync<HandleClaim>(handle, ct) is not null)
            return Problems.Conflict($"The handle '{handle}' is taken.");
        var skeleton = Handles.Skeleton(handle);
        if (await session.LoadAsync<HandleLookalikeClaim>(skeleton, ct) is { } lookalike)
            return Problems.Conflict($"The handle '{handle}' looks too much like '{lookalike.Handle}', which is taken.");

        var id = Guid.CreateVersion7();
        // The person registering is the actor of their own registration.
        session.LastModifiedBy = id.ToString();
        session.SetHeader(EventMetadata.ActorHandleHeader, handle);
        session.Events.StartStream<Account>(id, new AccountRegistered(id, handle, UserText.Clean(command.DisplayName)));
        // Inserted in the same transaction: a concurrent registration of the same handle fails on this key (409).
        session.Insert(new HandleClaim(handle, id));
        session.Insert(new HandleLookalikeClaim(skeleton, id, handle));
        session.Insert(new PasswordCredential(id, hasher.HashPassword(null!, command.Password)));
        var sequence = await session.CommitAsync(ct);

        return Acknowledge.Created($"/users/{handle}", new AccountCreated(id, handle, sequence), sequence);
    }
}
