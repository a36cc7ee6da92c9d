using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CjsJourney.Live;
using CjsJourney.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace CjsJourney.Tests.Iom;

public class when_overseeing_the_iom_cohort(LoopbackServiceFixture service) : IClassFixture<LoopbackServiceFixture>
{
    private static JsonObject Case(string urn, string person, DateTimeOffset at, string category = "burglary-residential") =>
        Envelopes.Of("CrimeReported", new JsonObject { ["urn"] = urn, ["offence"] = "Burglary", ["offenceCategory"] = category, ["flags"] = new JsonArray(), ["area"] = "peterborough", ["reportedAt"] = at.ToString("O") }, at);

    [Fact]
    public async Task selection_arrests_charge_conviction_recall_and_deselection_show_on_the_record_and_move_the_cohort_live()
    {
        var person = "P-IOM-" + Guid.NewGuid().ToString("N")[..6];
        var day = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
        var (u1, u2, u3) = ("35I1" + person[^6..], "35I2" + person[^6..], "35I0" + person[^6..]);
        using var agency = service.CreateClient("agency");
        using var iom = service.CreateClient("iom");
        async Task Post(params JsonObject[] envelopes) =>
            (await agency.PostAsJsonAsync("/api/events", Envelopes.Batch(envelopes))).EnsureSuccessStatusCode();

        // Before selection: a burglary charged and convicted (counts in the 12 months before).
        await Post(Case(u3, person, day.AddMonths(-4)),
            Envelopes.Of("SuspectCharged", new JsonObject { ["urn"] = u3, ["personId"] = person, ["charges"] = new JsonArray(new JsonObject { ["offence"] = "Burglary" }), ["firstHearing"] = new JsonObject { ["court"] = "Peterborough Magistrates' Court", ["date"] = "2026-02-20" } }, day.AddMonths(-4).AddDays(2)),
            Envelopes.Of("PleaEntered", new JsonObject { ["urn"] = u3, ["personId"] = person, ["plea"] = "guilty" }, day.AddMonths(-3)),
            Envelopes.Of("IdentifierLinked", new JsonObject { ["personId"] = person, ["scheme"] = "pnc", ["value"] = "2020/1234567A" }, day));
        await Post(Envelopes.Of("IomSelected", new JsonObject { ["personId"] = person, ["cohort"] = "fixed", ["selectionScore"] = 61, ["scoringMethod"] = "IOM matrix v3", ["panelDate"] = "2026-06-01" }, day, "police"),
            Envelopes.Of("IomRatingChanged", new JsonObject { ["personId"] = person, ["rating"] = "red" }, day, "police"),
            Envelopes.Of("IomLeadWorkersAssigned", new JsonObject { ["personId"] = person, ["policeOfficer"] = "PC 4471", ["probationPractitioner"] = "PP 2210" }, day, "probation"));

        var cohortBefore = await iom.GetFromJsonAsync<JsonObject>("/api/iom/cohort");
        var asAtSelection = DateTimeOffset.UtcNow;

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(service.BaseAddress, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(ServiceFixture.TokenFor("iom")))
            .Build();
        var recordChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cohortChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<ViewChanged>("changed", m =>
        {
            if (m.View == "person" && m.Key == person) recordChanged.TrySetResult();
            if (m.View == "iom-cohort") cohortChanged.TrySetResult();
        });
        await hub.StartAsync();
        await hub.InvokeAsync("Join", "person", person);
        await hub.InvokeAsync("Join", "iom-cohort", (string?)null);

        // After selection: arrested twice on two cases, charged, convicted, recalled.
        await Post(Case(u1, person, day.AddDays(10)), Case(u2, person, day.AddDays(20)),
            Envelopes.Of("SuspectArrested", new JsonObject { ["urn"] = u1, ["personId"] = person }, day.AddDays(11)),
            Envelopes.Of("SuspectArrested", new JsonObject { ["urn"] = u2, ["personId"] = person }, day.AddDays(21)),
            Envelopes.Of("SuspectCharged", new JsonObject { ["urn"] = u2, ["personId"] = person, ["charges"] = new JsonArray(new JsonObject { ["offence"] = "Burglary" }), ["firstHearing"] = new JsonObject { ["court"] = "Peterborough Magistrates' Court", ["date"] = "2026-06-30" } }, day.AddDays(22)),
            Envelopes.Of("VerdictReached", new JsonObject { ["urn"] = u2, ["personId"] = person, ["verdict"] = "guilty" }, day.AddDays(60), "court"),
            Envelopes.Of("Released", new JsonObject { ["personId"] = person, ["establishment"] = "HMP Peterborough", ["kind"] = "on-licence", ["licenceEnd"] = "2027-06-01" }, day.AddDays(70), "prison"),
            Envelopes.Of("Recalled", new JsonObject { ["personId"] = person, ["kind"] = "standard", ["reason"] = "further offence" }, day.AddDays(80), "probation"));

        await recordChanged.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await cohortChanged.Task.WaitAsync(TimeSpan.FromSeconds(15));

        var record = (await iom.GetFromJsonAsync<JsonObject>($"/api/iom/offenders/{person}"))!;
        Assert.Equal(("fixed", "red", "PC 4471"), ((string)record["iom"]!["cohort"]!, (string)record["iom"]!["rating"]!, (string)record["iom"]!["leadPoliceOfficer"]!));
        Assert.Equal((2, 2, 2, 1), ((int)record["activity"]!["arrests"]!, (int)record["activity"]!["charges"]!, (int)record["activity"]!["convictions"]!, (int)record["activity"]!["recalls"]!));
        Assert.Equal("unlawfully-at-large", (string)record["legalStatus"]!);
        Assert.Equal([u3, u2], record["offences"]!.AsArray().Select(o => (string)o!["urn"]!)); // the arrest alone is not an offence
        Assert.All(record["offences"]!.AsArray(), o => Assert.Equal("2026-02", (string)o!["harm"]!["edition"]!));
        Assert.Equal((1, 1), ((int)record["outcomes"]!["offencesBefore"]!, (int)record["outcomes"]!["offencesSince"]!));

        var cohortAfter = (await iom.GetFromJsonAsync<JsonObject>("/api/iom/cohort"))!;
        Assert.Equal((int)cohortBefore!["size"]!["byStatus"]!["community"]! - 1, (int?)cohortAfter["size"]!["byStatus"]!["community"] ?? 0);
        Assert.Equal(1 + ((int?)cohortBefore["size"]!["byStatus"]!["unlawfully-at-large"] ?? 0), (int)cohortAfter["size"]!["byStatus"]!["unlawfully-at-large"]!);

        // As at the moment of selection, the cohort is exactly what it showed then.
        var then = (await iom.GetFromJsonAsync<JsonObject>($"/api/iom/cohort?asAt={Uri.EscapeDataString(asAtSelection.ToString("O"))}"))!;
        then.Remove("asAt");
        cohortBefore.Remove("asAt");
        Assert.Equal(Normalise(cohortBefore), Normalise(then));

        await Post(Envelopes.Of("IomDeselected", new JsonObject { ["personId"] = person, ["reason"] = "long-term-custody" }, day.AddDays(90), "police"));
        var deselected = (await iom.GetFromJsonAsync<JsonObject>($"/api/iom/offenders/{person}"))!;
        Assert.False((bool)deselected["iom"]!["active"]!);
        Assert.Equal(["selected", "deselected"], deselected["iom"]!["history"]!.AsArray().Select(h => (string)h!["decision"]!));
    }

    [Fact]
    public async Task the_board_cannot_read_an_offender_record_or_the_cohort()
    {
        using var board = service.CreateClient("board");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await board.GetAsync(new Uri("/api/iom/offenders/P-1", UriKind.Relative))).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await board.GetAsync(new Uri("/api/iom/cohort", UriKind.Relative))).StatusCode);
    }

    /// <summary>"As it showed then": the figures, not "this period"'s relative window start, which moves with asAt.</summary>
    private static string Normalise(JsonObject view) => view.ToJsonString();
}
