using CjsJourney.Cases;
using CjsJourney.Compliance;
using CjsJourney.Journeys;
using CjsJourney.Persons;
using CjsJourney.Tests.Support;
using CjsJourney.Victims;
using JasperFx.Events;

namespace CjsJourney.Tests.Compliance;

/// <summary>
/// Given a victim's entitlements, when a fact arrives or a deadline passes, then these judgements: every entitlement
/// of the 2020 Code met on time, breached (then met late), and judged standard against enhanced.
/// </summary>
public class judging_entitlements
{
    private const string Urn = "35CJ7";
    private const string Victim = "V-7";
    private static readonly VictimsCode Code = CodeUnderTest.Load();

    // Tuesday 10 March 2026, 10:00 GMT: no bank holiday within two weeks either way.
    private static readonly DateTimeOffset T = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> All() => new(Code.Editions[0].Entitlements.Select(e => e.Id));

    public static TheoryData<string> WithDeadlines() => new(Code.Editions[0].Entitlements.Where(e => e.HasDeadline).Select(e => e.Id));

    /// <summary>For each entitlement: the fact that triggers it, the fact that evidences it, and what the case and victim look like.</summary>
    private static (Fact Trigger, Fact Evidence, CaseSummary Case, VictimJourney Victim) Scenario(string id, bool enhanced = false)
    {
        var grounds = enhanced ? new[] { EnhancedGround.DomesticAbuse } : [];
        var victim = new VictimJourney
        {
            Id = Victim,
            WitnessIds = ["W-7"],
            ContactSchemeReferredAt = T.AddDays(-100),
            EligibilityHistory = [new EligibilityAssessment(enhanced, grounds, "PC 1", T.AddDays(-30))],
            Eligibility = new EligibilityAssessment(enhanced, grounds, "PC 1", T.AddDays(-30)),
        };
        var hearing = new Hearing { HearingId = "H1", Type = id == "R8-02" ? HearingType.Bail : HearingType.Trial, Court = "Cambridge Crown Court" };
        var defendant = new Defendant { PersonId = "P-7", Verdict = Verdict.Guilty, Sentence = id == "R9-02" ? Disposal.ImmediateCustody : null };
        var summary = new CaseSummary
        {
            Id = StreamKeys.Case(Urn), Urn = Urn, OffenceCategory = OffenceCategory.ViolenceWithInjury, Area = CspArea.Fenland,
            Hearings = [hearing], Defendants = [defendant], Victims = [new CaseVictim(Victim, VictimRole.Direct, null)],
        };
        Fact Told(InformedAbout about) => new VictimInformed(Victim, about, ContactChannel.Phone, Urn);
        (Fact, Fact) pair = id switch
        {
            "R3-01" => (new VictimIdentified(Urn, Victim), Told(InformedAbout.CrimeAcknowledged)),
            "R4-01" => (new VictimIdentified(Urn, Victim), new ReferredToSupportServices(Victim, "Victim and Witness Hub", true)),
            "R6-01" => (new DecisionNotToInvestigate(Urn, "no lines of enquiry"), Told(InformedAbout.DecisionNotToInvestigate)),
            "R6-02" => (new SuspectArrested(Urn, "P-7"), Told(InformedAbout.SuspectArrested)),
            "R6-03" => (new SuspectInterviewed(Urn, "P-7"), Told(InformedAbout.SuspectInterviewed)),
            "R6-04" => (new SuspectReleasedWithoutCharge(Urn, "P-7", "insufficient evidence"), Told(InformedAbout.SuspectReleasedWithoutCharge)),
            "R6-05" => (new SuspectBailed(Urn, "P-7", BailKind.ReleasedUnderInvestigation), Told(InformedAbout.SuspectBailed)),
            "R6-06" => (new SuspectCharged(Urn, "P-7", [new Charge("Assault")], new FirstHearing("C", new DateOnly(2026, 3, 30))), Told(InformedAbout.Charge)),
            "R6-08" => (new CaseDiscontinued(Urn, "public interest"), Told(InformedAbout.CpsDecision)),
            "R6-09A" => (new RightToReviewRequested(Victim, "VRR-1", DecisionMaker.Police), new RightToReviewAcknowledged(Victim, "VRR-1")),
            "R6-09B" => (new RightToReviewRequested(Victim, "VRR-1", DecisionMaker.Cps), new RightToReviewDecided(Victim, "VRR-1", true)),
            "R7-01" => (new SuspectCharged(Urn, "P-7", [new Charge("Assault")], new FirstHearing("C", new DateOnly(2026, 3, 30))), new VictimPersonalStatementOffered(Victim)),
            "R8-01" => (new ListingReceivedByWitnessCare(Urn, "H1"), Told(InformedAbout.HearingDetails)),
            "R8-02" => (new ResultReceivedByWitnessCare(Urn, "H1"), Told(InformedAbout.BailOutcome)),
            "R8-03" => (new WitnessListReceived(Urn, ["W-7"]), Told(InformedAbout.RequiredAsWitness)),
            "R9-01C" => (new HearingResulted(Urn, "H1", HearingOutcome.Effective, ["P-7"]), new ResultReceivedByWitnessCare(Urn, "H1")),
            "R9-01" => (new ResultReceivedByWitnessCare(Urn, "H1"), Told(InformedAbout.CaseOutcome)),
            "R9-02" => (new ResultReceivedByWitnessCare(Urn, "H1"), Told(InformedAbout.Sentence)),
            "R9-04" => (new AppealLodged(Urn, "P-7", AppealAgainst.Sentence), Told(InformedAbout.Appeal)),
            "R11-01" => (new Sentenced(Urn, "P-7", Disposal.ImmediateCustody, 730), new VictimContactSchemeReferred(Victim, Urn)),
            "R11-02" => (new VictimContactSchemeReferred(Victim, Urn), new VictimLiaisonContactMade(Victim)),
            "R11-03" => (new Released("P-7", "HMP Peterborough", ReleaseKind.OnLicence, new DateOnly(2027, 3, 1)), Told(InformedAbout.OffenderRelease)),
            "R12-01" => (new ComplaintReceived(Victim, "C-1", Agency.Cps), new ComplaintResponded(Victim, "C-1")),
            _ => throw new ArgumentOutOfRangeException(nameof(id), id),
        };
        return (pair.Item1 with { OccurredAt = T, Source = Agency.Police }, pair.Item2 with { Source = Agency.WitnessCare }, summary, victim);
    }

