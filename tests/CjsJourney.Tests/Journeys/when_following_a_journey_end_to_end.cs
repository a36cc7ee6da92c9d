using System.Text.Json.Nodes;
using CjsJourney.Tests.Support;

namespace CjsJourney.Tests.Journeys;

/// <summary>A case from report to sentence, with a victim who is also a witness, read back in all four read models.</summary>
public class when_following_a_journey_end_to_end(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task report_to_sentence_reads_back_in_the_case_person_victim_and_witness_journeys()
    {
        var ids = SampleIds.New();
        var (urn, victim, person, witness) = (ids.Urn, ids.VictimId, ids.PersonId, ids.WitnessId);
        var day = new DateTimeOffset(2026, 2, 2, 9, 0, 0, TimeSpan.Zero);
        JsonObject F(string type, int days, JsonObject data, string source = "police") =>
            Envelopes.Of(type, data, day.AddDays(days), source);

        await service.Submit(Envelopes.Batch(
            F("CrimeReported", 0, new() { ["urn"] = urn, ["offence"] = "Wounding with intent", ["offenceCategory"] = "violence-with-injury", ["flags"] = new JsonArray(), ["area"] = "cambridge", ["reportedAt"] = day.ToString("O") }),
            F("VictimIdentified", 0, new() { ["urn"] = urn, ["victimId"] = victim }),
            F("WitnessIdentified", 0, new() { ["urn"] = urn, ["witnessId"] = witness, ["kind"] = "prosecution", ["victimId"] = victim }),
            F("EnhancedEligibilityAssessed", 0, new() { ["victimId"] = victim, ["grounds"] = new JsonArray("wounding-or-gbh-with-intent"), ["decidedBy"] = "PC 1234" }),
            F("ReferredToSupportServices", 1, new() { ["victimId"] = victim, ["service"] = "Victim and Witness Hub", ["consentGiven"] = true }, "victim-services"),
            F("SuspectArrested", 2, new() { ["urn"] = urn, ["personId"] = person }),
            F("SuspectCharged", 3, new() { ["urn"] = urn, ["personId"] = person, ["charges"] = new JsonArray(new JsonObject { ["offence"] = "Wounding with intent" }), ["firstHearing"] = new JsonObject { ["court"] = "Cambridge Magistrates' Court", ["date"] = "2026-02-06" } }, "cps"),
            F("VictimInformed", 3, new() { ["victimId"] = victim, ["about"] = "charge", ["channel"] = "phone", ["urn"] = urn })));
        await service.Submit(Envelopes.Batch(
            F("HearingListed", 3, new() { ["urn"] = urn, ["hearingId"] = "H1", ["hearingType"] = "first-hearing", ["court"] = "Cambridge Magistrates' Court", ["startsAt"] = "2026-02-06T10:00:00Z", ["defendants"] = new JsonArray(person) }, "court"),
            F("SentToCrownCourt", 4, new() { ["urn"] = urn, ["personId"] = person, ["crownCourt"] = "Cambridge Crown Court" }, "court"),
            F("PleaEntered", 30, new() { ["urn"] = urn, ["personId"] = person, ["plea"] = "not-guilty" }, "court"),
            F("TrialListed", 30, new() { ["urn"] = urn, ["hearingId"] = "T1", ["court"] = "Cambridge Crown Court", ["startsOn"] = "2026-06-01", ["defendants"] = new JsonArray(person) }, "court"),
            F("WitnessListReceived", 31, new() { ["urn"] = urn, ["witnessIds"] = new JsonArray(witness) }, "witness-care"),
            F("SpecialMeasuresGranted", 60, new() { ["urn"] = urn, ["witnessId"] = witness, ["measures"] = new JsonArray("screen-around-witness-box") }, "court"),
            F("WitnessWarned", 61, new() { ["urn"] = urn, ["witnessId"] = witness, ["hearingId"] = "T1" }, "witness-care"),
            F("WitnessAttended", 119, new() { ["urn"] = urn, ["witnessId"] = witness, ["hearingId"] = "T1", ["waitedMinutes"] = 45 }, "court"),
            F("HearingResulted", 121, new() { ["urn"] = urn, ["hearingId"] = "T1", ["outcome"] = "effective", ["defendants"] = new JsonArray(person) }, "court"),
            F("VerdictReached", 121, new() { ["urn"] = urn, ["personId"] = person, ["verdict"] = "guilty" }, "court"),
            F("Sentenced", 150, new() { ["urn"] = urn, ["personId"] = person, ["disposal"] = "immediate-custody", ["custodyDays"] = 1460 }, "court"),
            F("VictimInformed", 150, new() { ["victimId"] = victim, ["about"] = "sentence", ["channel"] = "in-person", ["urn"] = urn }, "witness-care"),
            F("CaseConcluded", 150, new() { ["urn"] = urn, ["outcome"] = "convicted" }, "court")));

        var summary = await service.GetJson<JsonObject>($"/api/cases/{urn}");
        Assert.Equal("concluded", (string)summary["stage"]!);
        Assert.Equal("convicted", (string)summary["outcome"]!);
        var defendant = summary["defendants"]![0]!;
        Assert.Equal(("sentenced", "not-guilty", "guilty", "immediate-custody", 1460),
            ((string)defendant["status"]!, (string)defendant["plea"]!, (string)defendant["verdict"]!, (string)defendant["sentence"]!, (int)defendant["custodyDays"]!));
        Assert.Equal([victim], summary["victims"]!.AsArray().Select(v => (string)v!["victimId"]!));
        var timeline = summary["timeline"]!.AsArray();
        Assert.Equal(17, timeline.Count); // the case's own facts; victim facts are on the victim's stream
        Assert.Equal(("CrimeReported", "CaseConcluded"), ((string)timeline[0]!["type"]!, (string)timeline[^1]!["type"]!));
        Assert.Equal("Test User", (string)timeline[0]!["submittedBy"]!);

        var personJourney = await service.GetJson<JsonObject>($"/api/persons/{person}", role: "iom");
        var personCase = personJourney["cases"]![0]!;
        Assert.Equal((urn, "immediate-custody", "guilty"), ((string)personCase["urn"]!, (string)personCase["sentence"]!, (string)personCase["verdict"]!));
        Assert.Equal(["H1", "T1"], personCase["hearings"]!.AsArray().Select(h => (string)h!["hearingId"]!).Order());

        var victimView = await service.GetJson<JsonObject>($"/api/victims/{victim}", role: "agency");
        var victimJourney = victimView["journey"]!;
        Assert.True((bool)victimJourney["isEnhanced"]!);
        Assert.Equal(["charge", "sentence"], victimJourney["informed"]!.AsArray().Select(i => (string)i!["about"]!));
        Assert.Equal([witness], victimJourney["witnessIds"]!.AsArray().Select(w => (string)w!));
        Assert.Equal("concluded", (string)victimView["caseProgress"]![0]!["stage"]!);

        var witnessJourney = await service.GetJson<JsonObject>($"/api/witnesses/{witness}", role: "agency");
        Assert.Equal(victim, (string)witnessJourney["victimId"]!);
        Assert.Equal("granted", (string)witnessJourney["specialMeasures"]![0]!["status"]!);
        Assert.False((bool)witnessJourney["attendances"]![0]!["waitedOverTwoHours"]!);
    }

    [Fact]
    public async Task a_victim_fact_for_a_victim_never_identified_is_refused_saying_which()
    {
        var problem = await (await service.Submit(Envelopes.Batch(
                Envelopes.Of("NeedsAssessed", new JsonObject { ["victimId"] = "V-nobody", ["needs"] = new JsonArray() })), 400))
            .ReadAsJsonAsync<JsonObject>();

        var error = Assert.Single(problem!.Errors());
        Assert.Equal("events[0].data.victimId", error.Key);
        Assert.Contains("V-nobody", (string)error.Value![0]!);
    }

    [Fact]
    public async Task a_person_fact_for_a_person_never_named_is_refused_unless_it_links_an_identifier()
    {
        var refused = await (await service.Submit(Envelopes.Batch(
                Envelopes.Of("Recalled", new JsonObject { ["personId"] = "P-nobody", ["kind"] = "standard", ["reason"] = "x" })), 400))
            .ReadAsJsonAsync<JsonObject>();
        Assert.Equal(["events[0].data.personId"], refused!.Errors().Select(e => e.Key));

        var person = "P-" + Guid.NewGuid().ToString("N")[..8];
        await service.Submit(
            Envelopes.Of("IdentifierLinked", new JsonObject { ["personId"] = person, ["scheme"] = "crn", ["value"] = "X123456" }),
            Envelopes.Of("MappaManaged", new JsonObject { ["personId"] = person, ["category"] = 2, ["level"] = 1 }));

        var journey = await service.GetJson<JsonObject>($"/api/persons/{person}", role: "iom");
        Assert.Equal("X123456", (string)journey["identifiers"]![0]!["value"]!);
        Assert.Equal(2, (int)journey["mappa"]!["category"]!);
    }
}
