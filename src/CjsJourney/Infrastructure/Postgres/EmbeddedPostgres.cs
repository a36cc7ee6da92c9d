using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace CjsJourney.Infrastructure.Postgres;

/// <summary>
/// A PostgreSQL cluster this process runs from the installed server binaries, so the service (and its tests) need no
/// database set up by hand. Listens on loopback only, with a generated password; stops when disposed if we started it.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string OsUser = "postgres";
    private readonly PostgresBinaries _binaries;
    private readonly string _clusterDir;
    private readonly bool _ownsProcess;
    private bool _stopped;

    private EmbeddedPostgres(PostgresBinaries binaries, string clusterDir, int port, string password, bool ownsProcess)
    {
        _binaries = binaries;
        _clusterDir = clusterDir;
        Port = port;
        Password = password;
        _ownsProcess = ownsProcess;
    }

    public int Port { get; }

    private string Password { get; }

    /// <summary>A connection string for <paramref name="database"/> on this cluster.</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = OsUser,
        Password = Password,
        Database = database,
    }.ConnectionString;

    /// <summary>
    /// Starts (or reuses, if it is already running) the cluster kept under <paramref name="dataDir"/>, creating it on
    /// first use. <paramref name="durable"/> false trades crash safety for speed (tests, throwaway benchmark data).
    /// </summary>
    public static async Task<EmbeddedPostgres> StartAsync(string dataDir, bool durable, TextWriter log,
        CancellationToken ct = default)
    {
        var binaries = PostgresBinaries.Find();
        dataDir = Path.GetFullPath(dataDir);
        var clusterDir = Path.Combine(dataDir, "cluster");
        var passwordFile = Path.Combine(dataDir, "postgres.password");
        Directory.CreateDirectory(dataDir);

        if (!File.Exists(Path.Combine(clusterDir, "PG_VERSION")))
        {
            await InitialiseAsync(binaries, dataDir, clusterDir, passwordFile, log, ct);
        }

        var password = (await File.ReadAllTextAsync(passwordFile, ct)).Trim();

        if (RunningPort(clusterDir) is { } runningPort &&
            await RunAsync(binaries, "pg_ctl", ["status", "-D", clusterDir], ct) is { ExitCode: 0 })
        {
            // Another process of ours started it (or a previous run was killed): share it, leave it running.
            await log.WriteLineAsync($"Embedded PostgreSQL already running on 127.0.0.1:{runningPort} ({clusterDir})");
            return new EmbeddedPostgres(binaries, clusterDir, runningPort, password, ownsProcess: false);
        }

        var port = FreeLoopbackPort();
        var settings = $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories='' " +
                       // No JIT: its compile time (~90 ms measured) dwarfs the short queries a dashboard makes.
                       "-c max_connections=200 -c shared_buffers=256MB -c jit=off";
        if (!durable)
        {
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        var logFile = Path.Combine(clusterDir, "server.log");
        var start = await RunAsync(binaries, "pg_ctl", ["start", "-D", clusterDir, "-l", logFile, "-w", "-t", "60",
            "-o", settings], ct);
        if (start.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Embedded PostgreSQL did not start (pg_ctl exit {start.ExitCode}). {start.Output}\nSee {logFile}.");
        }

        await log.WriteLineAsync($"Embedded PostgreSQL {binaries.Version} started on 127.0.0.1:{port} ({clusterDir})");
        return new EmbeddedPostgres(binaries, clusterDir, port, password, ownsProcess: true);
    }

    /// <summary>Creates <paramref name="database"/> unless it exists.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken ct = default)
    {
        await using var conn = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await conn.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", conn);
        exists.Parameters.Add(new NpgsqlParameter { Value = database });
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// Stops the cluster if this process started it. Fast shutdown: Marten's daemon keeps its LISTEN connection
    /// open past the host's disposal, so a "smart" shutdown would only wait for it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped || !_ownsProcess)
        {
            return;
        }

        _stopped = true;
        await RunAsync(_binaries, "pg_ctl", ["stop", "-D", _clusterDir, "-m", "fast", "-w"], CancellationToken.None);
    }

    private static async Task InitialiseAsync(PostgresBinaries binaries, string dataDir, string clusterDir,
        string passwordFile, TextWriter log, CancellationToken ct)
    {
        await log.WriteLineAsync($"Creating embedded PostgreSQL cluster in {clusterDir} ...");
        if (Directory.Exists(clusterDir))
        {
            // A half-made cluster from an interrupted first run: initdb needs an empty directory.
            Directory.Delete(clusterDir, recursive: true);
        }

        Directory.CreateDirectory(clusterDir);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await File.WriteAllTextAsync(passwordFile, password, ct);
        RestrictToOwner(passwordFile);

        // initdb reads the password from a file the server's OS user can read; it is deleted straight after.
        var initPasswordFile = Path.Combine(dataDir, $".initdb-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(initPasswordFile, password, ct);
        try
        {
            if (IsRoot)
            {
                await ChownToPostgresAsync(ct, clusterDir, initPasswordFile);
                var canWrite = await RunAsync(binaries, "test", ["-w", clusterDir], ct);
                if (canWrite.ExitCode != 0)
                {
                    throw new InvalidOperationException(
                        $"The OS user '{OsUser}' cannot reach {clusterDir}: PostgreSQL refuses to run as root, so " +
                        $"its data must be somewhere '{OsUser}' can enter. Set CJS_DATA_DIR to such a folder " +
                        "(e.g. /var/lib/cjsjourney).");
                }
            }
            else
            {
                RestrictToOwner(initPasswordFile);
            }

            var init = await RunAsync(binaries, "initdb", ["-D", clusterDir, "-U", OsUser, "-E", "UTF8",
                "--no-locale", "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
                $"--pwfile={initPasswordFile}"], ct);
            if (init.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed (exit {init.ExitCode}): {init.Output}");
            }
        }
        finally
        {
            File.Delete(initPasswordFile);
        }
    }

    private static int? RunningPort(string clusterDir)
    {
        var pidFile = Path.Combine(clusterDir, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        try
        {
            // postmaster.pid: line 4 is the port (documented layout, stable since PostgreSQL 9.1).
            var lines = File.ReadAllLines(pidFile);
            return lines.Length > 3 && int.TryParse(lines[3], NumberStyles.Integer, CultureInfo.InvariantCulture,
                out var port)
                ? port
                : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static async Task ChownToPostgresAsync(CancellationToken ct, params string[] paths)
    {
        var chown = await ProcessRunner.RunAsync("chown", ["-R", $"{OsUser}:", .. paths], ct);
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown to '{OsUser}' failed: {chown.Output}");
        }
    }

    /// <summary>Runs a PostgreSQL tool, as the <c>postgres</c> OS user when we are root (the server refuses root).</summary>
    private static Task<ProcessResult> RunAsync(PostgresBinaries binaries, string tool, string[] args,
        CancellationToken ct)
    {
        var file = tool is "test" ? "test" : binaries.PathOf(tool);
        return IsRoot
            ? ProcessRunner.RunAsync("runuser", ["-u", OsUser, "--", file, .. args], ct)
            : ProcessRunner.RunAsync(file, args, ct);
    }

    /// <summary>.NET reads the user name from the effective uid on Unix, so this is true under sudo too.</summary>
    internal static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";
}

/// <summary>Where the PostgreSQL server binaries are: <c>CJS_PG_BIN</c>, else <c>PATH</c>, else the Debian layout.</summary>
internal sealed record PostgresBinaries(string Directory, string Version)
{
    public string PathOf(string tool) => Path.Combine(Directory, tool);

    public static PostgresBinaries Find()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("CJS_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator,
            StringSplitOptions.RemoveEmptyEntries));
        if (System.IO.Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .Select(d => Path.Combine(d, "bin")));
        }

        foreach (var dir in candidates)
        {
            var initdb = Path.Combine(dir, "initdb");
            if (File.Exists(initdb) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                // Resolve symlinks (Debian links /usr/local/bin/pg_ctl into /usr/lib/postgresql/N/bin) so pg_ctl
                // finds its sibling 'postgres' binary.
                var real = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
                var realDir = Path.GetDirectoryName(real)!;
                return new PostgresBinaries(realDir, VersionOf(realDir));
            }
        }

        throw new EmbeddedPostgresUnavailableException();
    }

    private static string VersionOf(string dir)
    {
        var parent = Path.GetFileName(Path.GetDirectoryName(dir)) ?? "";
        return parent.All(char.IsDigit) && parent.Length > 0 ? parent : "(unknown version)";
    }
}

public sealed class EmbeddedPostgresUnavailableException() : Exception(
    "No database is configured and the PostgreSQL server binaries (initdb, pg_ctl) were not found, so the embedded " +
    "database cannot start. Either install them (Debian/Ubuntu: 'apt-get install postgresql'; Fedora: 'dnf install " +
    "postgresql-server'; macOS: 'brew install postgresql@15') or set CJS_PG_BIN to the folder that holds them, or " +
    "point the service at a PostgreSQL server: ConnectionStrings__Marten='Host=...;Database=...;Username=...;Password=...'.");

internal readonly record struct ProcessResult(int ExitCode, string Output);

internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}");
        // The server started by 'pg_ctl start -l' writes to its log file, not to these pipes, so they close with pg_ctl.
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = string.Join('\n', await stdout, await stderr).Trim();
        return new ProcessResult(process.ExitCode, output);
    }
}
