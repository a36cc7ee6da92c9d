using System.Text.Json.Nodes;
using CjsJourney.Journeys;
using CjsJourney.Tests.Support;

namespace CjsJourney.Tests.Ingestion;

/// <summary>Every catalogue type: its happy path through HTTP, and each of its required fields refused when missing.</summary>
public class when_submitting_each_fact_type(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private static readonly FactCatalogue Catalogue = FactCatalogue.FromAssembly(typeof(Fact).Assembly);

    public static TheoryData<string> Types() => new(Catalogue.Types.Select(t => t.Name));

    public static TheoryData<string, string> RequiredFields()
    {
        var data = new TheoryData<string, string>();
        foreach (var (type, field) in Catalogue.Types.SelectMany(t => t.Fields.Where(f => f.Required).Select(f => (t.Name, f.Name))))
        {
            data.Add(type, field);
        }

        return data;
    }

    [Fact]
    public void every_catalogue_type_has_a_sample() =>
        Assert.Empty(Catalogue.Types.Select(t => t.Name).Except(SampleFacts.All.Keys));

    [Theory]
    [MemberData(nameof(Types))]
    public async Task a_valid_fact_is_accepted(string type)
    {
        var ids = SampleIds.New();
        var envelope = SampleFacts.Envelope(type, ids);
        var batch = type == "CrimeReported"
            ? Envelopes.Batch(envelope)
            : Envelopes.Batch([.. SampleFacts.Preconditions(ids), envelope]);

        var response = await (await service.Submit(batch)).ReadAsJsonAsync<JsonObject>();

        var last = response!["results"]!.AsArray()[^1]!;
        Assert.Equal((envelope["eventId"]!.ToString(), "accepted"), ((string)last["eventId"]!, (string)last["status"]!));
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public async Task a_missing_required_field_is_refused_naming_it_and_nothing_is_stored(string type, string field)
    {
        var ids = SampleIds.New();
        var envelope = SampleFacts.Envelope(type, ids);
        envelope["data"]!.AsObject().Remove(field);
        var before = await service.StoredEventCount();

        var problem = await (await service.Submit(Envelopes.Batch([.. SampleFacts.Preconditions(ids), envelope]), 400))
            .ReadAsJsonAsync<JsonObject>();

        var index = SampleFacts.Preconditions(ids).Length;
        Assert.Equal([$"events[{index}].data.{field}"], problem!.Errors().Select(e => e.Key));
        Assert.Equal(before, await service.StoredEventCount());
    }
}
