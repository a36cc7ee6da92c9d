using System.Globalization;
using CjsJourney.Journeys;
using JasperFx.CommandLine;
using Marten;

namespace CjsJourney.Seeding;

public sealed class SeedInput : NetCoreInput
{
    [Description("Crimes to generate (default 1,500; the force records about 68,000 a year)")]
    [FlagAlias("cases", 'n')]
    public int CasesFlag { get; set; } = DemoData.DefaultCases;

    [Description("Seed: the same seed and options give the same facts and event ids (default 2019)")]
    [FlagAlias("seed", 's')]
    public int SeedFlag { get; set; } = DemoData.DemoSeed;

    [Description("Months before the end over which crimes are reported (default 12)")]
    [FlagAlias("months", 'm')]
    public int MonthsFlag { get; set; } = 12;

    [Description("No fact happens after this instant (ISO 8601 with an offset; default now)")]
    [FlagAlias("end", 'x')]
    public string? EndFlag { get; set; }

    [Description("Facts per transaction (default 500)")]
    [FlagAlias("batch", 'b')]
    public int BatchFlag { get; set; } = Seeding.SyntheticLoad.DefaultBatchSize;
}

/// <summary>
/// <c>dotnet run --project src/CjsJourney -- seed --cases 68000 --months 12</c>: generates a synthetic partnership
/// (<see cref="SyntheticJourneys"/>) and loads it through the intake into the configured database. Event ids come
/// from the seed, so running it again stores nothing new (for the same --end; a later end adds only what has
/// "happened" since).
/// </summary>
[Description("Load a deterministic synthetic partnership (cases, victims, court, custody, IOM) through the intake", Name = "seed")]
public sealed class SeedCommand : JasperFxAsyncCommand<SeedInput>
{
    public override async Task<bool> Execute(SeedInput input)
    {
        if (input.CasesFlag < 0 || input.MonthsFlag < 1 || input.BatchFlag is < 1 or > Ingestion.SubmitFacts.MaxBatchSize)
        {
            await Console.Error.WriteLineAsync($"--cases must be 0 or more, --months 1 or more, --batch 1 to {Ingestion.SubmitFacts.MaxBatchSize}");
            return false;
        }

        var host = input.BuildHost();
        var clock = host.Services.GetRequiredService<TimeProvider>();
        var end = clock.GetUtcNow();
        if (input.EndFlag is { } text &&
            (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out end) || end > clock.GetUtcNow()))
        {
            await Console.Error.WriteLineAsync("--end must be an instant with an offset, not in the future (e.g. 2026-11-30T00:00:00Z)");
            return false;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Stop between transactions: a re-run with the same options carries on where this one stopped.
            e.Cancel = true;
            cancel.Cancel();
        };

        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var period = end - end.AddMonths(-input.MonthsFlag);
        Console.WriteLine($"Generating {input.CasesFlag:N0} cases, seed {input.SeedFlag}, reported over {input.MonthsFlag} months " +
                          $"to --end {end.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} ...");
        var facts = SyntheticJourneys.Generate(input.SeedFlag, input.CasesFlag, end, period);
        var result = await SyntheticLoad.LoadAsync(store, host.Services.GetRequiredService<FactCatalogue>(), facts, "seed",
            $"seed:{input.SeedFlag}", Console.Out, cancel.Token, input.BatchFlag);
        Console.WriteLine($"Stored {result.Stored:N0} facts ({result.AlreadyStored:N0} already stored) in {result.Batches:N0} " +
                          $"transactions, {result.Elapsed.TotalSeconds:0.0} s ({result.FactsPerSecond:N0} a second).");
        return true;
    }
}
