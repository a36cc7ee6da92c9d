using CjsJourney.Cases;
using CjsJourney.Iom;

namespace CjsJourney.Tests.Iom;

/// <summary>Pre/post harm, trends and proven reoffending on hand-computed cases.</summary>
public class measuring_iom_outcomes
{
    private static readonly DateOnly Selected = new(2025, 1, 1);

    private static Offence Burglary(string on, string? provenOn = null) => Offence(OffenceCategory.BurglaryResidential, on, provenOn);

    private static Offence Offence(OffenceCategory category, string on, string? provenOn = null)
    {
        var committed = DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture);
        return new Offence("U", category, committed, HarmIndex.Shipped.Score(category, committed), true,
            provenOn is null ? null : DateOnly.Parse(provenOn, System.Globalization.CultureInfo.InvariantCulture), provenOn is null ? null : "conviction");
    }

    [Fact]
    public void three_burglaries_and_a_robbery_before_then_one_burglary_in_six_months_is_reduced_offending_and_harm()
    {
        Offence[] offences =
        [
            Burglary("2024-02-10"), Burglary("2024-05-03"), Burglary("2024-11-20"),
            Offence(OffenceCategory.Robbery, "2024-08-01"),
            Offence(OffenceCategory.Robbery, "2023-12-31"), // more than 12 months before: not counted
            Burglary("2025-03-15"),
        ];

        var prePost = OffenderRecord.Compare(offences, Selected, new DateOnly(2025, 7, 2)); // 182 days since selection

        // Before: 4 offences, harm 3 x 365 + 1460 = 2555 days. Since: 1 burglary (365) in 182 days, x 365/182 a year.
        Assert.Equal((4, 2555, 1, 365, 182), (prePost.OffencesBefore, prePost.HarmBefore, prePost.OffencesSince, prePost.HarmSince, prePost.DaysSince));
        Assert.Equal(2.01, prePost.OffencesPer12MonthsSince);
        Assert.Equal(732.0, prePost.HarmPer12MonthsSince);
        Assert.Equal((Trend.Reduced, Trend.Reduced), (prePost.Offending, prePost.Harm));
    }

    [Fact]
    public void nothing_since_selection_is_stopped_and_more_is_increased()
    {
        Offence[] before = [Burglary("2024-06-01")];

        Assert.Equal(Trend.Stopped, OffenderRecord.Compare(before, Selected, new DateOnly(2025, 6, 1)).Offending);
        Assert.Equal(Trend.Increased,
            OffenderRecord.Compare([.. before, Burglary("2025-02-01"), Burglary("2025-03-01")], Selected, new DateOnly(2025, 6, 1)).Offending);
        Assert.Equal(Trend.TooEarly, OffenderRecord.Compare(before, Selected, new DateOnly(2025, 1, 20)).Offending);
    }

    [Fact]
    public void harm_is_scored_by_the_edition_in_force_when_the_offence_was_committed()
    {
        var before = HarmIndex.Shipped.Score(OffenceCategory.StalkingAndHarassment, new DateOnly(2026, 1, 31));
        var after = HarmIndex.Shipped.Score(OffenceCategory.StalkingAndHarassment, new DateOnly(2026, 2, 1));

        Assert.Equal(("2023", 365), (before.Edition, before.HarmDays));
        Assert.Equal(("2026-02", 730), (after.Edition, after.HarmDays));
    }

    [Fact]
    public void proven_reoffending_is_provisional_until_18_months_then_final()
    {
        Offence[] offences =
        [
            Burglary("2025-06-01", provenOn: "2026-05-01"),  // within 12 months, proven within 18: counts
            Burglary("2025-11-01", provenOn: "2026-08-01"),  // committed in time, proven after 18 months: never counts
            Burglary("2026-02-01", provenOn: "2026-03-01"),  // committed after the 12 months: never counts
        ];

        var early = OffenderRecord.Reoffending(offences, Selected, new DateOnly(2026, 3, 1));
        var provisional = OffenderRecord.Reoffending(offences, Selected, new DateOnly(2026, 6, 1));
        var final = OffenderRecord.Reoffending(offences, Selected, new DateOnly(2026, 9, 1));

        Assert.Equal((false, false, 0), (early.Final, early.Reoffended, early.Reoffences)); // not yet proven by then
        Assert.Equal((false, true, 1), (provisional.Final, provisional.Reoffended, provisional.Reoffences));
        Assert.Equal((true, true, 1), (final.Final, final.Reoffended, final.Reoffences));
        Assert.Equal(new DateOnly(2026, 7, 1), final.FinalOn);
    }
}
