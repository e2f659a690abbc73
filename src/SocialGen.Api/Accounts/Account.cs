namespace SocialGen.Api.Accounts;

public sealed record AccountRegistered(Guid AccountId, string Handle, string DisplayName);

public sealed record ProfileUpdated(Guid AccountId, string? DisplayName, string? Bio, Guid? AvatarMediaId = null);

public sealed record RoleGranted(Guid AccountId, string Role);

/// <summary>
/// The account stream's write model: what commands need to decide (handle, roles).
/// Kept as an inline snapshot so sign-in and role checks read one row.
/// </summary>
public sealed record Account(Guid Id, string Handle, string DisplayName, IReadOnlyList<string> Roles)
{
    public static Account Create(AccountRegistered e) => new(e.AccountId, e.Handle, e.DisplayName, [Accounts.Roles.User]);

    public Account Apply(RoleGranted e) => this with { Roles = [.. Roles, e.Role] };

    public Account Apply(ProfileUpdated e) => this with { DisplayName = e.DisplayName ?? DisplayName };

    /// <summary>Granting a role the account already has changes nothing.</summary>
    public IEnumerable<object> Grant(string role) =>
        Roles.Contains(role) ? [] : [new RoleGranted(Id, role)];
}

public static class Roles
{
    public const string User = "user";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [User, Auditor, Admin];
}

/// <summary>Claims a handle for one account. Its primary key makes "exactly one registration wins" a database guarantee.</summary>
public sealed record HandleClaim(string Id, Guid AccountId);

/// <summary>Claims a handle's <see cref="Handles.Skeleton"/>, so no later handle can pass for this one.</summary>
public sealed record HandleLookalikeClaim(string Id, Guid AccountId, string Handle);

/// <summary>
/// The salted slow hash of an account's password. Kept outside the event log on purpose: events are
/// immutable, replayed and read by auditors, and secrets do not belong there.
/// </summary>
public sealed record PasswordCredential(Guid Id, string PasswordHash);
