using System.Text.Json;
using CjsJourney.Infrastructure;
using CjsJourney.Journeys;
using CjsJourney.Persons;
using CjsJourney.Security;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace CjsJourney.Oocd;

/// <summary>Found by the clock: a condition not completed (nor failed) by the end of its due date.</summary>
public sealed record OocdConditionOverdue(string PersonId, string OocdId, string ConditionId, DateOnly Due, DateTimeOffset DetectedAt)
    : IOocdFact;

/// <summary>A durable check booked for the end of a condition's due date.</summary>
public sealed record CheckOocdCondition(string PersonId, string OocdId, string ConditionId);

public sealed record RegisterCondition(
    string ConditionId,
    ConditionKind? Kind,
    DateOnly? Due,
    int? Hours,
    string? Provider,
    ConditionStatus Status,
    DateTimeOffset? StatusAt,
    DateTimeOffset? OverdueDetectedAt);

public enum OocdCompliance
{
    NoConditions,
    InProgress,
    Overdue,
    Complied,
    Failed,
}

/// <summary>One out-of-court disposal in the register, under either regime: its conditions, compliance and victim's views.</summary>
public sealed record OocdRegisterEntry
{
    /// <summary><c>{personId}/{oocdId}</c>.</summary>
    public required string Id { get; init; }

    public required string PersonId { get; init; }

    public required string OocdId { get; init; }

    public OocdRegime? Regime { get; init; }

    public OocdKind? Kind { get; init; }

    public string? Urn { get; init; }

    public string? DecisionMaker { get; init; }

    public DateTimeOffset? OfferedAt { get; init; }

    public DateOnly? OfferedOn { get; init; }

    public OocdStatus Status { get; init; } = OocdStatus.Unknown;

    public bool? AdmissionMade { get; init; }

    public bool? ConsentGiven { get; init; }

    public IReadOnlyList<RegisterCondition> Conditions { get; init; } = [];

    public VictimViews? VictimViews { get; init; }

    public bool Overdue => Conditions.Any(c => c.OverdueDetectedAt is not null && c.Status == ConditionStatus.Set);

    public OocdCompliance Compliance =>
        Conditions.Count == 0 ? OocdCompliance.NoConditions
        : Conditions.Any(c => c.Status == ConditionStatus.Failed) ? OocdCompliance.Failed
        : Overdue ? OocdCompliance.Overdue
        : Conditions.All(c => c.Status == ConditionStatus.Completed) ? OocdCompliance.Complied
        : OocdCompliance.InProgress;

    public static string IdOf(string personId, string oocdId) => $"{personId}/{oocdId}";

    public static OocdRegisterEntry? Fold(OocdRegisterEntry? entry, string id, IEvent e)
    {
        if (e.Data is not IOocdFact)
        {
            return entry;
        }

        var parts = id.Split('/', 2);
        var r = entry ?? new OocdRegisterEntry { Id = id, PersonId = parts[0], OocdId = parts[1] };
        var at = (e.Data as Fact)?.OccurredAt ?? e.Timestamp;
        return e.Data switch
        {
            OocdOffered o => r with
            {
                Regime = o.Regime, Kind = o.Kind, Urn = o.Urn, DecisionMaker = o.DecisionMaker, OfferedAt = at,
                OfferedOn = UkTime.DateOf(at), Status = r.Status == OocdStatus.Unknown ? OocdStatus.Offered : r.Status,
            },
            OocdAccepted a => r with
            {
                Status = r.Status is OocdStatus.Completed or OocdStatus.Failed ? r.Status : OocdStatus.Accepted,
                AdmissionMade = a.AdmissionMade,
                ConsentGiven = a.ConsentGiven,
            },
            OocdDeclined => r with { Status = OocdStatus.Declined },
            OocdConditionSet c => r.WithCondition(c.ConditionId, x => x with
            {
                Kind = c.Kind, Due = c.Due, Hours = c.Hours, Provider = c.Provider,
                OverdueDetectedAt = x.Due == c.Due ? x.OverdueDetectedAt : null,
            }),
            OocdConditionCompleted c => r.WithCondition(c.ConditionId, x => x with { Status = ConditionStatus.Completed, StatusAt = at }),
            OocdConditionFailed c => r.WithCondition(c.ConditionId, x => x with { Status = ConditionStatus.Failed, StatusAt = at }) with
            {
                Status = OocdStatus.Failed,
            },
            OocdCompleted => r with { Status = OocdStatus.Completed },
            VictimViewsRecorded v => r with { VictimViews = new VictimViews(v.ViewsSought, v.ViewsGiven, v.RemedyAttached, v.ReasonRemedyNotAttached, at) },
            OocdConditionOverdue o => r.WithCondition(o.ConditionId, x => x with { OverdueDetectedAt = x.OverdueDetectedAt ?? o.DetectedAt }),
            _ => r,
        };
    }

