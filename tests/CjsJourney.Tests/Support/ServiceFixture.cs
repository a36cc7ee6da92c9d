using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Alba;
using CjsJourney.Security;
using JasperFx.CommandLine;
using Wolverine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CjsJourney.Tests.Support;

/// <summary>
/// The real service (Marten, Wolverine, HTTP, SignalR) in process against its own database on the test PostgreSQL.
/// One per test class: classes run in parallel without seeing each other's data.
/// </summary>
public class ServiceFixture : IAsyncLifetime
{
    private static readonly byte[] SigningKeyBytes = RandomNumberGenerator.GetBytes(32);
    private static readonly SymmetricSecurityKey Key = new(SigningKeyBytes);

    /// <summary>The test run's signing key, for service processes started outside this one.</summary>
    public static string SigningKeyBase64 => Convert.ToBase64String(SigningKeyBytes);

    [ModuleInitializer]
    internal static void StartHostsWhenBuilt() =>
        // Program ends with RunJasperFxCommands; under a test host that must start the app rather than parse args.
        JasperFxEnvironment.AutoStartHost = true;

    public IAlbaHost Host { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync();
        Host = await AlbaHost.For<Program>(builder => Configure(builder, ConnectionString));
    }

    public virtual async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }

    public static void Configure(IWebHostBuilder builder, string connectionString)
    {
        builder.UseSetting("ConnectionStrings:Marten", connectionString);
        builder.UseSetting("Auth:SigningKey", Convert.ToBase64String(SigningKeyBytes));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        // One node per test host: Wolverine assigns the projection and subscription agents at once instead of after
        // its cluster health checks (distribution still runs; the two-node test uses the real thing).
        builder.ConfigureServices(services => services.RunWolverineInSoloMode());
    }

    public static string TokenFor(string role, string name = "Test User") =>
        Tokens.Mint(Key, name, [role], agency: null, DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
}
