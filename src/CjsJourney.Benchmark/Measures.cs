using System.Globalization;

namespace CjsJourney.Benchmark;

/// <summary>One figure of the report: what, the value, its unit, and how it compares with a ceiling or a target.</summary>
public sealed record Figure(string Section, string Name, double Value, string Unit, string? Ratio = null, string? Target = null,
    bool? Met = null, string? Note = null)
{
    public string Formatted => Unit switch
    {
        "ms" => Value.ToString(Value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture),
        "MiB" => Value.ToString("N0", CultureInfo.InvariantCulture),
        _ => Value.ToString("N0", CultureInfo.InvariantCulture),
    };
}

public static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string Percent(double ratio) => (ratio * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}

/// <summary>Prints as it goes (a long run shows progress) and keeps every figure for the report.</summary>
public sealed class Report
{
    private readonly List<Figure> _figures = [];

    public IReadOnlyList<Figure> Figures => _figures;

    public List<string> Notes { get; } = [];

    public Figure Add(Figure figure)
    {
        _figures.Add(figure);
        var met = figure.Met switch { true => "  ✓ target met", false => "  ✗ target missed", _ => "" };
        Console.WriteLine($"  {figure.Name}: {figure.Formatted} {figure.Unit}" +
                          (figure.Ratio is null ? "" : $"  ({figure.Ratio})") +
                          (figure.Target is null ? "" : $"  target {figure.Target}") + met);
        return figure;
    }

    public static void Stage(string title) => Console.WriteLine($"\n== {title} ({DateTimeOffset.Now:HH:mm:ss})");
}
