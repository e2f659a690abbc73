using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SocialGen.Tests.Fixtures;

/// <summary>
/// A fake OpenAI server on 127.0.0.1 that speaks the wire format the real SDK expects. What it does is chosen by
/// markers in the prompt, so tests running side by side each get their own behaviour:
/// <c>[flag]</c> is flagged by moderation, <c>[policy]</c> is refused under the content policy, <c>[500]</c> always
/// fails, <c>[429-once]</c> is rate limited once (Retry-After: 1) and then succeeds. On every endpoint, <c>[hang]</c>
/// never answers, <c>[slow]</c> answers after half a second, <c>[garbage]</c> answers 200 with a body that is not JSON
/// and <c>[reset]</c> drops the connection.
/// </summary>
public sealed class FakeOpenAi : IAsyncDisposable
{
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _calls = new();

    public ConcurrentQueue<(string Endpoint, string Input)> Requests { get; } = new();

    public string Endpoint { get; private set; } = "";

    private FakeOpenAi(WebApplication app) => _app = app;

    public static async Task<FakeOpenAi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeOpenAi(app);
        app.MapPost("/v1/moderations", fake.Moderate);
        app.MapPost("/v1/images/generations", fake.Generate);
        app.MapPost("/v1/chat/completions", fake.Chat);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Endpoint = $"{address}/v1";
        return fake;
    }

    public int CallsTo(string endpoint, string marker) => Requests.Count(r => r.Endpoint == endpoint && r.Input.Contains(marker));

    private async Task<IResult> Moderate(HttpRequest request)
    {
        var input = (await JsonNode.ParseAsync(request.Body))!["input"]!.ToJsonString();
        Requests.Enqueue(("moderations", input));
        if (await MisbehaveAsync(input, request.HttpContext) is { } misbehaviour) return misbehaviour;
        var flagged = input.Contains("[flag]");
        var categories = new JsonObject { ["violence"] = flagged, ["hate"] = false, ["sexual"] = false };
        var scores = new JsonObject { ["violence"] = flagged ? 0.97 : 0.01, ["hate"] = 0.01, ["sexual"] = 0.0 };
        var applied = new JsonObject { ["violence"] = new JsonArray("text"), ["hate"] = new JsonArray("text"), ["sexual"] = new JsonArray("text") };
        return Json(new JsonObject
        {
            ["id"] = "modr-fake",
            ["model"] = "omni-moderation-latest",
            ["results"] = new JsonArray(new JsonObject
            {
                ["flagged"] = flagged, ["categories"] = categories, ["category_scores"] = scores,
                ["category_applied_input_types"] = applied
            })
        });
    }

    private async Task<IResult> Generate(HttpRequest request, CancellationToken ct)
    {
        var prompt = (await JsonNode.ParseAsync(request.Body, cancellationToken: ct))!["prompt"]!.GetValue<string>();
        Requests.Enqueue(("images", prompt));
        var call = _calls.AddOrUpdate(prompt, 1, (_, n) => n + 1);
        if (await MisbehaveAsync(prompt, request.HttpContext) is { } misbehaviour) return misbehaviour;

        if (prompt.Contains("[500]")) return Error(500, "server_error", "The server had an error.");
        if (prompt.Contains("[policy]")) return Error(400, "content_policy_violation", "Your request was rejected by the safety system.");
        if (prompt.Contains("[429-once]") && call == 1)
        {
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return Error(429, "rate_limit_exceeded", "Rate limit reached.");
        }

        return Json(new JsonObject
        {
            ["created"] = 1_700_000_000,
            ["data"] = new JsonArray(new JsonObject { ["b64_json"] = Convert.ToBase64String(Png), ["revised_prompt"] = $"revised: {prompt}" })
        });
    }

    private async Task<IResult> Chat(HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!;
        var draft = body["messages"]!.AsArray().Last()!["content"]!.ToJsonString();
        Requests.Enqueue(("chat", draft));
        if (await MisbehaveAsync(draft, request.HttpContext) is { } misbehaviour) return misbehaviour;
        var content = JsonSerializer.Serialize(new { suggestions = new[] { "A sharper version", "An even better version [flag]" } });
        return Json(new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = body["model"]!.GetValue<string>(),
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content }, ["finish_reason"] = "stop"
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 10, ["total_tokens"] = 20 }
        });
    }

    /// <summary>The faults every endpoint can show; null when the input asks for none.</summary>
    private static async Task<IResult?> MisbehaveAsync(string input, HttpContext http)
    {
        if (input.Contains("[hang]")) await Task.Delay(Timeout.Infinite, http.RequestAborted);
        if (input.Contains("[slow]")) await Task.Delay(500, http.RequestAborted);
        if (input.Contains("[garbage]")) return Results.Text("{\"data\": [{\"b64_json\": <html>502 Bad Gateway", "application/json");
        if (!input.Contains("[reset]")) return null;
        http.Abort();
        return Results.Empty;
    }

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), "application/json");

    private static IResult Error(int status, string code, string message) => Results.Text(new JsonObject
    {
        ["error"] = new JsonObject { ["message"] = message, ["type"] = "invalid_request_error", ["param"] = null, ["code"] = code }
    }.ToJsonString(), "application/json", statusCode: status);

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
