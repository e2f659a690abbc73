using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SocialGen.Api.Infrastructure;

namespace SocialGen.Api.Assist;

/// <summary>Each user may ask the writing assistant a limited number of times a minute (<c>Assist:RequestsPerMinute</c>).</summary>
public static class AssistLimits
{
    public const string Policy = "assist";

    public static void AddAssistLimits(this WebApplicationBuilder builder)
    {
        var perMinute = builder.Configuration.GetValue("Assist:RequestsPerMinute", 20);
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirst(SocialGenClaims.UserIdType)?.Value ?? "anonymous",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = { Status = 429, Title = "Too many requests", Detail = $"The writing assistant takes {perMinute} requests a minute per person." }
                });
            };
        });
    }
}
