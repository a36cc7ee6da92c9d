using System.Diagnostics;
using System.Text.RegularExpressions;
using CjsJourney.Cases;
using CjsJourney.Ingestion;
using CjsJourney.Journeys;
using Marten;

namespace CjsJourney.Importing;

/// <summary>A file to import: its name (for reports and the correlation id) and how to open it.</summary>
public sealed record PoliceUkSource(string Name, Func<TextReader> Open)
{
    public static PoliceUkSource FromPath(string path) => new(Path.GetFileName(path), () => new StreamReader(path));

    public static PoliceUkSource FromText(string name, string text) => new(name, () => new StringReader(text));
}

/// <summary>One crime's rows in a file with the facts each became, kept together in one transaction.</summary>
public sealed record CrimePlan(string CrimeId, IReadOnlyList<RowPlan> Rows)
{
    public int FactCount => Rows.Sum(r => r.Facts.Count);
}

public sealed record RowPlan(PoliceUkRow Row, IReadOnlyList<PlannedFact> Facts);

/// <summary>What an import knows about crimes from files read earlier in the same run.</summary>
public sealed class ImportMemory
{
    public HashSet<string> Opened { get; } = new(StringComparer.Ordinal);

    /// <summary>Crime types from street files, for the words of a charge found in a later outcomes file.</summary>
    public Dictionary<string, string> Offences { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// <c>import-police-uk</c>'s core, callable with the host's services: reads each file, plans every row's facts (a
/// row that cannot become valid facts is skipped whole, with its file and line), and submits whole crimes in batches
/// through the service's intake. Event ids are derived from the rows, so importing a month again stores nothing new.
/// </summary>
public sealed partial class PoliceUkImport(
    IDocumentStore store,
    FactCatalogue catalogue,
    TimeProvider clock,
    TextWriter log,
    int batchSize = 500,
    int progressEvery = 1000)
{
    public const string SubmittedBy = "import-police-uk";

    private readonly ImportMemory _memory = new();
    private readonly ImportTally _tally = new();

    /// <summary>Expands folders to their street and outcomes files and orders everything by month, street files first.</summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> Problems) FindFiles(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var problems = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*.csv", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith("-street.csv", StringComparison.OrdinalIgnoreCase) ||
                                f.EndsWith("-outcomes.csv", StringComparison.OrdinalIgnoreCase))
                    .ToList();
                if (found.Count == 0)
                {
                    problems.Add($"{path}: no *-street.csv or *-outcomes.csv files in this folder");
                }

                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                problems.Add($"{path}: no such file or folder");
            }
        }

        return (Order(files.Distinct(StringComparer.Ordinal)).ToList(), problems);
    }

    /// <summary>
    /// By the month in the name (data.police.uk names files <c>yyyy-MM-force-kind.csv</c>), street before outcomes:
    /// a crime is then opened with its crime type before its outcomes arrive.
    /// </summary>
    public static IEnumerable<string> Order(IEnumerable<string> files) => files
        .OrderBy(f => MonthPrefix().Match(Path.GetFileName(f)) is { Success: true } m ? m.Value : "9999-99", StringComparer.Ordinal)
        .ThenBy(f => Path.GetFileName(f).EndsWith("-street.csv", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
        .ThenBy(f => f, StringComparer.Ordinal);

    public async Task<PoliceUkImportReport> RunAsync(IEnumerable<PoliceUkSource> sources, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        foreach (var source in sources)
        {
            await ImportFileAsync(source, ct);
        }

        return _tally.Report(watch.Elapsed);
    }

    private async Task ImportFileAsync(PoliceUkSource source, CancellationToken ct)
    {
        PoliceUkFile file;
        using (var reader = source.Open())
        {
            file = PoliceUkCsv.Parse(reader, source.Name);
        }

        _tally.File(file);
        var (crimes, skipped) = Plan(file, _memory, clock.GetUtcNow());
        _tally.Skip(skipped);
        var kind = file.Kind is { } k ? k.ToString().ToLowerInvariant() : "unreadable";
        var months = string.Join(", ", file.Rows.Select(r => r.MonthText).Distinct().Order(StringComparer.Ordinal));
        log.WriteLine($"{file.Name}: {kind}, {months}; {file.RowsRead:N0} rows, {crimes.Count:N0} crimes, " +
                      $"{skipped.Count + file.Skipped.Count:N0} rows skipped");

        var correlationId = $"{SubmittedBy}:{file.Name}";
        var batch = new List<CrimePlan>();
        var batchFacts = 0;
        var rowsDone = 0;
        var nextProgress = progressEvery;
        foreach (var crime in crimes)
        {
            // A crime's facts stay in one transaction: a batch closes before the crime that would overfill it.
            if (batch.Count > 0 && batchFacts + crime.FactCount > batchSize)
            {
                rowsDone += await SubmitAsync(batch, correlationId, ct);
                batch.Clear();
                batchFacts = 0;
                if (rowsDone >= nextProgress)
                {
                    log.WriteLine($"  {rowsDone:N0} of {file.Rows.Count:N0} rows: {_tally.FactsStored:N0} facts stored, " +
                                  $"{_tally.FactsAlreadyStored:N0} already stored");
                    nextProgress = (rowsDone / progressEvery + 1) * progressEvery;
                }
            }

            batch.Add(crime);
            batchFacts += crime.FactCount;
        }

        if (batch.Count > 0)
        {
            await SubmitAsync(batch, correlationId, ct);
        }
    }

    /// <summary>
    /// Every row's facts, built and checked before any is stored, grouped by crime in order of first appearance.
    /// Pure but for <paramref name="memory"/>, which carries what earlier files in the run said about each crime.
    /// </summary>
    public static (IReadOnlyList<CrimePlan> Crimes, IReadOnlyList<PoliceUkSkip> Skipped) Plan(PoliceUkFile file,
        ImportMemory memory, DateTimeOffset now)
    {
        var skipped = new List<PoliceUkSkip>();
        var crimes = new List<CrimePlan>();
        foreach (var group in file.Rows.Where(r => r.DuplicateOfLine is null).GroupBy(r => r.CrimeId, StringComparer.Ordinal))
        {
            var rows = new List<RowPlan>();
            foreach (var row in group)
            {
                if (PoliceUkMapping.StartOfMonth(row.Month) > now)
                {
                    skipped.Add(new PoliceUkSkip(row.File, row.Line, PoliceUkCsv.Reasons.FutureMonth,
                        $"{row.MonthText} has not begun"));
                    continue;
                }

                var facts = PoliceUkMapping.FactsFor(row, opensCase: !memory.Opened.Contains(row.CrimeId),
                    memory.Offences.GetValueOrDefault(row.CrimeId));
                var errors = facts.SelectMany(f => PoliceUkMapping.Check(f.Fact).Select(e => $"{f.Fact.GetType().Name}.{e.Field}: {e.Message}")).ToList();
                if (errors.Count > 0)
                {
                    skipped.Add(new PoliceUkSkip(row.File, row.Line, PoliceUkCsv.Reasons.FactRefused, string.Join("; ", errors)));
                    continue;
                }

                memory.Opened.Add(row.CrimeId);
                if (row.CrimeType is { } type)
                {
                    memory.Offences[row.CrimeId] = type;
                }

                rows.Add(new RowPlan(row, facts));
            }

            if (rows.Count > 0)
            {
                crimes.Add(new CrimePlan(group.Key, rows));
            }
        }

        return (crimes, skipped);
    }

    /// <summary>Submits whole crimes as one transaction; if the intake refuses it, each crime alone. Returns rows done.</summary>
    private async Task<int> SubmitAsync(IReadOnlyList<CrimePlan> crimes, string correlationId, CancellationToken ct)
    {
        var (submissions, tags) = Build(crimes);
        var decision = await BulkIntake.SubmitAsync(store, submissions, SubmittedBy, correlationId, ct);
        if (!decision.Refused)
        {
            _tally.Stored(decision, tags);
            return crimes.Sum(c => c.Rows.Count);
        }

        var lines = crimes.SelectMany(c => c.Rows).Select(r => r.Row.Line).ToList();
        log.WriteLine($"  a batch of {submissions.Count} facts (lines {lines.Min()}–{lines.Max()}) was refused by the intake:");
        foreach (var (field, message) in BulkIntake.Refusals(decision))
        {
            log.WriteLine($"    {Where(field, tags)}: {message}");
        }

        log.WriteLine("    trying its crimes one at a time, so only the refused ones are left out");
        foreach (var crime in crimes)
        {
            var (single, singleTags) = Build([crime]);
            var alone = await BulkIntake.SubmitAsync(store, single, SubmittedBy, correlationId, ct);
            if (!alone.Refused)
            {
                _tally.Stored(alone, singleTags);
                continue;
            }

            var why = string.Join("; ", BulkIntake.Refusals(alone).Select(r => $"{Where(r.Field, singleTags)}: {r.Message}"));
            log.WriteLine($"    crime {crime.CrimeId} left out: {why}");
            _tally.Skip(crime.Rows.Select(r => new PoliceUkSkip(r.Row.File, r.Row.Line, PoliceUkCsv.Reasons.RefusedByIntake, why)));
        }

        return crimes.Sum(c => c.Rows.Count);
    }

    private (List<Submission> Submissions, List<FactTag> Tags) Build(IReadOnlyList<CrimePlan> crimes)
    {
        var submissions = new List<Submission>();
        var tags = new List<FactTag>();
        foreach (var row in crimes.SelectMany(c => c.Rows))
        {
            foreach (var planned in row.Facts)
            {
                submissions.Add(BulkIntake.ToSubmission(catalogue, submissions.Count, planned.EventId, planned.Fact));
                tags.Add(new FactTag(row.Row, planned.Fact is CrimeReported));
            }
        }

        return (submissions, tags);
    }

    /// <summary>"events[3].data.urn" → "file.csv:1210 (Suspect charged), data.urn".</summary>
    private static string Where(string field, IReadOnlyList<FactTag> tags)
    {
        if (BulkIntake.EnvelopeOf(field) is not ({ } index, var rest) || index >= tags.Count)
        {
            return field;
        }

        var tag = tags[index];
        return $"{tag.Row.File}:{tag.Row.Line} ({(tag.OpensCase ? "CrimeReported" : tag.Row.What)})" + (rest.Length > 0 ? $", {rest}" : "");
    }

    [GeneratedRegex(@"^\d{4}-\d{2}")]
    private static partial Regex MonthPrefix();
}

/// <summary>Which row a submitted fact came from, to count the intake's answer against the row's outcome type.</summary>
internal sealed record FactTag(PoliceUkRow Row, bool OpensCase);
