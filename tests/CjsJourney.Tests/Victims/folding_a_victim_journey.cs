using CjsJourney.Cases;
using CjsJourney.Journeys;
using CjsJourney.Tests.Support;
using CjsJourney.Victims;
using JasperFx.Events;

namespace CjsJourney.Tests.Victims;

public class folding_a_victim_journey
{
    private static readonly DateTimeOffset Day0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static VictimJourney Given(params (Fact Fact, string Stream)[] facts) =>
        Recorded.Fold<VictimJourney>(facts.Select((f, i) => Recorded.Event(f.Fact, f.Stream, i + 1)),
            (s, e) => VictimJourney.Fold(s, "V-1", e));

    private static (Fact, string) OnCase<T>(T fact, int days) where T : Fact => (fact with { OccurredAt = Day0.AddDays(days) }, "case/35CJ1");

    private static (Fact, string) OnVictim<T>(T fact, int days) where T : Fact => (fact with { OccurredAt = Day0.AddDays(days) }, "victim/V-1");

    [Fact]
    public void identification_on_a_case_starts_the_journey()
    {
        var journey = Given(OnCase(new VictimIdentified("35CJ1", "V-1", VictimRole.BereavedRelative), 0));

        Assert.Equal(("35CJ1", VictimRole.BereavedRelative), (journey.Cases[0].Urn, journey.Cases[0].Role));
        Assert.False(journey.IsEnhanced);
    }

    [Fact]
    public void eligibility_is_the_latest_assessment_and_every_assessment_is_kept()
    {
        var journey = Given(
            OnCase(new VictimIdentified("35CJ1", "V-1"), 0),
            OnVictim(new EnhancedEligibilityAssessed("V-1", [EnhancedGround.DomesticAbuse, EnhancedGround.Intimidated], "PC 1"), 1),
            OnVictim(new EnhancedEligibilityAssessed("V-1", [], "DS 2"), 20),
            // Recorded late, but made before the reassessment: history grows, the current one stands.
            OnVictim(new EnhancedEligibilityAssessed("V-1", [EnhancedGround.PersistentlyTargeted], "PC 3"), 10));

        Assert.False(journey.IsEnhanced);
        Assert.Equal("DS 2", journey.Eligibility!.DecidedBy);
        Assert.Equal(["PC 1", "PC 3", "DS 2"], journey.EligibilityHistory.Select(a => a.DecidedBy));
    }

    [Fact]
    public void being_kept_informed_is_a_list_of_what_and_how_in_time_order()
    {
        var journey = Given(
            OnCase(new VictimIdentified("35CJ1", "V-1"), 0),
            OnVictim(new VictimInformed("V-1", InformedAbout.HearingDetails, ContactChannel.Letter, "35CJ1"), 9),
            OnVictim(new VictimInformed("V-1", InformedAbout.Charge, ContactChannel.Phone, "35CJ1"), 4));

        Assert.Equal([InformedAbout.Charge, InformedAbout.HearingDetails], journey.Informed.Select(i => i.About));
    }

    [Fact]
    public void a_complaint_answered_is_kept_with_both_dates()
    {
        var journey = Given(
            OnCase(new VictimIdentified("35CJ1", "V-1"), 0),
            OnVictim(new ComplaintReceived("V-1", "C1", Agency.Cps), 5),
            OnVictim(new ComplaintResponded("V-1", "C1"), 12));

        var complaint = Assert.Single(journey.Complaints);
        Assert.Equal((Day0.AddDays(5), Day0.AddDays(12)), (complaint.ReceivedAt!.Value, complaint.RespondedAt!.Value));
    }

    [Fact]
    public void the_victims_a_fact_is_about()
    {
        Assert.Equal(["V-1"], VictimJourney.VictimIdsOf(new VictimIdentified("U", "V-1")));
        Assert.Equal(["V-2"], VictimJourney.VictimIdsOf(new WitnessIdentified("U", "W-1", WitnessKind.Prosecution, "V-2")));
        Assert.Empty(VictimJourney.VictimIdsOf(new WitnessIdentified("U", "W-1", WitnessKind.Police)));
        Assert.Empty(VictimJourney.VictimIdsOf(new SuspectArrested("U", "P-1")));
    }
}
