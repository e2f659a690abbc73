namespace SocialGen.Api.Infrastructure;

/// <summary>RFC 9457 answers for the client errors endpoints report themselves.</summary>
public static class Problems
{
    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);
    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Bad request", detail);
    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflict", detail);
    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Forbidden", detail);
    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    /// <summary>429 with Retry-After, for limits an endpoint checks itself.</summary>
    public static IResult TooManyRequests(TimeSpan retryAfter, string detail) => new TooManyRequestsResult(retryAfter, detail);

    public static IResult Validation(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    private sealed class TooManyRequestsResult(TimeSpan retryAfter, string detail) : IResult
    {
        public Task ExecuteAsync(HttpContext http) => RateLimits.TooManyRequests(http, retryAfter, detail).AsTask();
    }

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
