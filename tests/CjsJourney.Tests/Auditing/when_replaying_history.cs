using System.Text.Json.Nodes;
using CjsJourney.Tests.Support;

namespace CjsJourney.Tests.Auditing;

public class when_replaying_history(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly DateTimeOffset Day0 = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task history_as_at_an_instant_between_two_facts_shows_only_the_first_with_who_and_when()
    {
        var urn = Envelopes.NewUrn();
        await service.Submit(Envelopes.CrimeReported(urn, Day0));
        await service.Submit(Envelopes.SuspectCharged(urn, at: Day0.AddDays(2)));
        var full = await History($"/api/cases/{urn}/history");
        var recorded = full["facts"]!.AsArray().Select(f => DateTimeOffset.Parse((string)f!["recordedAt"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var between = recorded[0] + ((recorded[1] - recorded[0]) / 2);

        var then = await History($"/api/cases/{urn}/history?asAt={Uri.EscapeDataString(between.ToString("O"))}");

        var fact = Assert.Single(then["facts"]!.AsArray())!;
        Assert.Equal(("CrimeReported", "police", "Test User"), ((string)fact["type"]!, (string)fact["source"]!, (string)fact["submittedBy"]!));
        Assert.Equal(Day0, DateTimeOffset.Parse((string)fact["occurredAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("reported", (string)then["state"]!["stage"]!);
        Assert.Empty(then["state"]!["defendants"]!.AsArray());
    }

    [Fact]
    public async Task each_fact_keeps_the_correlation_and_causation_ids_it_came_with()
    {
        var urn = Envelopes.NewUrn();
        var charged = Envelopes.SuspectCharged(urn, at: Day0.AddDays(1));
        charged["causationId"] = "cps-decision-981";
        await service.Host.Scenario(s =>
        {
            s.Post.Json(Envelopes.Batch(Envelopes.CrimeReported(urn, Day0), charged)).ToUrl("/api/events");
            s.WithRequestHeader("X-Correlation-Id", "niche-batch-42");
            s.WithBearerToken(ServiceFixture.TokenFor("agency", "Pat Police"));
        });

        var facts = (await History($"/api/cases/{urn}/history"))["facts"]!.AsArray();

        Assert.All(facts, f => Assert.Equal("niche-batch-42", (string)f!["correlationId"]!));
        Assert.Equal("cps-decision-981", (string)facts[1]!["causationId"]!);
        Assert.Equal("Pat Police", (string)facts[1]!["submittedBy"]!);
    }

    [Fact]
    public async Task history_as_at_a_version_shows_the_first_facts()
    {
        var urn = Envelopes.NewUrn();
        await service.Submit(Envelopes.CrimeReported(urn, Day0), Envelopes.SuspectCharged(urn, at: Day0.AddDays(2)));

        var v1 = await History($"/api/cases/{urn}/history?asAt=1");

        Assert.Single(v1["facts"]!.AsArray());
        Assert.Equal(1, (int)v1["state"]!["version"]!);
    }

    [Fact]
    public async Task a_late_fact_changes_the_projection_but_not_the_history_as_known_before_it_arrived()
    {
        var urn = Envelopes.NewUrn();
        await service.Submit(Envelopes.CrimeReported(urn, Day0), Envelopes.SuspectCharged(urn, "P-1", Day0.AddDays(10)));
        var before = (await History($"/api/cases/{urn}/history"))["facts"]!.AsArray()[^1]!["recordedAt"]!.ToString();

        // The arrest happened before the charge but reaches us afterwards.
        await service.Submit(Envelopes.Of("SuspectArrested", new JsonObject { ["urn"] = urn, ["personId"] = "P-1" }, Day0.AddDays(1)));

        var now = await service.GetJson<JsonObject>($"/api/cases/{urn}");
        Assert.Equal(["CrimeReported", "SuspectArrested", "SuspectCharged"], now["timeline"]!.AsArray().Select(t => (string)t!["type"]!));
        Assert.Equal("charged", (string)now["stage"]!);

        var asKnown = await History($"/api/cases/{urn}/history?asAt={Uri.EscapeDataString(before)}");
        Assert.Equal(["CrimeReported", "SuspectCharged"], asKnown["facts"]!.AsArray().Select(f => (string)f!["type"]!));
        Assert.Null(asKnown["state"]!["defendants"]![0]!["arrestedAt"]);
    }

    [Fact]
    public async Task victim_and_person_histories_replay_their_own_facts()
    {
        var ids = SampleIds.New();
        await service.Submit(Envelopes.Batch([.. SampleFacts.Preconditions(ids), SampleFacts.Envelope("NeedsAssessed", ids), SampleFacts.Envelope("Recalled", ids)]));

        var victim = await History($"/api/victims/{ids.VictimId}/history");
        var person = await History($"/api/persons/{ids.PersonId}/history");

        Assert.Equal(["VictimIdentified", "WitnessIdentified", "NeedsAssessed"], victim["facts"]!.AsArray().Select(f => (string)f!["type"]!));
        Assert.Equal(["safety planning"], victim["state"]!["needs"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(["SuspectCharged", "Recalled"], person["facts"]!.AsArray().Select(f => (string)f!["type"]!));
        Assert.Equal("unlawfully-at-large", (string)person["state"]!["legalStatus"]!);
    }

    [Fact]
    public async Task each_replay_is_recorded_and_listed_for_admins_only()
    {
        var urn = Envelopes.NewUrn();
        await service.Submit(Envelopes.CrimeReported(urn, Day0));
        await History($"/api/cases/{urn}/history?asAt=1", name: "Ann Auditor");

        var reads = await service.GetJson<JsonArray>($"/api/audit/reads?subjectId={urn}", role: "admin");

        var read = Assert.Single(reads)!;
        Assert.Equal(("case", "Ann Auditor", "1"), ((string)read["kind"]!, (string)read["viewedBy"]!, (string)read["asAt"]!));
        await service.Host.Scenario(s =>
        {
            s.Get.Url("/api/audit/reads");
            s.WithBearerToken(ServiceFixture.TokenFor("auditor"));
            s.StatusCodeShouldBe(403);
        });
    }

    [Theory]
    [InlineData("agency")]
    [InlineData("board")]
    [InlineData("iom")]
    public async Task only_auditors_and_admins_replay_history(string role) =>
        await service.Host.Scenario(s =>
        {
            s.Get.Url("/api/cases/35CJ0000001/history");
            s.WithBearerToken(ServiceFixture.TokenFor(role));
            s.StatusCodeShouldBe(403);
        });

    [Fact]
    public async Task a_bad_as_at_is_refused_naming_it()
    {
        var result = await service.Host.Scenario(s =>
        {
            s.Get.Url("/api/cases/35CJ0000001/history?asAt=last-tuesday");
            s.WithBearerToken(ServiceFixture.TokenFor("auditor"));
            s.StatusCodeShouldBe(400);
        });

        Assert.Contains("asAt", (await result.ReadAsJsonAsync<JsonObject>())!.Errors().Select(e => e.Key));
    }

    private async Task<JsonObject> History(string url, string name = "Test User")
    {
        var result = await service.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(ServiceFixture.TokenFor("auditor", name));
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<JsonObject>())!;
    }
}
