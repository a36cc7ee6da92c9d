using System.Globalization;
using System.Reflection;
using System.Text.Json;
using CjsJourney.Cases;

namespace CjsJourney.Iom;

/// <summary>An offence scored for harm, with the edition of the table that scored it.</summary>
public sealed record HarmScore(OffenceCategory Category, int HarmDays, string Edition);

/// <summary>
/// Crime harm weights by offence group, from the versioned table <c>Iom/Data/crime-harm-index.csv</c> (its source and
/// method are named in the file). An offence is scored by the edition in force on the day it was committed.
/// </summary>
public sealed class HarmIndex
{
    private readonly IReadOnlyList<(string Edition, DateOnly InForceFrom, IReadOnlyDictionary<OffenceCategory, int> Days)> _editions;

    public HarmIndex(IEnumerable<(string Edition, DateOnly InForceFrom, OffenceCategory Category, int Days)> rows) =>
        _editions = rows.GroupBy(r => (r.Edition, r.InForceFrom))
            .OrderBy(g => g.Key.InForceFrom)
            .Select(g => (g.Key.Edition, g.Key.InForceFrom, (IReadOnlyDictionary<OffenceCategory, int>)g.ToDictionary(r => r.Category, r => r.Days)))
            .ToList();

    public static HarmIndex Shipped { get; } = Load();

    public IEnumerable<string> Editions => _editions.Select(e => e.Edition);

    public HarmScore Score(OffenceCategory category, DateOnly committedOn)
    {
        var edition = _editions.LastOrDefault(e => e.InForceFrom <= committedOn);
        if (edition.Days is null)
        {
            edition = _editions[0];
        }

        return new HarmScore(category, edition.Days.GetValueOrDefault(category, 1), edition.Edition);
    }

    private static HarmIndex Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CjsJourney.Iom.Data.crime-harm-index.csv")!;
        using var reader = new StreamReader(stream);
        var rows = new List<(string, DateOnly, OffenceCategory, int)>();
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            var cells = line.Split(',', 5);
            var category = Enum.GetValues<OffenceCategory>().Single(c =>
                JsonNamingPolicy.KebabCaseLower.ConvertName(c.ToString()) == cells[2]);
            rows.Add((cells[0], DateOnly.ParseExact(cells[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), category,
                int.Parse(cells[3], CultureInfo.InvariantCulture)));
        }

        var index = new HarmIndex(rows);
        var missing = Enum.GetValues<OffenceCategory>()
            .Where(c => rows.GroupBy(r => r.Item1).Any(edition => edition.All(r => r.Item3 != c)))
            .ToList();
        return missing.Count == 0
            ? index
            : throw new InvalidOperationException($"The harm index lacks offence groups: {string.Join(", ", missing)}");
    }
}
