using System.Security.Claims;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SocialGen.Api.Infrastructure;

/// <summary>
/// OpenTelemetry traces and metrics for ASP.NET Core, HttpClient (the AI provider), Npgsql, Wolverine, Marten and our own
/// meter; exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. Logs are JSON outside Development and
/// carry the correlation id and user id of the request.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "socialgen-api";
    public const string MeterName = "SocialGen";

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "O";
            });
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource("Wolverine", "Marten"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql", "Wolverine:*", "Marten", "Marten.*", MeterName));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.UseOtlpExporter();
    }

    /// <summary>After authentication: every log line of the request names the acting user.</summary>
    public static void UseUserLogScope(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var userId = http.User.FindFirstValue(SocialGenClaims.UserIdType);
            if (userId is null)
            {
                await next(http);
                return;
            }

            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("SocialGen.Requests");
            using (logger.BeginScope(new Dictionary<string, object> { ["UserId"] = userId }))
            {
                await next(http);
            }
        });
    }
}
