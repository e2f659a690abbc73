using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace SocialGen.Bench;

/// <summary>
/// What this PostgreSQL does with no application in front of it, measured in the same run with pgbench (16 clients):
/// single-row ~300-byte JSONB inserts, and 50-row reads of one owner's newest rows through an index.
/// </summary>
public sealed partial class Baseline(string connectionString, string pgbench)
{
    public async Task<(double InsertTps, double PageReadTps)> RunAsync(TimeSpan duration)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        await using (var admin = NpgsqlDataSource.Create(builder.ConnectionString))
        {
            await Exec(admin, "drop database if exists pgbench_baseline with (force)");
            await Exec(admin, "create database pgbench_baseline");
        }

        builder.Database = "pgbench_baseline";
        await using (var db = NpgsqlDataSource.Create(builder.ConnectionString))
        {
            await Exec(db, "create table inserts (id bigserial primary key, data jsonb not null)");
            await Exec(db, "create table pages (owner int, position bigint, post_id uuid, payload text, primary key (owner, position))");
            await Exec(db, "insert into pages select o, p, gen_random_uuid(), repeat('x', 40) from generate_series(1, 2000) o, generate_series(1, 200) p");
            await Exec(db, "analyze pages");
        }

        var insert = await Script("""
            \set id random(1, 1000000000)
            insert into inserts (data) values (jsonb_build_object('id', :id, 'author', 'bench_000001', 'text', repeat('x', 240)));
            """);
        var read = await Script("""
            \set owner random(1, 2000)
            select position, post_id, payload from pages where owner = :owner order by position desc limit 50;
            """);
        return (await PgBenchAsync(builder, insert, duration), await PgBenchAsync(builder, read, duration));
    }

    private async Task<double> PgBenchAsync(NpgsqlConnectionStringBuilder db, string script, TimeSpan duration)
    {
        var start = new ProcessStartInfo(pgbench,
            $"-n -c 16 -j 2 -T {(int)duration.TotalSeconds} -f {script} -h {db.Host} -p {db.Port} -U {db.Username} {db.Database}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = Tps().Match(output);
        if (!match.Success) throw new InvalidOperationException($"pgbench failed: {output} {await process.StandardError.ReadToEndAsync()}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<string> Script(string body)
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, body + "\n");
        return path;
    }

    private static async Task Exec(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync();
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
