using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SocialGen.Api.Posts;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Platform;

/// <summary>
/// Property-based fuzzing of every endpoint that takes input: each generated request is a valid one with one poison
/// applied (wrong type, null, huge or malformed value, bad encoding, duplicate or unknown key, unknown enum value,
/// look-alike characters). Whatever the poison, the answer is a 4xx ProblemDetails and no event is written.
/// </summary>
public sealed class HostileInputTests(AppFixture app)
{
    private const int Iterations = 400;

    /// <summary>A write endpoint: its valid body, which fields it requires, and values that are never valid for a field.</summary>
    private enum Sender { Anonymous, Author, Admin }

    private sealed record WriteSpec(string Method, string Path, Func<JsonObject> ValidBody, string[] Required,
        Dictionary<string, string[]> Invalid, Sender Sender = Sender.Author);

    private static readonly string[] BadHandles =
        ["ab", new string('a', 31), "has space", "\u0430dmin", "admin\u202Egnp", "ad\u200Bmin", "adm\u00ADin", "admin\uFE0F", "ad\nmin"];

    private static WriteSpec[] Writes(TestUser author, Guid ownPost) =>
    [
        new("POST", "/accounts", () => new JsonObject { ["handle"] = Users.UniqueHandle("fuzz"), ["displayName"] = "Fuzz", ["password"] = Users.Password },
            ["handle", "displayName", "password"], new() { ["handle"] = BadHandles, ["password"] = ["short"] }, Sender.Anonymous),
        // Wrong credentials to begin with: whatever the poison, the answer stays a 4xx and nobody is signed in.
        new("POST", "/auth/token", () => new JsonObject { ["handle"] = author.Handle, ["password"] = "not the password" },
            ["handle", "password"], new() { ["handle"] = BadHandles, ["password"] = [new string('p', 300)] }, Sender.Anonymous),
        new("POST", $"/admin/users/{author.Handle}/roles", () => new JsonObject { ["role"] = "auditor" },
            ["role"], new() { ["role"] = ["root", "Admin", "", "auditor "] }, Sender.Admin),
        new("PATCH", "/me/profile", () => new JsonObject { ["displayName"] = "Fuzz", ["bio"] = "fuzzing" },
            [], new() { ["displayName"] = ["", "   ", "bell\u0007"], ["avatarMediaId"] = [Guid.NewGuid().ToString()] }),
        new("POST", "/posts", () => new JsonObject { ["text"] = "a fuzzed post" },
            ["text"], new() { ["text"] = ["", "  ", new string('x', PostText.MaxLength + 1)], ["replyToId"] = ["not-a-guid", Guid.NewGuid().ToString()], ["quoteOfId"] = [Guid.NewGuid().ToString()] }),
        new("PUT", $"/posts/{ownPost}", () => new JsonObject { ["text"] = "an edited post" },
            ["text"], new() { ["text"] = ["", new string('x', PostText.MaxLength + 1)] }),
        new("POST", "/images", () => new JsonObject { ["prompt"] = "a lighthouse", ["size"] = "1024x1024" },
            ["prompt"], new() { ["size"] = ["9999x9999", "large", "1024X1024"], ["prompt"] = ["", new string('p', 5000)] }),
        new("POST", "/assist/compose", () => new JsonObject { ["goal"] = "hashtags", ["draft"] = "a draft" },
            ["goal"], new() { ["goal"] = ["sarcastic", "HASHTAGS", "alt text"], ["draft"] = [""] }),
    ];

    /// <summary>Ways to spoil a valid body; each yields the bytes sent.</summary>
    private static readonly Func<WriteSpec, Random, byte[]>[] Poisons =
    [
        (_, r) => Utf8(new[] { "[]", "\"text\"", "42", "null", "true", "", "{", "{}}", "{\"text\":}" }[r.Next(9)]),
        (s, _) => Utf8(s.ValidBody().ToJsonString()[..^1]),
        (s, r) => WithField(s, r, JsonValue.Create(r.Next(2) == 0 ? 12345 : 0)),
        (s, r) => WithField(s, r, new JsonArray("a", "b")),
        (s, r) => WithField(s, r, new JsonObject { ["nested"] = true }),
        (s, r) => WithField(s, r, JsonValue.Create(false)),
        (s, r) => Splice(s, r, "1e400"),
        (s, r) => Splice(s, r, "123456789012345678901234567890"),
        (s, r) => Splice(s, r, "\"\\ud800\""),
        (s, r) => Splice(s, r, "\"x\\udfff y\""),
        (s, r) => Splice(s, r, "\"" + new string('z', 100_000) + "\""),
        (s, r) => Splice(s, r, "\"" + new string('z', 60_000) + "\""),
        (s, r) => InvalidUtf8(s, r),
        (s, _) => Duplicate(s),
        (s, _) => WithExtra(s),
        (s, r) => s.Required.Length == 0 ? WithExtra(s) : Set(s, s.Required[r.Next(s.Required.Length)], null),
        (s, r) => s.Required.Length == 0 ? Duplicate(s) : Without(s, s.Required[r.Next(s.Required.Length)]),
        (s, r) =>
        {
            var field = s.Invalid.Keys.ElementAt(r.Next(s.Invalid.Count));
            return Set(s, field, JsonValue.Create(s.Invalid[field][r.Next(s.Invalid[field].Length)]));
        },
    ];

