using System.Text.Json.Nodes;
using CjsJourney.Tests.Support;
using Marten.Events;

namespace CjsJourney.Tests.Compliance;

public class when_tracking_victims_code_entitlements(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    // Charged on Christmas Eve 2025 (a Wednesday): 25, 26 Dec and 1 Jan are bank holidays.
    private static readonly DateTimeOffset ChristmasEve = new(2025, 12, 24, 15, 0, 0, TimeSpan.Zero);

    private async Task<(SampleIds Ids, string Standard, string Enhanced)> ACaseWithTwoVictims(DateTimeOffset reported,
        string[]? flags = null, string area = "fenland")
    {
        var ids = SampleIds.New();
        var (standard, enhanced) = (ids.VictimId + "-s", ids.VictimId + "-e");
        await service.Submit(Envelopes.Batch(
            Envelopes.Of("CrimeReported", new JsonObject { ["urn"] = ids.Urn, ["offence"] = "Assault", ["offenceCategory"] = "violence-with-injury", ["flags"] = new JsonArray((flags ?? []).Select(f => (JsonNode?)f).ToArray()), ["area"] = area, ["reportedAt"] = reported.ToString("O") }, reported),
            Envelopes.Of("VictimIdentified", new JsonObject { ["urn"] = ids.Urn, ["victimId"] = standard }, reported),
            Envelopes.Of("VictimIdentified", new JsonObject { ["urn"] = ids.Urn, ["victimId"] = enhanced }, reported),
            Envelopes.Of("EnhancedEligibilityAssessed", new JsonObject { ["victimId"] = standard, ["grounds"] = new JsonArray(), ["decidedBy"] = "PC 1" }, reported),
            Envelopes.Of("EnhancedEligibilityAssessed", new JsonObject { ["victimId"] = enhanced, ["grounds"] = new JsonArray("intimidated"), ["decidedBy"] = "PC 1" }, reported)));
        return (ids, standard, enhanced);
    }

    private Task<JsonArray> Entitlements(string victimId) => service.GetJson<JsonArray>($"/api/victims/{victimId}/entitlements", role: "agency");

    private static JsonNode? One(JsonArray entitlements, string id) => entitlements.SingleOrDefault(e => (string)e!["entitlementId"]! == id);

    [Fact]
    public async Task a_charge_gives_standard_and_enhanced_victims_r6_06_due_after_5_and_1_working_days_across_bank_holidays()
    {
        var (ids, standard, enhanced) = await ACaseWithTwoVictims(ChristmasEve.AddDays(-20));

        await service.Submit(Envelopes.SuspectCharged(ids.Urn, ids.PersonId, ChristmasEve));
        await service.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var s = One(await Entitlements(standard), "R6-06")!;
        var e = One(await Entitlements(enhanced), "R6-06")!;
        Assert.Equal(("2026-01-05", 5, false), ((string)s["dueDate"]!, (int)s["workingDays"]!, (bool)s["enhanced"]!));
        Assert.Equal(("2025-12-29", 1, true), ((string)e["dueDate"]!, (int)e["workingDays"]!, (bool)e["enhanced"]!));
    }

    [Fact]
    public async Task an_entitlement_left_open_past_its_due_instant_is_breached_by_the_clock_and_late_evidence_makes_it_met_late()
    {
        var (ids, standard, _) = await ACaseWithTwoVictims(ChristmasEve.AddDays(-20));
        await service.Submit(Envelopes.SuspectCharged(ids.Urn, ids.PersonId, ChristmasEve));

        // No request touches it: the durable deadline check fires on its own.
        var breached = await Eventually.Holds(() => Entitlements(standard),
            list => (string?)One(list, "R6-06")?["status"] == "breached", because: "R6-06 breached by the clock");
        Assert.NotNull(One(breached, "R6-06")!["breachedAt"]);

        await service.Submit(Envelopes.Of("VictimInformed", new JsonObject { ["victimId"] = standard, ["about"] = "charge", ["channel"] = "letter", ["urn"] = ids.Urn }, ChristmasEve.AddDays(20), "police"));

        var late = await Eventually.Holds(() => Entitlements(standard),
            list => (string?)One(list, "R6-06")?["status"] == "met-late", because: "late evidence marks it met late");
        Assert.NotNull(One(late, "R6-06")!["breachedAt"]); // the breach stays on record
    }

    [Fact]
    public async Task evidence_in_time_meets_it_and_the_same_fact_twice_counts_once()
    {
        var reported = DateTimeOffset.UtcNow.AddHours(-2);
        // The only case in this class reported in Huntingdonshire, so the area's counts are this case's alone.
        var (ids, standard, _) = await ACaseWithTwoVictims(reported, area: "huntingdonshire");
        await service.Submit(Envelopes.Of("SuspectArrested", new JsonObject { ["urn"] = ids.Urn, ["personId"] = ids.PersonId }, reported.AddMinutes(30)));
        var told = Envelopes.Of("VictimInformed", new JsonObject { ["victimId"] = standard, ["about"] = "suspect-arrested", ["channel"] = "phone", ["urn"] = ids.Urn }, reported.AddHours(1), "police");

        await service.Submit(told);
        await service.Submit(told.DeepClone().AsObject()); // a resend: same eventId
        await service.Submit(Envelopes.Of("VictimInformed", told["data"]!.DeepClone(), reported.AddHours(1.5), "police")); // told again
        await service.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var r602 = (await Entitlements(standard)).Where(e => (string)e!["entitlementId"]! == "R6-02").ToList();
        Assert.Equal("met", (string)Assert.Single(r602)!["status"]!);
        var month = (string)r602[0]!["month"]!;
        var summary = await service.GetJson<JsonObject>($"/api/compliance/summary?from={month}&to={month}&agency=police&area=huntingdonshire", role: "board");
        var line = summary["byEntitlement"]!.AsArray().Single(l => (string)l!["key"]! == "R6-02")!["counts"]!;
        // Two victims on the case, one told: one met on time, one still open.
        Assert.Equal((2, 1, 1), ((int)line["total"]!, (int)line["metOnTime"]!, (int)line["open"]!));
    }

    [Fact]
    public async Task the_summary_and_the_worklist_agree_with_the_victims_own_entitlements()
    {
        var reported = DateTimeOffset.UtcNow.AddHours(-1);
        var (ids, standard, enhanced) = await ACaseWithTwoVictims(reported);
        await service.Submit(Envelopes.Of("SuspectArrested", new JsonObject { ["urn"] = ids.Urn, ["personId"] = ids.PersonId }, reported.AddMinutes(10)));
        await service.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var own = (await Entitlements(standard)).Concat(await Entitlements(enhanced)).Select(e => e!.AsObject()).ToList();
        var worklist = await service.GetJson<JsonObject>("/api/compliance/worklist?withinWorkingDays=10&limit=1000", role: "agency");
        var items = worklist["items"]!.AsArray().Select(i => i!.AsObject()).Where(i => (string?)i["urn"] == ids.Urn).ToList();

        var openWithDeadline = own.Where(e => (string)e["status"]! == "open" && e["due"] is not null).ToList();
        Assert.Equal(openWithDeadline.Select(e => (string)e["id"]!).Order(), items.Select(i => (string)i["id"]!).Order());
        Assert.All(items, i => Assert.Equal(own.Single(e => (string)e["id"]! == (string)i["id"]!)["due"]!.ToString(), i["due"]!.ToString()));
        var dues = worklist["items"]!.AsArray().Select(i => DateTimeOffset.Parse((string)i!["due"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dues.Order(), dues); // ordered by time left

        var month = (string)own.Single(e => (string)e["entitlementId"]! == "R6-02" && (string)e["victimId"]! == enhanced)["month"]!;
        var summary = await service.GetJson<JsonObject>($"/api/compliance/summary?from={month}&to={month}&area=fenland", role: "board");
        var r602 = summary["byEntitlement"]!.AsArray().Single(l => (string)l!["key"]! == "R6-02")!["counts"]!;
        Assert.True((int)r602["open"]! >= own.Count(e => (string)e["entitlementId"]! == "R6-02" && (string)e["month"]! == month));
    }

    [Fact]
    public async Task the_quarterly_return_has_the_five_key_areas_as_csv()
    {
        var (ids, standard, _) = await ACaseWithTwoVictims(new DateTimeOffset(2025, 8, 4, 9, 0, 0, TimeSpan.Zero));
        await service.Submit(Envelopes.Of("ReferredToSupportServices", new JsonObject { ["victimId"] = standard, ["service"] = "Victim and Witness Hub", ["consentGiven"] = true }, new DateTimeOffset(2025, 8, 5, 9, 0, 0, TimeSpan.Zero), "police"));
        await service.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        _ = ids;

        var result = await service.Host.Scenario(s =>
        {
            s.Get.Url("/api/compliance/returns/quarterly?quarter=2025Q3");
            s.WithBearerToken(ServiceFixture.TokenFor("board"));
            s.StatusCodeShouldBe(200);
            s.Header("Content-Type").SingleValueShouldEqual("text/csv; charset=utf-8");
        });
        var lines = (await result.ReadAsTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("quarter,key_area,agency,entitlements,met_on_time", lines[0], StringComparison.Ordinal);
        var all = lines.Skip(1).Where(l => l.Split(',')[2] == "all").ToList();
        Assert.Equal(5, all.Count);
        var referral = all.Single(l => l.Contains("Referral to victim support", StringComparison.Ordinal)).Split(',');
        Assert.True(int.Parse(referral[4], System.Globalization.CultureInfo.InvariantCulture) >= 1); // met on time
    }

    [Theory]
    [InlineData("/api/compliance/worklist")]
    [InlineData("/api/victims/V-1/entitlements")]
    public async Task the_board_sees_counts_only_never_victim_ids(string url) =>
        await service.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(ServiceFixture.TokenFor("board"));
            s.StatusCodeShouldBe(403);
        });

    [Theory]
    [InlineData("/api/compliance/summary?from=2025-13", "from")]
    [InlineData("/api/compliance/summary?agency=fire-service", "agency")]
    [InlineData("/api/compliance/summary?right=13", "right")]
    [InlineData("/api/compliance/returns/quarterly?quarter=2025Q5", "quarter")]
    public async Task bad_filters_are_refused_naming_them(string url, string field)
    {
        var result = await service.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(ServiceFixture.TokenFor("board"));
            s.StatusCodeShouldBe(400);
        });

        Assert.Contains(field, (await result.ReadAsJsonAsync<JsonObject>())!.Errors().Select(e => e.Key));
    }
}
