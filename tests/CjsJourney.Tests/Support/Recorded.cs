using CjsJourney.Journeys;
using JasperFx.Events;

namespace CjsJourney.Tests.Support;

/// <summary>Facts as the store would hand them to a projection: with sequence, version, recorded time and sender.</summary>
public static class Recorded
{
    private static long _sequence;

    /// <summary>Each fact recorded a minute after it happened unless a recorded time is given.</summary>
    public static IEvent Event(Fact fact, string streamKey, long version, DateTimeOffset? recordedAt = null,
        string submittedBy = "Test User")
    {
        var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(fact.GetType()), fact)!;
        e.Id = Guid.NewGuid();
        e.Sequence = Interlocked.Increment(ref _sequence);
        e.Version = version;
        e.StreamKey = streamKey;
        e.Timestamp = recordedAt ?? fact.OccurredAt.AddMinutes(1);
        e.UserName = submittedBy;
        return e;
    }

    /// <summary>A run of facts on one stream, in the order given.</summary>
    public static IReadOnlyList<IEvent> Stream(string streamKey, params Fact[] facts) =>
        facts.Select((f, i) => Event(f, streamKey, i + 1)).ToList();

    public static T Fold<T>(IEnumerable<IEvent> events, Func<T?, IEvent, T?> fold) where T : class =>
        events.Aggregate((T?)null, fold) ?? throw new InvalidOperationException("nothing folded");
}
