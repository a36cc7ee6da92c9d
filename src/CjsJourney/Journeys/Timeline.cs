using JasperFx.Events;

namespace CjsJourney.Journeys;

/// <summary>
/// One fact on a journey's timeline: what happened and when (in the source system), when we learned it and from whom.
/// The event id lets an auditor fetch the fact itself.
/// </summary>
public sealed record TimelineEntry(
    Guid EventId,
    string Type,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    Agency Source,
    string? SubmittedBy,
    string Summary);

public static class Timeline
{
    /// <summary>
    /// Adds a fact in its place by <c>occurredAt</c>, after any that happened at the same moment (so ties keep arrival
    /// order): late and out-of-order facts land where they belong, and the same fact twice is not added again.
    /// </summary>
    public static IReadOnlyList<TimelineEntry> With(IReadOnlyList<TimelineEntry> timeline, IEvent e)
    {
        if (e.Data is not Fact fact || timeline.Any(t => t.EventId == e.Id))
        {
            return timeline;
        }

        var entry = new TimelineEntry(e.Id, fact.GetType().Name, fact.OccurredAt, e.Timestamp, fact.Source,
            e.UserName, fact.Describe());
        var list = new List<TimelineEntry>(timeline.Count + 1);
        list.AddRange(timeline);
        var index = list.FindIndex(t => t.OccurredAt > entry.OccurredAt);
        list.Insert(index < 0 ? list.Count : index, entry);
        return list;
    }

    /// <summary>
    /// True when <paramref name="occurredAt"/> is at or after <paramref name="current"/>: a field set by facts takes the
    /// value of the latest fact by when it happened, so a late fact about the past never overwrites the present.
    /// </summary>
    public static bool IsLatest(DateTimeOffset occurredAt, DateTimeOffset? current) =>
        current is null || occurredAt >= current;
}
