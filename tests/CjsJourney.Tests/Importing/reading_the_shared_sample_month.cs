using CjsJourney.Cases;
using CjsJourney.Importing;

namespace CjsJourney.Tests.Importing;

/// <summary>
/// The real published file for April 2019 (kept beside the repository in <c>../shared</c>, never copied into it):
/// parsed and planned, no database, and checked against the counts in its README.
/// </summary>
public class reading_the_shared_sample_month
{
    private static readonly Lazy<PoliceUkFile> Sample = new(() =>
    {
        var path = Path.Combine(SharedFolder(), "data", "police-uk", "2019-04-cambridgeshire-outcomes.csv");
        Assert.True(File.Exists(path), $"The shared sample month is expected at {path} (see ../shared/data/police-uk/README.md).");
        using var reader = new StreamReader(path);
        return PoliceUkCsv.Parse(reader, Path.GetFileName(path));
    });

    [Fact]
    public void every_row_is_read_and_the_outcome_counts_match_the_readme()
    {
        var file = Sample.Value;

        Assert.Equal(5_224, file.RowsRead);
        Assert.Empty(file.Skipped);
        var byOutcome = file.Rows.GroupBy(r => r.OutcomeType!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int>
        {
            ["Investigation complete; no suspect identified"] = 2871,
            ["Unable to prosecute suspect"] = 1444,
            ["Suspect charged"] = 441,
            ["Action to be taken by another organisation"] = 72,
            ["Offender sent to prison"] = 67,
            ["Local resolution"] = 55,
            ["Offender given community sentence"] = 52,
            ["Formal action is not in the public interest"] = 45,
            ["Offender given a caution"] = 40,
            ["Defendant found not guilty"] = 33,
            ["Offender given suspended prison sentence"] = 27,
            ["Court case unable to proceed"] = 17,
            ["Offender fined"] = 16,
            ["Offender given conditional discharge"] = 13,
            ["Further investigation is not in the public interest"] = 9,
            ["Defendant sent to Crown Court"] = 7,
            ["Suspect charged as part of another case"] = 5,
            ["Offender otherwise dealt with"] = 4,
            ["Offender deprived of property"] = 3,
            ["Offender ordered to pay compensation"] = 3,
        }, byOutcome);
    }

    [Fact]
    public void the_districts_duplicates_and_crimes_match_the_readme()
    {
        var file = Sample.Value;

        var byArea = file.Rows.GroupBy(r => PoliceUkMapping.DistrictOf(r.LsoaName)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<CspArea, int>
        {
            [CspArea.Peterborough] = 1718,
            [CspArea.Cambridge] = 1125,
            [CspArea.Huntingdonshire] = 828,
            [CspArea.SouthCambridgeshire] = 532,
            [CspArea.Fenland] = 441,
            [CspArea.EastCambridgeshire] = 301,
            [CspArea.NotKnown] = 267,
            [CspArea.OutsideForceArea] = 12,
        }, byArea);

        Assert.Equal(5_072, file.Rows.Select(r => r.CrimeId).Distinct().Count());
        Assert.Equal(63, file.Rows.Count(r => r.DuplicateOfLine is not null));
        Assert.Equal(130, file.Rows.GroupBy(r => r.CrimeId).Count(g => g.Count() > 1));
        Assert.Equal(89, file.Rows.Where(r => r.DuplicateOfLine is null).GroupBy(r => r.CrimeId)
            .Count(g => g.Select(r => r.OutcomeType).Distinct().Count() > 1));
        Assert.Contains(file.Rows, r => r.Location.Contains('\'', StringComparison.Ordinal));
    }

    [Fact]
    public void every_row_plans_into_valid_facts()
    {
        var (crimes, skipped) = PoliceUkImport.Plan(Sample.Value, new ImportMemory(), DateTimeOffset.UtcNow);

        Assert.Empty(skipped);
        Assert.Equal(5_072, crimes.Count);
        Assert.Equal(5_224 - 63, crimes.Sum(c => c.Rows.Count));
    }

    /// <summary>The repository root is the folder holding CjsJourney.sln; the shared folder is its sibling.</summary>
    private static string SharedFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CjsJourney.sln")))
        {
            dir = dir.Parent;
        }

        Assert.True(dir is not null, $"No CjsJourney.sln above {AppContext.BaseDirectory}");
        return Path.Combine(dir!.Parent!.FullName, "shared");
    }
}
