using System.Net;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Platform;

public sealed class HealthAndReferenceTests(AppFixture app)
{
    [Fact]
    public async Task Liveness_and_readiness_answer_healthy_without_a_token()
    {
        var live = await app.Anonymous().GetAsync("/health/live").ShouldBe(HttpStatusCode.OK);
        var ready = await app.Anonymous().GetAsync("/health/ready").ShouldBe(HttpStatusCode.OK);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint()
    {
        var document = await (await app.Anonymous().GetAsync("/openapi/v1.json").ShouldBe(HttpStatusCode.OK)).JsonAsync();
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/accounts", "/auth/token", "/me/profile", "/users/{handle}", "/users/{handle}/follow",
                     "/users/{handle}/followers", "/users/{handle}/following", "/admin/users/{handle}/roles" })
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI document lacks {path}");
    }

    [Fact]
    public async Task The_api_reference_page_is_served()
    {
        var page = await app.Anonymous().GetAsync("/docs/").ShouldBe(HttpStatusCode.OK);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }
}
