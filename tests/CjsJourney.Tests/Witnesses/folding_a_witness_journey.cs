using CjsJourney.Cases;
using CjsJourney.Journeys;
using CjsJourney.Tests.Support;
using CjsJourney.Witnesses;

namespace CjsJourney.Tests.Witnesses;

public class folding_a_witness_journey
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static WitnessJourney Given(params Fact[] facts) =>
        Recorded.Fold<WitnessJourney>(Recorded.Stream("case/35CJ1", facts.Select((f, i) => f with { OccurredAt = Day0.AddDays(i) }).ToArray()),
            (s, e) => WitnessJourney.Fold(s, "W-1", e));

    [Fact]
    public void a_witness_goes_from_identified_to_attended_with_special_measures_decided()
    {
        var journey = Given(
            new WitnessIdentified("35CJ1", "W-1", WitnessKind.Prosecution, "V-1"),
            new WitnessListReceived("35CJ1", ["W-1", "W-2"]),
            new SpecialMeasuresApplied("35CJ1", "W-1", [SpecialMeasure.ScreenAroundWitnessBox]),
            new SpecialMeasuresGranted("35CJ1", "W-1", [SpecialMeasure.ScreenAroundWitnessBox]),
            new WitnessWarned("35CJ1", "W-1", "T1"),
            new WitnessAttended("35CJ1", "W-1", "T1", 150));

        Assert.Equal("V-1", journey.VictimId);
        Assert.Equal(Day0.AddDays(1), journey.RequiredToGiveEvidenceAt);
        Assert.Equal([SpecialMeasuresStatus.Applied, SpecialMeasuresStatus.Granted], journey.SpecialMeasures.Select(m => m.Status));
        Assert.True(Assert.Single(journey.Attendances).WaitedOverTwoHours);
    }

    [Fact]
    public void the_witness_list_concerns_every_witness_on_it() =>
        Assert.Equal(["W-1", "W-2"], WitnessJourney.WitnessIdsOf(new WitnessListReceived("U", ["W-1", "W-2"])));
}
