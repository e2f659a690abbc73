using System.Net;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Accounts;

public sealed class SignInTests(AppFixture app)
{
    [Fact]
    public async Task Signing_in_returns_a_bearer_token_that_authorizes_writes()
    {
        var ada = await app.RegisterAsync("ada");

        var response = await app.Anonymous().PostAsync("/auth/token", new { handle = ada.Handle, password = ada.Password })
            .ShouldBe(HttpStatusCode.OK);
        var body = await response.JsonAsync();

        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.Equal(3600, body.GetProperty("expiresIn").GetInt32());
        Assert.Equal(["user"], Tokens.RolesIn(body.GetProperty("accessToken").GetString()!));
        await app.Anonymous().WithToken(body.GetProperty("accessToken").GetString()!)
            .PatchAsync("/me/profile", new { bio = "signed in" }).ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Handles_are_case_insensitive_at_sign_in()
    {
        var ada = await app.RegisterAsync("ada");
        await app.Anonymous().PostAsync("/auth/token", new { handle = ada.Handle.ToUpperInvariant(), password = ada.Password })
            .ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_handle_get_the_same_answer()
    {
        var ada = await app.RegisterAsync("ada");

        var wrongPassword = await app.Anonymous()
            .PostAsync("/auth/token", new { handle = ada.Handle, password = "not the password" })
            .ShouldBeProblem(HttpStatusCode.Unauthorized);
        var unknownHandle = await app.Anonymous()
            .PostAsync("/auth/token", new { handle = Users.UniqueHandle("ghost"), password = "not the password" })
            .ShouldBeProblem(HttpStatusCode.Unauthorized);

        foreach (var field in new[] { "type", "title", "status", "detail" })
            Assert.Equal(wrongPassword.GetProperty(field).ToString(), unknownHandle.GetProperty(field).ToString());
    }

    [Fact]
    public async Task Missing_credentials_are_a_bad_request()
    {
        await app.Anonymous().SendRawAsync(HttpMethod.Post, "/auth/token", """{"handle":"someone"}""")
            .ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Writes_without_a_token_are_unauthorized()
    {
        await app.Anonymous().PatchAsync("/me/profile", new { bio = "anonymous" }).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    public static TheoryData<string> BadTokens => new()
    {
        "garbage",
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.",
        Tokens.Mint(Guid.NewGuid(), "someone", DateTime.UtcNow.AddHours(-1)),
        Tokens.Mint(Guid.NewGuid(), "someone", DateTime.UtcNow.AddHours(1),
            base64Key: Convert.ToBase64String(new byte[64])),
        Tokens.Mint(Guid.NewGuid(), "someone", DateTime.UtcNow.AddHours(1))[..^4] + "AAAA",
        Tokens.Mint(Guid.NewGuid(), "someone", DateTime.UtcNow.AddHours(1), issuer: "https://evil.example"),
        Tokens.Mint(Guid.NewGuid(), "someone", DateTime.UtcNow.AddHours(1), audience: "another-api"),
        Tokens.Unsigned(Guid.NewGuid(), "someone"),
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Malformed_expired_forged_unsigned_or_foreign_tokens_are_refused(string token)
    {
        var response = await app.Anonymous().WithToken(token).PatchAsync("/me/profile", new { bio = "intruder" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }
}
