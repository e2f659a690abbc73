using System.Text.RegularExpressions;

namespace SocialGen.Api.Infrastructure;

/// <summary>
/// Honours a well-formed <c>X-Correlation-Id</c> or makes one, echoes it on the response and
/// puts it in the logging scope; <see cref="EventMetadata"/> stores it on every appended event.
/// </summary>
public sealed partial class CorrelationMiddleware(RequestDelegate next, ILogger<CorrelationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var supplied = http.Request.Headers[Correlation.Header].ToString();
        var correlationId = WellFormed().IsMatch(supplied) ? supplied : Guid.CreateVersion7().ToString();
        http.Items[Correlation.Header] = correlationId;
        // Set when the response starts, so error handlers that clear the response keep it.
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[Correlation.Header] = correlationId;
            return Task.CompletedTask;
        });

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
        {
            await next(http);
        }
    }

    // Printable, header-safe and short: anything else is replaced rather than stored in the audit trail.
    [GeneratedRegex("^[A-Za-z0-9._:/+=@-]{1,128}$")]
    private static partial Regex WellFormed();
}

public static class Correlation
{
    public const string Header = "X-Correlation-Id";

    public static string Of(HttpContext http) =>
        http.Items.TryGetValue(Header, out var id) && id is string s ? s : http.TraceIdentifier;
}
