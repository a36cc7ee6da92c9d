using CjsJourney.Compliance;
using CjsJourney.Importing;
using CjsJourney.Journeys;
using CjsJourney.Seeding;
using CjsJourney.Tests.Support;
using CjsJourney.Victims;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;

namespace CjsJourney.Tests.Compliance;

/// <summary>The bulk judge (for loads that bypass the per-event path) reaches the live judge's conclusions.</summary>
public class when_judging_in_bulk(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task the_bulk_judge_and_the_live_judge_agree_on_every_entitlement()
    {
        var end = DateTimeOffset.UtcNow.AddMinutes(-5);
        var facts = SyntheticJourneys.Generate(seed: 4242, cases: 120, end, TimeSpan.FromDays(120)).ToList();
        var store = service.Host.Services.GetRequiredService<IDocumentStore>();
        var catalogue = service.Host.Services.GetRequiredService<FactCatalogue>();
        await SyntheticLoad.LoadAsync(store, catalogue, facts, "test", "bulk-judge-test", TextWriter.Null, CancellationToken.None);
        await service.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(120));

        // The live judge's verdicts, once the clock's checks for deadlines already passed have fired.
        var code = service.Host.Services.GetRequiredService<VictimsCode>();
        await using var session = store.QuerySession();
        var ids = facts.Select(f => f.EventId).ToArray();
        var recorded = await session.Events.QueryAllRawEvents()
            .Where(e => ids.Contains(e.Id))
            .OrderBy(e => e.Sequence)
            .ToListAsync();
        var judge = new BulkJudge(code);
        var bulk = recorded.SelectMany(judge.Judge).ToList();
        bulk.AddRange(judge.DeadlinesPassedBy(DateTimeOffset.UtcNow));
        IReadOnlyList<string> live;
        try
        {
            live = await Eventually.Holds(() => Statuses(session), s => s.SequenceEqual(Final(bulk)),
                TimeSpan.FromSeconds(60), "the live judge's checks have all fired and agree");
        }
        catch (TimeoutException)
        {
            live = await Statuses(session);
        }

        var onlyBulk = Final(bulk).Except(live).ToList();
        var onlyLive = live.Except(Final(bulk)).ToList();
        Assert.True(onlyBulk.Count + onlyLive.Count == 0, $"only bulk: {string.Join(" | ", onlyBulk.Take(10))} || only live: " +
                                                          $"{string.Join(" | ", onlyLive.Take(10))}\n" +
                                                          await Explain(onlyBulk.Concat(onlyLive).FirstOrDefault(), recorded, bulk, session));
        Assert.True(live.Count > 100);
    }

    /// <summary>A disagreement's victim: their facts in recorded order, and each judge's judgements.</summary>
    private static async Task<string> Explain(string? disagreement, IReadOnlyList<IEvent> recorded, IEnumerable<IEntitlementEvent> bulk,
        IQuerySession session)
    {
        if (disagreement?.Split('/')[0] is not { } victim)
        {
            return "";
        }

        static string Json(object o) => System.Text.Json.JsonSerializer.Serialize(o, o.GetType());
        var facts = recorded.Where(r => VictimJourney.VictimIdsOf((Fact)r.Data).Contains(victim))
            .Select(r => $"#{r.Sequence} {r.Data.GetType().Name} occurred {((Fact)r.Data).OccurredAt:O}");
        var live = (await session.Events.FetchStreamAsync(VictimCompliance.StreamKey(victim))).Select(r => $"#{r.Sequence} {Json(r.Data)}");
        return $"facts:\n{string.Join("\n", facts)}\nlive:\n{string.Join("\n", live)}\nbulk:\n" +
               string.Join("\n", bulk.Where(b => b.VictimId == victim).Select(Json));
    }

    private static IReadOnlyList<string> Final(IEnumerable<IEntitlementEvent> judgements) => judgements
        .GroupBy(j => $"{j.VictimId}/{j.Key}")
        .Select(g => $"{g.Key}:{Status(g.Last())}")
        .Order(StringComparer.Ordinal)
        .ToList();

    private static async Task<IReadOnlyList<string>> Statuses(IQuerySession session)
    {
        var records = await session.Query<EntitlementRecord>().ToListAsync();
        return records.Select(r => $"{r.Id}:{r.Status}").Order(StringComparer.Ordinal).ToList();
    }

    private static EntitlementStatus Status(IEntitlementEvent j) => j switch
    {
        EntitlementMet m => m.OnTime ? EntitlementStatus.Met : EntitlementStatus.MetLate,
        EntitlementBreached => EntitlementStatus.Breached,
        EntitlementExcepted => EntitlementStatus.Excepted,
        _ => EntitlementStatus.Open,
    };
}
