using JasperFx.Events.Projections;
using Marten;

namespace SocialGen.Api.Accounts;

public static class AccountsSetup
{
    public static void ConfigureAccounts(this StoreOptions options)
    {
        options.Events.AddEventTypes([typeof(AccountRegistered), typeof(ProfileUpdated), typeof(RoleGranted)]);
        options.Projections.Snapshot<Account>(SnapshotLifecycle.Inline);
        options.Projections.Add<ProfileProjection>(ProjectionLifecycle.Async);
        options.Schema.For<Profile>().UniqueIndex(p => p.Handle);
        options.Schema.For<HandleClaim>();
        options.Schema.For<HandleLookalikeClaim>();
        options.Schema.For<PasswordCredential>();
    }
}
