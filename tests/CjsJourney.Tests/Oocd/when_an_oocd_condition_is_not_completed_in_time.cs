using System.Text.Json.Nodes;
using CjsJourney.Tests.Support;

namespace CjsJourney.Tests.Oocd;

public class when_an_oocd_condition_is_not_completed_in_time(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task the_clock_flags_it_overdue_without_any_request_and_the_register_shows_it()
    {
        var ids = SampleIds.New();
        var offered = new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.Zero);
        await service.Submit(Envelopes.Batch([
            .. SampleFacts.Preconditions(ids),
            Envelopes.Of("OocdOffered", new JsonObject { ["personId"] = ids.PersonId, ["oocdId"] = "O1", ["regime"] = "adult-framework", ["kind"] = "conditional-caution", ["decisionMaker"] = "Sgt 4", ["urn"] = ids.Urn }, offered),
            Envelopes.Of("OocdAccepted", new JsonObject { ["personId"] = ids.PersonId, ["oocdId"] = "O1", ["admissionMade"] = true, ["consentGiven"] = true }, offered),
            Envelopes.Of("OocdConditionSet", new JsonObject { ["personId"] = ids.PersonId, ["oocdId"] = "O1", ["conditionId"] = "late", ["kind"] = "reparative", ["due"] = "2026-09-15" }, offered),
            Envelopes.Of("OocdConditionSet", new JsonObject { ["personId"] = ids.PersonId, ["oocdId"] = "O1", ["conditionId"] = "done", ["kind"] = "rehabilitative", ["due"] = "2026-09-15" }, offered),
            Envelopes.Of("OocdConditionCompleted", new JsonObject { ["personId"] = ids.PersonId, ["oocdId"] = "O1", ["conditionId"] = "done" }, offered.AddDays(7)),
            Envelopes.Of("VictimViewsRecorded", new JsonObject { ["personId"] = ids.PersonId, ["oocdId"] = "O1", ["viewsSought"] = true, ["viewsGiven"] = true, ["remedyAttached"] = true, ["victimId"] = ids.VictimId }, offered)]));

        var entry = await Eventually.Holds(
            async () => (await service.GetJson<JsonArray>("/api/oocd?from=2026-09-01&to=2026-09-30&overdue=true", role: "iom"))
                .SingleOrDefault(e => (string)e!["personId"]! == ids.PersonId),
            e => e is not null, because: "the durable check at the end of 15 September flags the late condition");

        var conditions = entry!["conditions"]!.AsArray().ToDictionary(c => (string)c!["conditionId"]!);
        Assert.NotNull(conditions["late"]!["overdueDetectedAt"]);
        Assert.Null(conditions["done"]!["overdueDetectedAt"]);
        Assert.Equal(("overdue", "accepted", true), ((string)entry["compliance"]!, (string)entry["status"]!, (bool)entry["victimViews"]!["remedyAttached"]!));
    }

    [Fact]
    public async Task a_scrutiny_sample_is_drawn_reproducibly_and_rated()
    {
        var offered = new DateTimeOffset(2026, 10, 5, 10, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 6; i++)
        {
            var ids = SampleIds.New();
            await service.Submit(Envelopes.Batch([.. SampleFacts.Preconditions(ids),
                Envelopes.Of("OocdOffered", new JsonObject { ["personId"] = ids.PersonId, ["oocdId"] = "O1", ["regime"] = "adult-framework", ["kind"] = "community-resolution", ["decisionMaker"] = "Sgt 4" }, offered.AddHours(i))]));
        }

        async Task<JsonObject> Draw() => (await (await service.Host.Scenario(s =>
        {
            s.Post.Json(new { from = "2026-10-01", to = "2026-10-31", seed = 99, randomSize = 3 }).ToUrl("/api/oocd/scrutiny/samples");
            s.WithBearerToken(ServiceFixture.TokenFor("auditor"));
            s.StatusCodeShouldBe(201);
        })).ReadAsJsonAsync<JsonObject>())!;

        var first = await Draw();
        var second = await Draw();
        Assert.Equal(first["random"]!.ToJsonString(), second["random"]!.ToJsonString());
        Assert.Equal(6, (int)first["population"]!);

        var sampleId = (string)first["sampleId"]!;
        var oocd = (string)first["random"]![0]!;
        await service.Host.Scenario(s =>
        {
            s.Post.Json(new { oocd, rating = 2, observations = "Appropriate; victim's views recorded late" }).ToUrl($"/api/oocd/scrutiny/samples/{sampleId}/ratings");
            s.WithBearerToken(ServiceFixture.TokenFor("auditor"));
            s.StatusCodeShouldBe(204);
        });
        await service.Host.Scenario(s =>
        {
            s.Post.Json(new { oocd, rating = 3 }).ToUrl($"/api/oocd/scrutiny/samples/{sampleId}/ratings");
            s.WithBearerToken(ServiceFixture.TokenFor("auditor"));
            s.StatusCodeShouldBe(400);
        });

        var sample = await service.GetJson<JsonObject>($"/api/oocd/scrutiny/samples/{sampleId}", role: "auditor");
        Assert.Equal(1, (int)sample["tally"]!["2"]!);
    }
}
