using System.Net.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SocialGen.Api.Accounts;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Platform;

public enum Caller { Anonymous, User, Owner, Auditor, Admin }

/// <summary>
/// Every endpoint against every kind of caller. The rules are checked against the host's own endpoint list, so an
/// endpoint added without a rule here fails <see cref="AuthorizationMatrixTests.Every_endpoint_has_a_rule"/>.
/// "Owner" is the account the resource belongs to (the author, the requester, the followed account).
/// </summary>
public sealed class AuthorizationMatrixTests(AppFixture app)
{
    private delegate Task<HttpRequestMessage> Request(Cast cast);

    private sealed record Rule(string Method, string Route, Request Build, int Anonymous, int User, int Owner, int Auditor, int Admin)
    {
        public int Expected(Caller caller) => caller switch
        {
            Caller.Anonymous => Anonymous, Caller.User => User, Caller.Owner => Owner, Caller.Auditor => Auditor, _ => Admin
        };
    }

    private static readonly Rule[] Rules =
    [
        Anyone("GET", "/health/live"),
        Anyone("GET", "/health/ready"),
        Anyone("GET", "/openapi/{documentName}.json", _ => Get("/openapi/v1.json")),
        Anyone("GET", "/docs/{documentName?}", _ => Get("/docs/")),
        Anyone("GET", "/docs/scalar.js"),
        Anyone("GET", "/docs/scalar.aspnetcore.js"),
        Anyone("GET", "/docs/favicon.svg"),
        new("POST", "/accounts", _ => Send(HttpMethod.Post, "/accounts",
            new { handle = Users.UniqueHandle("new"), displayName = "New", password = Users.Password }), 201, 201, 201, 201, 201),
        new("POST", "/auth/token", c => Send(HttpMethod.Post, "/auth/token",
            new { handle = c.Owner.Handle, password = c.Owner.Password }), 200, 200, 200, 200, 200),
        Anyone("GET", "/users/{handle}", c => Get($"/users/{c.Owner.Handle}?minSequence={c.Owner.LastSequence}")),
        Anyone("GET", "/users/{handle}/posts", c => Get($"/users/{c.Owner.Handle}/posts?minSequence={c.Owner.LastSequence}")),
        Anyone("GET", "/users/{handle}/followers", c => Get($"/users/{c.Owner.Handle}/followers?minSequence={c.Owner.LastSequence}")),
        Anyone("GET", "/users/{handle}/following", c => Get($"/users/{c.Owner.Handle}/following?minSequence={c.Owner.LastSequence}")),
        // Following oneself is refused as a bad request, not as a matter of permission.
        new("POST", "/users/{handle}/follow", c => Send(HttpMethod.Post, $"/users/{c.Owner.Handle}/follow"), 401, 204, 400, 204, 204),
        new("DELETE", "/users/{handle}/follow", c => Send(HttpMethod.Delete, $"/users/{c.Owner.Handle}/follow"), 401, 204, 400, 204, 204),
        SignedIn("PATCH", "/me/profile", 204, _ => Send(HttpMethod.Patch, "/me/profile", new { bio = "matrix" })),
        SignedIn("POST", "/posts", 201, _ => Send(HttpMethod.Post, "/posts", new { text = "matrix" })),
        Anyone("GET", "/posts/{id}", async c => await Get($"/posts/{await c.PostAsync()}?minSequence={c.Owner.LastSequence}")),
        Anyone("GET", "/posts/{id}/thread", async c => await Get($"/posts/{await c.PostAsync()}/thread?minSequence={c.Owner.LastSequence}")),
        Anyone("GET", "/posts/{id}/history", async c => await Get($"/posts/{await c.PostAsync()}/history?minSequence={c.Owner.LastSequence}")),
        new("PUT", "/posts/{id}", async c => await Send(HttpMethod.Put, $"/posts/{await c.PostAsync()}", new { text = "edited" }),
            401, 403, 204, 403, 403),
        new("DELETE", "/posts/{id}", async c => await Send(HttpMethod.Delete, $"/posts/{await c.PostAsync()}"), 401, 403, 204, 403, 204),
        SignedIn("POST", "/posts/{id}/like", 204, async c => await Send(HttpMethod.Post, $"/posts/{await c.PostAsync()}/like")),
        SignedIn("DELETE", "/posts/{id}/like", 204, async c => await Send(HttpMethod.Delete, $"/posts/{await c.PostAsync()}/like")),
        SignedIn("POST", "/posts/{id}/repost", 204, async c => await Send(HttpMethod.Post, $"/posts/{await c.PostAsync()}/repost")),
        SignedIn("DELETE", "/posts/{id}/repost", 204, async c => await Send(HttpMethod.Delete, $"/posts/{await c.PostAsync()}/repost")),
        SignedIn("GET", "/timeline/home", 200, _ => Get("/timeline/home")),
        SignedIn("POST", "/images", 202, _ => Send(HttpMethod.Post, "/images", new { prompt = "a matrix of lighthouses" })),
        // Someone else's image request does not exist as far as a stranger (or an auditor) can tell.
        new("GET", "/images/{id}", async c => await Get($"/images/{await c.ImageAsync()}"), 401, 404, 200, 404, 200),
        Anyone("GET", "/media/{id}", async c => await Get($"/media/{await c.MediaAsync()}")),
        SignedIn("POST", "/assist/compose", 200, _ => Send(HttpMethod.Post, "/assist/compose", new { goal = "hashtags", draft = "a quiet harbour" })),
        Auditors("/audit/streams/{id}/events", c => $"/audit/streams/{c.Owner.Id}/events"),
        Auditors("/audit/streams/{id}/state", c => $"/audit/streams/{c.Owner.Id}/state"),
        Auditors("/audit/events", _ => "/audit/events?limit=1"),
        Auditors("/audit/events/export", _ => "/audit/events/export?limit=1"),
        AdminsOnly("GET", "/admin/projections", 200, _ => Get("/admin/projections")),
        AdminsOnly("GET", "/admin/audit-reads", 200, _ => Get("/admin/audit-reads")),
        // An unknown projection: admins get through to a 404, and nothing is rebuilt in the shared host.
        AdminsOnly("POST", "/admin/projections/{name}/rebuild", 404, _ => Send(HttpMethod.Post, "/admin/projections/NoSuchProjection/rebuild")),
        AdminsOnly("POST", "/admin/users/{handle}/roles", 204, c => Send(HttpMethod.Post, $"/admin/users/{c.Owner.Handle}/roles", new { role = Roles.Auditor })),
    ];