    [Fact]
    public async Task Every_poisoned_write_is_a_4xx_problem_and_writes_no_event()
    {
        var author = await app.RegisterAsync("fuzzer");
        var ownPost = await author.PostAsync("the fuzzer's own post");
        var admin = await app.RegisterAdminAsync();
        var specs = Writes(author, ownPost);
        var correlations = new List<Guid>();

        await Gen.Select(Gen.Int[0, specs.Length - 1], Gen.Int[0, Poisons.Length - 1], Gen.Int)
            .SampleAsync(async (specIndex, poisonIndex, seed) =>
            {
                var spec = specs[specIndex];
                var body = Poisons[poisonIndex](spec, new Random(seed));
                var correlation = Guid.NewGuid();
                lock (correlations) correlations.Add(correlation);

                var client = spec.Sender switch { Sender.Author => author.Api, Sender.Admin => admin.Api, _ => app.Anonymous() };
                var request = new HttpRequestMessage(new HttpMethod(spec.Method), spec.Path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("X-Correlation-Id", correlation.ToString());

                await ShouldBeClientProblemAsync(await client.Http.SendAsync(request), $"{spec.Method} {spec.Path} {Preview(body)}");
            }, iter: Iterations, threads: 1);

        var database = app.Host.Services.GetRequiredService<NpgsqlDataSource>();
        await using var count = database.CreateCommand("select count(*) from socialgen.mt_events where correlation_id = any($1)");
        count.Parameters.Add(new NpgsqlParameter { Value = correlations.Select(c => c.ToString()).ToArray() });
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    public static TheoryData<string> HostileReads => new()
    {
        "/timeline/home?limit=0", "/timeline/home?limit=-5", "/timeline/home?limit=1e3", "/timeline/home?limit=99999999999999999999",
        "/timeline/home?cursor=%%%", "/timeline/home?cursor=" + new string('A', 10_000),
        "/timeline/home?cursor=eyJraW5kIjoiaG9tZSJ9", "/timeline/home?cursor=Zm9sbG93ZXJzOjEy", "/timeline/home?minSequence=abc",
        "/timeline/home?minSequence=1e400", "/timeline/home?minSequence=99999999999999999999",
        "/users/{handle}/posts?cursor=aG9tZTox", "/users/{handle}/followers?cursor=%F0%9F%92%A9", "/users/{handle}/following?limit=abc",
        "/users/%E2%80%AEnimda", "/users/ad%E2%80%8Bmin", "/users/" + new string('a', 5000),
        "/posts/not-a-guid", "/posts/00000000-0000-0000-0000-000000000000", "/posts/{post}/thread?cursor=%00",
        "/posts/{post}/thread?limit=-1", "/images/not-a-guid", "/media/%2e%2e%2fetc%2fpasswd", "/media/00000000-0000-0000-0000-000000000000",
    };

    [Theory]
    [MemberData(nameof(HostileReads))]
    public async Task Hostile_query_strings_and_route_values_are_4xx_problems(string url)
    {
        var reader = await app.RegisterAsync("reader");
        var post = await reader.PostAsync("something to point at");
        var target = url.Replace("{handle}", reader.Handle).Replace("{post}", post.ToString());

        await ShouldBeClientProblemAsync(await reader.Api.GetAsync(target), target);
    }

    private static async Task ShouldBeClientProblemAsync(HttpResponseMessage response, string what)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status is >= 400 and < 500, $"{what}: expected a 4xx, got {status} {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"{what}: expected a ProblemDetails, got {response.Content.Headers.ContentType} {body}");
        Assert.Equal(status, JsonNode.Parse(body)!["status"]!.GetValue<int>());
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Preview(byte[] body) => Encoding.UTF8.GetString(body[..Math.Min(body.Length, 120)]);

    private static string AnyField(WriteSpec spec, Random random)
    {
        var fields = spec.ValidBody().Select(p => p.Key).Concat(spec.Invalid.Keys).Distinct().ToArray();
        return fields[random.Next(fields.Length)];
    }

    private static byte[] WithField(WriteSpec spec, Random random, JsonNode value) => Set(spec, AnyField(spec, random), value);

    private static byte[] Set(WriteSpec spec, string field, JsonNode? value)
    {
        var body = spec.ValidBody();
        body[field] = value;
        return Utf8(body.ToJsonString());
    }

    private static byte[] Without(WriteSpec spec, string field)
    {
        var body = spec.ValidBody();
        body.Remove(field);
        return Utf8(body.ToJsonString());
    }

    /// <summary>Puts raw JSON text (which JsonNode would refuse to build) in place of a field's value.</summary>
    private static byte[] Splice(WriteSpec spec, Random random, string rawValue)
    {
        var field = AnyField(spec, random);
        var body = spec.ValidBody();
        body[field] = "__SPLICE__";
        return Utf8(body.ToJsonString().Replace("\"__SPLICE__\"", rawValue));
    }

    private static byte[] InvalidUtf8(WriteSpec spec, Random random)
    {
        var field = AnyField(spec, random);
        var body = spec.ValidBody();
        body[field] = "__BYTES__";
        var text = body.ToJsonString();
        var at = text.IndexOf("__BYTES__", StringComparison.Ordinal);
        byte[][] invalid = [[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF]];
        return [.. Utf8(text[..at]), .. invalid[random.Next(invalid.Length)], .. Utf8(text[(at + 9)..])];
    }

    private static byte[] Duplicate(WriteSpec spec)
    {
        var body = spec.ValidBody();
        var (field, value) = body.First();
        var json = body.ToJsonString();
        return Utf8(json[..^1] + $",\"{field}\":{value!.ToJsonString()}}}");
    }

    private static byte[] WithExtra(WriteSpec spec)
    {
        var body = spec.ValidBody();
        body["isAdmin"] = true;
        return Utf8(body.ToJsonString());
    }
}
