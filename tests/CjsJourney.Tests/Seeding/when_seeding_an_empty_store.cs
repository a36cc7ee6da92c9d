using System.Text.Json.Nodes;
using CjsJourney.Journeys;
using CjsJourney.Seeding;
using CjsJourney.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace CjsJourney.Tests.Seeding;

/// <summary>The demo data set loaded into the real service through the intake, with its inline projections running.</summary>
public class when_seeding_an_empty_store(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private IDocumentStore Store => service.Host.Services.GetRequiredService<IDocumentStore>();

    private FactCatalogue Catalogue => service.Host.Services.GetRequiredService<FactCatalogue>();

    [Fact]
    public async Task an_empty_store_is_seeded_once_and_every_fact_is_accepted()
    {
        var clock = TimeProvider.System;
        var log = new StringWriter();

        var stored = await DemoData.SeedIfEmptyAsync(Store, Catalogue, clock, 300, log, CancellationToken.None);

        // Every generated fact up to now went in: none refused (a refusal throws), none a duplicate.
        Assert.InRange(stored, 300 * 8, 300 * 20);
        Assert.Equal(stored, await service.StoredEventCount());
        Assert.Contains("Demo data:", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await DemoData.SeedIfEmptyAsync(Store, Catalogue, clock, 300, log, CancellationToken.None));

        var firstCase = await service.GetJson<JsonObject>("/api/cases/35SY20190000001");
        Assert.Equal("demo-seed", (string)firstCase["timeline"]![0]!["submittedBy"]!);
    }
}
