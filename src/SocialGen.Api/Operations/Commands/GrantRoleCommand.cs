using JasperFx.CommandLine;
using Marten;
using SocialGen.Api.Accounts;
using SocialGen.Api.Infrastructure;

namespace SocialGen.Api.Operations.Commands;

public sealed class GrantRoleInput : NetCoreInput
{
    [Description("The handle of the account")]
    public string Handle { get; set; } = "";

    [Description("The role to grant: user, auditor or admin")]
    public string Role { get; set; } = "";
}

/// <summary><c>grant-role &lt;handle&gt; &lt;role&gt;</c>: how the first admin is made. The grant is an event on the account stream.</summary>
[Description("Grants a role (user, auditor, admin) to an account", Name = "grant-role")]
public sealed class GrantRoleCommand : JasperFxAsyncCommand<GrantRoleInput>
{
    public GrantRoleCommand() => Usage("Grant a role").Arguments(x => x.Handle, x => x.Role);

    public override async Task<bool> Execute(GrantRoleInput input)
    {
        if (!Roles.All.Contains(input.Role))
        {
            Console.Error.WriteLine($"Unknown role '{input.Role}'; use one of: {string.Join(", ", Roles.All)}.");
            return false;
        }

        // Not started: the command only needs the store, and must not bind the port a running API holds.
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        session.CorrelationId = $"cli:{Guid.CreateVersion7()}";
        session.CausationId = "cli:grant-role";
        session.LastModifiedBy = $"cli:{Environment.UserName}";
        session.SetHeader(EventMetadata.ActorHandleHeader, EventMetadata.SystemActor);

        var (outcome, sequence) = await RoleGrants.GrantAsync(session, input.Handle, input.Role, CancellationToken.None);
        Console.WriteLine(outcome switch
        {
            GrantOutcome.Granted => $"Granted '{input.Role}' to '{input.Handle}' (event sequence {sequence}).",
            GrantOutcome.AlreadyHeld => $"'{input.Handle}' already has the role '{input.Role}'; nothing changed.",
            _ => $"No account has the handle '{input.Handle}'."
        });
        return outcome != GrantOutcome.UnknownHandle;
    }
}
