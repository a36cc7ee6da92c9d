using CjsJourney.Cases;
using CjsJourney.Journeys;
using CjsJourney.Tests.Support;
using JasperFx.Events;

namespace CjsJourney.Tests.Cases;

/// <summary>Given a case's facts, when one more arrives, then the summary a reader sees.</summary>
public class folding_a_case
{
    private const string Urn = "35CJ1";
    private static readonly DateTimeOffset Day0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static CaseSummary Given(params Fact[] facts) =>
        Recorded.Fold<CaseSummary>(Recorded.Stream(StreamKeys.Case(Urn), facts), CaseSummary.Fold);

    private static T At<T>(T fact, int days) where T : Fact => fact with { OccurredAt = Day0.AddDays(days), Source = Agency.Police };

    private static CrimeReported Report() =>
        At(new CrimeReported(Urn, "Robbery of personal property", OffenceCategory.Robbery, [CrimeFlag.Hate], CspArea.Huntingdonshire, Day0), 0);

    [Fact]
    public void a_reported_crime_is_a_case_at_the_reported_stage()
    {
        var summary = Given(Report());

        Assert.Equal((CaseStage.Reported, CspArea.Huntingdonshire, "case/35CJ1"), (summary.Stage, summary.Area, summary.Id));
        Assert.Empty(summary.Defendants);
    }

    [Fact]
    public void a_journey_to_sentence_records_each_step_for_the_defendant()
    {
        var summary = Given(
            Report(),
            At(new SuspectArrested(Urn, "P-9"), 1),
            At(new SuspectCharged(Urn, "P-9", [new Charge("Robbery")], new FirstHearing("Huntingdon Magistrates' Court", new DateOnly(2026, 3, 20))), 3),
            At(new HearingListed(Urn, "H1", HearingType.FirstHearing, "Huntingdon Magistrates' Court", Day0.AddDays(19), ["P-9"]), 3),
            At(new PleaEntered(Urn, "P-9", Plea.NotGuilty), 19),
            At(new HearingResulted(Urn, "H1", HearingOutcome.Effective, ["P-9"]), 19),
            At(new TrialListed(Urn, "T1", "Cambridge Crown Court", new DateOnly(2026, 6, 1), ["P-9"]), 19),
            At(new VerdictReached(Urn, "P-9", Verdict.Guilty), 93),
            At(new Sentenced(Urn, "P-9", Disposal.ImmediateCustody, 730, [AncillaryOrder.RestrainingOrder]), 120));

        var defendant = Assert.Single(summary.Defendants);
        Assert.Equal(CaseStage.Sentenced, summary.Stage);
        Assert.Equal((DefendantStatus.Sentenced, Plea.NotGuilty, Verdict.Guilty, Disposal.ImmediateCustody, 730),
            (defendant.Status, defendant.Plea!.Value, defendant.Verdict!.Value, defendant.Sentence!.Value, defendant.CustodyDays!.Value));
        Assert.Equal("T1", summary.NextHearing!.HearingId);
        Assert.Equal(9, summary.Timeline.Count);
    }

    [Fact]
    public void a_late_fact_about_the_past_does_not_turn_the_case_back()
    {
        var summary = Given(
            Report(),
            At(new VerdictReached(Urn, "P-9", Verdict.Guilty), 60),
            // Arrives last but happened first: the arrest.
            At(new SuspectArrested(Urn, "P-9"), 1));

        Assert.Equal(CaseStage.AwaitingSentence, summary.Stage);
        Assert.Equal(DefendantStatus.Convicted, summary.Defendants[0].Status);
        Assert.Equal(["CrimeReported", "SuspectArrested", "VerdictReached"], summary.Timeline.Select(t => t.Type));
    }

    [Fact]
    public void a_cracked_trial_keeps_its_reason_code_and_the_next_hearing_moves_on()
    {
        var summary = Given(
            Report(),
            At(new TrialListed(Urn, "T1", "Cambridge Crown Court", new DateOnly(2026, 6, 1), ["P-9"]), 10),
            At(new HearingListed(Urn, "S1", HearingType.Sentence, "Cambridge Crown Court", Day0.AddDays(120), ["P-9"]), 92),
            At(new HearingResulted(Urn, "T1", HearingOutcome.Cracked, ["P-9"], "C2"), 92));

        var trial = summary.Hearings.Single(h => h.HearingId == "T1");
        Assert.Equal((HearingOutcome.Cracked, "C2"), (trial.Outcome!.Value, trial.ReasonCode));
        Assert.Equal("S1", summary.NextHearing!.HearingId);
    }

    [Fact]
    public void victims_and_witnesses_are_kept_by_id_with_withdrawal_of_support()
    {
        var summary = Given(
            Report(),
            At(new VictimIdentified(Urn, "V-1"), 0),
            At(new WitnessIdentified(Urn, "W-1", WitnessKind.Prosecution, "V-1"), 1),
            At(new VictimWithdrewSupport(Urn, "V-1"), 30));

        Assert.Equal(Day0.AddDays(30), Assert.Single(summary.Victims).WithdrewSupportAt);
        Assert.Equal("V-1", Assert.Single(summary.Witnesses).VictimId);
    }

    [Fact]
    public void a_case_fact_for_another_stream_kind_is_ignored()
    {
        var state = Given(Report());
        IEvent other = Recorded.Event(new CjsJourney.Victims.NeedsAssessed("V-1", []) { OccurredAt = Day0 }, "victim/V-1", 1);

        Assert.Same(state, CaseSummary.Fold(state, other));
    }
}
