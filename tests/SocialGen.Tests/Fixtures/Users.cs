using System.Net;

namespace SocialGen.Tests.Fixtures;

/// <summary>A registered, signed-in person, with the last write's sequence for read-your-writes.</summary>
public sealed record TestUser(Guid Id, string Handle, string Password, ApiClient Api)
{
    public long LastSequence { get; set; }

    public async Task FollowAsync(TestUser other) =>
        LastSequence = (await Api.PostAsync($"/users/{other.Handle}/follow").ShouldBe(HttpStatusCode.NoContent)).Sequence();

    public async Task UnfollowAsync(TestUser other) =>
        LastSequence = (await Api.DeleteAsync($"/users/{other.Handle}/follow").ShouldBe(HttpStatusCode.NoContent)).Sequence();
}

public static class Users
{
    public const string Password = "correct horse battery";

    /// <summary>A handle no other test uses: tests share one database and never reset it.</summary>
    public static string UniqueHandle(string name = "user") =>
        $"{name}_{Guid.NewGuid():N}"[..Math.Min(30, name.Length + 11)];

    public static async Task<TestUser> RegisterAsync(this AppFixture app, string name = "user", string? displayName = null)
    {
        var handle = UniqueHandle(name);
        var anonymous = app.Anonymous();
        var created = await anonymous.PostAsync("/accounts", new { handle, displayName = displayName ?? name, password = Password })
            .ShouldBe(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        var token = await app.SignInAsync(handle, Password);
        return new TestUser(body.GetProperty("id").GetGuid(), handle, Password, anonymous.WithToken(token))
        {
            LastSequence = created.Sequence()
        };
    }

    public static async Task<string> SignInAsync(this AppFixture app, string handle, string password)
    {
        var response = await app.Anonymous().PostAsync("/auth/token", new { handle, password }).ShouldBe(HttpStatusCode.OK);
        return (await response.JsonAsync()).GetProperty("accessToken").GetString()!;
    }
}
