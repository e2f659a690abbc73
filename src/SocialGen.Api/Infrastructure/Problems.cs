namespace SocialGen.Api.Infrastructure;

/// <summary>RFC 9457 answers for the client errors endpoints report themselves.</summary>
public static class Problems
{
    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);
    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "Bad request", detail);
    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflict", detail);
    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Forbidden", detail);
    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    /// <summary>429 with Retry-After: the rate limiter's answer, and that of limits an endpoint checks itself.</summary>
    public static IResult TooManyRequests(TimeSpan retryAfter, string detail, string title = "Too many requests") =>
        new RetryAfterResult(Problem(StatusCodes.Status429TooManyRequests, title, detail), retryAfter);

    /// <summary>503 with Retry-After: a dependency is busy or away; the same request may succeed later.</summary>
    public static IResult Unavailable(TimeSpan retryAfter, string title, string detail) =>
        new RetryAfterResult(Problem(StatusCodes.Status503ServiceUnavailable, title, detail), retryAfter);

    public static IResult Validation(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Retry-After in whole seconds, at least 1, in front of the problem itself.</summary>
    private sealed class RetryAfterResult(IResult problem, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.RetryAfter =
                Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(http);
        }
    }

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
