using System.Globalization;
using CjsJourney.Cases;
using CjsJourney.Ingestion;

namespace CjsJourney.Importing;

/// <summary>Rows of one outcome type (or, in street files, one crime type) and the facts they became.</summary>
public sealed record TypeCount(
    PoliceUkFileKind Kind,
    string What,
    int Rows,
    int DuplicateLines,
    int FactsStored,
    int FactsAlreadyStored,
    string Became);

/// <summary>What an import read, skipped and stored. Counts of rows are of lines in the files, duplicates included.</summary>
public sealed record PoliceUkImportReport(
    IReadOnlyList<string> Files,
    int RowsRead,
    IReadOnlyList<PoliceUkSkip> Skipped,
    int DuplicateLines,
    IReadOnlyDictionary<CspArea, int> RowsByArea,
    int CasesOpened,
    int CasesAlreadyStored,
    int FactsStored,
    int FactsAlreadyStored,
    IReadOnlyList<TypeCount> ByType,
    TimeSpan Elapsed)
{
    public int RowsSkipped => Skipped.Count;

    public IReadOnlyDictionary<string, int> SkippedByReason => Skipped
        .GroupBy(s => s.Reason, StringComparer.Ordinal)
        .OrderByDescending(g => g.Count())
        .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Rows of the force's crimes located outside its six districts: kept, with that area.</summary>
    public int OutOfAreaRows => RowsByArea.GetValueOrDefault(CspArea.OutsideForceArea);

    public int NoLocationRows => RowsByArea.GetValueOrDefault(CspArea.NotKnown);

    private static string Name(CspArea area) => area switch
    {
        CspArea.EastCambridgeshire => "East Cambridgeshire",
        CspArea.SouthCambridgeshire => "South Cambridgeshire",
        CspArea.OutsideForceArea => "outside the force area",
        CspArea.NotKnown => "no location",
        _ => area.ToString(),
    };

    /// <summary>At most this many skipped rows are listed one by one (all are counted).</summary>
    private const int SkipsListed = 25;

    public void WriteTo(TextWriter w)
    {
        string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

        w.WriteLine();
        w.WriteLine($"Imported {Files.Count} file(s) in {Elapsed.TotalSeconds:0.0} s");
        w.WriteLine($"  rows read        {N(RowsRead),8}");
        w.WriteLine($"  rows skipped     {N(RowsSkipped),8}" +
                    (RowsSkipped == 0 ? "" : "  (" + string.Join(", ", SkippedByReason.Select(r => $"{r.Key}: {N(r.Value)}")) + ")"));
        w.WriteLine($"  duplicate lines  {N(DuplicateLines),8}  (exact repeats of an earlier line: the same fact, stored once)");
        w.WriteLine($"  out-of-area rows {N(OutOfAreaRows),8}  (kept, area outside-force-area); no location: {N(NoLocationRows)}");
        w.WriteLine("  rows by district " + string.Join(", ", RowsByArea.OrderByDescending(a => a.Value)
            .Select(a => $"{Name(a.Key)} {N(a.Value)}")));
        w.WriteLine($"  cases            {N(CasesOpened),8} opened, {N(CasesAlreadyStored)} already stored");
        w.WriteLine($"  facts            {N(FactsStored),8} stored, {N(FactsAlreadyStored)} already stored (duplicates)");

        foreach (var kind in ByType.Select(t => t.Kind).Distinct())
        {
            var rows = ByType.Where(t => t.Kind == kind).OrderByDescending(t => t.Rows).ThenBy(t => t.What, StringComparer.Ordinal).ToList();
            var width = Math.Max(20, rows.Max(r => r.What.Length));
            w.WriteLine();
            w.WriteLine($"  {(kind == PoliceUkFileKind.Outcomes ? "outcome type" : "crime type").PadRight(width)}  {"rows",6}  {"dup lines",9}  {"stored",7}  {"already",7}  became");
            foreach (var r in rows)
            {
                w.WriteLine($"  {r.What.PadRight(width)}  {N(r.Rows),6}  {N(r.DuplicateLines),9}  {N(r.FactsStored),7}  {N(r.FactsAlreadyStored),7}  {r.Became}");
            }

            w.WriteLine($"  {"total".PadRight(width)}  {N(rows.Sum(r => r.Rows)),6}  {N(rows.Sum(r => r.DuplicateLines)),9}  " +
                        $"{N(rows.Sum(r => r.FactsStored)),7}  {N(rows.Sum(r => r.FactsAlreadyStored)),7}");
        }

        if (Skipped.Any(s => s.Reason != PoliceUkCsv.Reasons.AntiSocialBehaviour))
        {
            w.WriteLine();
            w.WriteLine("  skipped rows:");
            var listed = Skipped.Where(s => s.Reason != PoliceUkCsv.Reasons.AntiSocialBehaviour).ToList();
            foreach (var skip in listed.Take(SkipsListed))
            {
                w.WriteLine($"    {skip}");
            }

            if (listed.Count > SkipsListed)
            {
                w.WriteLine($"    … and {N(listed.Count - SkipsListed)} more");
            }
        }
    }
}

