using CjsJourney.Infrastructure.Postgres;

namespace CjsJourney.Infrastructure;

/// <summary>
/// The database the service uses: <c>ConnectionStrings:Marten</c> when configured (nothing is started), otherwise an
/// embedded PostgreSQL cluster kept under the data directory and stopped when the service stops.
/// </summary>
public static class Database
{
    public const string ConnectionStringName = "Marten";
    public const string EmbeddedDatabaseName = "cjsjourney";

    /// <summary>Commands that never touch the database, so they must not start one.</summary>
    private static readonly string[] OfflineCommands = ["help", "?", "token", "version"];

    private const string EmbeddedFlag = "Database:Embedded";

    /// <summary>True when no server was configured: the service runs (or would run) its own database.</summary>
    public static bool IsEmbedded(IConfiguration configuration) =>
        configuration[EmbeddedFlag] == "true" ||
        string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionStringName));

    /// <summary>Starts the embedded cluster when no connection string is configured; the caller disposes it.</summary>
    public static async Task<EmbeddedPostgres?> StartEmbeddedIfNeededAsync(IConfigurationManager configuration, string[] args)
    {
        if (!IsEmbedded(configuration))
        {
            return null;
        }

        if (args.Length > 0 && OfflineCommands.Contains(args[0].ToLowerInvariant()))
        {
            // The host is configured (so 'help' lists every command) but never connects: start nothing.
            configuration[$"ConnectionStrings:{ConnectionStringName}"] = "Host=127.0.0.1;Port=1;Database=offline";
            configuration[EmbeddedFlag] = "true";
            return null;
        }

        var dataDir = DataDirectory.Resolve(configuration);
        var postgres = await EmbeddedPostgres.StartAsync(Path.Combine(dataDir, "postgres"), durable: true, Console.Out);
        try
        {
            await postgres.EnsureDatabaseAsync(EmbeddedDatabaseName);
        }
        catch
        {
            await postgres.DisposeAsync();
            throw;
        }

        configuration[$"ConnectionStrings:{ConnectionStringName}"] = postgres.ConnectionStringFor(EmbeddedDatabaseName);
        configuration[EmbeddedFlag] = "true";
        return postgres;
    }
}
