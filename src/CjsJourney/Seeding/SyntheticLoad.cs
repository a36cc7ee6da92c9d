using System.Diagnostics;
using CjsJourney.Importing;
using CjsJourney.Ingestion;
using CjsJourney.Journeys;
using Marten;

namespace CjsJourney.Seeding;

public sealed record LoadResult(int Stored, int AlreadyStored, int Batches, TimeSpan Elapsed)
{
    public double FactsPerSecond => (Stored + AlreadyStored) / Math.Max(Elapsed.TotalSeconds, 0.001);
}

/// <summary>
/// Streams generated facts into the store through the intake, in arrival order, a batch per transaction: each batch
/// is decided against what earlier batches committed, exactly as partners' batches would be.
/// </summary>
public static class SyntheticLoad
{
    public const int DefaultBatchSize = 500;

    public static async Task<LoadResult> LoadAsync(IDocumentStore store, FactCatalogue catalogue,
        IEnumerable<SyntheticFact> facts, string submittedBy, string correlationId, TextWriter log, CancellationToken ct,
        int batchSize = DefaultBatchSize, int progressEvery = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, SubmitFacts.MaxBatchSize);

        var watch = Stopwatch.StartNew();
        var (stored, already, batches) = (0, 0, 0);
        var nextProgress = progressEvery;
        var batch = new List<Submission>(batchSize);
        foreach (var fact in facts)
        {
            batch.Add(BulkIntake.ToSubmission(catalogue, batch.Count, fact.EventId, fact.Fact));
            if (batch.Count == batchSize)
            {
                await SubmitAsync();
            }
        }

        if (batch.Count > 0)
        {
            await SubmitAsync();
        }

        return new LoadResult(stored, already, batches, watch.Elapsed);

        async Task SubmitAsync()
        {
            var decision = await BulkIntake.SubmitAsync(store, batch, submittedBy, correlationId, ct);
            if (decision.Refused)
            {
                // Generated facts follow the intake's rules; a refusal is a bug in the generator, not data to skip.
                var reasons = BulkIntake.Refusals(decision).Take(10).Select(r =>
                    BulkIntake.EnvelopeOf(r.Field).Index is { } i ? $"{r.Field} ({batch[i].Type.Name}): {r.Message}" : $"{r.Field}: {r.Message}");
                throw new InvalidOperationException($"The intake refused batch {batches + 1}: {string.Join("; ", reasons)}");
            }

            stored += decision.Results.Count(r => r.Status == Outcome.Accepted);
            already += decision.Results.Count(r => r.Status == Outcome.Duplicate);
            batches++;
            batch.Clear();
            if (stored + already >= nextProgress)
            {
                log.WriteLine($"  {stored + already:N0} facts: {stored:N0} stored, {already:N0} already stored " +
                              $"({(stored + already) / Math.Max(watch.Elapsed.TotalSeconds, 0.001):N0} a second)");
                nextProgress += progressEvery;
            }
        }
    }
}
