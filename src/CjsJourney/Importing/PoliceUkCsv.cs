using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CjsJourney.Importing;

/// <summary>The two data.police.uk monthly files we read: one row per crime, or one row per outcome of a crime.</summary>
public enum PoliceUkFileKind
{
    Street,
    Outcomes,
}

/// <summary>
/// One checked data row of a data.police.uk CSV. <see cref="Occurrence"/> numbers the distinct lines with the same
/// crime, month and outcome in the file (1 for the first); <see cref="DuplicateOfLine"/> is set when the line is an
/// exact copy of an earlier one, which is the same fact published twice, not a second one.
/// </summary>
public sealed record PoliceUkRow(
    string File,
    int Line,
    PoliceUkFileKind Kind,
    string CrimeId,
    DateOnly Month,
    string ReportedBy,
    string FallsWithin,
    string Location,
    string LsoaCode,
    string LsoaName,
    string? CrimeType,
    string? LastOutcomeCategory,
    string? OutcomeType,
    int Occurrence = 1,
    int? DuplicateOfLine = null)
{
    /// <summary>The month as the file writes it, <c>yyyy-MM</c>.</summary>
    public string MonthText => Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>What the row says happened: the outcome type, or for a street row its crime type.</summary>
    public string What => OutcomeType ?? CrimeType ?? "";
}

/// <summary>A row not imported, with where it is and why (anti-social behaviour is skipped too, not being a crime).</summary>
public sealed record PoliceUkSkip(string File, int Line, string Reason, string Detail)
{
    public override string ToString() => $"{File}:{Line}: {Reason}: {Detail}";
}

/// <summary>A whole file read: its kind (null when the header is not one we know), its rows and what was skipped.</summary>
public sealed record PoliceUkFile(
    string Name,
    PoliceUkFileKind? Kind,
    IReadOnlyList<PoliceUkRow> Rows,
    IReadOnlyList<PoliceUkSkip> Skipped)
{
    /// <summary>Data lines read (the header and blank lines aside).</summary>
    public int RowsRead => Rows.Count + Skipped.Count;
}

/// <summary>
/// Reads data.police.uk monthly CSVs (<c>*-street.csv</c>, <c>*-outcomes.csv</c>). Pure: text in, checked rows and
/// reasons out; nothing is mapped or stored here. Every field of a row is checked before the row is accepted.
/// </summary>
public static partial class PoliceUkCsv
{
    public static readonly IReadOnlyList<string> StreetHeader =
    [
        "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location", "LSOA code",
        "LSOA name", "Crime type", "Last outcome category", "Context",
    ];

    public static readonly IReadOnlyList<string> OutcomesHeader =
    [
        "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location", "LSOA code",
        "LSOA name", "Outcome type",
    ];

    /// <summary>Why rows are skipped, as counted in the import's summary.</summary>
    public static class Reasons
    {
        public const string AntiSocialBehaviour = "anti-social behaviour (not a crime)";
        public const string ColumnCount = "wrong column count";
        public const string Quoting = "unterminated quote";
        public const string BadMonth = "bad month";
        public const string MissingCrimeId = "missing Crime ID";
        public const string BadCrimeId = "bad Crime ID";
        public const string BadCoordinates = "bad coordinates";
        public const string MissingOutcome = "missing outcome type";
        public const string UnknownCrimeType = "unknown crime type";
        public const string UnknownHeader = "not a street or outcomes file";
        public const string FutureMonth = "month in the future";
        public const string FactRefused = "fact refused";
        public const string RefusedByIntake = "refused by the intake";
    }

    public static PoliceUkFile Parse(TextReader reader, string fileName)
    {
        var rows = new List<PoliceUkRow>();
        var skipped = new List<PoliceUkSkip>();

        var header = reader.ReadLine();
        if (header is null || SplitLine(header.TrimStart('\uFEFF')) is not { } columns || KindOf(columns) is not { } kind)
        {
            skipped.Add(new PoliceUkSkip(fileName, 1, Reasons.UnknownHeader,
                $"the header must be the street columns ({string.Join(",", StreetHeader)}) or the outcomes columns ({string.Join(",", OutcomesHeader)})"));
            return new PoliceUkFile(fileName, null, rows, skipped);
        }

        var expected = kind == PoliceUkFileKind.Street ? StreetHeader.Count : OutcomesHeader.Count;
        var firstLineOf = new Dictionary<string, (int Line, int Occurrence)>(StringComparer.Ordinal);
        var distinctLinesOf = new Dictionary<(string CrimeId, DateOnly Month, string What), int>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var result = ParseRow(line, lineNumber, fileName, kind, expected);
            if (result.Skip is { } skip)
            {
                skipped.Add(skip);
                continue;
            }

            var row = result.Row!;
            if (firstLineOf.TryGetValue(line, out var first))
            {
                // The same line again is the same fact: it keeps the first line's occurrence, hence its event ids.
                rows.Add(row with { DuplicateOfLine = first.Line, Occurrence = first.Occurrence });
                continue;
            }

            var key = (row.CrimeId, row.Month, row.What);
            var occurrence = distinctLinesOf.GetValueOrDefault(key) + 1;
            distinctLinesOf[key] = occurrence;
            firstLineOf[line] = (lineNumber, occurrence);
            rows.Add(row with { Occurrence = occurrence });
        }