/// <summary>The running counts of an import.</summary>
internal sealed class ImportTally
{
    private readonly List<string> _files = [];
    private readonly List<PoliceUkSkip> _skipped = [];
    private readonly Dictionary<CspArea, int> _areas = [];
    private readonly Dictionary<(PoliceUkFileKind, string), int[]> _types = [];
    private int _rowsRead;
    private int _duplicateLines;
    private int _casesOpened;
    private int _casesAlreadyStored;

    public int FactsStored { get; private set; }

    public int FactsAlreadyStored { get; private set; }

    public void File(PoliceUkFile file)
    {
        _files.Add(file.Name);
        _rowsRead += file.RowsRead;
        _skipped.AddRange(file.Skipped);
        foreach (var row in file.Rows)
        {
            var area = PoliceUkMapping.DistrictOf(row.LsoaName);
            _areas[area] = _areas.GetValueOrDefault(area) + 1;
            var counts = Counts(row);
            counts[0]++;
            if (row.DuplicateOfLine is not null)
            {
                counts[1]++;
                _duplicateLines++;
            }
        }
    }

    public void Skip(IEnumerable<PoliceUkSkip> skipped) => _skipped.AddRange(skipped);

    public void Stored(IntakeDecision decision, IReadOnlyList<FactTag> tags)
    {
        for (var i = 0; i < decision.Results.Count; i++)
        {
            var stored = decision.Results[i].Status == Outcome.Accepted;
            if (tags[i].OpensCase)
            {
                _casesOpened += stored ? 1 : 0;
                _casesAlreadyStored += stored ? 0 : 1;
            }

            // A street row's fact is its crime's opening; an outcome row's opening is counted with the cases only.
            if (!tags[i].OpensCase || tags[i].Row.Kind == PoliceUkFileKind.Street)
            {
                Counts(tags[i].Row)[stored ? 2 : 3]++;
            }

            FactsStored += stored ? 1 : 0;
            FactsAlreadyStored += stored ? 0 : 1;
        }
    }

    private int[] Counts(PoliceUkRow row)
    {
        var key = (row.Kind, row.What);
        if (!_types.TryGetValue(key, out var counts))
        {
            _types[key] = counts = new int[4];
        }

        return counts;
    }

    public PoliceUkImportReport Report(TimeSpan elapsed) => new(
        _files.ToList(),
        _rowsRead,
        _skipped.ToList(),
        _duplicateLines,
        new Dictionary<CspArea, int>(_areas),
        _casesOpened,
        _casesAlreadyStored,
        FactsStored,
        FactsAlreadyStored,
        _types.Select(t => new TypeCount(t.Key.Item1, t.Key.Item2, t.Value[0], t.Value[1], t.Value[2], t.Value[3],
                t.Key.Item1 == PoliceUkFileKind.Outcomes ? PoliceUkMapping.Became(t.Key.Item2) : "CrimeReported"))
            .ToList(),
        elapsed);
}
