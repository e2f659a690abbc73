using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace SocialGen.Bench;

public sealed class Benchmark(BenchOptions options)
{
    private static readonly string[] AsyncProjections = ["Profiles", "FollowEdges", "PostViews", "HomeTimelines"];

    public async Task<Report> RunAsync()
    {
        await using var database = NpgsqlDataSource.Create(options.Connection);
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        await using var seeder = new Seeder(database, configuration);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = options.Api, Timeout = TimeSpan.FromSeconds(30) };
        var graph = new SocialGraph();
        var random = new Random(options.Seed);

        Log($"Seeding {options.Users:N0} users and their follows");
        graph.GrowTo(options.Users, random);
        var (seeded, seedTook) = await seeder.SeedAsync(graph, 0);
        var catchUp = await CatchUpAsync(database);
        Log($"Seeded {seeded:N0} events in {seedTook.TotalSeconds:0.0} s; projections caught up in {catchUp.TotalSeconds:0.0} s");

        var tokens = new Tokens(options.SigningKey, graph);
        Log($"Load: {BenchOptions.Writers} writers and {BenchOptions.Readers} readers for {options.LoadDuration.TotalSeconds} s");
        var load = await new Workload(http, graph, tokens, options.Seed).RunAsync(options.LoadDuration);
        var scaling = new List<ScalePoint> { new(options.Users, load.PostsPerSec, load.FanoutLagP50Ms, load.FanoutLagP99Ms) };
        var errors = load.Errors;
        var requests = load.Requests;

        await CatchUpAsync(database);
        var events = await CountEventsAsync(database);
        Log($"Rebuilding {string.Join(", ", AsyncProjections)} over {events:N0} events");
        var rebuild = await RebuildAllAsync(http, tokens);
        var rebuiltEvents = events;

        if (options.Full)
        {
            Log($"Scaling to {options.Users * 4:N0} users");
            graph.GrowTo(options.Users * 4, random);
            await seeder.SeedAsync(graph, options.Users);
            await CatchUpAsync(database);
            var bigger = await new Workload(http, graph, tokens, options.Seed + 1).RunAsync(options.LoadDuration / 2);
            scaling.Add(new ScalePoint(options.Users * 4, bigger.PostsPerSec, bigger.FanoutLagP50Ms, bigger.FanoutLagP99Ms));
            errors += bigger.Errors;
            requests += bigger.Requests;
        }

        events = await CountEventsAsync(database);
        Log("Measuring the PostgreSQL baseline with pgbench");
        var (insertTps, pageReadTps) = await new Baseline(options.Connection, options.PgBench).RunAsync(options.BaselineDuration);

        return new Report(options.Mode, DateTimeOffset.UtcNow, graph.Users.Count, events,
            load.PostsPerSec, load.PostP99Ms, load.HomeReadsPerSec, load.HomeReadP99Ms, insertTps, pageReadTps,
            load.PostsPerSec / insertTps, load.HomeReadsPerSec / pageReadTps,
            load.FanoutLagP50Ms, load.FanoutLagP99Ms, load.CelebrityFanoutLagP99Ms,
            rebuiltEvents / rebuild.TotalSeconds, rebuild.TotalSeconds, seeded / seedTook.TotalSeconds, seeded / catchUp.TotalSeconds,
            PeakRssMb(options.ApiPid), errors, requests, scaling);
    }

    /// <summary>Waits until every async projection has processed the newest event.</summary>
    private static async Task<TimeSpan> CatchUpAsync(NpgsqlDataSource database)
    {
        var clock = Stopwatch.StartNew();
        var head = await ScalarAsync(database, "select coalesce(max(seq_id), 0) from socialgen.mt_events");
        var done = new Dictionary<string, double>();
        while (done.Count < AsyncProjections.Length)
        {
            foreach (var projection in AsyncProjections.Where(p => !done.ContainsKey(p)))
            {
                var position = await ScalarAsync(database,
                    $"select coalesce(max(last_seq_id), 0) from socialgen.mt_event_progression where name = '{projection}:All'");
                if (position >= head) done[projection] = clock.Elapsed.TotalSeconds;
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException($"Projections did not reach {head}");
            await Task.Delay(100);
        }

        Log("Caught up: " + string.Join(", ", done.Select(d => $"{d.Key} {d.Value:0.0} s")));
        return clock.Elapsed;
    }

    /// <summary>Rebuilds every async projection through the admin API, all at once, and times it to the last one.</summary>
    private static async Task<TimeSpan> RebuildAllAsync(HttpClient http, Tokens tokens)
    {
        var admin = new AuthenticationHeaderValue("Bearer", tokens.Admin());
        var clock = Stopwatch.StartNew();
        foreach (var projection in AsyncProjections)
        {
            using var start = new HttpRequestMessage(HttpMethod.Post, $"/admin/projections/{projection}/rebuild") { Headers = { Authorization = admin } };
            (await http.SendAsync(start)).EnsureSuccessStatusCode();
        }

        var finished = new Dictionary<string, double>();
        while (finished.Count < AsyncProjections.Length)
        {
            using var list = new HttpRequestMessage(HttpMethod.Get, "/admin/projections") { Headers = { Authorization = admin } };
            var projections = JsonDocument.Parse(await (await http.SendAsync(list)).Content.ReadAsStringAsync()).RootElement;
            foreach (var p in projections.EnumerateArray())
            {
                var name = p.GetProperty("name").GetString()!;
                if (AsyncProjections.Contains(name) && !finished.ContainsKey(name)
                    && p.GetProperty("rebuild").ValueKind == JsonValueKind.Object
                    && p.GetProperty("rebuild").GetProperty("finished").ValueKind != JsonValueKind.Null)
                    finished[name] = clock.Elapsed.TotalSeconds;
            }

            await Task.Delay(100);
        }

        Log("Rebuilt: " + string.Join(", ", finished.Select(f => $"{f.Key} {f.Value:0.0} s")));
        return clock.Elapsed;
    }

    private static Task<long> CountEventsAsync(NpgsqlDataSource database) =>
        ScalarAsync(database, "select count(*) from socialgen.mt_events");

    private static async Task<long> ScalarAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>The API's peak resident memory (VmHWM) since it started.</summary>
    private static double PeakRssMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:"));
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
