using CjsJourney.Cases;
using CjsJourney.Journeys;
using CjsJourney.Live;
using CjsJourney.Security;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace CjsJourney.Witnesses;

/// <summary>
/// A witness's journey through court: required to give evidence, warned for hearings, special measures applied for
/// and decided, attendance and time waited (the Code's 2-hour maximum). Built from the case facts that name them.
/// </summary>
public sealed record WitnessJourney
{
    /// <summary>The longest a witness should wait at court (Victims' Code right 8).</summary>
    public const int MaximumWaitMinutes = 120;

    public required string Id { get; init; }

    public string? Urn { get; init; }

    public WitnessKind? Kind { get; init; }

    /// <summary>Set when the witness is also a victim: their victim journey carries the Code entitlements.</summary>
    public string? VictimId { get; init; }

    public DateTimeOffset? RequiredToGiveEvidenceAt { get; init; }

    public IReadOnlyList<Warning> Warnings { get; init; } = [];

    public IReadOnlyList<SpecialMeasuresDecision> SpecialMeasures { get; init; } = [];

    public IReadOnlyList<Attendance> Attendances { get; init; } = [];

    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    public static IReadOnlyList<string> WitnessIdsOf(Fact fact) => fact switch
    {
        IConcernsWitness w => [w.WitnessId],
        IConcernsWitnesses w => w.WitnessIds,
        _ => [],
    };

    public static WitnessJourney Fold(WitnessJourney? state, string id, IEvent e)
    {
        var at = ((Fact)e.Data).OccurredAt;
        var j = (state ?? new WitnessJourney { Id = id }) with { Timeline = Journeys.Timeline.With(state?.Timeline ?? [], e) };
        return e.Data switch
        {
            WitnessIdentified w => j with { Urn = w.Urn, Kind = w.Kind, VictimId = w.VictimId },
            WitnessListReceived l => j with
            {
                Urn = j.Urn ?? l.Urn,
                RequiredToGiveEvidenceAt = j.RequiredToGiveEvidenceAt is { } r && r < at ? r : at,
            },
            WitnessWarned w => j with { Warnings = [.. j.Warnings.Where(x => x.HearingId != w.HearingId), new Warning(w.HearingId, at)] },
            SpecialMeasuresApplied a => j with { SpecialMeasures = [.. j.SpecialMeasures, new SpecialMeasuresDecision(a.Measures, SpecialMeasuresStatus.Applied, null, at)] },
            SpecialMeasuresGranted g => j with { SpecialMeasures = [.. j.SpecialMeasures, new SpecialMeasuresDecision(g.Measures, SpecialMeasuresStatus.Granted, null, at)] },
            SpecialMeasuresRefused r => j with { SpecialMeasures = [.. j.SpecialMeasures, new SpecialMeasuresDecision(r.Measures, SpecialMeasuresStatus.Refused, r.Reason, at)] },
            WitnessAttended a => j with
            {
                Attendances = [.. j.Attendances.Where(x => x.HearingId != a.HearingId),
                    new Attendance(a.HearingId, at, a.WaitedMinutes, a.WaitedMinutes > MaximumWaitMinutes)],
            },
            _ => j,
        };
    }
}

public sealed record Warning(string HearingId, DateTimeOffset At);

public enum SpecialMeasuresStatus
{
    Applied,
    Granted,
    Refused,
}

public sealed record SpecialMeasuresDecision(IReadOnlyList<SpecialMeasure> Measures, SpecialMeasuresStatus Status, string? Reason, DateTimeOffset At);

public sealed record Attendance(string HearingId, DateTimeOffset At, int? WaitedMinutes, bool WaitedOverTwoHours);

/// <summary>
/// Inline: Witness Care reads a witness's position while arranging a hearing, straight after recording it. Small and
/// per witness, gathered from case streams by the witness ids the facts carry.
/// </summary>
public sealed partial class WitnessJourneyProjection : MultiStreamProjection<WitnessJourney, string>
{
    public WitnessJourneyProjection() => Identities<Fact>(WitnessJourney.WitnessIdsOf);

    public override WitnessJourney Evolve(WitnessJourney? snapshot, string id, IEvent e) => WitnessJourney.Fold(snapshot, id, e);
}

public static class GetWitnessJourney
{
    [WolverineGet("/api/witnesses/{witnessId}", OperationId = "GetWitnessJourney")]
    [Authorize(Roles = $"{Roles.Agency},{Roles.Auditor},{Roles.Admin}")]
    [ProducesResponseType<WitnessJourney>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string witnessId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<WitnessJourney>(witnessId, ct) is { } journey ? Results.Ok(journey) : Results.NotFound();
}

public sealed class WitnessLiveView : ILiveView
{
    public string Name => LiveViews.Witness;

    public IReadOnlyCollection<string> Roles { get; } = [Security.Roles.Agency, Security.Roles.Auditor, Security.Roles.Admin];

    public bool Keyed => true;
}