    public static TheoryData<string, string> Endpoints => new(Rules.Select(r => (r.Method, r.Route)));

    [Fact]
    public void Every_endpoint_has_a_rule()
    {
        var mapped = app.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => $"{method} {Normalise(e.RoutePattern.RawText)}"))
            .ToHashSet();
        var ruled = Rules.Select(r => $"{r.Method} {Normalise(r.Route)}").ToHashSet();

        Assert.True(mapped.SetEquals(ruled),
            $"endpoints without a rule: {string.Join(", ", mapped.Except(ruled))}; rules without an endpoint: {string.Join(", ", ruled.Except(mapped))}");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_kind_of_caller_gets_the_expected_status(string method, string route)
    {
        var rule = Rules.Single(r => r.Method == method && r.Route == route);
        var cast = await Cast.AssembleAsync(app);

        foreach (var caller in Enum.GetValues<Caller>())
        {
            var response = await cast.ClientFor(caller).Http.SendAsync(await rule.Build(cast));
            Assert.True(rule.Expected(caller) == (int)response.StatusCode,
                $"{method} {route} as {caller}: expected {rule.Expected(caller)}, got {(int)response.StatusCode} " +
                await response.Content.ReadAsStringAsync());
        }
    }

    private static string Normalise(string? route) => "/" + (route ?? "").Trim('/');

    private static Rule Anyone(string method, string route, Func<Cast, Task<HttpRequestMessage>>? build = null) =>
        new(method, route, c => build?.Invoke(c) ?? Get(route), 200, 200, 200, 200, 200);

    private static Rule SignedIn(string method, string route, int status, Func<Cast, Task<HttpRequestMessage>> build) =>
        new(method, route, c => build(c), 401, status, status, status, status);

    private static Rule Auditors(string route, Func<Cast, string> url) =>
        new("GET", route, c => Get(url(c)), 401, 403, 403, 200, 200);

    private static Rule AdminsOnly(string method, string route, int status, Func<Cast, Task<HttpRequestMessage>> build) =>
        new(method, route, c => build(c), 401, 403, 403, 403, status);

    private static Task<HttpRequestMessage> Get(string url) => Send(HttpMethod.Get, url);

    private static Task<HttpRequestMessage> Send(HttpMethod method, string url, object? body = null) =>
        Task.FromResult(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: ApiClient.Json) });

    /// <summary>One account per kind of caller; each request gets fresh resources of the owner's, so no call sees another's leftovers.</summary>
    private sealed class Cast
    {
        private readonly AppFixture _app;
        private readonly Dictionary<Caller, ApiClient> _clients = new();

        private Cast(AppFixture app) => _app = app;

        public TestUser Owner { get; private set; } = null!;

        public static async Task<Cast> AssembleAsync(AppFixture app)
        {
            var cast = new Cast(app);
            cast.Owner = await app.RegisterAsync("owner");
            cast._clients[Caller.Anonymous] = app.Anonymous();
            cast._clients[Caller.Owner] = cast.Owner.Api;
            cast._clients[Caller.User] = (await app.RegisterAsync("stranger")).Api;
            cast._clients[Caller.Auditor] = (await app.WithRoleAsync(await app.RegisterAsync("auditor"), Roles.Auditor)).Api;
            cast._clients[Caller.Admin] = (await app.RegisterAdminAsync()).Api;
            return cast;
        }

        public ApiClient ClientFor(Caller caller) => _clients[caller];

        public Task<Guid> PostAsync() => Owner.PostAsync("the owner's post");

        public Task<Guid> ImageAsync() => Owner.RequestImageAsync("the owner's picture");

        public Task<Guid> MediaAsync() => Owner.ReadyMediaAsync();
    }
}