    private static (VictimCompliance State, EntitlementOpened Opened) Given(string id, bool enhanced = false)
    {
        var (trigger, _, summary, victim) = Scenario(id, enhanced);
        var decided = Entitlements.Decide(null, Victim, Recorded.Event(trigger, "any", 1), Code, victim, summary);
        var opened = decided.OfType<EntitlementOpened>().Single(o => o.Dims.EntitlementId == id);
        return (Fold(null, decided), opened);
    }

    private static VictimCompliance Fold(VictimCompliance? state, IEnumerable<IEntitlementEvent> events) =>
        events.Aggregate(state, (s, e) => e switch
        {
            EntitlementOpened o => s is null ? VictimCompliance.Create(o) : s.Apply(o),
            EntitlementMet m => s!.Apply(m),
            EntitlementBreached b => s!.Apply(b),
            EntitlementExcepted x => s!.Apply(x),
            _ => s,
        })!;

    private static IReadOnlyList<IEntitlementEvent> When(VictimCompliance state, Fact fact, CaseSummary summary, VictimJourney victim) =>
        Entitlements.Decide(state, Victim, Recorded.Event(fact, "any", 2), Code, victim, summary);

    [Theory]
    [MemberData(nameof(All))]
    public void evidence_before_the_deadline_meets_it_on_time(string id)
    {
        var (state, opened) = Given(id);
        var (_, evidence, summary, victim) = Scenario(id);

        var met = When(state, evidence with { OccurredAt = T.AddHours(2) }, summary, victim).OfType<EntitlementMet>()
            .Single(m => m.Key == opened.Key);

        Assert.True(met.OnTime);
    }

