using System.Net.Http.Json;

namespace SocialGen.Tests.Fixtures;

/// <summary>Requests sent under a correlation id the test chooses, as a client tracing its own work would.</summary>
public static class Correlated
{
    public static Task<HttpResponseMessage> SendAsync(this TestUser user, HttpMethod method, string url, string correlationId, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, options: ApiClient.Json);
        request.Headers.Add("X-Correlation-Id", correlationId);
        return user.Api.Http.SendAsync(request);
    }
}
