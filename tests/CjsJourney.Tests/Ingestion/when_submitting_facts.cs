using System.Text.Json.Nodes;
using CjsJourney.Tests.Support;

namespace CjsJourney.Tests.Ingestion;

public class when_submitting_facts(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task a_crime_report_and_a_charge_in_one_batch_are_accepted_and_the_case_shows_the_charge()
    {
        var urn = Envelopes.NewUrn();
        var reported = Envelopes.CrimeReported(urn, flags: ["domestic-abuse"]);
        var charged = Envelopes.SuspectCharged(urn, "P-77");

        var response = await (await service.Submit(reported, charged)).ReadAsJsonAsync<JsonObject>();

        var results = response!["results"]!.AsArray();
        Assert.Equal(["accepted", "accepted"], results.Select(r => (string)r!["status"]!));
        Assert.Equal(reported["eventId"]!.ToString(), (string)results[0]!["eventId"]!);
        Assert.Equal([1L, 2L], results.Select(r => (long)r!["version"]!));

        var summary = await service.GetJson<JsonObject>($"/api/cases/{urn}");
        Assert.Equal("charged", (string)summary["stage"]!);
        Assert.Equal("P-77", (string)summary["defendants"]![0]!["personId"]!);
        Assert.Equal("Burglary dwelling and theft", (string)summary["defendants"]![0]!["charges"]![0]!["offence"]!);
        Assert.Equal("Peterborough Magistrates' Court", (string)summary["nextHearing"]!["court"]!);
        Assert.StartsWith("2026-12-04T00:00:00", (string)summary["nextHearing"]!["startsAt"]!);
        Assert.Equal(["domestic-abuse"], summary["flags"]!.AsArray().Select(f => (string)f!));
    }

    [Fact]
    public async Task the_same_event_id_twice_is_stored_once_and_reported_as_duplicate()
    {
        var urn = Envelopes.NewUrn();
        var reported = Envelopes.CrimeReported(urn);
        await service.Submit(reported);
        var before = await service.StoredEventCount();

        var again = await (await service.Submit(reported.DeepClone().AsObject(),
            Envelopes.SuspectCharged(urn))).ReadAsJsonAsync<JsonObject>();

        Assert.Equal(["duplicate", "accepted"], again!["results"]!.AsArray().Select(r => (string)r!["status"]!));
        Assert.Equal(before + 1, await service.StoredEventCount());
    }

    [Fact]
    public async Task an_event_id_repeated_inside_one_batch_is_stored_once()
    {
        var reported = Envelopes.CrimeReported(Envelopes.NewUrn());
        var before = await service.StoredEventCount();

        var response = await (await service.Submit(reported, reported.DeepClone().AsObject())).ReadAsJsonAsync<JsonObject>();

        Assert.Equal(["accepted", "duplicate"], response!["results"]!.AsArray().Select(r => (string)r!["status"]!));
        Assert.Equal(before + 1, await service.StoredEventCount());
    }

    [Fact]
    public async Task malformed_json_is_refused_with_a_problem_naming_the_body()
    {
        var before = await service.StoredEventCount();

        var problem = await (await service.SubmitRaw("[{\"eventId\": ", 400)).ReadAsJsonAsync<JsonObject>();

        Assert.Contains("body", problem!.Errors().Select(e => e.Key));
        Assert.Equal(before, await service.StoredEventCount());
    }

    [Fact]
    public async Task an_unknown_type_is_refused_naming_the_envelope_and_field()
    {
        var urn = Envelopes.NewUrn();
        var batch = Envelopes.Batch(Envelopes.CrimeReported(urn), Envelopes.Of("CrimeImagined", new { urn }));

        var problem = await (await service.Submit(batch, 400)).ReadAsJsonAsync<JsonObject>();

        Assert.Equal(["events[1].type"], problem!.Errors().Select(e => e.Key));
        Assert.Contains("CrimeImagined", (string)problem["detail"]!);
        await AssertCaseDoesNotExist(urn);
    }

    [Fact]
    public async Task a_missing_required_field_is_refused_naming_it_and_nothing_of_the_batch_is_stored()
    {
        var urn = Envelopes.NewUrn();
        var charge = Envelopes.SuspectCharged(urn);
        charge["data"]!["firstHearing"]!.AsObject().Remove("court");
        var before = await service.StoredEventCount();

        var problem = await (await service.Submit(Envelopes.Batch(Envelopes.CrimeReported(urn), charge), 400))
            .ReadAsJsonAsync<JsonObject>();

        Assert.Equal(["events[1].data.firstHearing.court"], problem!.Errors().Select(e => e.Key));
        Assert.Equal(before, await service.StoredEventCount());
        await AssertCaseDoesNotExist(urn);
    }

    [Theory]
    [InlineData("eventId", "not-a-uuid")]
    [InlineData("occurredAt", "2026-11-02 09:30")]
    [InlineData("occurredAt", "2026-11-02T09:30:00")]
    [InlineData("source", "neighbourhood-watch")]
    public async Task a_bad_envelope_field_is_refused_naming_it(string field, string value)
    {
        var reported = Envelopes.CrimeReported(Envelopes.NewUrn());
        reported[field] = value;

        var problem = await (await service.Submit(Envelopes.Batch(reported), 400)).ReadAsJsonAsync<JsonObject>();

        Assert.Equal([$"events[0].{field}"], problem!.Errors().Select(e => e.Key));
    }

    [Theory]
    [InlineData("offenceCategory", "\"joyriding\"", "events[0].data.offenceCategory")]
    [InlineData("reportedAt", "\"yesterday\"", "events[0].data.reportedAt")]
    [InlineData("flags", "[\"domestic-abuse\", 7]", "events[0].data.flags[1]")]
    [InlineData("urn", "\"  \"", "events[0].data.urn")]
    [InlineData("colour", "\"red\"", "events[0].data.colour")]
    public async Task a_bad_data_field_is_refused_naming_it(string field, string json, string expectedKey)
    {
        var reported = Envelopes.CrimeReported(Envelopes.NewUrn());
        reported["data"]![field] = JsonNode.Parse(json);

        var problem = await (await service.Submit(Envelopes.Batch(reported), 400)).ReadAsJsonAsync<JsonObject>();

        Assert.Equal([expectedKey], problem!.Errors().Select(e => e.Key));
    }

    [Fact]
    public async Task a_fact_about_a_case_never_reported_is_refused_saying_which_case()
    {
        var urn = Envelopes.NewUrn();

        var problem = await (await service.Submit(Envelopes.Batch(Envelopes.SuspectCharged(urn)), 400))
            .ReadAsJsonAsync<JsonObject>();

        var error = Assert.Single(problem!.Errors());
        Assert.Equal("events[0].data.urn", error.Key);
        Assert.Contains(urn, (string)error.Value![0]!);
    }

    [Fact]
    public async Task a_second_report_of_the_same_case_is_a_conflict()
    {
        var urn = Envelopes.NewUrn();
        await service.Submit(Envelopes.CrimeReported(urn));

        var problem = await (await service.Submit(Envelopes.Batch(Envelopes.CrimeReported(urn)), 409))
            .ReadAsJsonAsync<JsonObject>();

        Assert.Equal(["events[0].data.urn"], problem!.Errors().Select(e => e.Key));
    }

    [Fact]
    public async Task a_stale_expected_version_is_a_conflict_and_the_current_one_is_accepted()
    {
        var urn = Envelopes.NewUrn();
        await service.Submit(Envelopes.CrimeReported(urn));

        await service.Submit(Envelopes.Batch(Envelopes.SuspectCharged(urn, expectedVersion: 0)), 409);
        await service.Submit(Envelopes.Batch(Envelopes.SuspectCharged(urn, expectedVersion: 1)));

        var summary = await service.GetJson<JsonObject>($"/api/cases/{urn}");
        Assert.Equal(2, (int)summary["version"]!);
    }

    private async Task AssertCaseDoesNotExist(string urn) =>
        await service.Host.Scenario(s =>
        {
            s.Get.Url($"/api/cases/{urn}");
            s.WithBearerToken(ServiceFixture.TokenFor("auditor"));
            s.StatusCodeShouldBe(404);
        });
}
