using CjsJourney.Infrastructure.Postgres;
using Npgsql;
using Testcontainers.PostgreSql;

namespace CjsJourney.Tests.Support;

/// <summary>
/// One PostgreSQL server for the whole test run, chosen in this order: <c>CJS_TEST_POSTGRES</c> (a connection string
/// to a server you run), Testcontainers when a Docker engine answers, else the embedded cluster the service itself
/// uses. Each test class gets a database of its own from <see cref="CreateDatabaseAsync"/>. Never a mock.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<Server>> Instance = new(StartAsync);
    private static int _databases;

    public static async Task<string> CreateDatabaseAsync()
    {
        var server = await Instance.Value;
        var name = $"cjs_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using var conn = new NpgsqlConnection(server.AdminConnectionString);
        await conn.OpenAsync();
        await using (var drop = new NpgsqlCommand($"drop database if exists {name} with (force)", conn))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using (var create = new NpgsqlCommand($"create database {name}", conn))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Which kind of server this run uses, for the record in test output.</summary>
    public static async Task<string> DescribeAsync() => (await Instance.Value).Kind;

    private static async Task<Server> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("CJS_TEST_POSTGRES") is { Length: > 0 } configured)
        {
            return new Server("CJS_TEST_POSTGRES", configured, () => ValueTask.CompletedTask);
        }

        if (await TryTestcontainersAsync() is { } container)
        {
            return container;
        }

        RemoveClustersOfEndedRuns();
        var dataDir = Path.Combine(Path.GetTempPath(), $"cjs-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var embedded = await EmbeddedPostgres.StartAsync(dataDir, durable: false, TextWriter.Null);
        var server = new Server("embedded", embedded.ConnectionStringFor("postgres"), async () =>
        {
            await embedded.DisposeAsync();
            Directory.Delete(dataDir, recursive: true);
        });
        return server;
    }

    /// <summary>A run killed before its exit handler ran leaves its cluster's files behind; its process is gone.</summary>
    private static void RemoveClustersOfEndedRuns()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), "cjs-tests-*"))
        {
            var parts = Path.GetFileName(dir).Split('-');
            if (parts.Length >= 3 && int.TryParse(parts[2], out var pid) && !IsRunning(pid) &&
                !File.Exists(Path.Combine(dir, "cluster", "postmaster.pid")))
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                    // Another run may be cleaning it up at the same moment.
                }
            }
        }

        static bool IsRunning(int pid)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }

    private static async Task<Server?> TryTestcontainersAsync()
    {
        if (!DockerEngineAnswers())
        {
            return null;
        }

        try
        {
            var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            await container.StartAsync();
            return new Server("testcontainers", container.GetConnectionString(), container.DisposeAsync);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A Docker client without a usable engine (as on this machine's CI): fall back to the embedded cluster.
            return null;
        }
    }

    private static bool DockerEngineAnswers() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } ||
        File.Exists("/var/run/docker.sock");

    private sealed class Server
    {
        public Server(string kind, string adminConnectionString, Func<ValueTask> stop)
        {
            Kind = kind;
            AdminConnectionString = adminConnectionString;
            // The run ends with the test process: stop the server we started (the embedded one would outlive us).
            AppDomain.CurrentDomain.ProcessExit += (_, _) => stop().AsTask().GetAwaiter().GetResult();
        }

        public string Kind { get; }

        public string AdminConnectionString { get; }
    }
}
