using System.Text.Json.Nodes;
using CjsJourney.Tests.Support;

namespace CjsJourney.Tests.Infrastructure;

public class when_checking_health(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task ready_means_database_schema_wolverine_and_the_projection_daemon_are_running()
    {
        // Readiness turns green once Wolverine has assigned the projection agents; poll it as a load balancer would.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        JsonObject? report = null;
        while (!timeout.IsCancellationRequested)
        {
            var result = await service.Host.Scenario(s =>
            {
                s.Get.Url("/health/ready");
                s.IgnoreStatusCode();
            });
            report = await result.ReadAsJsonAsync<JsonObject>();
            if (result.Context.Response.StatusCode == 200)
            {
                break;
            }

            await Task.Delay(250, timeout.Token);
        }

        Assert.Equal("Healthy", (string)report!["status"]!);
        Assert.True((int)report["checks"]!["event-store"]!["data"]!["projectionAgents"]! >= 1);
    }
}
