using CjsJourney.Oocd;
using CjsJourney.Persons;

namespace CjsJourney.Tests.Oocd;

public class drawing_a_scrutiny_sample
{
    private static readonly IReadOnlyList<OocdRegisterEntry> Population = Enumerable.Range(1, 40)
        .Select(i => new OocdRegisterEntry
        {
            Id = $"P-{i:D3}/O1",
            PersonId = $"P-{i:D3}",
            OocdId = "O1",
            Regime = i % 4 == 0 ? OocdRegime.TwoTier2022 : OocdRegime.AdultFramework,
            Kind = i % 4 == 0 ? OocdKind.DiversionaryCaution : OocdKind.CommunityResolution,
        })
        .ToList();

    [Fact]
    public void the_same_seed_draws_the_same_sample_whatever_order_the_register_comes_in()
    {
        var first = ScrutinySample.Draw(Population, seed: 2026, randomSize: 8, theme: null);
        var again = ScrutinySample.Draw(Population.Reverse(), seed: 2026, randomSize: 8, theme: null);
        var other = ScrutinySample.Draw(Population, seed: 2027, randomSize: 8, theme: null);

        Assert.Equal(first.Random, again.Random);
        Assert.Equal(8, first.Random.Distinct().Count());
        Assert.NotEqual(first.Random, other.Random);
    }

    [Fact]
    public void a_thematic_sample_draws_only_matching_cases_not_already_in_the_random_one()
    {
        var (random, thematic) = ScrutinySample.Draw(Population, seed: 7, randomSize: 10,
            new SampleTheme(OocdRegime.TwoTier2022, null, null, null, Size: 4));

        Assert.Equal(4, thematic.Count);
        Assert.All(thematic, id => Assert.Equal(OocdRegime.TwoTier2022, Population.Single(p => p.Id == id).Regime));
        Assert.Empty(thematic.Intersect(random));
    }
}
