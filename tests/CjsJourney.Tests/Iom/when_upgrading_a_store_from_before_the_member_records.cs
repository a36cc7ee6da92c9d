using System.Text.Json.Nodes;
using CjsJourney.Cases;
using CjsJourney.Infrastructure;
using CjsJourney.Iom;
using CjsJourney.Tests.Support;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace CjsJourney.Tests.Iom;

/// <summary>
/// A store written before the IOM member records and the case summaries' columns existed: readiness names the rebuild,
/// the rebuild fills the records from the events, and offences are dated from the case documents meanwhile.
/// </summary>
public class when_upgrading_a_store_from_before_the_member_records(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task readiness_names_the_rebuild_the_rebuild_restores_the_cohort_and_offences_keep_their_dates()
    {
        var person = "P-UPG-" + Guid.NewGuid().ToString("N")[..6];
        var urn = Envelopes.NewUrn();
        var reported = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        await service.Submit(
            Envelopes.CrimeReported(urn, reported),
            Envelopes.SuspectCharged(urn, person, reported.AddDays(40)),
            Envelopes.Of("IomSelected", new JsonObject { ["personId"] = person, ["cohort"] = "fixed", ["selectionScore"] = 55, ["scoringMethod"] = "IOM matrix v3", ["panelDate"] = "2026-05-01" }, reported.AddDays(60)));

        var store = service.Host.Services.GetRequiredService<IDocumentStore>();
        var schema = store.Options.Schema;
        // As the store was before this release: no member records, and the case columns empty.
        await Sql(store, $"delete from {schema.For<IomMember>()}",
            $"update {schema.For<CaseSummary>()} set reported_at_utc = null, offence_category = null");

        var degraded = await Ready();
        Assert.Equal("Degraded", (string)degraded["status"]!);
        Assert.Contains(ReadModelsBuilt.RebuildIomMembers, (string)degraded["checks"]!["read-models"]!["description"]!);

        // Offences are still dated when the crime was reported (not when charged), read from the case document.
        var record = await service.GetJson<JsonObject>($"/api/iom/offenders/{person}", "iom");
        var offence = Assert.Single(record["offences"]!.AsArray())!;
        Assert.Equal(("2026-03-02", "burglary-residential"), ((string)offence["committedOn"]!, (string)offence["category"]!));

        using (var daemon = await store.BuildProjectionDaemonAsync())
        {
            await daemon.RebuildProjectionAsync<IomMemberProjection>(TimeSpan.FromMinutes(2), CancellationToken.None);
        }

        Assert.Equal("Healthy", (string)(await Ready())["checks"]!["read-models"]!["status"]!);
        var cohort = await service.GetJson<JsonObject>("/api/iom/cohort", "iom");
        Assert.Equal(1, (int)cohort["size"]!["byCohort"]!["fixed"]!);
    }

    private async Task<JsonObject> Ready()
    {
        var result = await service.Host.Scenario(s =>
        {
            s.Get.Url("/health/ready");
            s.IgnoreStatusCode();
        });
        return (await result.ReadAsJsonAsync<JsonObject>())!;
    }

    private static async Task Sql(IDocumentStore store, params string[] commands)
    {
        await using var session = store.LightweightSession();
        foreach (var sql in commands)
        {
            session.QueueSqlCommand(sql);
        }

        await session.SaveChangesAsync();
    }
}
