using CjsJourney.Ingestion;
using CjsJourney.Journeys;
using Marten;

namespace CjsJourney.Importing;

/// <summary>
/// Loads facts from a file or a generator through the same intake as <c>POST /api/events</c>
/// (<see cref="SubmitFacts.DecideAsync"/> then <see cref="SubmitFacts.Append"/>), one transaction per batch: the same
/// rules apply however a fact arrives, and a refused batch stores nothing.
/// </summary>
public static class BulkIntake
{
    public static Submission ToSubmission(FactCatalogue catalogue, int index, Guid eventId, Fact fact)
    {
        var type = catalogue.Find(fact.GetType().Name) ??
                   throw new InvalidOperationException($"{fact.GetType().Name} is not in the fact catalogue.");
        return new Submission(index, eventId, type, fact, type.StreamIdOf(fact), null);
    }

    /// <summary>Decides the batch against the store and, unless it is refused, appends and commits what it accepted.</summary>
    public static async Task<IntakeDecision> SubmitAsync(IDocumentStore store, IReadOnlyList<Submission> batch,
        string submittedBy, string correlationId, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        session.LastModifiedBy = submittedBy;
        session.CorrelationId = correlationId;

        var decision = await SubmitFacts.DecideAsync(session, batch, ct);
        if (decision.Refused || decision.ToAppend.Count == 0)
        {
            return decision;
        }

        SubmitFacts.Append(session, decision);
        await session.SaveChangesAsync(ct);
        return decision;
    }

    /// <summary>Why a batch was refused, one line per field, as the intake words it.</summary>
    public static IEnumerable<(string Field, string Message)> Refusals(IntakeDecision decision) =>
        decision.BadRequest.Concat(decision.Conflicts)
            .SelectMany(e => e.Value.Select(message => (e.Key, message)));

    /// <summary>The batch position a refusal names (<c>events[3].data.urn</c> → 3), and the rest of the field path.</summary>
    public static (int? Index, string Path) EnvelopeOf(string field)
    {
        const string prefix = "events[";
        var close = field.IndexOf(']', StringComparison.Ordinal);
        return field.StartsWith(prefix, StringComparison.Ordinal) && close > prefix.Length &&
               int.TryParse(field.AsSpan(prefix.Length, close - prefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? (index, field[(close + 1)..].TrimStart('.'))
            : (null, field);
    }

    /// <summary>True when the store holds no events at all (no facts, and none of the service's own records).</summary>
    public static async Task<bool> IsEmptyAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        return !await session.Events.QueryAllRawEvents().AnyAsync(ct);
    }
}
