using System.Diagnostics;
using System.Runtime.CompilerServices;
using CjsJourney.Compliance;
using CjsJourney.Importing;
using CjsJourney.Journeys;
using CjsJourney.Seeding;
using JasperFx.Events;
using Marten;
using Marten.Events;
using Npgsql;

namespace CjsJourney.Benchmark;

/// <summary>
/// A force's years of journeys loaded the fast way: the synthetic partnership streamed into mt_events by Marten's
/// binary-COPY bulk insertion (in bounded memory), the Victims' Code judged by the bulk judge (the live judge's own
/// decisions), then every projection rebuilt. This is the path for migrations and benchmarks; partners' facts go
/// through the intake.
/// </summary>
public sealed class BulkLoad(IDocumentStore store, FactCatalogue catalogue, VictimsCode code)
{
    private static readonly Guid JudgementNamespace = new("6f0d3c1e-9a7b-5e2d-8c4f-1b2a3d4e5f60");

    public sealed record Result(long Facts, long Judgements, double FactsPerSecond, double JudgementsPerSecond, TimeSpan JudgeTime);

    public async Task<Result> LoadAsync(int seed, int cases, DateTimeOffset end, TimeSpan period, CancellationToken ct)
    {
        var tenant = JasperFx.StorageConstants.DefaultTenantId;

        // Pass 1 (no database): number the facts per stream and judge them, as they will be stored.
        var judgeWatch = Stopwatch.StartNew();
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        var judge = new BulkJudge(code);
        var judgements = new List<IEntitlementEvent>();
        long facts = 0;
        await using var builder = store.LightweightSession();
        foreach (var e in Events(builder, seed, cases, end, period, versions))
        {
            judgements.AddRange(judge.Judge(e));
            facts++;
        }

        judgements.AddRange(judge.DeadlinesPassedBy(end));
        judgeWatch.Stop();
        Console.WriteLine($"  generated and judged {facts:N0} facts → {judgements.Count:N0} judgements in {judgeWatch.Elapsed.TotalSeconds:N0} s");

        // Pass 2: the same facts again (the generator is deterministic), streamed into COPY.
        var headers = versions.Select(v => new BulkEventStreamHeader { Key = v.Key, Version = v.Value }).ToList();
        var watch = Stopwatch.StartNew();
        var again = new Dictionary<string, long>(StringComparer.Ordinal);
        await store.BulkInsertEventStreamAsync(tenant, headers, Async(Events(builder, seed, cases, end, period, again), ct),
            BulkEventSequenceMode.AssignFromSequence, 10_000, ct);
        var factsPerSecond = facts / watch.Elapsed.TotalSeconds;

        // The judgements, on each victim's Victims' Code stream.
        var judged = new Dictionary<string, long>(StringComparer.Ordinal);
        var judgementEvents = judgements.Select(j =>
        {
            var key = VictimCompliance.StreamKey(j.VictimId);
            var e = builder.Events.BuildEvent(j);
            e.Version = judged[key] = judged.GetValueOrDefault(key) + 1;
            e.StreamKey = key;
            e.Id = NameBasedGuid.Create(JudgementNamespace, $"{key}/{e.Version}");
            e.Timestamp = end.ToUniversalTime();
            e.UserName = "bulk-judge";
            return e;
        }).ToList();
        watch.Restart();
        await store.BulkInsertEventStreamAsync(tenant,
            judged.Select(v => new BulkEventStreamHeader { Key = v.Key, Version = v.Value }).ToList(),
            Async(judgementEvents, ct), BulkEventSequenceMode.AssignFromSequence, 10_000, ct);
        var judgementsPerSecond = judgementEvents.Count / watch.Elapsed.TotalSeconds;

        return new Result(facts, judgementEvents.Count, factsPerSecond, judgementsPerSecond, judgeWatch.Elapsed);
    }

    /// <summary>
    /// Bulk insertion reserves sequence numbers in blocks; the unused tail of the last block would look to the daemon's
    /// high-water detection like an in-flight append, and it waits for such a gap before moving on. Nothing else writes
    /// during a bulk load, so the sequence can be wound back to the last event stored.
    /// </summary>
    public static async Task CloseSequenceGapAsync(string connectionString, string schema)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select setval('{schema}.mt_events_sequence', (select max(seq_id) from {schema}.mt_events))", conn);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The live judge and the overdue-condition checker need not replay what the bulk judge has done: their
    /// subscriptions start from the end of the loaded log.
    /// </summary>
    public static async Task MarkSubscriptionsCaughtUpAsync(string connectionString, string schema)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        foreach (var name in new[] { $"{VictimsCodeHandler.SubscriptionName}:All", $"{Oocd.OocdConditionSetHandler.SubscriptionName}:All" })
        {
            await using var command = new NpgsqlCommand(
                $"insert into {schema}.mt_event_progression (name, last_seq_id) select $1, max(seq_id) from {schema}.mt_events " +
                "on conflict (name) do update set last_seq_id = excluded.last_seq_id", conn);
            command.Parameters.Add(new NpgsqlParameter { Value = name });
            await command.ExecuteNonQueryAsync();
        }
    }

    private IEnumerable<IEvent> Events(IDocumentSession builder, int seed, int cases, DateTimeOffset end, TimeSpan period,
        Dictionary<string, long> versions)
    {
        foreach (var generated in SyntheticJourneys.Generate(seed, cases, end, period))
        {
            var type = catalogue.Find(generated.Fact.GetType().Name)!;
            var key = StreamKeys.For(type.Stream, type.StreamIdOf(generated.Fact));
            var e = builder.Events.BuildEvent(generated.Fact);
            e.Id = generated.EventId;
            e.StreamKey = key;
            e.Version = versions[key] = versions.GetValueOrDefault(key) + 1;
            var recorded = generated.Fact.OccurredAt.AddMinutes(7);
            e.Timestamp = (recorded < end ? recorded : end).ToUniversalTime();
            e.UserName = "bulk-load";
            yield return e;
        }
    }

    private static async IAsyncEnumerable<IEvent> Async(IEnumerable<IEvent> events, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var e in events)
        {
            ct.ThrowIfCancellationRequested();
            yield return e;
        }

        await Task.CompletedTask;
    }
}
