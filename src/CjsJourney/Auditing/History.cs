using System.Globalization;
using System.Security.Claims;
using CjsJourney.Cases;
using CjsJourney.Infrastructure;
using CjsJourney.Journeys;
using CjsJourney.Persons;
using CjsJourney.Security;
using CjsJourney.Victims;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace CjsJourney.Auditing;

/// <summary>
/// "What happened, and what did we know when": every fact recorded up to an instant (or up to a version), each with
/// who sent it and when it happened and was recorded, and the state as it then stood — folded by the same pure
/// functions the projections use. Each replay is itself recorded.
/// </summary>
public sealed record History<TState>(
    string Kind,
    string Id,
    DateTimeOffset? AsAt,
    long? AsAtVersion,
    IReadOnlyList<RecordedFact> Facts,
    TState? State) where TState : class;

/// <summary>A fact as stored: the event, its stream and version, and the metadata Marten keeps with it.</summary>
public sealed record RecordedFact(
    long Sequence,
    Guid EventId,
    string Stream,
    long Version,
    string Type,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    Agency Source,
    string? SubmittedBy,
    string? CorrelationId,
    string? CausationId,
    object Data)
{
    public static RecordedFact From(IEvent e)
    {
        var fact = (Fact)e.Data;
        return new RecordedFact(e.Sequence, e.Id, e.StreamKey ?? "", e.Version, fact.GetType().Name, fact.OccurredAt,
            e.Timestamp, fact.Source, e.UserName, e.CorrelationId, e.CausationId, fact);
    }
}

/// <summary><c>asAt</c>: an ISO 8601 instant, or a whole number meaning a version (the first N facts).</summary>
public readonly record struct AsAt(DateTimeOffset? Instant, long? Version)
{
    public static bool TryParse(string? text, out AsAt asAt)
    {
        asAt = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            asAt = new AsAt(null, version);
            return version >= 0;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) &&
            (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 9))
        {
            asAt = new AsAt(instant, null);
            return true;
        }

        return false;
    }

    /// <summary>The facts known at this point, from all the facts in arrival (sequence) order.</summary>
    public IReadOnlyList<IEvent> Select(IEnumerable<IEvent> bySequence)
    {
        var (instant, version) = (Instant, Version);
        var known = bySequence.Where(e => instant is null || e.Timestamp <= instant);
        return (version is { } v ? known.Take((int)Math.Min(v, int.MaxValue)) : known).ToList();
    }
}

/// <summary>An auditor looked at a history: who, what, as at when. Kept as an event, listed from a document.</summary>
public sealed record HistoryViewed(string Kind, string Id, string? AsAt, string ViewedBy, IReadOnlyList<string> Roles);

public sealed record HistoryRead(Guid Id, string Kind, string SubjectId, string? AsAt, string ViewedBy,
    IReadOnlyList<string> Roles, DateTimeOffset ViewedAt);

/// <summary>Inline, so the reads list is complete the moment a replay answers.</summary>
public sealed partial class HistoryReadProjection : EventProjection
{
    public HistoryRead Create(IEvent<HistoryViewed> e) =>
        new(e.Id, e.Data.Kind, e.Data.Id, e.Data.AsAt, e.Data.ViewedBy, e.Data.Roles, e.Timestamp);
}

