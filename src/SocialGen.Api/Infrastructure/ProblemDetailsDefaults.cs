using Microsoft.AspNetCore.Http.Features;

namespace SocialGen.Api.Infrastructure;

public static class ProblemDetailsDefaults
{
    /// <summary>Every error names the request it belongs to, so a client can quote it to support.</summary>
    public static void Enrich(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        context.ProblemDetails.Instance ??= http.Request.Path;
        context.ProblemDetails.Extensions["correlationId"] = Correlation.Of(http);
        context.ProblemDetails.Extensions["traceId"] =
            http.Features.Get<IHttpActivityFeature>()?.Activity.Id ?? http.TraceIdentifier;
    }
}

/// <summary>Thrown by request-handling code for a client error that is best reported from deep inside a helper.</summary>
public sealed class ProblemException(int status, string title, string? detail = null) : Exception(detail ?? title)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;

    public static ProblemException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "Bad request", detail);
}
