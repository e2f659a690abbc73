using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialGen.Api.Infrastructure;

/// <summary>JSON conventions, RFC 9457 errors, request limits, correlation and the OpenAPI document.</summary>
public static class HttpPlatform
{
    /// <summary>Commands and profile edits are small; anything bigger is refused before it is parsed.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    public static void AddHttpPlatform(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsDefaults.Enrich);
        builder.Services.AddExceptionHandler<ExceptionProblemDetails>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOpenApi();
    }

    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // A typo in a field name is a client bug worth hearing about, not something to drop silently.
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // {"text":"hi","text":"bye"} means different things to different parsers (and to a moderator): refuse it.
        json.AllowDuplicateProperties = false;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    public static void UseHttpPlatform(this WebApplication app)
    {
        app.UseMiddleware<CorrelationMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
    }
}
