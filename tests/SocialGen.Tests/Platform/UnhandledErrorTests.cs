using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using SocialGen.Api.Infrastructure;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Platform;

/// <summary>No endpoint fails on purpose, so these drive the exception handler the host uses directly.</summary>
public sealed class UnhandledErrorTests(AppFixture app)
{
    [Fact]
    public async Task An_unexpected_failure_is_a_500_problem_that_reveals_no_internals_in_production()
    {
        var problem = await HandleAsync("Production", new InvalidOperationException("Password=hunter2 in connection string"));

        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("hunter2", problem.GetRawText());
        Assert.DoesNotContain("InvalidOperationException", problem.GetRawText());
        Assert.True(problem.TryGetProperty("correlationId", out _));
    }

    [Fact]
    public async Task Developers_see_the_exception_in_development()
    {
        var problem = await HandleAsync("Development", new InvalidOperationException("boom"));

        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.Contains("boom", problem.GetProperty("exception").GetString());
    }

    [Fact]
    public async Task A_lost_concurrency_race_is_a_409_problem()
    {
        var problem = await HandleAsync("Production", new JasperFx.ConcurrencyException(typeof(object), Guid.NewGuid()));
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
    }

    private async Task<JsonElement> HandleAsync(string environment, Exception exception)
    {
        await using var scope = app.Host.Services.CreateAsyncScope();
        var handler = new ExceptionProblemDetails(
            scope.ServiceProvider.GetRequiredService<IProblemDetailsService>(),
            new HostingEnvironment { EnvironmentName = environment },
            NullLogger<ExceptionProblemDetails>.Instance);
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Headers.Accept = "application/json";
        http.Response.Body = new MemoryStream();

        Assert.True(await handler.TryHandleAsync(http, exception, CancellationToken.None));

        http.Response.Body.Position = 0;
        return await JsonSerializer.DeserializeAsync<JsonElement>(http.Response.Body);
    }
}