public static class HistoryEndpoints
{
    [WolverineGet("/api/cases/{urn}/history", OperationId = "GetCaseHistory")]
    [Authorize(Roles = $"{Roles.Auditor},{Roles.Admin}")]
    [ProducesResponseType<History<CaseSummary>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Case(string urn, string? asAt, ClaimsPrincipal user, IDocumentSession session,
        CancellationToken ct)
    {
        if (!AsAt.TryParse(asAt, out var point))
        {
            return BadAsAt();
        }

        if (await CaseAsync(session, urn, point, ct) is not { } history)
        {
            return Results.NotFound();
        }

        RecordRead(session, user, "case", urn, asAt);
        return Results.Ok(history);
    }

    [WolverineGet("/api/victims/{victimId}/history", OperationId = "GetVictimHistory")]
    [Authorize(Roles = $"{Roles.Auditor},{Roles.Admin}")]
    [ProducesResponseType<History<VictimJourney>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Victim(string victimId, string? asAt, ClaimsPrincipal user,
        IDocumentSession session, CancellationToken ct)
    {
        if (!AsAt.TryParse(asAt, out var point))
        {
            return BadAsAt();
        }

        if (await VictimAsync(session, victimId, point, ct) is not { } history)
        {
            return Results.NotFound();
        }

        RecordRead(session, user, "victim", victimId, asAt);
        return Results.Ok(history);
    }

    [WolverineGet("/api/persons/{personId}/history", OperationId = "GetPersonHistory")]
    [Authorize(Roles = $"{Roles.Auditor},{Roles.Admin}")]
    [ProducesResponseType<History<PersonJourney>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Person(string personId, string? asAt, ClaimsPrincipal user,
        IDocumentSession session, CancellationToken ct)
    {
        if (!AsAt.TryParse(asAt, out var point))
        {
            return BadAsAt();
        }

        if (await PersonAsync(session, personId, point, ct) is not { } history)
        {
            return Results.NotFound();
        }

        RecordRead(session, user, "person", personId, asAt);
        return Results.Ok(history);
    }

    /// <summary>A case's history as known at <paramref name="point"/>; null if there is no such case.</summary>
    public static async Task<History<CaseSummary>?> CaseAsync(IQuerySession session, string urn, AsAt point, CancellationToken ct)
    {
        var all = await session.Events.FetchStreamAsync(StreamKeys.Case(urn), token: ct);
        if (all.Count == 0)
        {
            return null;
        }

        var known = point.Select(all);
        return new History<CaseSummary>("case", urn, point.Instant, point.Version, known.Select(RecordedFact.From).ToList(),
            known.Aggregate((CaseSummary?)null, CaseSummary.Fold));
    }

    public static async Task<History<VictimJourney>?> VictimAsync(IQuerySession session, string victimId, AsAt point,
        CancellationToken ct)
    {
        if (await session.LoadAsync<VictimJourney>(victimId, ct) is not { } current)
        {
            return null;
        }

        var known = point.Select(await JourneyEvents.LoadAsync(session, current.Timeline, ct));
        return new History<VictimJourney>("victim", victimId, point.Instant, point.Version, known.Select(RecordedFact.From).ToList(),
            known.Aggregate((VictimJourney?)null, (s, e) => VictimJourney.Fold(s, victimId, e)));
    }

    public static async Task<History<PersonJourney>?> PersonAsync(IQuerySession session, string personId, AsAt point,
        CancellationToken ct)
    {
        var facts = await PersonJourneys.KnownFactsAsync(session, personId, point, ct);
        return facts is null
            ? null
            : new History<PersonJourney>("person", personId, point.Instant, point.Version, facts.Select(RecordedFact.From).ToList(),
                PersonJourneys.Fold(personId, facts));
    }

    /// <summary>Who replayed which history, newest first.</summary>
    [WolverineGet("/api/audit/reads", OperationId = "ListHistoryReads")]
    [Authorize(Roles = Roles.Admin)]
    [ProducesResponseType<IReadOnlyList<HistoryRead>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<HistoryRead>> Reads(string? viewedBy, string? kind, string? subjectId,
        IQuerySession session, CancellationToken ct)
    {
        IQueryable<HistoryRead> reads = session.Query<HistoryRead>();
        if (viewedBy is not null)
        {
            reads = reads.Where(r => r.ViewedBy == viewedBy);
        }

        if (kind is not null)
        {
            reads = reads.Where(r => r.Kind == kind);
        }

        if (subjectId is not null)
        {
            reads = reads.Where(r => r.SubjectId == subjectId);
        }

        return await reads.OrderByDescending(r => r.ViewedAt).Take(500).ToListAsync(ct);
    }

    /// <summary>Records that <paramref name="user"/> looked at a history (appended; the caller's transaction commits it).</summary>
    public static void RecordRead(IDocumentSession session, ClaimsPrincipal user, string kind, string id, string? asAt)
    {
        var viewedBy = user.Identity?.Name ?? user.FindFirstValue("sub") ?? "unknown";
        var roles = user.FindAll("role").Select(c => c.Value).ToList();
        // One stream per day keeps the audit trail append-only without one hot stream for all time.
        session.Events.Append($"audit-reads/{UkTime.DateOf(DateTimeOffset.UtcNow):yyyy-MM-dd}",
            new HistoryViewed(kind, id, asAt, viewedBy, roles));
    }

    private static IResult BadAsAt() => Problems.BadRequest("asAt",
        "must be an ISO 8601 instant with an offset (e.g. 2026-03-01T10:15:00Z) or a version (a whole number)");
}

/// <summary>Loads the facts on a journey's timeline from the store (by event id, a unique index), in arrival order.</summary>
public static class JourneyEvents
{
    public static async Task<IReadOnlyList<IEvent>> LoadAsync(IQuerySession session, IEnumerable<TimelineEntry> timeline,
        CancellationToken ct)
    {
        var ids = timeline.Select(t => t.EventId).Distinct().ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        return await session.Events.QueryAllRawEvents()
            .Where(e => ids.Contains(e.Id))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
    }
}
