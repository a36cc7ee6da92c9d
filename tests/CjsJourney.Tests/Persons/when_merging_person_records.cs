using System.Text.Json.Nodes;
using CjsJourney.Tests.Support;

namespace CjsJourney.Tests.Persons;

public class when_merging_person_records(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task a_merge_makes_one_journey_with_the_failed_oocd_condition_and_the_recall()
    {
        var (a, b) = (SampleIds.New(), SampleIds.New());
        var day = new DateTimeOffset(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);
        await service.Submit(Envelopes.Batch([.. SampleFacts.Preconditions(a), .. SampleFacts.Preconditions(b)]));
        await service.Submit(
            Envelopes.Of("OocdOffered", new JsonObject { ["personId"] = b.PersonId, ["oocdId"] = "O1", ["regime"] = "two-tier2022", ["kind"] = "diversionary-caution", ["decisionMaker"] = "Insp 7" }, day),
            Envelopes.Of("OocdAccepted", new JsonObject { ["personId"] = b.PersonId, ["oocdId"] = "O1", ["admissionMade"] = true, ["consentGiven"] = true }, day),
            Envelopes.Of("OocdConditionSet", new JsonObject { ["personId"] = b.PersonId, ["oocdId"] = "O1", ["conditionId"] = "C1", ["kind"] = "unpaid-work", ["due"] = "2026-02-10", ["hours"] = 12 }, day),
            Envelopes.Of("OocdConditionFailed", new JsonObject { ["personId"] = b.PersonId, ["oocdId"] = "O1", ["conditionId"] = "C1" }, day.AddDays(31)),
            Envelopes.Of("Recalled", new JsonObject { ["personId"] = a.PersonId, ["kind"] = "standard", ["reason"] = "further offence" }, day.AddDays(40)));

        await service.Submit(Envelopes.Of("PersonRecordsMerged", new JsonObject { ["personId"] = a.PersonId, ["mergedPersonId"] = b.PersonId }, day.AddDays(41)));

        foreach (var asked in new[] { a.PersonId, b.PersonId })
        {
            var journey = await service.GetJson<JsonObject>($"/api/persons/{asked}", role: "iom");
            Assert.Equal(a.PersonId, (string)journey["id"]!);
            Assert.Equal(new[] { a.Urn, b.Urn }.Order(), journey["cases"]!.AsArray().Select(c => (string)c!["urn"]!).Order());
            Assert.Equal("failed", (string)journey["outOfCourtDisposals"]![0]!["status"]!);
            Assert.Equal("failed", (string)journey["outOfCourtDisposals"]![0]!["conditions"]![0]!["status"]!);
            Assert.Single(journey["recalls"]!.AsArray());
            Assert.Equal([b.PersonId], journey["mergedPersonIds"]!.AsArray().Select(x => (string)x!));
        }
    }

    [Fact]
    public async Task a_person_record_cannot_be_read_by_the_board() =>
        await service.Host.Scenario(s =>
        {
            s.Get.Url("/api/persons/P-1");
            s.WithBearerToken(ServiceFixture.TokenFor("board"));
            s.StatusCodeShouldBe(403);
        });
}