    [Theory]
    [MemberData(nameof(WithDeadlines))]
    public void still_open_at_the_due_instant_is_a_breach_and_late_evidence_makes_it_met_late(string id)
    {
        var (state, opened) = Given(id);
        var (_, evidence, summary, victim) = Scenario(id);

        Assert.Null(Entitlements.CheckDeadline(state, opened.Key, opened.DueBy!.Value.AddTicks(-1), Code, victim));
        var breach = Assert.IsType<EntitlementBreached>(Entitlements.CheckDeadline(state, opened.Key, opened.DueBy!.Value, Code, victim));
        state = Fold(state, [breach]);
        var late = When(state, evidence with { OccurredAt = opened.DueBy!.Value.AddHours(1) }, summary, victim)
            .OfType<EntitlementMet>().Single(m => m.Key == opened.Key);

        Assert.Equal((false, EntitlementStatus.Breached), (late.OnTime, late.Previous));
        Assert.Null(Entitlements.CheckDeadline(Fold(state, [late]), opened.Key, opened.DueBy!.Value.AddDays(1), Code, victim));
    }

    [Theory]
    [MemberData(nameof(WithDeadlines))]
    public void a_standard_and_an_enhanced_victim_get_the_codes_two_deadlines(string id)
    {
        var rule = Code.Editions[0].Entitlement(id);

        var (_, standard) = Given(id, enhanced: false);
        var (_, enhanced) = Given(id, enhanced: true);

        Assert.Equal((false, rule.StandardDays), (standard.Enhanced, standard.WorkingDays));
        Assert.Equal((true, rule.EnhancedDays), (enhanced.Enhanced, enhanced.WorkingDays));
        Assert.Equal(Code.Calendar.Deadline(T, rule.EnhancedDays!.Value).DueBy, enhanced.DueBy);
        Assert.Equal(Code.Calendar.Deadline(T, rule.StandardDays!.Value).DueBy, standard.DueBy);
    }

    [Fact]
    public void evidence_that_happened_in_time_but_reached_us_after_the_check_is_met_on_time_with_the_breach_on_record()
    {
        var (state, opened) = Given("R6-02");
        var (_, evidence, summary, victim) = Scenario("R6-02");
        state = Fold(state, [Entitlements.CheckDeadline(state, opened.Key, opened.DueBy!.Value, Code, victim)!]);

        var met = Assert.Single(When(state, evidence with { OccurredAt = opened.DueBy!.Value.AddHours(-3) }, summary, victim)
            .OfType<EntitlementMet>());

        Assert.Equal((true, EntitlementStatus.Breached), (met.OnTime, met.Previous));
    }

    [Fact]
    public void failed_attempts_reported_after_a_breach_make_it_an_unreachable_exception_and_contact_still_meets_it()
    {
        var (state, opened) = Given("R6-02");
        var (_, evidence, summary, victim) = Scenario("R6-02");
        state = Fold(state, [Entitlements.CheckDeadline(state, opened.Key, opened.DueBy!.Value, Code, victim)!]);
        var tried = victim with { FailedContactAttempts = [T.AddHours(1), T.AddHours(2), T.AddHours(3)] };

        var excepted = Assert.IsType<EntitlementExcepted>(Assert.Single(
            When(state, new ContactAttemptFailed(Victim, ContactChannel.Phone) { OccurredAt = T.AddHours(3) }, summary, tried)));
        state = Fold(state, [excepted]);
        var met = Assert.Single(When(state, evidence with { OccurredAt = T.AddHours(4) }, summary, tried).OfType<EntitlementMet>());

        Assert.Equal(("unreachable", EntitlementStatus.Breached), (excepted.Reason, excepted.Previous));
        Assert.Equal((true, EntitlementStatus.Excepted), (met.OnTime, met.Previous));
    }

    [Fact]
    public void failed_attempts_judged_after_the_due_instant_make_an_unchecked_entitlement_unreachable_whichever_runs_first()
    {
        var (state, opened) = Given("R6-02");
        var (_, _, summary, victim) = Scenario("R6-02");
        var tried = victim with { FailedContactAttempts = [T.AddHours(1), T.AddHours(2), T.AddHours(3)] };
        var attempt = new ContactAttemptFailed(Victim, ContactChannel.Phone) { OccurredAt = T.AddHours(3) };

        var beforeDue = Entitlements.Decide(state, Victim, Recorded.Event(attempt, "any", 2, opened.DueBy!.Value.AddMinutes(-1)), Code, tried, summary);
        var afterDue = Entitlements.Decide(state, Victim, Recorded.Event(attempt, "any", 2, opened.DueBy!.Value.AddMinutes(1)), Code, tried, summary);

        var recordedBeforeJudgedAfter = Entitlements.Decide(state, Victim, Recorded.Event(attempt, "any", 2, opened.DueBy!.Value.AddMinutes(-1)),
            Code, tried, summary, now: opened.DueBy!.Value.AddSeconds(1));

        Assert.Empty(beforeDue); // the clock's check at the due instant will find the attempts
        foreach (var judged in new[] { afterDue, recordedBeforeJudgedAfter })
        {
            var excepted = Assert.IsType<EntitlementExcepted>(Assert.Single(judged));
            Assert.Equal(("unreachable", EntitlementStatus.Open, opened.DueBy!.Value), (excepted.Reason, excepted.Previous, excepted.At));
        }
    }

