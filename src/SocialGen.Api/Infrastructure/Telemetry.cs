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

        QuietMalformedBodies(builder.Logging);

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

    /// <summary>
    /// Wolverine logs a request body it cannot parse at Error, with a stack trace, under the command's type name.
    /// That is the client's mistake and already answered with a 400 ProblemDetails; at Error it would page an
    /// operator for every broken client (or every fuzzer). Commands are the types with a validator. One rule per
    /// command category: a catch-all filter would replace the configured default level for every category.
    /// </summary>
    private static void QuietMalformedBodies(ILoggingBuilder logging)
    {
        foreach (var command in RequestValidation.CommandTypes(typeof(Program).Assembly))
            logging.AddFilter(command.FullName, LogLevel.Critical);
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
