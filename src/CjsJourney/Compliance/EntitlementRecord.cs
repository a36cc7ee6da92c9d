using CjsJourney.Cases;
using CjsJourney.Infrastructure;
using CjsJourney.Journeys;
using CjsJourney.Live;
using CjsJourney.Security;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace CjsJourney.Compliance;

/// <summary>One victim's entitlement and where it stands: the row behind the per-victim view and the worklist.</summary>
public sealed record EntitlementRecord
{
    /// <summary><c>{victimId}/{entitlementId}/{trigger event}</c>.</summary>
    public required string Id { get; init; }

    public required string VictimId { get; init; }

    public required string EntitlementId { get; init; }

    public int Right { get; init; }

    public string Title { get; init; } = "";

    public string Edition { get; init; } = "";

    public Agency Responsible { get; init; }

    public string? Urn { get; init; }

    public CspArea Area { get; init; }

    public string Trigger { get; init; } = "";

    public Guid TriggerEventId { get; init; }

    public DateTimeOffset TriggeredAt { get; init; }

    public bool Enhanced { get; init; }

    public int? WorkingDays { get; init; }

    /// <summary>The last working day on which it can be delivered on time.</summary>
    public DateOnly? DueDate { get; init; }

    /// <summary>The instant it falls due: the end of <see cref="DueDate"/>, UK time.</summary>
    public DateTimeOffset? Due { get; init; }

    /// <summary><see cref="Due"/> in UTC: the indexed column the worklist filters and pages by (PostgreSQL keeps UTC).</summary>
    public DateTimeOffset? DueUtc => Due?.ToUniversalTime();

    public EntitlementStatus Status { get; init; }

    public string? Evidence { get; init; }

    public Guid? EvidenceEventId { get; init; }

    public DateTimeOffset? MetAt { get; init; }

    /// <summary>Kept after late evidence: a breach stays on record even when the entitlement is then met late.</summary>
    public DateTimeOffset? BreachedAt { get; init; }

    public string? ExceptionReason { get; init; }

    public string Month { get; init; } = "";

    public static string IdOf(string victimId, string key) => $"{victimId}/{key}";

    public static EntitlementRecord? Fold(EntitlementRecord? record, IEvent e) => e.Data switch
    {
        EntitlementOpened o => new EntitlementRecord
        {
            Id = IdOf(o.VictimId, o.Key),
            VictimId = o.VictimId,
            EntitlementId = o.Dims.EntitlementId,
            Right = o.Dims.Right,
            Title = o.Title,
            Edition = o.Edition,
            Responsible = o.Dims.Responsible,
            Urn = o.Urn,
            Area = o.Dims.Area,
            Trigger = o.TriggerFact,
            TriggerEventId = o.TriggerEventId,
            TriggeredAt = o.TriggeredAt,
            Enhanced = o.Enhanced,
            WorkingDays = o.WorkingDays,
            DueDate = o.LastDay,
            Due = o.DueBy,
            Status = EntitlementStatus.Open,
            Month = o.Dims.Month,
        },
        EntitlementMet m when record is not null => record with
        {
            Status = m.OnTime ? EntitlementStatus.Met : EntitlementStatus.MetLate,
            Evidence = m.EvidenceFact,
            EvidenceEventId = m.EvidenceEventId,
            MetAt = m.MetAt,
        },
        EntitlementBreached b when record is not null => record with { Status = EntitlementStatus.Breached, BreachedAt = b.DetectedAt },
        EntitlementExcepted x when record is not null => record with { Status = EntitlementStatus.Excepted, ExceptionReason = x.Reason },
        _ => record,
    };
}

/// <summary>
/// Inline: the worklist and the victim's entitlements are read by the agencies straight after a judgement, and each
/// row changes only with its own victim's stream (written one at a time), so it is kept in the same transaction.
/// </summary>
public sealed partial class EntitlementRecordProjection : MultiStreamProjection<EntitlementRecord, string>
{
    public EntitlementRecordProjection() => Identity<IEntitlementEvent>(e => EntitlementRecord.IdOf(e.VictimId, e.Key));

    public override EntitlementRecord? Evolve(EntitlementRecord? snapshot, string id, IEvent e) => EntitlementRecord.Fold(snapshot, e);
}

public sealed record WorklistItem(
    string Id,
    string VictimId,
    string EntitlementId,
    string Title,
    Agency Responsible,
    string? Urn,
    CspArea Area,
    bool Enhanced,
    DateTimeOffset TriggeredAt,
    DateOnly? DueDate,
    DateTimeOffset? Due,
    double? HoursLeft,
    int? WorkingDaysLeft,
    bool Overdue);

public sealed record Worklist(DateTimeOffset AsAt, int DueWithinWorkingDays, long Open, long DueSoon, long Overdue, IReadOnlyList<WorklistItem> Items);

public sealed class WorklistLiveView : ILiveView
{
    public string Name => LiveViews.ComplianceWorklist;

    public IReadOnlyCollection<string> Roles { get; } = [Security.Roles.Agency, Security.Roles.Admin];

