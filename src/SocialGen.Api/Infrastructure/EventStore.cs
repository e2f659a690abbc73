using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Weasel.Core;
using Wolverine.Marten;

namespace SocialGen.Api.Infrastructure;

/// <summary>Marten on PostgreSQL: the event store, the read models and the async projection daemon.</summary>
public static class EventStore
{
    public const string Schema = "socialgen";

    public static void AddEventStore(this WebApplicationBuilder builder, Action<StoreOptions> configureFeatures)
    {
        var connectionString = builder.Configuration.GetConnectionString("Marten")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:Marten is not set. Start the API with ./run.sh, which provisions a local PostgreSQL, " +
                "or set ConnectionStrings__Marten.");

        // Development and tests compile Wolverine's handlers at start-up; Production runs code generated at publish.
        builder.Services.CritterStackDefaults(defaults =>
        {
            defaults.Development.GeneratedCodeMode = TypeLoadMode.Dynamic;
            defaults.Development.ResourceAutoCreate = AutoCreate.CreateOrUpdate;
            defaults.Production.GeneratedCodeMode = TypeLoadMode.Static;
            defaults.Production.ResourceAutoCreate = AutoCreate.None;
        });

        // One pool for Marten and for the few hand-written queries (timelines).
        var dataSource = NpgsqlDataSource.Create(WithAutoPrepare(connectionString));
        builder.Services.AddSingleton(dataSource);

        builder.Services.AddMarten(options =>
            {
                ConfigureDefaults(options, dataSource);
                configureFeatures(options);
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine()
            .AddAsyncDaemon(DaemonMode.Solo);

        builder.Services.AddSingleton<ReadConsistency>();
        builder.Services.AddSingleton<Idempotency>();
        builder.Services.AddSingleton<IdempotencyExpiry>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IdempotencyExpiry>());
        builder.Services.TryAddSingleton(TimeProvider.System);
    }

    /// <summary>
    /// Lets Npgsql prepare the statements it sees repeatedly (appends, fan-out, page queries) unless the connection
    /// string says otherwise: PostgreSQL then skips parsing and planning them (docs/benchmarks.md, row 5).
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;
    }

    /// <summary>The highest event sequence handed out so far (cheap: reads the sequence, counts no events).</summary>
    public static async Task<long> HeadAsync(NpgsqlDataSource database, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"select last_value from {Schema}.mt_events_sequence");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Store-wide settings, shared with tools that open the store without the web host (the benchmark seeder).</summary>
    public static void ConfigureDefaults(StoreOptions options, NpgsqlDataSource dataSource)
    {
        options.Connection(dataSource);
        options.DatabaseSchemaName = Schema;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        // Auditors filter the whole store by type.
        options.Events.EnableEventTypeIndex = true;
        // A poisoned event is skipped and recorded as a dead letter, live and in rebuilds alike, so a rebuild
        // reproduces what the live daemon built; /admin/projections and the log report every skip.
        options.Projections.RebuildErrors.SkipApplyErrors = true;
        options.Projections.RebuildErrors.SkipSerializationErrors = true;
        options.Projections.RebuildErrors.SkipUnknownEvents = true;
    }
}
