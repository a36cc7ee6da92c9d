using CjsJourney.Cases;
using CjsJourney.Journeys;
using CjsJourney.Persons;
using CjsJourney.Tests.Support;
using JasperFx.Events;

namespace CjsJourney.Tests.Persons;

public class folding_a_person_journey
{
    private static readonly DateTimeOffset Day0 = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private static PersonJourney Given(string id, params IEvent[] events) =>
        Recorded.Fold<PersonJourney>(events, (s, e) => PersonJourney.Fold(s, id, e));

    private static IEvent On(string stream, Fact fact, int days, int version = 1) =>
        Recorded.Event(fact with { OccurredAt = Day0.AddDays(days), Source = Agency.Prison }, stream, version);

    [Fact]
    public void custody_release_on_licence_and_recall_follow_one_another()
    {
        var journey = Given("P-1",
            On("case/U1", new SuspectCharged("U1", "P-1", [new Charge("Burglary")], new FirstHearing("C", new DateOnly(2026, 1, 20))), 0),
            On("case/U1", new Sentenced("U1", "P-1", Disposal.ImmediateCustody, 365), 30),
            On("person/P-1", new EnteredCustody("P-1", "HMP Peterborough", CustodyBasis.Sentence), 30),
            On("person/P-1", new Released("P-1", "HMP Peterborough", ReleaseKind.OnLicence, new DateOnly(2027, 1, 4)), 120),
            On("person/P-1", new Recalled("P-1", RecallKind.Standard, "further offence"), 150));

        Assert.Equal(LegalStatus.UnlawfullyAtLarge, journey.LegalStatus);
        Assert.Equal(Disposal.ImmediateCustody, Assert.Single(journey.Cases).Sentence);
        Assert.NotNull(Assert.Single(journey.Custody).ReleasedAt);
        Assert.Equal(new DateOnly(2026, 5, 5), journey.Licence!.ReleasedOn);
        // 244 days of licence: the final third starts after two-thirds (163 days, rounded up).
        Assert.Equal(new DateOnly(2026, 5, 5).AddDays(163), journey.Licence.FinalThirdFrom);
        Assert.Single(journey.Recalls);
    }

    [Fact]
    public void a_recall_keeps_every_pathway_status_ever_recorded()
    {
        var journey = Given("P-1",
            On("person/P-1", new IdentifierLinked("P-1", IdentifierScheme.Noms, "A1234BC"), 0),
            On("person/P-1", new PathwayStatusChanged("P-1", Pathway.Accommodation, PathwayStatus.SupportRequired), 1),
            On("person/P-1", new PathwayStatusChanged("P-1", Pathway.Accommodation, PathwayStatus.InProgress), 20),
            On("person/P-1", new Recalled("P-1", RecallKind.FixedTerm, "missed appointments"), 40),
            On("person/P-1", new PathwayStatusChanged("P-1", Pathway.Accommodation, PathwayStatus.Done), 60));

        var accommodation = Assert.Single(journey.Pathways);
        Assert.Equal(PathwayStatus.Done, accommodation.Status);
        Assert.Equal([PathwayStatus.SupportRequired, PathwayStatus.InProgress, PathwayStatus.Done], accommodation.History.Select(h => h.Status));
    }

    [Fact]
    public void a_failed_oocd_condition_fails_the_disposal()
    {
        var journey = Given("P-1",
            On("person/P-1", new OocdOffered("P-1", "O1", OocdRegime.AdultFramework, OocdKind.ConditionalCaution, "Sgt 4"), 0),
            On("person/P-1", new OocdAccepted("P-1", "O1", AdmissionMade: true, ConsentGiven: true), 0),
            On("person/P-1", new OocdConditionSet("P-1", "O1", "C1", ConditionKind.Reparative, new DateOnly(2026, 2, 1)), 0),
            On("person/P-1", new VictimViewsRecorded("P-1", "O1", ViewsSought: true, ViewsGiven: true, RemedyAttached: true), 0),
            On("person/P-1", new OocdConditionFailed("P-1", "O1", "C1", "did not attend"), 30));

        var oocd = Assert.Single(journey.OutOfCourtDisposals);
        Assert.Equal((OocdStatus.Failed, ConditionStatus.Failed, true), (oocd.Status, oocd.Conditions[0].Status, oocd.VictimViews!.RemedyAttached));
    }

    [Fact]
    public void an_offer_outside_its_regime_is_refused_by_the_rules_for_that_regime()
    {
        var offer = new OocdOffered("P-1", "O1", OocdRegime.TwoTier2022, OocdKind.SimpleCaution, "Sgt 4");

        var error = Assert.Single(offer.Validate());

        Assert.Equal("kind", error.Field);
        Assert.Contains("Diversionary caution", error.Message);
    }

    [Fact]
    public void a_merge_is_recorded_on_both_records()
    {
        var merge = On("person/P-1", new PersonRecordsMerged("P-1", "P-2"), 5);

        Assert.Equal(["P-2"], Given("P-1", merge).MergedPersonIds);
        Assert.Equal("P-1", Given("P-2", merge).MergedInto);
        Assert.Equal(["P-1", "P-2"], PersonJourney.PersonIdsOf((Fact)merge.Data));
    }

    [Fact]
    public void a_hearing_concerns_each_defendant_listed() =>
        Assert.Equal(["P-1", "P-2"], PersonJourney.PersonIdsOf(new HearingListed("U", "H", HearingType.Trial, "C", Day0, ["P-1", "P-2"])));
}
