using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SocialGen.Bench;

public sealed record WorkloadResult(
    double PostsPerSec, double PostP99Ms, double HomeReadsPerSec, double HomeReadP99Ms, long Requests, long Errors,
    double FanoutLagP50Ms, double FanoutLagP99Ms, double CelebrityFanoutLagP99Ms, int FanoutSamples, int CelebritySamples);

/// <summary>
/// For a fixed time: writers post (80%), like (15%) and repost (5%) as random users; readers page home timelines of
/// random users; samplers post and time how long until the post shows in a few followers' home timelines.
/// </summary>
public sealed class Workload(HttpClient http, SocialGraph graph, Tokens tokens, int seed)
{
    private readonly ConcurrentQueue<Guid> _recentPosts = new();
    private long _posts, _reads, _requests, _errors;
    private readonly Latencies _postLatency = new(), _readLatency = new(), _fanout = new(), _celebrityFanout = new();

    public async Task<WorkloadResult> RunAsync(TimeSpan duration)
    {
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>();
        for (var i = 0; i < BenchOptions.Writers; i++) tasks.Add(WriterAsync(new Random(seed * 1000 + i), stop.Token));
        for (var i = 0; i < BenchOptions.Readers; i++) tasks.Add(ReaderAsync(new Random(seed * 2000 + i), stop.Token));
        tasks.Add(SamplerAsync(new Random(seed * 3000), celebrity: false, TimeSpan.FromMilliseconds(300), stop.Token));
        tasks.Add(SamplerAsync(new Random(seed * 4000), celebrity: true, TimeSpan.FromSeconds(1), stop.Token));
        await Task.WhenAll(tasks);
        var seconds = clock.Elapsed.TotalSeconds;

        return new WorkloadResult(_posts / seconds, _postLatency.Percentile(99), _reads / seconds, _readLatency.Percentile(99),
            _requests, _errors, _fanout.Percentile(50), _fanout.Percentile(99), _celebrityFanout.Percentile(99),
            _fanout.Count, _celebrityFanout.Count);
    }

    private async Task WriterAsync(Random random, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var user = graph.Users[random.Next(graph.Users.Count)];
            var roll = random.NextDouble();
            if (roll < 0.80 || _recentPosts.IsEmpty)
            {
                var started = Stopwatch.GetTimestamp();
                var id = await PostAsync(user, $"Bench post {random.Next()} #bench", stop);
                if (id is null) continue;
                _postLatency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref _posts);
                _recentPosts.Enqueue(id.Value);
                while (_recentPosts.Count > 1000) _recentPosts.TryDequeue(out _);
            }
            else
            {
                var target = _recentPosts.ElementAtOrDefault(random.Next(Math.Max(1, _recentPosts.Count)));
                if (target == Guid.Empty) continue;
                await SendAsync(HttpMethod.Post, $"/posts/{target}/{(roll < 0.95 ? "like" : "repost")}", user, null, stop);
            }
        }
    }

    private async Task ReaderAsync(Random random, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var user = graph.Users[random.Next(graph.Users.Count)];
            var started = Stopwatch.GetTimestamp();
            using var response = await SendAsync(HttpMethod.Get, "/timeline/home?limit=20", user, null, stop);
            if (response is not { IsSuccessStatusCode: true }) continue;
            await response.Content.ReadAsByteArrayAsync(stop);
            _readLatency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Interlocked.Increment(ref _reads);
        }
    }

    /// <summary>Posts as someone with followers, then polls three followers' home timelines until the post shows.</summary>
    private async Task SamplerAsync(Random random, bool celebrity, TimeSpan every, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try { await Task.Delay(every, stop); } catch (OperationCanceledException) { return; }
            var author = celebrity
                ? graph.Celebrities[random.Next(graph.Celebrities.Count)]
                : graph.Users[BenchOptions.Celebrities + random.Next(graph.Users.Count - BenchOptions.Celebrities)];
            var followers = graph.Followers[author];
            if (followers.Count < 3) continue;

            var id = await PostAsync(author, $"Sampled post {random.Next()}", CancellationToken.None);
            if (id is null) continue;
            var posted = Stopwatch.GetTimestamp();
            var watchers = Enumerable.Range(0, 3).Select(_ => followers[random.Next(followers.Count)]).Distinct();
            var lags = await Task.WhenAll(watchers.Select(f => VisibleAfterAsync(f, id.Value, posted)));
            foreach (var lag in lags.OfType<double>()) (celebrity ? _celebrityFanout : _fanout).Add(lag);
        }
    }

    private async Task<double?> VisibleAfterAsync(Guid reader, Guid post, long posted)
    {
        var deadline = TimeSpan.FromSeconds(20);
        var needle = post.ToString();
        while (Stopwatch.GetElapsedTime(posted) < deadline)
        {
            // A full page (100): under load an active reader's newest 20 can move past the post between two polls.
            using var response = await SendAsync(HttpMethod.Get, "/timeline/home?limit=100", reader, null, CancellationToken.None);
            if (response is { IsSuccessStatusCode: true } && (await response.Content.ReadAsStringAsync()).Contains(needle))
                return Stopwatch.GetElapsedTime(posted).TotalMilliseconds;
            await Task.Delay(50);
        }

        Interlocked.Increment(ref _errors); // never became visible: counted as an error
        return null;
    }

    private async Task<Guid?> PostAsync(Guid author, string text, CancellationToken stop)
    {
        using var response = await SendAsync(HttpMethod.Post, "/posts", author, new { text }, stop);
        if (response is not { IsSuccessStatusCode: true }) return null;
        return (await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("id").GetGuid();
    }

    private async Task<HttpResponseMessage?> SendAsync(HttpMethod method, string url, Guid user, object? body, CancellationToken stop)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.For(user));
        if (body is not null) request.Content = JsonContent.Create(body);
        try
        {
            var response = await http.SendAsync(request, stop);
            Interlocked.Increment(ref _requests);
            if (!response.IsSuccessStatusCode) Interlocked.Increment(ref _errors);
            return response;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return null; // the phase ended mid-request
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _errors);
            return null;
        }
    }
}
