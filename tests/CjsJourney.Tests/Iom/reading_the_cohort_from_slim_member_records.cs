using System.Text.Json;
using CjsJourney.Cases;
using CjsJourney.Iom;
using CjsJourney.Journeys;
using CjsJourney.Persons;
using CjsJourney.Seeding;
using CjsJourney.Tests.Support;
using JasperFx.Events;

namespace CjsJourney.Tests.Iom;

/// <summary>
/// Today's cohort is read from slim member records instead of full journeys: the view must not change by it.
/// Checked on a synthetic partnership, so every kind of fact an IOM member collects is folded both ways.
/// </summary>
public class reading_the_cohort_from_slim_member_records
{
    private static readonly FactCatalogue Catalogue = FactCatalogue.FromAssembly(typeof(Fact).Assembly);
    private static readonly DateTimeOffset End = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void the_cohort_and_every_member_record_are_the_same_as_from_full_journeys()
    {
        var journeys = new Dictionary<string, PersonJourney>(StringComparer.Ordinal);
        var members = new Dictionary<string, IomMember>(StringComparer.Ordinal);
        var cases = new Dictionary<string, CaseSummary>(StringComparer.Ordinal);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var synthetic in SyntheticJourneys.Generate(31, 6_000, End, TimeSpan.FromDays(730)))
        {
            var type = Catalogue.Find(synthetic.Fact.GetType().Name)!;
            var stream = StreamKeys.For(type.Stream, type.StreamIdOf(synthetic.Fact));
            versions[stream] = versions.GetValueOrDefault(stream) + 1;
            var e = Recorded.Event(synthetic.Fact, stream, versions[stream]);
            if (type.Stream == StreamKind.Case)
            {
                cases[stream] = CaseSummary.Fold(cases.GetValueOrDefault(stream), e)!;
            }

            foreach (var personId in PersonJourney.PersonIdsOf(synthetic.Fact))
            {
                journeys[personId] = PersonJourney.Fold(journeys.GetValueOrDefault(personId), personId, e);
                members[personId] = IomMember.Fold(members.GetValueOrDefault(personId), personId, e);
            }
        }

        var everSelected = journeys.Values.Where(j => j.IomEverSelected).OrderBy(j => j.Id, StringComparer.Ordinal).ToList();
        Assert.True(everSelected.Count(j => j.IomActive) >= 20, $"{everSelected.Count(j => j.IomActive)} members to compare");

        var full = Cohort(everSelected);
        var slim = Cohort(everSelected.Select(j => members[j.Id].ToJourney()).ToList());

        Assert.Equal(Json(full.View), Json(slim.View));
        Assert.All(full.Records.Zip(slim.Records), pair =>
        {
            var (f, s) = pair;
            // What a slim record leaves out: the timeline, rating history and disposal conditions (not on the cohort page).
            Assert.Equal(Json(f with
            {
                Timeline = [],
                Iom = f.Iom! with { RatingHistory = [] },
                OutOfCourtDisposals = f.OutOfCourtDisposals.Select(o => o with { Conditions = [] }).ToList(),
            }), Json(s));
        });
        // Slim: no timeline, and no more than the dates of each case.
        Assert.All(members.Values, m => Assert.Empty(m.Journey.Timeline));
        Assert.All(members.Values, m => Assert.Empty(m.Journey.Cases));

        (CohortView View, List<OffenderRecord> Records) Cohort(IReadOnlyList<PersonJourney> people)
        {
            var records = people
                .Select(j => OffenderRecord.From(j, j.Cases.Where(c => cases.ContainsKey(StreamKeys.Case(c.Urn)))
                    .ToDictionary(c => c.Urn, c => cases[StreamKeys.Case(c.Urn)]), HarmIndex.Shipped, End))
                .ToList();
            return (CohortView.From(records, people, End, 90), records);
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ApiJson.Options);
}
