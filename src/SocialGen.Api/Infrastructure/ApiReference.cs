using Scalar.AspNetCore;

namespace SocialGen.Api.Infrastructure;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and a browsable reference page at <c>/docs</c>.</summary>
public static class ApiReference
{
    public static void MapApiReference(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/docs", options => options.WithTitle("SocialGen API")).AllowAnonymous();
    }
}
