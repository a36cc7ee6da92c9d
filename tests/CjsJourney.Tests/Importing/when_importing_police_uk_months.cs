using System.Text.Json.Nodes;
using CjsJourney.Importing;
using CjsJourney.Journeys;
using CjsJourney.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace CjsJourney.Tests.Importing;

/// <summary>The import's core against the real service and its own database: cases in, idempotent, months extend cases.</summary>
public class when_importing_police_uk_months(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private PoliceUkImport Importer(TextWriter? log = null) => new(
        service.Host.Services.GetRequiredService<IDocumentStore>(),
        service.Host.Services.GetRequiredService<FactCatalogue>(),
        TimeProvider.System,
        log ?? TextWriter.Null,
        batchSize: 4); // small batches, so a month takes several transactions and crimes are never split

    [Fact]
    public async Task importing_a_month_creates_the_cases_and_their_facts_through_the_intake()
    {
        var c = PoliceUkRows.Crimes.For(nameof(importing_a_month_creates_the_cases_and_their_facts_through_the_intake));
        var log = new StringWriter();

        var report = await Importer(log).RunAsync(
        [
            PoliceUkSource.FromText("2019-04-test-street.csv", PoliceUkRows.AprilStreet(c)),
            PoliceUkSource.FromText("2019-04-test-outcomes.csv", PoliceUkRows.April(c)),
        ], CancellationToken.None);

        Assert.Equal((15, 1, 1, 1), (report.RowsRead, report.DuplicateLines, report.OutOfAreaRows, report.NoLocationRows));
        Assert.Equal(new Dictionary<string, int>
        {
            [PoliceUkCsv.Reasons.AntiSocialBehaviour] = 1,
            [PoliceUkCsv.Reasons.MissingCrimeId] = 1,
            [PoliceUkCsv.Reasons.ColumnCount] = 1,
            [PoliceUkCsv.Reasons.BadMonth] = 1,
        }, report.SkippedByReason);
        Assert.Equal((8, 0), (report.CasesOpened, report.CasesAlreadyStored));
        Assert.Equal(8 + 12, report.FactsStored);
        var caution = report.ByType.Single(t => t.What == "Offender given a caution");
        Assert.Equal((1, 0, 3, 0), (caution.Rows, caution.DuplicateLines, caution.FactsStored, caution.FactsAlreadyStored));
        var noSuspect = report.ByType.Single(t => t.What == "Investigation complete; no suspect identified");
        Assert.Equal((2, 1, 1), (noSuspect.Rows, noSuspect.DuplicateLines, noSuspect.FactsStored));

        var charged = await service.GetJson<JsonObject>($"/api/cases/{c.Charged}");
        Assert.Equal(("Violence and sexual offences", "violence-and-sexual-offences", "peterborough", "sentenced"),
            ((string)charged["offence"]!, (string)charged["offenceCategory"]!, (string)charged["area"]!, (string)charged["stage"]!));
        var defendant = charged["defendants"]![0]!;
        Assert.Equal(("policeuk-suspect-" + c.Charged, "immediate-custody"), ((string)defendant["personId"]!, (string)defendant["sentence"]!));
        Assert.Equal("import-police-uk", (string)charged["timeline"]![0]!["submittedBy"]!);

        var cautioned = await service.GetJson<JsonObject>($"/api/persons/policeuk-suspect-{c.Cautioned}", role: "iom");
        Assert.Contains("caution", cautioned.ToJsonString(), StringComparison.Ordinal);
        var outOfArea = await service.GetJson<JsonObject>($"/api/cases/{c.OutOfArea}");
        Assert.Equal("outside-force-area", (string)outOfArea["area"]!);
        Assert.Equal("Outcome recorded: Action to be taken by another organisation", (string)outOfArea["timeline"]![1]!["summary"]!);
        Assert.Contains("2019-04-test-outcomes.csv:9: wrong column count", report.Skipped.Select(s => $"{s.File}:{s.Line}: {s.Reason}"));
    }

    [Fact]
    public async Task importing_the_same_month_again_changes_nothing()
    {
        var c = PoliceUkRows.Crimes.For(nameof(importing_the_same_month_again_changes_nothing));
        PoliceUkSource April() => PoliceUkSource.FromText("2019-04-test-outcomes.csv", PoliceUkRows.April(c));
        var first = await Importer().RunAsync([April()], CancellationToken.None);
        var stored = await service.StoredEventCount();

        var again = await Importer().RunAsync([April()], CancellationToken.None);

        Assert.Equal(stored, await service.StoredEventCount());
        Assert.Equal((0, 0), (again.FactsStored, again.CasesOpened));
        Assert.Equal((first.FactsStored, first.CasesOpened), (again.FactsAlreadyStored, again.CasesAlreadyStored));
    }

    [Fact]
    public async Task a_later_month_extends_the_same_cases()
    {
        var c = PoliceUkRows.Crimes.For(nameof(a_later_month_extends_the_same_cases));
        await Importer().RunAsync([PoliceUkSource.FromText("2019-04-test-outcomes.csv", PoliceUkRows.April(c))], CancellationToken.None);
        var before = await service.GetJson<JsonObject>($"/api/cases/{c.Awaiting}");

        var may = await Importer().RunAsync([PoliceUkSource.FromText("2019-05-test-outcomes.csv", PoliceUkRows.May(c))], CancellationToken.None);

        Assert.Equal((1, 1), (may.CasesOpened, may.CasesAlreadyStored)); // the crime first seen in May; the one already known
        var after = await service.GetJson<JsonObject>($"/api/cases/{c.Awaiting}");
        Assert.Equal(((string)before["stage"]!, "sentenced"), ("reported", (string)after["stage"]!));
        Assert.Equal(["CrimeReported", "OutcomeRecorded", "Sentenced"], after["timeline"]!.AsArray().Select(t => (string)t!["type"]!));
        Assert.Equal(new DateTimeOffset(2019, 4, 30, 23, 0, 0, TimeSpan.Zero), (DateTimeOffset)after["timeline"]![2]!["occurredAt"]!);
        Assert.Equal("acquitted", (string)(await service.GetJson<JsonObject>($"/api/cases/{c.NewInMay}"))["stage"]!);
    }

    [Fact]
    public async Task a_batch_the_intake_refuses_is_reported_and_only_the_refused_crime_is_left_out()
    {
        var c = PoliceUkRows.Crimes.For(nameof(a_batch_the_intake_refuses_is_reported_and_only_the_refused_crime_is_left_out));
        // A partner already opened a case under one of the Crime IDs, with its own event id: opening it again conflicts.
        await service.Submit(Envelopes.CrimeReported(c.Charged));
        var log = new StringWriter();

        var report = await Importer(log).RunAsync([PoliceUkSource.FromText("2019-04-test-outcomes.csv", PoliceUkRows.April(c))],
            CancellationToken.None);

        Assert.Contains("was refused by the intake", log.ToString(), StringComparison.Ordinal);
        Assert.Contains($"2019-04-test-outcomes.csv:2 (CrimeReported), data.urn: case '{c.Charged}' already exists", log.ToString(),
            StringComparison.Ordinal);
        Assert.Equal([2, 8], report.Skipped.Where(s => s.Reason == PoliceUkCsv.Reasons.RefusedByIntake).Select(s => s.Line));
        Assert.Equal(6, report.CasesOpened); // every other crime in the month
        var partnerCase = await service.GetJson<JsonObject>($"/api/cases/{c.Charged}");
        Assert.Single(partnerCase["timeline"]!.AsArray());
    }
}
