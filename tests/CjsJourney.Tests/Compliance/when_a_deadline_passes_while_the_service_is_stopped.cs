using System.Text.Json.Nodes;
using Alba;
using CjsJourney.Compliance;
using CjsJourney.Tests.Support;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace CjsJourney.Tests.Compliance;

public class when_a_deadline_passes_while_the_service_is_stopped
{
    [Fact]
    public async Task the_durable_check_fires_after_the_restart_and_breaches_it_exactly_once()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var ids = SampleIds.New();
        var arrested = DateTimeOffset.UtcNow.AddMinutes(-30);

        await using (var before = await AlbaHost.For<Program>(b => ServiceFixture.Configure(b, connectionString)))
        {
            await before.Scenario(s =>
            {
                s.Post.Json(Envelopes.Batch(
                    Envelopes.Of("CrimeReported", SampleFacts.All["CrimeReported"](ids), arrested.AddMinutes(-5)),
                    Envelopes.Of("VictimIdentified", SampleFacts.All["VictimIdentified"](ids), arrested.AddMinutes(-5)),
                    Envelopes.Of("SuspectArrested", new JsonObject { ["urn"] = ids.Urn, ["personId"] = ids.PersonId }, arrested))).ToUrl("/api/events");
                s.WithBearerToken(ServiceFixture.TokenFor("agency"));
            });
            await before.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
            Assert.Equal("open", await StatusOfR602(before, ids.VictimId));
        }

        // Stopped. A week goes by: the checks booked for the due instants (R4-01 referral, R6-02 arrest) are now
        // overdue, as waiting would make them.
        Assert.Equal(2, await MoveScheduledChecksIntoThePast(connectionString));

        await using var after = await AlbaHost.For<Program>(b =>
        {
            ServiceFixture.Configure(b, connectionString);
            b.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(new Later(TimeSpan.FromDays(7)));
            });
        });

        await Eventually.Holds(() => StatusOfR602(after, ids.VictimId), status => status == "breached",
            because: "the check kept in PostgreSQL fires after the restart");
        var breaches = await Eventually.Holds(() => Breaches(after, ids.VictimId), b => b.Count == 2,
            because: "both booked checks fire");
        Assert.Equal(["R4-01", "R6-02"], breaches.Order());
    }

    private static async Task<IReadOnlyList<string>> Breaches(IAlbaHost host, string victimId)
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var judgements = await session.Events.FetchStreamAsync(VictimCompliance.StreamKey(victimId));
        return judgements.Select(e => e.Data).OfType<EntitlementBreached>().Select(b => b.Dims.EntitlementId).ToList();
    }

    private static async Task<string?> StatusOfR602(IAlbaHost host, string victimId)
    {
        var result = await host.Scenario(s =>
        {
            s.Get.Url($"/api/victims/{victimId}/entitlements");
            s.WithBearerToken(ServiceFixture.TokenFor("agency"));
        });
        var list = await result.ReadAsJsonAsync<JsonArray>();
        return (string?)list!.SingleOrDefault(e => (string)e!["entitlementId"]! == "R6-02")?["status"];
    }

    private static async Task<int> MoveScheduledChecksIntoThePast(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var update = new NpgsqlCommand(
            "update cjs.wolverine_incoming_envelopes set execution_time = now() - interval '1 second' " +
            "where status = 'Scheduled' and message_type ilike '%CheckEntitlementDeadline%'", conn);
        return await update.ExecuteNonQueryAsync();
    }

    private sealed class Later(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + by;
    }
}