        return new PoliceUkFile(fileName, kind, rows, skipped);
    }

    private static PoliceUkFileKind? KindOf(IReadOnlyList<string> columns) =>
        columns.SequenceEqual(StreetHeader) ? PoliceUkFileKind.Street
        : columns.SequenceEqual(OutcomesHeader) ? PoliceUkFileKind.Outcomes
        : null;

    private readonly record struct RowResult(PoliceUkRow? Row, PoliceUkSkip? Skip);

    private static RowResult ParseRow(string line, int lineNumber, string file, PoliceUkFileKind kind, int expected)
    {
        RowResult Skip(string reason, string detail) => new(null, new PoliceUkSkip(file, lineNumber, reason, detail));

        if (SplitLine(line) is not { } f)
        {
            return Skip(Reasons.Quoting, "a quoted field is not closed on its line");
        }

        if (f.Count != expected)
        {
            return Skip(Reasons.ColumnCount, $"{f.Count} columns; {Words(kind)} row has {expected}");
        }

        // Anti-social behaviour incidents sit in street files without a Crime ID: not crimes, so not cases.
        if (kind == PoliceUkFileKind.Street && f[9] == PoliceUkMapping.AntiSocialBehaviour)
        {
            return Skip(Reasons.AntiSocialBehaviour, "incident, not a recorded crime");
        }

        var crimeId = f[0];
        if (crimeId.Length == 0)
        {
            return Skip(Reasons.MissingCrimeId, "the Crime ID is empty");
        }

        if (!CrimeIdPattern().IsMatch(crimeId))
        {
            return Skip(Reasons.BadCrimeId, $"'{Shorten(crimeId)}' is not 64 lowercase hexadecimal characters");
        }

        if (!DateOnly.TryParseExact(f[1], "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return Skip(Reasons.BadMonth, $"'{Shorten(f[1])}' is not a month (yyyy-MM)");
        }

        if (!IsCoordinate(f[4], 180) || !IsCoordinate(f[5], 90) || (f[4].Length == 0) != (f[5].Length == 0))
        {
            return Skip(Reasons.BadCoordinates, $"longitude '{Shorten(f[4])}', latitude '{Shorten(f[5])}'");
        }

        string? crimeType = null, lastOutcome = null, outcome = null;
        if (kind == PoliceUkFileKind.Street)
        {
            crimeType = f[9];
            if (PoliceUkMapping.CategoryOf(crimeType) is null)
            {
                return Skip(Reasons.UnknownCrimeType, $"'{Shorten(crimeType)}' is not a data.police.uk crime type");
            }

            lastOutcome = f[10].Length == 0 ? null : f[10];
        }
        else
        {
            outcome = f[9];
            if (outcome.Length == 0)
            {
                return Skip(Reasons.MissingOutcome, "the outcome type is empty");
            }
        }

        return new RowResult(new PoliceUkRow(file, lineNumber, kind, crimeId, month, f[2], f[3], f[6], f[7], f[8],
            crimeType, lastOutcome, outcome), null);
    }

    private static bool IsCoordinate(string text, double limit) =>
        text.Length == 0 ||
        (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && Math.Abs(value) <= limit);

    private static string Words(PoliceUkFileKind kind) => kind == PoliceUkFileKind.Street ? "a street" : "an outcomes";

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    /// <summary>
    /// One CSV line into fields (RFC 4180 quoting: a quoted field may hold commas and doubled quotes; e.g. LSOA names
    /// like "Bristol, City of 023B"). Null when a quote is left open: records never span lines in these files.
    /// </summary>
    internal static List<string>? SplitLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        fields.Add(field.ToString().Trim());
        return fields;
    }

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex CrimeIdPattern();
}
