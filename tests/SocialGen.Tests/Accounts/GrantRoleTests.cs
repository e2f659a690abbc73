using System.Net;
using SocialGen.Api.Accounts;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Accounts;

public sealed class GrantRoleTests(AppFixture app)
{
    [Fact]
    public async Task An_admin_grants_a_role_that_appears_in_the_next_token_and_in_the_history()
    {
        var admin = await app.RegisterAdminAsync();
        var ada = await app.RegisterAsync("ada");

        var response = await admin.Api.PostAsync($"/admin/users/{ada.Handle}/roles", new { role = "auditor" })
            .ShouldBe(HttpStatusCode.NoContent);

        var token = await app.SignInAsync(ada.Handle, ada.Password);
        Assert.Equal(["user", "auditor"], Tokens.RolesIn(token));

        await using var session = app.Store.QuerySession();
        var granted = (await session.Events.FetchStreamAsync(ada.Id)).Single(e => e.Data is RoleGranted);
        Assert.Equal(response.Sequence(), granted.Sequence);
        Assert.Equal(admin.Id.ToString(), granted.UserName);
    }

    [Fact]
    public async Task Granting_a_role_twice_appends_nothing()
    {
        var admin = await app.RegisterAdminAsync();
        var ada = await app.RegisterAsync("ada");

        var first = await admin.Api.PostAsync($"/admin/users/{ada.Handle}/roles", new { role = "admin" }).ShouldBe(HttpStatusCode.NoContent);
        var second = await admin.Api.PostAsync($"/admin/users/{ada.Handle}/roles", new { role = "admin" }).ShouldBe(HttpStatusCode.NoContent);

        Assert.Equal(first.Sequence(), second.Sequence());
        await using var session = app.Store.QuerySession();
        Assert.Equal(2, (await session.Events.FetchStreamAsync(ada.Id)).Count);
    }

    [Fact]
    public async Task Only_admins_may_grant_roles()
    {
        var ada = await app.RegisterAsync("ada");
        var auditor = await app.WithRoleAsync(await app.RegisterAsync("aud"), Roles.Auditor);

        await app.Anonymous().PostAsync($"/admin/users/{ada.Handle}/roles", new { role = "admin" }).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await ada.Api.PostAsync($"/admin/users/{ada.Handle}/roles", new { role = "admin" }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await auditor.Api.PostAsync($"/admin/users/{ada.Handle}/roles", new { role = "admin" }).ShouldBeProblem(HttpStatusCode.Forbidden);

        Assert.Equal(["user"], Tokens.RolesIn(await app.SignInAsync(ada.Handle, ada.Password)));
    }

    [Fact]
    public async Task Unknown_roles_and_handles_are_refused()
    {
        var admin = await app.RegisterAdminAsync();
        var ada = await app.RegisterAsync("ada");

        var problem = await admin.Api.PostAsync($"/admin/users/{ada.Handle}/roles", new { role = "superuser" })
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("role", out _));
        await admin.Api.PostAsync($"/admin/users/{Users.UniqueHandle("ghost")}/roles", new { role = "admin" })
            .ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
