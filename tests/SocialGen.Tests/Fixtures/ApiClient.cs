using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SocialGen.Tests.Fixtures;

/// <summary>A client of the API as one caller (anonymous or signed in, from one IP address) sees it.</summary>
public sealed class ApiClient(HttpClient http, AppFixture app, IPAddress address)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http { get; } = http;
    public AppFixture App { get; } = app;
    public IPAddress Address { get; } = address;

    /// <summary>The same caller's address, signed in with the given token.</summary>
    public ApiClient WithToken(string token)
    {
        var client = App.Anonymous(Address);
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public Task<HttpResponseMessage> DeleteAsync(string url) => Http.DeleteAsync(url);

    public Task<HttpResponseMessage> PostAsync(string url, object? body = null) =>
        Http.PostAsync(url, body is null ? null : JsonContent.Create(body, options: Json));

    public Task<HttpResponseMessage> PatchAsync(string url, object body) =>
        Http.PatchAsync(url, JsonContent.Create(body, options: Json));

    /// <summary>Sends the text exactly as given, for the malformed bodies careless clients send.</summary>
    public Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string url, string body, string contentType = "application/json") =>
        Http.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, contentType) });
}

public static class ResponseAssertions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ApiClient.Json))!;

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);

    public static async Task<HttpResponseMessage> ShouldBe(this Task<HttpResponseMessage> pending, HttpStatusCode expected)
    {
        var response = await pending;
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected {(int)expected} {expected} but got {(int)response.StatusCode}: {body}");
        }

        return response;
    }

    /// <summary>Asserts an RFC 9457 problem with the given status and returns its JSON.</summary>
    public static async Task<JsonElement> ShouldBeProblem(this Task<HttpResponseMessage> pending, HttpStatusCode expected)
    {
        var response = await pending.ShouldBe(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static long Sequence(this HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues("X-Sequence").Single());

    public static long ConsistentThrough(this HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues("X-Consistent-Through").Single());
}
