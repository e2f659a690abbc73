using Npgsql;

namespace SocialGen.Tests.Fixtures;

/// <summary>The throwaway PostgreSQL that ./test.sh starts; extra hosts get databases of their own on it.</summary>
public static class TestDatabase
{
    public static string ConnectionString() =>
        Environment.GetEnvironmentVariable("SOCIALGEN_TEST_CONNECTION")
        ?? throw new InvalidOperationException(
            "SOCIALGEN_TEST_CONNECTION is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL.");

    /// <summary>A connection string to a fresh database of the given name, created (or emptied) for this run.</summary>
    public static async Task<string> CreateAsync(string name)
    {
        var main = new NpgsqlConnectionStringBuilder(ConnectionString());
        await using (var admin = NpgsqlDataSource.Create(main.ConnectionString))
        {
            await using var drop = admin.CreateCommand($"drop database if exists {name} with (force)");
            await drop.ExecuteNonQueryAsync();
            await using var create = admin.CreateCommand($"create database {name}");
            await create.ExecuteNonQueryAsync();
        }

        main.Database = name;
        return main.ConnectionString;
    }
}
