using SocialGen.Api.Accounts;

namespace SocialGen.Tests.Fixtures;

public static class Admins
{
    /// <summary>Grants a role through the same code the <c>grant-role</c> command runs, then signs in again.</summary>
    public static async Task<TestUser> WithRoleAsync(this AppFixture app, TestUser user, string role)
    {
        await using (var session = app.Store.LightweightSession())
        {
            var (outcome, sequence) = await RoleGrants.GrantAsync(session, user.Handle, role, CancellationToken.None);
            Assert.NotEqual(GrantOutcome.UnknownHandle, outcome);
            user.LastSequence = sequence;
        }

        var token = await app.SignInAsync(user.Handle, user.Password);
        return user with { Api = app.Anonymous().WithToken(token) };
    }

    public static async Task<TestUser> RegisterAdminAsync(this AppFixture app) =>
        await app.WithRoleAsync(await app.RegisterAsync("admin"), Roles.Admin);
}
