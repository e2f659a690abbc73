using System.Threading.RateLimiting;

namespace SocialGen.Api.Infrastructure;

/// <summary>What an endpoint costs, for rate limiting. Reads are not limited; an unmarked write is a <see cref="Write"/>.</summary>
public enum RateLimitKind { None, Write, SignIn, Registration, Ai }

/// <summary>Puts an endpoint in a rate-limit class other than the one its HTTP method implies.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RateLimitedAttribute(RateLimitKind kind) : Attribute
{
    public RateLimitKind Kind { get; } = kind;
}

/// <summary>
/// Requests per minute for each kind, per signed-in user and per client IP address (<c>RateLimits:{Kind}:PerUser</c>
/// and <c>:PerIp</c>; 0 turns a limit off). Limits are counted per API node (ADR 0015).
/// </summary>
public sealed class RateLimitSettings
{
    private static readonly Dictionary<RateLimitKind, (int PerUser, int PerIp)> Defaults = new()
    {
        [RateLimitKind.Write] = (120, 1200),
        [RateLimitKind.SignIn] = (0, 30),
        [RateLimitKind.Registration] = (0, 10),
        [RateLimitKind.Ai] = (20, 120),
    };

    private readonly Dictionary<RateLimitKind, (int PerUser, int PerIp)> _limits;

    private RateLimitSettings(Dictionary<RateLimitKind, (int PerUser, int PerIp)> limits, int signInsPerHandle)
    {
        _limits = limits;
        SignInsPerHandle = signInsPerHandle;
    }

    /// <summary>Sign-in attempts per handle a minute, whatever address they come from (slows password guessing).</summary>
    public int SignInsPerHandle { get; }

    public int PerUser(RateLimitKind kind) => _limits.TryGetValue(kind, out var limit) ? limit.PerUser : 0;

    public int PerIp(RateLimitKind kind) => _limits.TryGetValue(kind, out var limit) ? limit.PerIp : 0;

    public static RateLimitSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("RateLimits");
        var limits = Defaults.ToDictionary(d => d.Key, d => (
            section.GetValue($"{d.Key}:PerUser", d.Value.PerUser),
            section.GetValue($"{d.Key}:PerIp", d.Value.PerIp)));
        return new RateLimitSettings(limits, section.GetValue("SignIn:PerHandle", 10));
    }
}

public static class RateLimits
{
    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        var settings = RateLimitSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddRateLimiter(options =>
        {
            // Both must admit a request: the user's own allowance and the allowance of the address it comes from.
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => PerUser(http, settings)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => PerIp(http, settings)));
            options.OnRejected = async (context, _) =>
            {
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter);
                await Problems.TooManyRequests(retryAfter, "Too many requests of this kind; retry after the time given.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }

    public static RateLimitKind KindOf(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>() is { } marked) return marked.Kind;
        return HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ||
               HttpMethods.IsOptions(http.Request.Method)
            ? RateLimitKind.None
            : RateLimitKind.Write;
    }

    private static RateLimitPartition<string> PerUser(HttpContext http, RateLimitSettings settings)
    {
        var kind = KindOf(http);
        var user = http.User.FindFirst(SocialGenClaims.UserIdType)?.Value;
        return user is null ? RateLimitPartition.GetNoLimiter("") : PerMinute($"{kind}:user:{user}", settings.PerUser(kind));
    }

    private static RateLimitPartition<string> PerIp(HttpContext http, RateLimitSettings settings)
    {
        var kind = KindOf(http);
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return PerMinute($"{kind}:ip:{address}", settings.PerIp(kind));
    }

    /// <summary>A fixed one-minute window of <paramref name="limit"/> requests for the key; no limit when 0.</summary>
    public static RateLimitPartition<string> PerMinute(string key, int limit) => limit <= 0
        ? RateLimitPartition.GetNoLimiter("")
        : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0
        });
}

/// <summary>Counts sign-in attempts per handle, so guessing one account's password from many addresses is slow too.</summary>
public sealed class SignInThrottle(RateLimitSettings settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perHandle =
        PartitionedRateLimiter.Create<string, string>(handle => RateLimits.PerMinute(handle, settings.SignInsPerHandle));

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? Refusal(string handle)
    {
        using var lease = _perHandle.AttemptAcquire(handle.ToLowerInvariant());
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => _perHandle.Dispose();
}
