using System.Collections.Concurrent;
using System.Diagnostics;
using SocialGen.Tests.Fixtures;

namespace SocialGen.Tests.Faults;

/// <summary>The API as a real process on 127.0.0.1, which a test can kill with SIGKILL and start again.</summary>
public sealed class ApiProcess(string connectionString, IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    private readonly int _port = LocalPostgres.FreePort();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("socialgen-faults-data").FullName;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public Uri BaseAddress => new($"http://127.0.0.1:{_port}");

    /// <summary>The last lines the process wrote, to explain a failure.</summary>
    public string RecentOutput => string.Join('\n', _output.TakeLast(40));

    public async Task StartAsync(TimeSpan timeout)
    {
        var dll = ApiDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
        start.Environment["ConnectionStrings__Marten"] = connectionString;
        start.Environment["Auth__SigningKey"] = AppFixture.SigningKey;
        start.Environment["SocialGen__DataDirectory"] = _dataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync(timeout);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly like a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process is { HasExited: true })
                throw new InvalidOperationException($"The API exited with {_process.ExitCode}:\n{RecentOutput}");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { } // not listening yet
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }

        throw new TimeoutException($"The API was not ready within {timeout}:\n{RecentOutput}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 200) _output.TryDequeue(out _);
    }

    /// <summary>The API built alongside these tests (same configuration), run from its own output folder.</summary>
    private static string ApiDll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(LocalPostgres.RepositoryRoot(), "src", "SocialGen.Api", "bin", configuration, "net10.0", "SocialGen.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first (./test.sh does).", dll);
    }
}
