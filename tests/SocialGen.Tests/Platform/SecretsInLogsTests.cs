using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Platform;

/// <summary>Operators read logs; passwords, tokens and keys must never be in them, whatever the log level.</summary>
public sealed class SecretsInLogsTests
{
    [Fact]
    public async Task Signing_up_signing_in_and_failing_to_leaves_no_secret_and_no_error_in_the_logs()
    {
        var logs = new LogCapture();
        var database = await TestDatabase.CreateAsync("socialgen_test_logs");
        var app = new AppFixture();
        await using var host = await AppFixture.StartAsync(database,
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        app.UseHost(host);
        const string wrongPassword = "not-my-password-Zq81";

        var ada = await app.RegisterAsync("ada");
        await app.Anonymous().PostAsync("/auth/token", new { handle = ada.Handle, password = wrongPassword })
            .ShouldBeProblem(HttpStatusCode.Unauthorized);
        await app.Anonymous().SendRawAsync(HttpMethod.Post, "/auth/token", $$"""{"handle":"{{ada.Handle}}","password":"{{wrongPassword}}",""")
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        var token = ada.Api.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        await ada.Api.PatchAsync("/me/profile", new { bio = "hello" }).ShouldBe(HttpStatusCode.NoContent);

        Assert.NotEmpty(logs.Entries);
        // Clients' mistakes (a wrong password, a broken body) are answered with 4xx; they are no server error.
        Assert.DoesNotContain(logs.Entries, entry => entry.StartsWith("Error", StringComparison.Ordinal));
        foreach (var secret in new[] { Users.Password, wrongPassword, token, token.Split('.')[2], AppFixture.SigningKey })
            Assert.DoesNotContain(logs.Entries, entry => entry.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_configured_log_level_is_honoured()
    {
        var logs = new LogCapture();
        var database = await TestDatabase.CreateAsync("socialgen_test_log_level");
        var app = new AppFixture();
        await using var host = await AppFixture.StartAsync(database,
            // Development's own settings raise Wolverine to Information; an operator's Warning covers it too.
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:Wolverine"] = "Warning" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        app.UseHost(host);

        var ada = await app.RegisterAsync("ada");
        await ada.PostAsync("a quiet day");
        await app.Anonymous().SendRawAsync(HttpMethod.Post, "/posts", "{").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await ada.Api.SendRawAsync(HttpMethod.Post, "/posts", "{").ShouldBeProblem(HttpStatusCode.BadRequest);

        Assert.DoesNotContain(logs.Entries, entry => entry.StartsWith("Information", StringComparison.Ordinal) ||
                                                    entry.StartsWith("Debug", StringComparison.Ordinal) ||
                                                    entry.StartsWith("Trace", StringComparison.Ordinal));
    }
}
