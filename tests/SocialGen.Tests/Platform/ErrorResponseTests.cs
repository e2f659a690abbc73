using System.Net;
using System.Text;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Platform;

public sealed class ErrorResponseTests(AppFixture app)
{
    [Fact]
    public async Task An_unknown_route_is_a_not_found_problem()
    {
        var ada = await app.RegisterAsync("ada");
        await ada.Api.GetAsync("/no/such/route").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_wrong_method_is_a_method_not_allowed_problem()
    {
        await app.Anonymous().SendRawAsync(HttpMethod.Put, "/accounts", "{}").ShouldBeProblem(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_an_unsupported_media_type_problem()
    {
        await app.Anonymous().SendRawAsync(HttpMethod.Post, "/accounts", "handle=ada", "application/x-www-form-urlencoded")
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("{\"handle\": \"ada\", ")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"handle\": 42, \"displayName\": \"Ada\", \"password\": \"long enough password\"}")]
    [InlineData("{\"handle\": \"ada_ok\", \"displayName\": \"Ada\", \"password\": \"long enough password\", \"isAdmin\": true}")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Malformed_or_mistyped_json_is_a_bad_request_problem(string json)
    {
        var problem = await app.Anonymous().SendRawAsync(HttpMethod.Post, "/accounts", json).ShouldBeProblem(HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("correlationId", out _));
        await using var session = app.Store.QuerySession();
        Assert.Null(await session.LoadAsync<SocialGen.Api.Accounts.HandleClaim>("ada_ok"));
    }

    [Fact]
    public async Task A_ten_megabyte_body_is_refused_before_it_is_parsed()
    {
        var huge = "{\"handle\":\"" + new string('a', 10 * 1024 * 1024) + "\"}";
        await app.Anonymous().SendRawAsync(HttpMethod.Post, "/accounts", huge).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_ten_megabyte_body_of_unknown_length_is_refused_too()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string('{', 10 * 1024 * 1024))));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/accounts") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        await Task.FromResult(await app.Anonymous().Http.SendAsync(request)).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Problems_carry_the_correlation_id_of_the_request()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/users/{Users.UniqueHandle("ghost")}");
        request.Headers.Add("X-Correlation-Id", "support-ticket-42");

        var problem = await Task.FromResult(await app.Anonymous().Http.SendAsync(request)).ShouldBeProblem(HttpStatusCode.NotFound);

        Assert.Equal("support-ticket-42", problem.GetProperty("correlationId").GetString());
        Assert.False(problem.TryGetProperty("exception", out _));
    }
}