    public bool Keyed => false;
}

public static class ComplianceEndpoints
{
    /// <summary>A victim's entitlements: each with its right, trigger, due instant, status and evidence. Ids only.</summary>
    [WolverineGet("/api/victims/{victimId}/entitlements", OperationId = "GetVictimEntitlements")]
    [Authorize(Roles = $"{Roles.Agency},{Roles.Auditor},{Roles.Admin}")]
    [ProducesResponseType<IReadOnlyList<EntitlementRecord>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<EntitlementRecord>> Entitlements(string victimId, IQuerySession session,
        CancellationToken ct) =>
        await session.Query<EntitlementRecord>()
            .Where(r => r.VictimId == victimId)
            .OrderBy(r => r.TriggeredAt)
            .ToListAsync(ct);

    /// <summary>
    /// Open entitlements ordered by time left (overdue first), optionally for one agency; <c>withinWorkingDays</c>
    /// marks and counts those due in the next N working days (default 2).
    /// </summary>
    [WolverineGet("/api/compliance/worklist", OperationId = "GetComplianceWorklist")]
    [Authorize(Roles = $"{Roles.Agency},{Roles.Admin}")]
    [ProducesResponseType<Worklist>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? agency, int? withinWorkingDays, bool? dueSoonOnly, int? limit, IQuerySession session,
        TimeProvider clock, VictimsCode code, CancellationToken ct)
    {
        Agency? responsible = null;
        if (agency is not null)
        {
            if (!AgencyNames.TryParse(agency, out var parsed))
            {
                return Problems.BadRequest("agency", "must be one of: " + string.Join(", ", AgencyNames.All));
            }

            responsible = parsed;
        }

        var within = withinWorkingDays ?? 2;
        if (within is < 0 or > 60)
        {
            return Problems.BadRequest("withinWorkingDays", "must be between 0 and 60");
        }

        if (limit is < 1 or > MaxItems)
        {
            return Problems.BadRequest("limit", $"must be between 1 and {MaxItems}");
        }

        return Results.Ok(await LoadWorklistAsync(session, code, responsible, within, dueSoonOnly == true, limit ?? DefaultItems,
            clock.GetUtcNow(), ct));
    }

    public const int DefaultItems = 200;

    public const int MaxItems = 1000;

    /// <summary>
    /// The worklist itself: the first <paramref name="limit"/> items by time left, and counts over every open
    /// entitlement (not just the page), read in one round trip on the indexed status and due columns.
    /// </summary>
    public static async Task<Worklist> LoadWorklistAsync(IQuerySession session, VictimsCode code, Agency? responsible, int within,
        bool dueSoonOnly, int limit, DateTimeOffset now, CancellationToken ct)
    {
        var horizon = code.Calendar.Deadline(now, within).DueBy;
        var (utcNow, utcHorizon) = (now.ToUniversalTime(), horizon.ToUniversalTime());
        var batch = session.CreateBatchQuery();
        Marten.Services.BatchQuerying.IBatchedQueryable<EntitlementRecord> Open()
        {
            var open = batch.Query<EntitlementRecord>().Where(r => r.Status == EntitlementStatus.Open && r.DueUtc != null);
            return responsible is { } a ? open.Where(r => r.Responsible == a) : open;
        }

        var openCount = Open().Count();
        var overdueCount = Open().Where(r => r.DueUtc <= utcNow).Count();
        var dueSoonCount = Open().Where(r => r.DueUtc > utcNow && r.DueUtc < utcHorizon).Count();
        var page = (dueSoonOnly ? Open().Where(r => r.DueUtc < utcHorizon) : Open()).OrderBy(r => r.DueUtc).Take(limit).ToList();
        await batch.Execute(ct);

        var items = (await page).Select(r => new WorklistItem(r.Id, r.VictimId, r.EntitlementId, r.Title, r.Responsible, r.Urn, r.Area,
            r.Enhanced, r.TriggeredAt, r.DueDate, r.Due, Math.Round((r.Due!.Value - now).TotalHours, 1),
            WorkingDaysBetween(code.Calendar, UkTime.DateOf(now), r.DueDate!.Value), r.Due <= now)).ToList();
        return new Worklist(now, within, await openCount, await dueSoonCount, await overdueCount, items);
    }

    private static int WorkingDaysBetween(WorkingDays calendar, DateOnly today, DateOnly due)
    {
        if (due < today)
        {
            return -1;
        }

        var count = 0;
        for (var d = today; d < due; d = d.AddDays(1))
        {
            count += calendar.IsWorkingDay(d.AddDays(1)) ? 1 : 0;
        }

        return count;
    }
}

public static class AgencyNames
{
    public static IEnumerable<string> All => Enum.GetNames<Agency>().Select(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName);

    public static bool TryParse(string text, out Agency agency)
    {
        foreach (var candidate in Enum.GetValues<Agency>())
        {
            if (string.Equals(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(candidate.ToString()), text,
                    StringComparison.OrdinalIgnoreCase))
            {
                agency = candidate;
                return true;
            }
        }

        agency = default;
        return false;
    }
}
