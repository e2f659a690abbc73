using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using SocialGen.Api.Infrastructure;
using Wolverine.Http;

namespace SocialGen.Api.Accounts;

public sealed record GrantRole(string Role);

public sealed class GrantRoleValidator : AbstractValidator<GrantRole>
{
    public GrantRoleValidator()
    {
        RuleFor(x => x.Role).Must(role => role is not null && Roles.All.Contains(role))
            .WithMessage($"role must be one of: {string.Join(", ", Roles.All)}.");
    }
}

public enum GrantOutcome { Granted, AlreadyHeld, UnknownHandle }

/// <summary>Shared by the admin endpoint and the <c>grant-role</c> command: the grant is an event on the account stream.</summary>
public static class RoleGrants
{
    public static async Task<(GrantOutcome Outcome, long Sequence)> GrantAsync(
        IDocumentSession session, string handle, string role, CancellationToken ct)
    {
        var claim = await Handles.FindAsync(session, handle, ct);
        if (claim is null) return (GrantOutcome.UnknownHandle, 0);

        var stream = await session.Events.FetchForWriting<Account>(claim.AccountId, ct);
        var events = stream.Aggregate!.Grant(role).ToArray();
        if (events.Length == 0) return (GrantOutcome.AlreadyHeld, await session.LastSequenceOfAsync(claim.AccountId, ct));

        stream.AppendMany(events);
        return (GrantOutcome.Granted, await session.CommitAsync(ct));
    }
}

public static class GrantRoleEndpoint
{
    [Authorize(Roles = Roles.Admin)]
    [WolverinePost("/admin/users/{handle}/roles", OperationId = "grantRole")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static async Task<IResult> Post(string handle, GrantRole command, IDocumentSession session, CancellationToken ct)
    {
        var (outcome, sequence) = await RoleGrants.GrantAsync(session, handle, command.Role, ct);
        return outcome == GrantOutcome.UnknownHandle
            ? Problems.NotFound($"No user has the handle '{handle}'.")
            : Acknowledge.NoContent(sequence);
    }
}
