using System.Diagnostics;
using System.Text.Json;
using CjsJourney.Cases;
using CjsJourney.Journeys;
using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace CjsJourney.Benchmark;

/// <summary>
/// What this machine can do at all, measured in the same run: PostgreSQL's binary COPY into an events-shaped table,
/// and plain Marten appends in batches with no projections. Every other figure is read as a ratio to these.
/// </summary>
public static class Ceilings
{
    private const int Runs = 3;

    public static async Task<double> CopyRowsPerSecondAsync(string connectionString, int rows, Report report)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var sample = JsonSerializer.Serialize(new CrimeReported("35CJ0000001", "Assault occasioning actual bodily harm",
            OffenceCategory.ViolenceWithInjury, [CrimeFlag.DomesticAbuse], CspArea.Peterborough, DateTimeOffset.UtcNow)
        {
            OccurredAt = DateTimeOffset.UtcNow,
            Source = Agency.Police,
        }, ApiJson.Options);

        var rates = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            await Exec(conn, """
                drop table if exists copy_ceiling;
                create table copy_ceiling (
                    seq_id bigserial primary key, id uuid not null, stream_id varchar not null, version bigint not null,
                    data jsonb not null, type varchar not null, timestamp timestamptz not null default now(),
                    tenant_id varchar not null default '*DEFAULT*', mt_dotnet_type varchar, correlation_id varchar,
                    causation_id varchar, user_name varchar, headers jsonb, is_archived bool not null default false);
                create unique index on copy_ceiling (stream_id, version);
                create unique index on copy_ceiling (id);
                """);
            var watch = Stopwatch.StartNew();
            await using (var writer = await conn.BeginBinaryImportAsync(
                             "copy copy_ceiling (id, stream_id, version, data, type, timestamp, user_name) from stdin (format binary)"))
            {
                var now = DateTimeOffset.UtcNow;
                for (var i = 0; i < rows; i++)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                    await writer.WriteAsync($"case/{i / 20}", NpgsqlDbType.Varchar);
                    await writer.WriteAsync((long)(i % 20) + 1, NpgsqlDbType.Bigint);
                    await writer.WriteAsync(sample, NpgsqlDbType.Jsonb);
                    await writer.WriteAsync("crime_reported", NpgsqlDbType.Varchar);
                    await writer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync("bench", NpgsqlDbType.Varchar);
                }

                await writer.CompleteAsync();
            }

            rates.Add(rows / watch.Elapsed.TotalSeconds);
        }

        await Exec(conn, "drop table if exists copy_ceiling");
        var median = Stats.Median(rates);
        report.Add(new Figure("Ceilings", "PostgreSQL binary COPY into an events-shaped table", median, "rows/s",
            Note: $"{rows:N0} rows, median of {Runs}"));
        return median;
    }

    /// <summary>Plain Marten: 100 streams × 20 events per commit, no projections, the store's default append mode.</summary>
    public static async Task<double> MartenAppendEventsPerSecondAsync(string connectionString, int events, Report report)
    {
        using var store = DocumentStore.For(opts =>
        {
            opts.Connection(connectionString);
            opts.DatabaseSchemaName = "plain";
            opts.Events.DatabaseSchemaName = "plain";
            opts.Events.StreamIdentity = StreamIdentity.AsString;
            opts.Events.AppendMode = EventAppendMode.Quick;
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var rates = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var watch = Stopwatch.StartNew();
            for (var written = 0; written < events; written += 2000)
            {
                await using var session = store.LightweightSession();
                for (var s = 0; s < 100; s++)
                {
                    var facts = Enumerable.Range(0, 20).Select(i => (object)new OutcomeRecorded($"{run}-{written}-{s}", $"outcome {i}")
                    {
                        OccurredAt = DateTimeOffset.UtcNow,
                        Source = Agency.Police,
                    }).ToArray();
                    session.Events.StartStream($"plain/{run}/{written}/{s}", facts);
                }

                await session.SaveChangesAsync();
            }

            rates.Add(events / watch.Elapsed.TotalSeconds);
        }

        var median = Stats.Median(rates);
        report.Add(new Figure("Ceilings", "Plain Marten append, 100 streams × 20 events a commit", median, "events/s",
            Note: $"{events:N0} events, median of {Runs}"));
        return median;
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var command = new NpgsqlCommand(sql, conn);
        await command.ExecuteNonQueryAsync();
    }
}
