using CjsJourney.Auditing;
using JasperFx.Events;
using Marten;

namespace CjsJourney.Persons;

/// <summary>
/// Reading a person whose records were merged: the facts of every merged record are folded with the survivor's, in
/// arrival order, through the same <see cref="PersonJourney.Fold"/> the projection uses. As at an instant, only the
/// merges known then count.
/// </summary>
public static class PersonJourneys
{
    public static async Task<PersonJourney?> LoadAsync(IQuerySession session, string personId, AsAt? asAt,
        CancellationToken ct)
    {
        var doc = await session.LoadAsync<PersonJourney>(personId, ct);
        if (doc is null)
        {
            return null;
        }

        if (asAt is null && doc.MergedInto is null && doc.MergedPersonIds.Count == 0)
        {
            return doc; // the common case: the projected document is the journey
        }

        var survivor = doc.MergedInto ?? personId;
        var facts = await KnownFactsAsync(session, survivor, asAt ?? default, ct);
        return facts is null ? null : Fold(survivor, facts);
    }

    /// <summary>The facts about the person and the records merged into them, as known at <paramref name="asAt"/>.</summary>
    public static async Task<IReadOnlyList<IEvent>?> KnownFactsAsync(IQuerySession session, string personId, AsAt asAt,
        CancellationToken ct)
    {
        var doc = await session.LoadAsync<PersonJourney>(personId, ct);
        if (doc is null)
        {
            return null;
        }

        var own = asAt.Select(await JourneyEvents.LoadAsync(session, doc.Timeline, ct));
        var mergedThen = own.Aggregate((PersonJourney?)null, (s, e) => PersonJourney.Fold(s, personId, e))?.MergedPersonIds ?? [];
        if (mergedThen.Count == 0)
        {
            return own;
        }

        var merged = await session.LoadManyAsync<PersonJourney>(ct, mergedThen);
        var theirs = await JourneyEvents.LoadAsync(session, merged.SelectMany(m => m.Timeline), ct);
        var combined = own.Concat(theirs).DistinctBy(e => e.Sequence).OrderBy(e => e.Sequence);
        return asAt.Instant is { } instant ? combined.Where(e => e.Timestamp <= instant).ToList() : combined.ToList();
    }

    public static PersonJourney? Fold(string personId, IEnumerable<IEvent> facts) =>
        facts.Aggregate((PersonJourney?)null, (s, e) => PersonJourney.Fold(s, personId, e));
}
