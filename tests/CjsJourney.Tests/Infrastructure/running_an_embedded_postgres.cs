using CjsJourney.Infrastructure.Postgres;
using Npgsql;

namespace CjsJourney.Tests.Infrastructure;

/// <summary>The embedded cluster the service starts when no connection string is configured (and tests use).</summary>
public sealed class running_an_embedded_postgres : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"cjs-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");

    [Fact]
    public async Task it_keeps_its_data_across_restarts_and_stops_when_disposed()
    {
        var first = await EmbeddedPostgres.StartAsync(_dataDir, durable: true, TextWriter.Null);
        await first.EnsureDatabaseAsync("journeys");
        await Execute(first.ConnectionStringFor("journeys"), "create table kept (id int); insert into kept values (42)");
        var firstConnectionString = first.ConnectionStringFor("journeys");
        await first.DisposeAsync();

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => Execute(firstConnectionString, "select 1"));

        await using var second = await EmbeddedPostgres.StartAsync(_dataDir, durable: true, TextWriter.Null);
        Assert.Equal(42, await Execute(second.ConnectionStringFor("journeys"), "select id from kept"));
    }

    [Fact]
    public async Task it_listens_on_loopback_only_and_needs_its_password()
    {
        await using var postgres = await EmbeddedPostgres.StartAsync(_dataDir, durable: false, TextWriter.Null);
        var wrongPassword = new NpgsqlConnectionStringBuilder(postgres.ConnectionStringFor("postgres")) { Password = "guess" };

        Assert.Equal("127.0.0.1/32", (await Execute(postgres.ConnectionStringFor("postgres"), "select inet_server_addr()::text"))?.ToString());
        var refused = await Assert.ThrowsAsync<PostgresException>(() => Execute(wrongPassword.ConnectionString, "select 1"));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
    }

    [Fact]
    public async Task a_second_start_on_a_running_cluster_shares_it_and_leaves_it_running()
    {
        await using var owner = await EmbeddedPostgres.StartAsync(_dataDir, durable: false, TextWriter.Null);

        var sharer = await EmbeddedPostgres.StartAsync(_dataDir, durable: false, TextWriter.Null);
        await sharer.DisposeAsync();

        Assert.Equal(owner.Port, sharer.Port);
        Assert.Equal(1, await Execute(owner.ConnectionStringFor("postgres"), "select 1"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private static async Task<object?> Execute(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn);
        return await command.ExecuteScalarAsync();
    }
}
