using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SocialGen.Tests.Faults;

/// <summary>
/// A PostgreSQL cluster of the test's own, durable (fsync and synchronous commit on), started with the project's
/// scripts, so a test can crash it (<c>pg_ctl stop -m immediate</c>) without touching the shared test database.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private readonly string _data;
    private readonly int _port;

    private LocalPostgres(string data, int port)
    {
        _data = data;
        _port = port;
    }

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Database=socialgen;Username=postgres;Maximum Pool Size=50;Timeout=5";

    public static async Task<LocalPostgres> StartAsync()
    {
        var postgres = new LocalPostgres(Path.Combine(Path.GetTempPath(), $"socialgen-faults-pg.{Guid.NewGuid():N}"), FreePort());
        await postgres.StartAgainAsync();
        await Script("create-db", postgres._port.ToString(), "socialgen");
        return postgres;
    }

    public Task CrashAsync() => Script("crash", _data);

    public Task StartAgainAsync() => Script("start", _data, _port.ToString(), "durable");

    public async ValueTask DisposeAsync()
    {
        await Script("stop", _data);
        Directory.Delete(_data, recursive: true);
        File.Delete(_data + ".initdb.log");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The repository's root, found from the test binaries, for its scripts and the API's build output.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SocialGen.sln"))) return dir.FullName;
        throw new InvalidOperationException("SocialGen.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task Script(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "postgres.sh"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/postgres.sh {string.Join(' ', args)} failed: {await error}");
    }
}
