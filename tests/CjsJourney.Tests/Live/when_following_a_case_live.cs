using System.Net.Http.Json;
using CjsJourney.Live;
using CjsJourney.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CjsJourney.Tests.Live;

public class when_following_a_case_live(LoopbackServiceFixture service) : IClassFixture<LoopbackServiceFixture>
{
    [Fact]
    public async Task a_member_of_the_case_group_is_told_the_case_changed_after_the_commit()
    {
        var urn = Envelopes.NewUrn();
        await using var hub = await Connect("auditor");
        var changed = new TaskCompletionSource<ViewChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<ViewChanged>("changed", message =>
        {
            if (message.Key == urn)
            {
                changed.TrySetResult(message);
            }
        });
        await hub.InvokeAsync("Join", "case", urn);

        using var agency = service.CreateClient("agency");
        var response = await agency.PostAsync(new Uri("/api/events", UriKind.Relative),
            JsonContent.Create(Envelopes.Batch(Envelopes.CrimeReported(urn), Envelopes.SuspectCharged(urn))));
        response.EnsureSuccessStatusCode();

        var message = await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(new ViewChanged("case", urn), message);

        // The push says only "re-read": the reader fetches the committed state with its own token.
        using var auditor = service.CreateClient("auditor");
        var summary = await auditor.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>(new Uri($"/api/cases/{urn}", UriKind.Relative));
        Assert.Equal("charged", (string)summary!["stage"]!);
    }

    [Fact]
    public async Task a_board_member_may_not_follow_a_case()
    {
        await using var hub = await Connect("board");

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Join", "case", "35CJ0000001"));

        Assert.Contains("may not follow", refused.Message);
    }

    [Fact]
    public async Task a_client_without_a_token_cannot_connect()
    {
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(service.BaseAddress, "/hubs/live")).Build();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private async Task<HubConnection> Connect(string role)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(service.BaseAddress, "/hubs/live"),
                options => options.AccessTokenProvider = () => Task.FromResult<string?>(ServiceFixture.TokenFor(role)))
            .Build();
        await hub.StartAsync();
        return hub;
    }
}
