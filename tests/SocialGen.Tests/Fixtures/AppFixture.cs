using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

[assembly: AssemblyFixture(typeof(SocialGen.Tests.Fixtures.AppFixture))]

namespace SocialGen.Tests.Fixtures;

/// <summary>
/// One API host for the whole test run, on the throwaway PostgreSQL that ./test.sh starts.
/// Tests isolate themselves by creating their own users with unique handles, so they never reset shared data.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string SigningKey = "c29jaWFsZ2VuLXRlc3Qtc2lnbmluZy1rZXktdGhhdC1pcy1sb25nLWVub3VnaC0xMjM0NTY=";

    public const int CelebrityThreshold = 5;

    public IAlbaHost Host { get; private set; } = null!;

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public async ValueTask InitializeAsync()
    {
        var connection = Environment.GetEnvironmentVariable("SOCIALGEN_TEST_CONNECTION")
            ?? throw new InvalidOperationException(
                "SOCIALGEN_TEST_CONNECTION is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL.");

        var dataDirectory = Directory.CreateTempSubdirectory("socialgen-test-data").FullName;
        Environment.SetEnvironmentVariable("ConnectionStrings__Marten", connection);
        Environment.SetEnvironmentVariable("Auth__SigningKey", SigningKey);
        Environment.SetEnvironmentVariable("SocialGen__DataDirectory", dataDirectory);
        // Low, so a "celebrity" (merged into timelines at read time instead of fanned out) takes only a few followers.
        Environment.SetEnvironmentVariable("Timelines__CelebrityFollowerThreshold", CelebrityThreshold.ToString());
        // Failing tests print the host's log; keep it to what explains a failure.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");

        Host = await AlbaHost.For<Program>(builder => builder.UseEnvironment("Development"));
    }

    public ApiClient Anonymous() => new(Host.Server.CreateClient(), this);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
