using CjsJourney.Journeys;
using JasperFx.CommandLine;
using Marten;

namespace CjsJourney.Importing;

public sealed class ImportPoliceUkInput : NetCoreInput
{
    [Description("data.police.uk monthly files (*-street.csv, *-outcomes.csv) or folders holding them")]
    public IEnumerable<string> Paths { get; set; } = [];

    [Description("Facts per transaction (default 500; a crime's facts are never split)")]
    public int BatchFlag { get; set; } = 500;
}

/// <summary>
/// <c>dotnet run --project src/CjsJourney -- import-police-uk 2019-04-cambridgeshire-street.csv 2019-04-cambridgeshire-outcomes.csv</c>
/// (or a folder): each crime becomes a case keyed by its Crime ID and each outcome a fact on it, through the
/// service's own intake. The host is built, not started: the import does not listen for HTTP or run the daemon,
/// which catch up when the service next runs. Safe to run again: nothing already stored is stored twice.
/// </summary>
[Description("Import data.police.uk monthly street and outcomes CSVs as cases and facts", Name = "import-police-uk")]
public sealed class ImportPoliceUkCommand : JasperFxAsyncCommand<ImportPoliceUkInput>
{
    public override async Task<bool> Execute(ImportPoliceUkInput input)
    {
        if (input.BatchFlag is < 1 or > Ingestion.SubmitFacts.MaxBatchSize)
        {
            await Console.Error.WriteLineAsync($"--batch must be between 1 and {Ingestion.SubmitFacts.MaxBatchSize}");
            return false;
        }

        var (files, problems) = PoliceUkImport.FindFiles(input.Paths);
        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync(problem);
        }

        if (files.Count == 0)
        {
            await Console.Error.WriteLineAsync("Nothing to import: give *-street.csv / *-outcomes.csv files or folders holding them.");
            return false;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Stop between transactions: what is committed stays, and a re-run carries on where this one stopped.
            e.Cancel = true;
            cancel.Cancel();
        };

        var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        var import = new PoliceUkImport(store, host.Services.GetRequiredService<FactCatalogue>(),
            host.Services.GetRequiredService<TimeProvider>(), Console.Out, input.BatchFlag);
        var report = await import.RunAsync(files.Select(PoliceUkSource.FromPath), cancel.Token);
        report.WriteTo(Console.Out);
        Console.WriteLine();
        Console.WriteLine("Contains public sector information licensed under the Open Government Licence v3.0.");
        return problems.Count == 0;
    }
}
