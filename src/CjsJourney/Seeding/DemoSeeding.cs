using CjsJourney.Journeys;
using Marten;

namespace CjsJourney.Seeding;

/// <summary>
/// Local mode's first start: once the service is up, an empty store gets the demo partnership, loaded in the
/// background through the intake (readiness does not wait for it; the dashboards fill in live as it arrives).
/// </summary>
public sealed class DemoSeeding(IDocumentStore store, FactCatalogue catalogue, TimeProvider clock,
    IHostApplicationLifetime lifetime, IConfiguration configuration, ILogger<DemoSeeding> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        try
        {
            var cases = configuration.GetValue("Demo:Cases", DemoData.DefaultCases);
            await using var log = new LogWriter(logger);
            await DemoData.SeedIfEmptyAsync(store, catalogue, clock, cases, log, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped while seeding: what was committed stays; the next start sees a non-empty store and leaves it.
        }
    }

    /// <summary>The seeder's progress lines, as log entries.</summary>
    private sealed class LogWriter(ILogger logger) : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
    {
        public override void WriteLine(string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                logger.LogInformation("{Seeding}", value);
            }
        }
    }
}
