using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Faults;

/// <summary>
/// The API process is killed with SIGKILL mid-load and PostgreSQL is crashed and restarted; afterwards every
/// acknowledged write is in the event store exactly once and in every read model it should reach, nothing a client
/// was not told about is half-done, and every accepted image request ends ready or failed.
/// </summary>
public sealed class CrashRecoveryTests
{
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["RateLimits:Write:PerUser"] = "0", ["RateLimits:Write:PerIp"] = "0", ["RateLimits:Ai:PerUser"] = "0",
        ["RateLimits:Ai:PerIp"] = "0", ["RateLimits:Registration:PerIp"] = "0", ["RateLimits:SignIn:PerIp"] = "0",
        ["Images:DailyQuota"] = "1000", ["Images:FirstRetryDelaySeconds"] = "0.2",
    };

    [Fact]
    public async Task Acknowledged_writes_survive_api_kills_and_a_database_crash_exactly_once()
    {
        var plan = FaultPlan.FromEnvironment();
        var random = new Random(Environment.TickCount);
        await using var postgres = await LocalPostgres.StartAsync();
        await using var api = new ApiProcess(postgres.ConnectionString, Settings);
        await api.StartAsync(TimeSpan.FromSeconds(120));
        var users = await SeedUsersAsync(api.BaseAddress, plan.Users, random);

        var load = new WriteLoad(api.BaseAddress, users);
        using var stop = new CancellationTokenSource();
        var loadStarted = Stopwatch.StartNew();
        var running = load.RunAsync(plan.Writers, stop.Token);

        // Kills at random moments in the first two thirds; the database crash after them, with load still running.
        foreach (var at in Enumerable.Range(0, plan.ApiKills).Select(_ => random.NextDouble() * 0.66).Order())
        {
            await DelayUntil(loadStarted, plan.Duration * at);
            await api.KillAsync();
            await api.StartAsync(TimeSpan.FromSeconds(120));
        }

        await DelayUntil(loadStarted, plan.Duration * 0.7);
        var outage = await CrashDatabaseAsync(api.BaseAddress, postgres, users[0]);
        var recoveredAt = Stopwatch.StartNew();
        await DelayUntil(loadStarted, plan.Duration);
        await stop.CancelAsync();
        await running;

        await using var database = NpgsqlDataSource.Create(postgres.ConnectionString);
        var catchUp = await WaitForProjectionsAsync(database, TimeSpan.FromSeconds(120), () => api.RecentOutput);
        var caughtUpAfterLastRestart = recoveredAt.Elapsed;
        var store = await StoredWrites.LoadAsync(database);
        var report = await VerifyAsync(load, store, database, api.BaseAddress, users);

        var figures = new
        {
            mode = plan.Mode,
            writesAttempted = load.Ledger.Count,
            writesAcknowledged = report.Acknowledged,
            writesVerified = report.Verified,
            duplicates = report.Duplicates,
            lost = report.Lost,
            apiKills = plan.ApiKills,
            databaseOutageMs = outage.TotalMilliseconds,
            unavailableAnswers = load.Unavailable,
            serverErrors = load.ServerErrors.Count,
            imagesAccepted = report.Images,
            projectionsCaughtUpAfterLoadMs = catchUp.TotalMilliseconds,
            projectionsCaughtUpAfterLastRestartMs = caughtUpAfterLastRestart.TotalMilliseconds,
        };
        await WriteFiguresAsync(figures);

        Assert.True(load.ServerErrors.IsEmpty, string.Join("\n", load.ServerErrors));
        Assert.True(report.Problems.Count == 0, string.Join("\n", report.Problems));
        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Duplicates);
        Assert.True(report.Acknowledged > 50, $"the load should have got writes through: {JsonSerializer.Serialize(figures)}");
    }

    private static async Task<List<LoadUser>> SeedUsersAsync(Uri api, int count, Random random)
    {
        using var http = new HttpClient { BaseAddress = api };
        var users = new List<LoadUser>();
        for (var i = 0; i < count; i++)
        {
            var handle = Users.UniqueHandle("crash");
            var created = await http.PostAsJsonAsync("/accounts", new { handle, displayName = "Crash test", password = Users.Password });
            created.EnsureSuccessStatusCode();
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var token = await http.PostAsJsonAsync("/auth/token", new { handle, password = Users.Password });
            users.Add(new LoadUser(id, handle, (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!));
        }

        foreach (var user in users)
            foreach (var followee in users.Where(u => u != user).OrderBy(_ => random.Next()).Take(4))
            {
                using var follow = new HttpRequestMessage(HttpMethod.Post, $"/users/{followee.Handle}/follow");
                follow.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
                (await http.SendAsync(follow)).EnsureSuccessStatusCode();
            }

        return users;
    }

    /// <summary>
    /// Crashes PostgreSQL and checks what clients see while it is gone: readiness fails and writes get 503 with
    /// Retry-After, never a 500. Then starts it again and waits until the API says it is ready by itself.
    /// </summary>
    private static async Task<TimeSpan> CrashDatabaseAsync(Uri api, LocalPostgres postgres, LoadUser user)
    {
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(15) };
        var down = Stopwatch.StartNew();
        await postgres.CrashAsync();

        var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/posts") { Content = JsonContent.Create(new { text = "while the database is down" }) };
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        var refused = await http.SendAsync(post);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        await Task.Delay(TimeSpan.FromSeconds(1));
        await postgres.StartAgainAsync();
        var watch = Stopwatch.StartNew();
        while (!(await http.GetAsync("/health/ready")).IsSuccessStatusCode)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "the API did not become ready again after the database came back");
            await Task.Delay(200);
        }

        return down.Elapsed;
    }

    /// <summary>Waits until every projection has processed every event in the store; returns how long that took.</summary>
    private static async Task<TimeSpan> WaitForProjectionsAsync(NpgsqlDataSource database, TimeSpan timeout, Func<string> apiOutput)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await using var command = database.CreateCommand(
                "select (select coalesce(max(seq_id), 0) from socialgen.mt_events) - " +
                "(select coalesce(min(last_seq_id), 0) from socialgen.mt_event_progression where name like '%:%')");
            var behind = (long)(await command.ExecuteScalarAsync())!;
            if (behind <= 0) return watch.Elapsed;
            if (watch.Elapsed > timeout)
                Assert.Fail($"projections still {behind} events behind after {timeout}: {await ProgressAsync(database)}\n{apiOutput()}");
            await Task.Delay(200);
        }
    }

    private static async Task<string> DeadLettersAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand(
            "select count(*) || ' ' || coalesce(string_agg(distinct exception_type || ': ' || left(exception_message, 200), '; '), '') " +
            "from socialgen.wolverine_dead_letters");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string> ProgressAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand(
            "select string_agg(name || '=' || last_seq_id, ', ') from socialgen.mt_event_progression");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<VerificationReport> VerifyAsync(WriteLoad load, StoredWrites store, NpgsqlDataSource database,
        Uri api, IReadOnlyList<LoadUser> users)
    {
        var report = new VerificationReport();
        foreach (var write in load.Ledger)
        {
            var stored = store.CountOf(write);
            if (stored > 1) report.Duplicates += stored - 1;
            if (!write.Acknowledged) continue;
            report.Acknowledged++;
            if (stored == 0) report.Lost++;
            else report.Verified++;
        }

        await new ReadModelCheck(database, store, report).RunAsync();
        await CheckUserTimelinesAsync(api, users, store, report);
        await CheckImagesFinishAsync(api, load, report);
        // Accepted work must be done, not parked: a database outage is waited out, never dead-lettered.
        if (await DeadLettersAsync(database) is var deadLetters && !deadLetters.StartsWith("0 ", StringComparison.Ordinal))
            report.Problems.Add("dead letters: " + deadLetters);
        return report;
    }

    private static async Task CheckUserTimelinesAsync(Uri api, IReadOnlyList<LoadUser> users, StoredWrites store, VerificationReport report)
    {
        using var http = new HttpClient { BaseAddress = api };
        foreach (var user in users)
        {
            var shown = (await http.ReadAllAsync($"/users/{user.Handle}/posts", minSequence: 0))
                .Select(i => i.PostId()).ToList();

            var expected = store.Posts.Where(p => p.AuthorId == user.Id).Select(p => p.PostId).ToHashSet();
            if (!expected.SetEquals(shown) || shown.Count != expected.Count)
                report.Problems.Add($"@{user.Handle}'s timeline shows {shown.Count} posts, the store has {expected.Count}");
        }
    }

    private static async Task CheckImagesFinishAsync(Uri api, WriteLoad load, VerificationReport report)
    {
        using var http = new HttpClient { BaseAddress = api };
        var accepted = load.Ledger.Where(w => w is { Kind: WriteKind.Image, Acknowledged: true }).ToList();
        report.Images = accepted.Count;
        var deadline = Stopwatch.StartNew();
        foreach (var image in accepted)
        {
            while (true)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/images/{image.ResourceId}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", image.Actor.Token);
                var status = (await (await http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
                if (status is "ready" or "failed") break;
                if (deadline.Elapsed > TimeSpan.FromSeconds(90))
                {
                    report.Problems.Add($"image {image.ResourceId} is still {status}");
                    break;
                }

                await Task.Delay(200);
            }
        }
    }

    private static async Task DelayUntil(Stopwatch clock, TimeSpan moment)
    {
        var wait = moment - clock.Elapsed;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
    }

    private static async Task WriteFiguresAsync(object figures)
    {
        var json = JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true });
        TestContext.Current.SendDiagnosticMessage("Fault figures: {0}", json);
        var folder = Path.Combine(LocalPostgres.RepositoryRoot(), "artifacts", "faults");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "latest.json"), json);
    }
}
