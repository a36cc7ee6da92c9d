using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CjsJourney.Live;
using CjsJourney.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;

namespace CjsJourney.Tests.Compliance;

public class when_the_board_follows_compliance_live(LoopbackServiceFixture service) : IClassFixture<LoopbackServiceFixture>
{
    [Fact]
    public async Task an_evidencing_event_pushes_a_summary_change_to_a_board_member_who_re_reads_the_new_figure()
    {
        var ids = SampleIds.New();
        var arrested = DateTimeOffset.UtcNow.AddMinutes(-20);
        using var agency = service.CreateClient("agency");
        using var board = service.CreateClient("board");
        (await agency.PostAsJsonAsync("/api/events", Envelopes.Batch(
            Envelopes.Of("CrimeReported", SampleFacts.All["CrimeReported"](ids), arrested),
            Envelopes.Of("VictimIdentified", SampleFacts.All["VictimIdentified"](ids), arrested),
            Envelopes.Of("SuspectArrested", new JsonObject { ["urn"] = ids.Urn, ["personId"] = ids.PersonId }, arrested)))).EnsureSuccessStatusCode();

        async Task<int> MetOnTime() => (int)(await board.GetFromJsonAsync<JsonObject>("/api/compliance/summary?area=peterborough"))!["total"]!["metOnTime"]!;
        async Task<int> Open() => (int)(await board.GetFromJsonAsync<JsonObject>("/api/compliance/summary?area=peterborough"))!["total"]!["open"]!;
        await Eventually.Holds(Open, open => open > 0, because: "R6-02 opened for the victim");
        var before = await MetOnTime();

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(service.BaseAddress, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(ServiceFixture.TokenFor("board")))
            .Build();
        var changed = new TaskCompletionSource<ViewChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<ViewChanged>("changed", m => changed.TrySetResult(m));
        await hub.StartAsync();
        await hub.InvokeAsync("Join", "compliance-summary", (string?)null);

        (await agency.PostAsJsonAsync("/api/events", Envelopes.Batch(Envelopes.Of("VictimInformed",
            new JsonObject { ["victimId"] = ids.VictimId, ["about"] = "suspect-arrested", ["channel"] = "phone", ["urn"] = ids.Urn },
            arrested.AddMinutes(10))))).EnsureSuccessStatusCode();

        Assert.Equal(new ViewChanged("compliance-summary", null), await changed.Task.WaitAsync(TimeSpan.FromSeconds(15)));
        await Eventually.Holds(MetOnTime, met => met == before + 1, TimeSpan.FromSeconds(30), "the re-read shows the met entitlement");
    }
}