    [Fact]
    public void r6_06_after_a_charge_on_christmas_eve_is_due_in_5_or_1_working_days_across_the_holidays()
    {
        var christmasEve = new DateTimeOffset(2026, 12, 24, 15, 0, 0, TimeSpan.Zero);
        var charge = new SuspectCharged(Urn, "P-7", [new Charge("Assault")], new FirstHearing("C", new DateOnly(2027, 1, 11))) { OccurredAt = christmasEve };

        EntitlementOpened R606(bool enhanced)
        {
            var (_, _, summary, victim) = Scenario("R6-06", enhanced);
            return Entitlements.Decide(null, Victim, Recorded.Event(charge, "case/35CJ7", 5), Code, victim, summary)
                .OfType<EntitlementOpened>().Single(o => o.Dims.EntitlementId == "R6-06");
        }

        Assert.Equal(new DateOnly(2027, 1, 5), R606(enhanced: false).LastDay);
        Assert.Equal(new DateOnly(2026, 12, 29), R606(enhanced: true).LastDay);
    }

    [Fact]
    public void a_victim_not_yet_assessed_is_presumed_enhanced_when_the_crime_is_domestic_abuse()
    {
        var (trigger, _, summary, _) = Scenario("R6-02");
        var unassessed = new VictimJourney { Id = Victim };

        var opened = Entitlements.Decide(null, Victim, Recorded.Event(trigger, "c", 1), Code, unassessed,
            summary with { Flags = [CrimeFlag.DomesticAbuse] }).OfType<EntitlementOpened>().Single();
        var standard = Entitlements.Decide(null, Victim, Recorded.Event(trigger, "c", 1), Code, unassessed, summary)
            .OfType<EntitlementOpened>().Single();

        Assert.Equal((true, false), (opened.Enhanced, standard.Enhanced));
    }

    [Fact]
    public void the_same_trigger_delivered_twice_opens_one_entitlement()
    {
        var (trigger, _, summary, victim) = Scenario("R6-02");
        var e = Recorded.Event(trigger, "case/35CJ7", 2);
        var first = Entitlements.Decide(null, Victim, e, Code, victim, summary);

        var again = Entitlements.Decide(Fold(null, first), Victim, e, Code, victim, summary);

        Assert.Empty(again);
    }

    [Fact]
    public void an_opt_out_closes_open_entitlements_as_excepted_not_breached()
    {
        var (state, opened) = Given("R6-02");
        var (_, _, summary, victim) = Scenario("R6-02");

        var excepted = Assert.Single(When(state, new VictimOptedOut(Victim) { OccurredAt = T.AddHours(1) }, summary, victim));

        Assert.Equal(("opted-out", opened.Key), (((EntitlementExcepted)excepted).Reason, excepted.Key));
    }

    [Fact]
    public void a_recorded_exception_closes_only_the_entitlements_it_names()
    {
        var (trigger, _, summary, victim) = Scenario("R4-01");
        var state = Fold(null, Entitlements.Decide(null, Victim, Recorded.Event(trigger, "c", 1), Code, victim, summary));

        var decided = When(state, new ContactExceptionRecorded(Victim, ContactExceptionReason.UnsafeToContact, ["R4-01"]) { OccurredAt = T.AddHours(1) },
            summary, victim);

        var excepted = Assert.Single(decided.OfType<EntitlementExcepted>());
        Assert.Equal(("R4-01", "unsafe-to-contact"), (excepted.Dims.EntitlementId, excepted.Reason));
    }

