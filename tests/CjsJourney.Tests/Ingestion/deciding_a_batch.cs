using System.Text.Json;
using CjsJourney.Cases;
using CjsJourney.Ingestion;
using CjsJourney.Journeys;
using CjsJourney.Tests.Support;

namespace CjsJourney.Tests.Ingestion;

/// <summary>The intake decision as a pure function: given what is stored, when a batch arrives, then what happens.</summary>
public class deciding_a_batch
{
    private static readonly FactCatalogue Catalogue = FactCatalogue.FromAssembly(typeof(Fact).Assembly);
    private static readonly DateTimeOffset Now = Envelopes.Monday.AddDays(30);

    [Fact]
    public void a_new_case_and_a_fact_about_it_in_the_same_batch_are_both_accepted_in_order()
    {
        var urn = Envelopes.NewUrn();
        var submissions = Read(Envelopes.CrimeReported(urn), Envelopes.SuspectCharged(urn));

        var decision = SubmitFacts.Decide(submissions, Empty);

        Assert.False(decision.Refused);
        Assert.Equal([typeof(CrimeReported), typeof(SuspectCharged)], decision.ToAppend.Select(s => s.Fact.GetType()));
        Assert.Equal([1L, 2L], decision.Results.Select(r => r.Version!.Value));
        Assert.Contains(StreamKeys.Case(urn), decision.NewStreams);
    }

    [Fact]
    public void an_event_id_already_stored_is_a_duplicate_and_not_appended()
    {
        var urn = Envelopes.NewUrn();
        var submissions = Read(Envelopes.CrimeReported(urn), Envelopes.SuspectCharged(urn));
        var stored = new StoreState(new HashSet<Guid> { submissions[0].EventId },
            new Dictionary<string, long> { [StreamKeys.Case(urn)] = 1 });

        var decision = SubmitFacts.Decide(submissions, stored);

        Assert.Equal([Outcome.Duplicate, Outcome.Accepted], decision.Results.Select(r => r.Status));
        Assert.Equal([typeof(SuspectCharged)], decision.ToAppend.Select(s => s.Fact.GetType()));
        Assert.Empty(decision.NewStreams);
    }

    [Fact]
    public void a_fact_for_a_stream_that_does_not_exist_is_refused_unless_its_type_opens_it()
    {
        var decision = SubmitFacts.Decide(Read(Envelopes.SuspectCharged("35CJ404")), Empty);

        Assert.True(decision.Refused);
        Assert.Contains("35CJ404", Assert.Single(decision.BadRequest["events[0].data.urn"]));
        Assert.Empty(decision.ToAppend);
    }

    [Fact]
    public void opening_a_stream_that_exists_is_a_conflict()
    {
        var urn = Envelopes.NewUrn();
        var stored = new StoreState(new HashSet<Guid>(), new Dictionary<string, long> { [StreamKeys.Case(urn)] = 3 });

        var decision = SubmitFacts.Decide(Read(Envelopes.CrimeReported(urn)), stored);

        Assert.Contains("events[0].data.urn", decision.Conflicts.Keys);
    }

    [Fact]
    public void an_expected_version_is_checked_now_and_again_at_commit()
    {
        var urn = Envelopes.NewUrn();
        var stored = new StoreState(new HashSet<Guid>(), new Dictionary<string, long> { [StreamKeys.Case(urn)] = 1 });

        var stale = SubmitFacts.Decide(Read(Envelopes.SuspectCharged(urn, expectedVersion: 0)), stored);
        var current = SubmitFacts.Decide(Read(Envelopes.SuspectCharged(urn, expectedVersion: 1)), stored);
        var unpinned = SubmitFacts.Decide(Read(Envelopes.SuspectCharged(urn)), stored);

        Assert.Contains("events[0].expectedVersion", stale.Conflicts.Keys);
        Assert.Equal(1, current.ExpectedVersions[StreamKeys.Case(urn)]);
        Assert.Empty(unpinned.ExpectedVersions);
    }

