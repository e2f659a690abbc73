namespace SocialGen.Api.Infrastructure;

/// <summary>
/// Refuses oversized bodies with 413 before anything parses them. Kestrel enforces the same limit on the wire;
/// this also covers hosts without that feature (the test server) and chunked bodies of unknown length.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var limit = HttpPlatform.MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        if (http.Request.ContentLength is null && HasBody(http.Request))
        {
            http.Request.Body = await BufferUpTo(http.Request.Body, limit, http.RequestAborted);
        }

        await next(http);
    }

    private static bool HasBody(HttpRequest request) =>
        request.Headers.TransferEncoding.Count > 0 || request.Method is "POST" or "PUT" or "PATCH";

    private static async Task<Stream> BufferUpTo(Stream body, long limit, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) throw TooLarge(limit);
            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }

    private static ProblemException TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "Payload too large", $"Request bodies are limited to {limit / 1024} KiB.");
}
