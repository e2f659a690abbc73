using System.Globalization;
using System.Text.Json;

namespace SocialGen.Bench;

public sealed record ScalePoint(int Users, double PostsPerSec, double FanoutLagP50Ms, double FanoutLagP99Ms);

public sealed record Report(
    string Mode,
    DateTimeOffset Date,
    int Users,
    long Events,
    double PostsPerSec,
    double PostP99Ms,
    double HomeReadsPerSec,
    double HomeReadP99Ms,
    double PgInsertTps,
    double PgPageReadTps,
    double WriteRatio,
    double ReadRatio,
    double FanoutLagP50Ms,
    double FanoutLagP99Ms,
    double CelebrityFanoutLagP99Ms,
    double RebuildEventsPerSec,
    double RebuildSeconds,
    double SeedEventsPerSec,
    double CatchUpEventsPerSec,
    double ApiPeakRssMb,
    long Errors,
    long Requests,
    IReadOnlyList<ScalePoint> Scaling)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals
    };

    public void Print()
    {
        string F(double v, string format = "N0") => double.IsNaN(v) ? "n/a" : v.ToString(format, CultureInfo.InvariantCulture);
        Console.WriteLine($"""

            ## SocialGen benchmark ({Mode}, {Date:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)

            | metric | value | target |
            |---|---|---|
            | users / events in store | {Users:N0} / {Events:N0} | |
            | posts/s (p99 ms) | {F(PostsPerSec)} ({F(PostP99Ms)}) | |
            | home timeline reads/s (p99 ms) | {F(HomeReadsPerSec)} ({F(HomeReadP99Ms)}) | |
            | pgbench JSONB inserts/s | {F(PgInsertTps)} | |
            | pgbench 50-row page reads/s | {F(PgPageReadTps)} | |
            | writeRatio | {F(WriteRatio, "0.000")} | ≥ 0.25 |
            | readRatio | {F(ReadRatio, "0.000")} | ≥ 0.5 |
            | fan-out lag p50 / p99 ms | {F(FanoutLagP50Ms)} / {F(FanoutLagP99Ms)} | p99 ≤ 1000 |
            | celebrity fan-out lag p99 ms | {F(CelebrityFanoutLagP99Ms)} | ≤ 3000 |
            | rebuild events/s ({F(RebuildSeconds, "0.0")} s) | {F(RebuildEventsPerSec)} | ≥ 50,000 |
            | seed (bulk) events/s, daemon catch-up events/s | {F(SeedEventsPerSec)}, {F(CatchUpEventsPerSec)} | |
            | API peak RSS MB | {F(ApiPeakRssMb)} | ≤ 512 |
            | errors / requests | {Errors:N0} / {Requests:N0} | 0 errors |
            """);
        foreach (var point in Scaling)
            Console.WriteLine($"| scale {point.Users:N0} users: posts/s, fan-out p50/p99 ms | {F(point.PostsPerSec)}, {F(point.FanoutLagP50Ms)}/{F(point.FanoutLagP99Ms)} | |");
    }

    public async Task SaveAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json));
    }
}
