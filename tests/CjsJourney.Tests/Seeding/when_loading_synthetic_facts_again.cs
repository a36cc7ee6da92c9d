using CjsJourney.Journeys;
using CjsJourney.Seeding;
using CjsJourney.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace CjsJourney.Tests.Seeding;

/// <summary>Generated facts loaded twice through the intake: deterministic ids make the second load a no-op.</summary>
public class when_loading_synthetic_facts_again(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private IDocumentStore Store => service.Host.Services.GetRequiredService<IDocumentStore>();

    private FactCatalogue Catalogue => service.Host.Services.GetRequiredService<FactCatalogue>();

    [Fact]
    public async Task loading_the_same_generated_facts_again_stores_nothing_new()
    {
        var end = DateTimeOffset.UtcNow;
        var first = await SyntheticLoad.LoadAsync(Store, Catalogue, SyntheticJourneys.Generate(77, 120, end), "test", "seed:77",
            TextWriter.Null, CancellationToken.None);
        var count = await service.StoredEventCount();

        var again = await SyntheticLoad.LoadAsync(Store, Catalogue, SyntheticJourneys.Generate(77, 120, end), "test", "seed:77",
            TextWriter.Null, CancellationToken.None);

        Assert.True(first.Stored > 0);
        Assert.Equal((0, first.Stored), (again.Stored, again.AlreadyStored));
        Assert.Equal(count, await service.StoredEventCount());
    }
}