    private OocdRegisterEntry WithCondition(string conditionId, Func<RegisterCondition, RegisterCondition> change)
    {
        var existing = Conditions.FirstOrDefault(c => c.ConditionId == conditionId) ??
                       new RegisterCondition(conditionId, null, null, null, null, ConditionStatus.Set, null, null);
        return this with { Conditions = [.. Conditions.Where(c => c.ConditionId != conditionId), change(existing)] };
    }
}

/// <summary>
/// Inline: OOCD teams read the register right after recording a disposal, and each entry changes only with its own
/// person's facts (or the clock's overdue flag), so it is kept in the same transaction.
/// </summary>
public sealed partial class OocdRegisterProjection : MultiStreamProjection<OocdRegisterEntry, string>
{
    public OocdRegisterProjection() => Identity<IOocdFact>(e => OocdRegisterEntry.IdOf(e.PersonId, e.OocdId));

    public override OocdRegisterEntry? Evolve(OocdRegisterEntry? snapshot, string id, IEvent e) => OocdRegisterEntry.Fold(snapshot, id, e);
}

/// <summary>Books the overdue check for each condition set, at the end of its due date (UK time).</summary>
public static class OocdConditionSetHandler
{
    public const string SubscriptionName = "oocd-conditions";

    public static Task Handle(IEvent<OocdConditionSet> e, IMessageBus bus) =>
        bus.ScheduleAsync(new CheckOocdCondition(e.Data.PersonId, e.Data.OocdId, e.Data.ConditionId), DueEnd(e.Data.Due)).AsTask();

    public static DateTimeOffset DueEnd(DateOnly due) => UkTime.StartOfDay(due.AddDays(1));
}

public static class CheckOocdConditionHandler
{
    /// <summary>Flags the condition overdue if it is still neither completed nor failed; once, whatever redelivers it.</summary>
    public static async Task Handle(CheckOocdCondition check, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var entry = await session.LoadAsync<OocdRegisterEntry>(OocdRegisterEntry.IdOf(check.PersonId, check.OocdId), ct);
        var condition = entry?.Conditions.FirstOrDefault(c => c.ConditionId == check.ConditionId);
        if (condition is not { Status: ConditionStatus.Set, OverdueDetectedAt: null, Due: { } due } ||
            clock.GetUtcNow() < OocdConditionSetHandler.DueEnd(due))
        {
            return; // done, already flagged, or its due date was moved later (a later check is booked)
        }

        // One stream per condition and due date: a second flag for the same lapse cannot be started.
        session.Events.StartStream($"oocd-overdue/{check.PersonId}/{check.OocdId}/{check.ConditionId}/{due:yyyyMMdd}",
            new OocdConditionOverdue(check.PersonId, check.OocdId, check.ConditionId, due, clock.GetUtcNow()));
    }
}

public static class GetOocdRegister
{
    /// <summary>
    /// The out-of-court disposal register across both regimes, offered between <c>from</c> and <c>to</c> (dates),
    /// optionally by regime, kind, status, compliance or only those with a condition overdue.
    /// </summary>
    [WolverineGet("/api/oocd", OperationId = "GetOocdRegister")]
    [Authorize(Roles = $"{Roles.Agency},{Roles.Iom},{Roles.Auditor},{Roles.Admin}")]
    [ProducesResponseType<IReadOnlyList<OocdRegisterEntry>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(DateOnly? from, DateOnly? to, string? regime, string? kind, string? status,
        bool? overdue, IQuerySession session, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var parsedRegime = Parse<OocdRegime>(regime, "regime", errors);
        var parsedKind = Parse<OocdKind>(kind, "kind", errors);
        var parsedStatus = Parse<OocdStatus>(status, "status", errors);
        if (errors.Count > 0)
        {
            return Problems.BadRequest(errors);
        }

        IQueryable<OocdRegisterEntry> q = session.Query<OocdRegisterEntry>();
        if (from is { } f)
        {
            q = q.Where(e => e.OfferedOn >= f);
        }

        if (to is { } t)
        {
            q = q.Where(e => e.OfferedOn <= t);
        }

        if (parsedRegime is { } r)
        {
            q = q.Where(e => e.Regime == r);
        }

        if (parsedKind is { } k)
        {
            q = q.Where(e => e.Kind == k);
        }

        if (parsedStatus is { } s)
        {
            q = q.Where(e => e.Status == s);
        }

        var entries = await q.OrderBy(e => e.OfferedAt).Take(5000).ToListAsync(ct);
        return Results.Ok(overdue == true ? entries.Where(e => e.Overdue).ToList() : entries);
    }

    internal static T? Parse<T>(string? text, string field, Dictionary<string, string[]> errors) where T : struct, Enum
    {
        if (text is null)
        {
            return null;
        }

        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString()), text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        errors[field] = ["must be one of: " + string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.KebabCaseLower.ConvertName))];
        return null;
    }
}