    [Fact]
    public void victim_and_person_facts_need_them_known_and_a_case_fact_earlier_in_the_batch_makes_them_known()
    {
        var ids = SampleIds.New();
        var urn = StreamKeys.Case(ids.Urn);
        var stored = new StoreState(new HashSet<Guid>(), new Dictionary<string, long> { [urn] = 1 });
        var needs = Envelopes.Of("NeedsAssessed", new System.Text.Json.Nodes.JsonObject { ["victimId"] = ids.VictimId, ["needs"] = new System.Text.Json.Nodes.JsonArray() });
        var recall = Envelopes.Of("Recalled", new System.Text.Json.Nodes.JsonObject { ["personId"] = ids.PersonId, ["kind"] = "standard", ["reason"] = "x" });

        var alone = SubmitFacts.Decide(Read(needs, recall), stored);
        var introduced = SubmitFacts.Decide(Read(
            Envelopes.Of("VictimIdentified", new System.Text.Json.Nodes.JsonObject { ["urn"] = ids.Urn, ["victimId"] = ids.VictimId }),
            Envelopes.Of("SuspectArrested", new System.Text.Json.Nodes.JsonObject { ["urn"] = ids.Urn, ["personId"] = ids.PersonId }),
            needs.DeepClone().AsObject(), recall.DeepClone().AsObject()), stored);

        Assert.Equal(["events[0].data.victimId", "events[1].data.personId"], alone.BadRequest.Keys.Order());
        Assert.False(introduced.Refused);
        Assert.Equal([StreamKeys.Person(ids.PersonId), StreamKeys.Victim(ids.VictimId)], introduced.NewStreams.Order());
    }

    [Fact]
    public void a_batch_tells_each_view_it_changed_once()
    {
        var ids = SampleIds.New();
        var submissions = Read([.. SampleFacts.Preconditions(ids)]);

        var views = SubmitFacts.ChangedViews(submissions).Select(v => $"{v.View}:{v.Key}").Order();

        Assert.Equal([$"case:{ids.Urn}", "iom-cohort:", $"person:{ids.PersonId}", $"person:{ids.PersonId}-dup", $"victim:{ids.VictimId}", $"witness:{ids.WitnessId}"], views);
    }

    [Fact]
    public void an_occurrence_in_the_future_is_refused()
    {
        var (_, errors) = SubmitFacts.Read(Json(Envelopes.Batch(Envelopes.CrimeReported("U1", at: Now.AddHours(1)))),
            Catalogue, Now);

        Assert.Contains("events[0].occurredAt", errors.Keys);
    }

    [Fact]
    public void every_error_in_a_batch_is_reported_not_just_the_first()
    {
        var first = Envelopes.CrimeReported("U1");
        first["data"]!.AsObject().Remove("offence");
        var second = Envelopes.SuspectCharged("U1");
        second.Remove("source");

        var (_, errors) = SubmitFacts.Read(Json(Envelopes.Batch(first, second)), Catalogue, Now);

        Assert.Equal(["events[0].data.offence", "events[1].source"], errors.Keys.Order());
    }

    [Fact]
    public void the_envelope_supplies_when_it_happened_and_who_said_so()
    {
        var submission = Assert.Single(Read(Envelopes.Of("CrimeReported", Envelopes.CrimeReported("U2")["data"]!.DeepClone(),
            Envelopes.Monday, source: "victim-services")));

        Assert.Equal(Envelopes.Monday, submission.Fact.OccurredAt);
        Assert.Equal(Agency.VictimServices, submission.Fact.Source);
    }

    private static readonly StoreState Empty = new(new HashSet<Guid>(), new Dictionary<string, long>());

    private static List<Submission> Read(params System.Text.Json.Nodes.JsonObject[] envelopes)
    {
        var (submissions, errors) = SubmitFacts.Read(Json(Envelopes.Batch(envelopes)), Catalogue, Now);
        Assert.Empty(errors);
        return submissions.ToList();
    }

    private static JsonElement Json(System.Text.Json.Nodes.JsonArray batch) =>
        JsonDocument.Parse(batch.ToJsonString()).RootElement;
}
