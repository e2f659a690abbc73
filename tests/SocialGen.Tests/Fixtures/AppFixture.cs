using System.Net;
using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
    public const int ImageQuota = 5;

    public IAlbaHost Host { get; private set; } = null!;

    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public async ValueTask InitializeAsync()
    {
        Host = await StartAsync(TestDatabase.ConnectionString(), new Dictionary<string, string?>
        {
            // Low, so a "celebrity" (merged into timelines at read time instead of fanned out) takes only a few followers.
            ["Timelines:CelebrityFollowerThreshold"] = CelebrityThreshold.ToString(),
            ["Images:DailyQuota"] = ImageQuota.ToString(),
            ["Images:FirstRetryDelaySeconds"] = "0.2",
            // Tests write far faster than a person; the limits have their own host in RateLimitTests.
            ["RateLimits:Write:PerUser"] = "0",
            ["RateLimits:Write:PerIp"] = "0",
            ["RateLimits:Ai:PerUser"] = "0",
            ["RateLimits:Ai:PerIp"] = "0",
        });
    }

    /// <summary>Starts the API on the given database with test settings; each host gets its own data folder.</summary>
    public static async Task<IAlbaHost> StartAsync(string connectionString, IReadOnlyDictionary<string, string?> settings,
        Action<IServiceCollection>? services = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("socialgen-test-data").FullName;
        var host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Marten", connectionString);
            builder.UseSetting("Auth:SigningKey", SigningKey);
            builder.UseSetting("SocialGen:DataDirectory", dataDirectory);
            // Failing tests print the host's log; keep it to what explains a failure.
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            if (services is not null) builder.ConfigureServices(services);
        });
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped
            .Register(() => Directory.Delete(dataDirectory, recursive: true));
        return host;
    }

    /// <summary>Lets another fixture's host be driven with the same scenario helpers.</summary>
    public void UseHost(IAlbaHost host) => Host = host;

    /// <summary>
    /// A caller without a token, from the given address or else from an address no other client uses, so per-IP rate
    /// limits only bite where a test means them to.
    /// </summary>
    public ApiClient Anonymous(IPAddress? from = null)
    {
        var address = from ?? NextAddress();
        var handler = Host.Server.CreateHandler(http => http.Connection.RemoteIpAddress = address);
        return new ApiClient(new HttpClient(handler) { BaseAddress = Host.Server.BaseAddress }, this, address);
    }

    private static int _lastAddress;

    private static IPAddress NextAddress()
    {
        var n = Interlocked.Increment(ref _lastAddress);
        return new IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]);
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
