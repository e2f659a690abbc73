using System.Net;
using SocialGen.Api.Accounts;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Audit;

/// <summary>Every audit and operations endpoint against every kind of caller.</summary>
public sealed class RolesMatrixTests(AppFixture app)
{
    public static TheoryData<string, string, bool> Endpoints => new()
    {
        // method, url ({stream} is replaced by a real stream id), admin only?
        { "GET", "/audit/streams/{stream}/events", false },
        { "GET", "/audit/streams/{stream}/state", false },
        { "GET", "/audit/events", false },
        { "GET", "/audit/events/export", false },
        { "GET", "/admin/projections", true },
        { "GET", "/admin/audit-reads", true },
        { "POST", "/admin/projections/NoSuchProjection/rebuild", true },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Anonymous_is_401_users_are_403_and_only_the_right_roles_get_in(string method, string url, bool adminOnly)
    {
        var user = await app.RegisterAsync("user");
        var auditor = await app.WithRoleAsync(await app.RegisterAsync("aud"), Roles.Auditor);
        var admin = await app.RegisterAdminAsync();
        var target = url.Replace("{stream}", user.Id.ToString());
        var allowed = method == "POST" ? HttpStatusCode.NotFound : HttpStatusCode.OK; // the rebuild target does not exist

        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(app.Anonymous(), method, target)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(user.Api, method, target)).StatusCode);
        Assert.Equal(adminOnly ? HttpStatusCode.Forbidden : allowed, (await Send(auditor.Api, method, target)).StatusCode);
        Assert.Equal(allowed, (await Send(admin.Api, method, target)).StatusCode);
    }

    private static Task<HttpResponseMessage> Send(ApiClient api, string method, string url) =>
        api.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
}
