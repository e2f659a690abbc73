namespace SocialGen.Bench;

public sealed record BenchOptions(
    string Mode,
    Uri Api,
    string Connection,
    string SigningKey,
    int ApiPid,
    string PgBench,
    string Output,
    int Users,
    TimeSpan LoadDuration,
    TimeSpan BaselineDuration,
    int Seed = 42)
{
    public const int Writers = 16;
    public const int Readers = 16;
    public const int Celebrities = 5;

    public bool Full => Mode == "full";

    public static BenchOptions Parse(string[] args)
    {
        string Arg(string name, string? fallback = null)
        {
            var at = Array.IndexOf(args, "--" + name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback ?? throw new ArgumentException($"--{name} is required");
        }

        var mode = Arg("mode", "quick");
        var full = mode == "full";
        return new BenchOptions(mode, new Uri(Arg("api")), Arg("connection"), Arg("signing-key"), int.Parse(Arg("api-pid")),
            Arg("pgbench"), Arg("out", "artifacts/bench/latest.json"),
            Users: int.Parse(Arg("users", full ? "10000" : "2000")),
            LoadDuration: TimeSpan.FromSeconds(full ? 60 : 20),
            BaselineDuration: TimeSpan.FromSeconds(full ? 15 : 8));
    }
}
