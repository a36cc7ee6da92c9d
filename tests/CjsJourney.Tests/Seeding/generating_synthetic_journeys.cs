using System.Text.Json;
using CjsJourney.Cases;
using CjsJourney.Importing;
using CjsJourney.Ingestion;
using CjsJourney.Iom;
using CjsJourney.Journeys;
using CjsJourney.Persons;
using CjsJourney.Seeding;
using CjsJourney.Victims;

namespace CjsJourney.Tests.Seeding;

/// <summary>The synthetic partnership as a pure generator: deterministic, valid, accepted by the intake, realistic.</summary>
public class generating_synthetic_journeys
{
    private static readonly FactCatalogue Catalogue = FactCatalogue.FromAssembly(typeof(Fact).Assembly);
    private static readonly DateTimeOffset End = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>5,000 cases over a year, generated once for the tests that look at the mix.</summary>
    private static readonly Lazy<IReadOnlyList<SyntheticFact>> Year = new(() => SyntheticJourneys.Generate(2019, 5_000, End).ToList());

    [Fact]
    public void the_same_seed_and_parameters_give_the_same_facts_and_ids()
    {
        var first = Fingerprint(SyntheticJourneys.Generate(7, 400, End));
        var again = Fingerprint(SyntheticJourneys.Generate(7, 400, End));
        var otherSeed = Fingerprint(SyntheticJourneys.Generate(8, 400, End));

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherSeed);
        Assert.Empty(first.Select(f => f.Id).Intersect(otherSeed.Select(f => f.Id)));
    }

    [Fact]
    public void a_different_end_shifts_the_journeys_in_time_but_keeps_who_did_what_and_the_ids()
    {
        // Why: the seed command can be re-run later; the facts already stored must keep their ids and meaning.
        var now = SyntheticJourneys.Generate(11, 300, End, TimeSpan.FromDays(200)).ToList();
        var weekLater = SyntheticJourneys.Generate(11, 300, End.AddDays(7.3), TimeSpan.FromDays(200)).ToList();

        var later = weekLater.ToDictionary(f => f.EventId);
        var shared = now.Where(f => later.ContainsKey(f.EventId)).ToList();
        Assert.True(shared.Count > now.Count * 0.9, $"{shared.Count} of {now.Count} ids kept");
        Assert.All(shared, f =>
        {
            var other = later[f.EventId].Fact;
            Assert.Equal(f.Fact.GetType(), other.GetType());
            Assert.Equal(Catalogue.Find(f.Fact.GetType().Name)!.StreamIdOf(f.Fact), Catalogue.Find(other.GetType().Name)!.StreamIdOf(other));
        });
    }

    [Fact]
    public void every_fact_passes_its_own_rules_and_nothing_happens_after_the_end()
    {
        foreach (var (id, fact) in Year.Value)
        {
            Assert.NotEqual(Guid.Empty, id);
            Assert.NotNull(Catalogue.Find(fact.GetType().Name));
            Assert.True(fact.OccurredAt <= End, $"{fact.GetType().Name} at {fact.OccurredAt:O} is after the end");
            Assert.True(fact.OccurredAt > End.AddYears(-1).AddDays(-1) || fact is CrimeReported, $"{fact.GetType().Name} before the period");
            Assert.Empty(PoliceUkMapping.Check(fact));
        }

        Assert.Equal(Year.Value.Count, Year.Value.Select(f => f.EventId).Distinct().Count());
    }

    [Fact]
    public void the_intake_accepts_every_batch_in_arrival_order()
    {
        var stored = new HashSet<Guid>();
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        var victims = new HashSet<string>(StringComparer.Ordinal);
        var persons = new HashSet<string>(StringComparer.Ordinal);

        foreach (var chunk in Year.Value.Chunk(500))
        {
            var batch = chunk.Select((f, i) => BulkIntake.ToSubmission(Catalogue, i, f.EventId, f.Fact)).ToList();
            var decision = SubmitFacts.Decide(batch, new StoreState(stored, versions, victims, persons));

            Assert.False(decision.Refused, string.Join("; ", BulkIntake.Refusals(decision).Take(5)
                .Select(r => $"{r.Field} ({batch[BulkIntake.EnvelopeOf(r.Field).Index!.Value].Type.Name}): {r.Message}")));
            Assert.All(decision.Results, r => Assert.Equal(Outcome.Accepted, r.Status));
            foreach (var s in decision.ToAppend)
            {
                stored.Add(s.EventId);
                versions[s.StreamKey] = versions.GetValueOrDefault(s.StreamKey) + 1;
                victims.UnionWith(VictimJourney.VictimIdsOf(s.Fact));
                persons.UnionWith(PersonJourney.PersonIdsOf(s.Fact));
            }
        }
    }

    [Fact]
    public void the_mix_follows_the_forces_published_figures()
    {
        var reports = Year.Value.Select(f => f.Fact).OfType<CrimeReported>().ToList();
        Assert.InRange(reports.Count, 4_900, 5_000); // the last few minutes' reports have not arrived yet

        // About 16% domestic abuse (29 of 185 crimes a day).
        Assert.InRange(Share(reports, r => r.Flags.Contains(CrimeFlag.DomesticAbuse)), 0.13, 0.19);
        // Violence against the person 20,775 and theft 26,810 of 67,882.
        Assert.InRange(Share(reports, r => r.OffenceCategory is OffenceCategory.ViolenceWithInjury or OffenceCategory.ViolenceWithoutInjury
            or OffenceCategory.StalkingAndHarassment or OffenceCategory.Homicide), 0.27, 0.34);
        Assert.InRange(Share(reports, r => r.OffenceCategory is OffenceCategory.BurglaryResidential or OffenceCategory.BurglaryBusiness
            or OffenceCategory.VehicleOffences or OffenceCategory.Shoplifting or OffenceCategory.TheftFromThePerson
            or OffenceCategory.BicycleTheft or OffenceCategory.OtherTheft), 0.36, 0.43);
        // Districts weighted like the police.uk sample: Peterborough the largest, East Cambridgeshire the smallest.
        var byArea = reports.GroupBy(r => r.Area).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
        Assert.Equal(CspArea.Peterborough, byArea[0]);
        Assert.Equal(CspArea.EastCambridgeshire, byArea[^1]);

        // "Prosecutions possible" 10.8% as the charge rate (charges still to come at the end are not yet made).
        var charged = Year.Value.Select(f => f.Fact).OfType<SuspectCharged>().Select(c => c.Urn).Distinct().Count();
        Assert.InRange(charged / (double)reports.Count, 0.08, 0.125);
        var oocds = Year.Value.Select(f => f.Fact).OfType<OocdOffered>().Count();
        Assert.InRange(oocds / (double)reports.Count, 0.01, 0.04);

        // Most cases have one victim; charged cases have witnesses, Witness Care gets listings and results.
        var victimsPerCase = Year.Value.Select(f => f.Fact).OfType<VictimIdentified>().GroupBy(v => v.Urn).Select(g => g.Count()).ToList();
        Assert.True(victimsPerCase.Count(n => n == 1) > victimsPerCase.Count * 0.8);
        Assert.Contains(Year.Value, f => f.Fact is WitnessIdentified);
        Assert.Contains(Year.Value, f => f.Fact is ListingReceivedByWitnessCare);
        Assert.Contains(Year.Value, f => f.Fact is ResultReceivedByWitnessCare);

        // Court outcomes mostly guilty, with a custody share, some released on licence and recalled.
        var sentences = Year.Value.Select(f => f.Fact).OfType<Sentenced>().ToList();
        var acquittals = Year.Value.Select(f => f.Fact).OfType<VerdictReached>().Count(v => v.Verdict != Verdict.Guilty);
        Assert.True(sentences.Count > 2 * acquittals, $"{sentences.Count} sentenced, {acquittals} acquitted");
        Assert.InRange(Share(sentences, s => s.Disposal == Disposal.ImmediateCustody), 0.15, 0.45);
        Assert.Contains(Year.Value, f => f.Fact is Released { Kind: ReleaseKind.OnLicence });
        Assert.Contains(Year.Value, f => f.Fact is PathwayStatusChanged);
    }

    [Fact]
    public void victims_code_duties_are_mostly_on_time_some_late_some_never()
    {
        var facts = Year.Value.Select(f => f.Fact).ToList();
        var identified = facts.OfType<VictimIdentified>().ToDictionary(v => v.VictimId, v => v.OccurredAt);
        var acknowledged = facts.OfType<VictimInformed>().Where(i => i.About == InformedAbout.CrimeAcknowledged)
            .ToDictionary(i => i.VictimId, i => i.OccurredAt - identified[i.VictimId]);

        // Written acknowledgement (R3-01): on time within a day, late after a week, or never.
        var onTime = acknowledged.Values.Count(d => d < TimeSpan.FromDays(1)) / (double)identified.Count;
        var late = acknowledged.Values.Count(d => d > TimeSpan.FromDays(7)) / (double)identified.Count;
        Assert.InRange(onTime, 0.62, 0.78);
        Assert.InRange(late, 0.10, 0.20);
        Assert.InRange(1 - onTime - late, 0.10, 0.20);

        // Enhanced eligibility recorded for domestic abuse victims; support referrals and personal statements offered.
        Assert.Contains(facts, f => f is EnhancedEligibilityAssessed e && e.Grounds.Contains(EnhancedGround.DomesticAbuse));
        Assert.Contains(facts, f => f is ReferredToSupportServices);
        Assert.Contains(facts, f => f is VictimPersonalStatementOffered);
        Assert.Contains(facts, f => f is VictimInformed { About: InformedAbout.HearingDetails });
        Assert.Contains(facts, f => f is VictimInformed { About: InformedAbout.Charge });
    }

    [Fact]
    public void prolific_offenders_come_back_and_the_iom_panel_selects_them()
    {
        var facts = Year.Value.Select(f => f.Fact).ToList();
        var casesPerPerson = facts.OfType<SuspectCharged>().Select(c => (c.PersonId, c.Urn))
            .Concat(facts.OfType<SuspectArrested>().Select(a => (a.PersonId, a.Urn)))
            .Concat(facts.OfType<SuspectIdentified>().Select(i => (i.PersonId, i.Urn)))
            .Distinct().GroupBy(p => p.PersonId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Contains(casesPerPerson.Values, n => n >= 5);

        var selected = facts.OfType<IomSelected>().ToList();
        Assert.NotEmpty(selected);
        Assert.Contains(selected, s => s.Cohort == IomCohort.Fixed);
        Assert.Contains(facts, f => f is IomLeadWorkersAssigned);
        Assert.Contains(facts, f => f is IomRatingChanged);
        Assert.All(selected, s => Assert.True(casesPerPerson.GetValueOrDefault(s.PersonId) >= 3, $"{s.PersonId} selected"));
    }

    [Fact]
    public void ten_million_cases_stream_without_being_generated_up_front()
    {
        var first = SyntheticJourneys.Generate(1, 10_000_000, End, TimeSpan.FromDays(3650)).Take(1_000).ToList();

        Assert.Equal(1_000, first.Count);
        Assert.IsType<CrimeReported>(first[0].Fact);
    }

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) =>
        items.Count(predicate) / (double)items.Count;

    private static List<(Guid Id, string Type, string Json)> Fingerprint(IEnumerable<SyntheticFact> facts) => facts
        .Select(f => (f.EventId, f.Fact.GetType().Name, JsonSerializer.Serialize(f.Fact, f.Fact.GetType(), ApiJson.Options)))
        .ToList();
}
