using JasperFx;
using JasperFx.Events;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace SocialGen.Api.Infrastructure;

/// <summary>
/// Turns exceptions into ProblemDetails: known races and client errors into 4xx,
/// everything else into a 500 that shows no internals outside Development.
/// </summary>
public sealed class ExceptionProblemDetails(
    IProblemDetailsService problemDetails,
    IHostEnvironment environment,
    ILogger<ExceptionProblemDetails> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail) = Classify(exception);
        if (status >= 500)
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", http.Request.Method, http.Request.Path);
        else
            logger.LogInformation("Request rejected with {Status}: {Detail}", status, detail);

        http.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable) http.Response.Headers.RetryAfter = "5";
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (status >= 500 && environment.IsDevelopment()) problem.Extensions["exception"] = exception.ToString();

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = problem,
            Exception = exception
        });
    }

    private static (int Status, string Title, string? Detail) Classify(Exception exception) => exception switch
    {
        ProblemException p => (p.Status, p.Title, p.Detail),
        BadHttpRequestException b => (b.StatusCode, "Bad request", b.Message),
        // Two requests starting the same stream at once (a like or follow sent twice in parallel): one of them wins.
        DocumentAlreadyExistsException or JasperFx.Events.ExistingStreamIdCollisionException or
            Marten.Exceptions.ExistingStreamIdCollisionException =>
            (409, "Conflict", "The resource already exists."),
        ConcurrencyException or EventStreamUnexpectedMaxEventIdException or JasperFx.Events.StreamLockedException =>
            (409, "Conflict", "Another request changed this resource at the same time; retry the request."),
        MartenCommandException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } =>
            (409, "Conflict", "The resource already exists."),
        OperationCanceledException => (499, "Client closed request", null),
        // One commit can break several unique keys at once (a handle and its look-alike claim): still one conflict.
        AggregateException { InnerExceptions: [var first, ..] } aggregate
            when aggregate.InnerExceptions.All(e => Classify(e).Status == StatusCodes.Status409Conflict) => Classify(first),
        _ when DatabaseFaults.IsUnavailable(exception) =>
            (503, "Service unavailable", "The database cannot be reached right now. Retry shortly; a retry with the same Idempotency-Key never writes twice."),
        _ => (500, "An unexpected error occurred", "The error has been logged; quote the correlationId when reporting it.")
    };
}
