using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SocialGen.Tests.Faults;

public sealed record LoadUser(Guid Id, string Handle, string Token);

public enum WriteKind { Post, Like, Follow, Image }

/// <summary>One write a client attempted, and whether the API acknowledged it (2xx) before anything went wrong.</summary>
public sealed class Write(WriteKind kind, LoadUser actor, string key, Guid? target)
{
    public WriteKind Kind { get; } = kind;
    public LoadUser Actor { get; } = actor;
    /// <summary>Unique per write: the Idempotency-Key, and the text or prompt that identifies it in the store.</summary>
    public string Key { get; } = key;
    public Guid? Target { get; } = target;
    public bool Acknowledged { get; set; }
    public Guid? ResourceId { get; set; }
}

/// <summary>
/// Concurrent writers doing what people do (post, like, follow, ask for a picture), retrying like a good client:
/// the same Idempotency-Key after a failure, and honouring Retry-After. Every attempt is kept in a ledger.
/// </summary>
public sealed class WriteLoad(Uri api, IReadOnlyList<LoadUser> users)
{
    private readonly HttpClient _http = new() { BaseAddress = api, Timeout = TimeSpan.FromSeconds(10) };
    private readonly ConcurrentQueue<Guid> _posts = new();

    public ConcurrentBag<Write> Ledger { get; } = [];
    /// <summary>Answers of 500 or any 5xx other than 503: the API must never give them.</summary>
    public ConcurrentBag<string> ServerErrors { get; } = [];
    public int Unavailable => _unavailable;
    private int _unavailable;

    public Task RunAsync(int writers, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() => WriterAsync(new Random(i), stop))));

    private async Task WriterAsync(Random random, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var actor = users[random.Next(users.Count)];
            var roll = random.NextDouble();
            var key = $"fault {Guid.NewGuid():N}";
            var write = roll switch
            {
                < 0.55 => new Write(WriteKind.Post, actor, key, null),
                < 0.75 when _posts.TryPeek(out _) => new Write(WriteKind.Like, actor, key, _posts.ElementAt(random.Next(Math.Min(_posts.Count, 200)))),
                < 0.90 => new Write(WriteKind.Follow, actor, key, OtherThan(actor, random).Id),
                _ => new Write(WriteKind.Image, actor, key, null),
            };
            Ledger.Add(write);
            await AttemptAsync(write, stop);
            if (write is { Kind: WriteKind.Post, Acknowledged: true, ResourceId: { } id })
            {
                _posts.Enqueue(id);
                while (_posts.Count > 200) _posts.TryDequeue(out _);
            }
        }
    }

    private LoadUser OtherThan(LoadUser actor, Random random)
    {
        while (true)
        {
            var other = users[random.Next(users.Count)];
            if (other.Id != actor.Id) return other;
        }
    }

    private async Task AttemptAsync(Write write, CancellationToken stop)
    {
        for (var attempt = 0; attempt < 20 && !stop.IsCancellationRequested; attempt++)
        {
            var wait = TimeSpan.FromMilliseconds(250);
            try
            {
                using var response = await _http.SendAsync(Request(write), CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    write.Acknowledged = true;
                    write.ResourceId = await ResourceIdAsync(write, response);
                    return;
                }

                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Interlocked.Increment(ref _unavailable);
                    wait = TimeSpan.FromMilliseconds(Math.Min(1000, (response.Headers.RetryAfter?.Delta ?? wait).TotalMilliseconds));
                }
                else if ((int)response.StatusCode >= 500)
                {
                    ServerErrors.Add($"{(int)response.StatusCode} {write.Kind}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                }
                else return; // a 4xx is a definite answer: the write was refused and changed nothing
            }
            catch (HttpRequestException) { } // the API is down or restarting: try again
            catch (TaskCanceledException) { } // no answer in time: the outcome is unknown, so try again with the same key

            try { await Task.Delay(wait, stop); } catch (OperationCanceledException) { return; }
        }
    }

    private HttpRequestMessage Request(Write write)
    {
        var request = write.Kind switch
        {
            WriteKind.Post => Json(HttpMethod.Post, "/posts", new { text = write.Key }),
            WriteKind.Like => new HttpRequestMessage(HttpMethod.Post, $"/posts/{write.Target}/like"),
            WriteKind.Follow => new HttpRequestMessage(HttpMethod.Post, $"/users/{users.Single(u => u.Id == write.Target).Handle}/follow"),
            _ => Json(HttpMethod.Post, "/images", new { prompt = write.Key }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", write.Actor.Token);
        request.Headers.Add("Idempotency-Key", write.Key.Replace(' ', '-'));
        return request;
    }

    private static HttpRequestMessage Json(HttpMethod method, string url, object body) =>
        new(method, url) { Content = JsonContent.Create(body) };

    private static async Task<Guid?> ResourceIdAsync(Write write, HttpResponseMessage response)
    {
        if (write.Kind is not (WriteKind.Post or WriteKind.Image)) return write.Target;
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
        return body.GetProperty("id").GetGuid();
    }
}