    [Fact]
    public void a_good_reason_from_before_the_due_instant_that_reaches_us_after_the_breach_excepts_it_but_one_from_after_excuses_nothing()
    {
        var (state, opened) = Given("R4-01");
        var (_, _, summary, victim) = Scenario("R4-01");
        var breached = Fold(state, [Entitlements.CheckDeadline(state, opened.Key, opened.DueBy!.Value, Code, victim)!]);
        var due = opened.DueBy!.Value;

        var declinedInTime = When(breached, new ReferralDeclined(Victim) { OccurredAt = due.AddHours(-2) }, summary, victim);
        var declinedLate = When(breached, new ReferralDeclined(Victim) { OccurredAt = due.AddHours(2) }, summary, victim);
        var declinedLateWhileUnchecked = When(state, new ReferralDeclined(Victim) { OccurredAt = due.AddHours(2) }, summary, victim);

        var excepted = Assert.IsType<EntitlementExcepted>(Assert.Single(declinedInTime));
        Assert.Equal(("declined", EntitlementStatus.Breached), (excepted.Reason, excepted.Previous));
        Assert.Empty(declinedLate);
        Assert.Empty(declinedLateWhileUnchecked); // the clock's check will still find it breached, whichever runs first
    }

    [Fact]
    public void unreachable_after_the_recorded_attempts_is_excepted_at_the_deadline()
    {
        var (state, opened) = Given("R6-02");
        var (_, _, _, victim) = Scenario("R6-02");
        var tried = victim with { FailedContactAttempts = [T.AddHours(1), T.AddHours(5), T.AddDays(2)] };

        var judged = Entitlements.CheckDeadline(state, opened.Key, opened.DueBy!.Value, Code, tried);

        Assert.Equal("unreachable", Assert.IsType<EntitlementExcepted>(judged).Reason);
    }

    [Fact]
    public void evidence_from_before_the_trigger_does_not_count_unless_the_code_allows_it()
    {
        var (state, opened) = Given("R6-02");
        var (_, evidence, summary, victim) = Scenario("R6-02");

        Assert.Empty(When(state, evidence with { OccurredAt = T.AddHours(-1) }, summary, victim).OfType<EntitlementMet>());

        // R11-03 is about being told in advance: evidence before the release meets it as it opens.
        var (release, _, releaseCase, _) = Scenario("R11-03");
        var toldFirst = victim with { Informed = [new Informing(InformedAbout.OffenderRelease, ContactChannel.Letter, null, T.AddDays(-7))] };
        var decided = Entitlements.Decide(null, Victim, Recorded.Event(release, "person/P-7", 1), Code, toldFirst, releaseCase);
        Assert.True(Assert.Single(decided.OfType<EntitlementMet>()).OnTime);
        Assert.Equal(6, opened.Dims.Right);
    }

    [Fact]
    public void each_entitlement_is_judged_by_the_edition_in_force_when_its_trigger_occurred()
    {
        var edition2020 = Code.Editions[0];
        var edition2027 = edition2020 with
        {
            Edition = "2027",
            InForceFrom = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
            Entitlements = edition2020.Entitlements.Select(e => e.Id == "R6-02" ? e with { StandardDays = 3 } : e).ToList(),
        };
        var code = VictimsCode.With([edition2020, edition2027], CodeUnderTest.Conditions(), Code.Calendar);
        var (trigger, _, summary, victim) = Scenario("R6-02");

        EntitlementOpened At(DateTimeOffset when) => Entitlements.Decide(null, Victim, Recorded.Event(trigger with { OccurredAt = when }, "c", 1),
            code, victim, summary).OfType<EntitlementOpened>().Single();

        Assert.Equal(("2020", 5), (At(T).Edition, At(T).WorkingDays!.Value));
        Assert.Equal(("2027", 3), (At(T.AddYears(1)).Edition, At(T.AddYears(1)).WorkingDays!.Value));
    }
}

/// <summary>The shipped rule data, checked against the catalogue, with the conditions found by reflection.</summary>
public static class CodeUnderTest
{
    public static IReadOnlyList<ITriggerCondition> Conditions() => typeof(ITriggerCondition).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(ITriggerCondition).IsAssignableFrom(t))
        .Select(t => (ITriggerCondition)Activator.CreateInstance(t)!)
        .ToList();

    public static VictimsCode Load() =>
        new(FactCatalogue.FromAssembly(typeof(Fact).Assembly), Conditions(), WorkingDays.EnglandAndWales);
}
