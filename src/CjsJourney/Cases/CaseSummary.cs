using CjsJourney.Journeys;
using CjsJourney.Live;
using CjsJourney.Security;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace CjsJourney.Cases;

/// <summary>Where a case stands: what was reported, who is charged with what, and when it is next in court.</summary>
public sealed record CaseSummary
{
    /// <summary>The case's stream key (<c>case/URN</c>).</summary>
    public required string Id { get; init; }

    public required string Urn { get; init; }

    public required CaseStage Stage { get; init; }

    public required string Offence { get; init; }

    public required OffenceCategory OffenceCategory { get; init; }

    public required IReadOnlyList<CrimeFlag> Flags { get; init; }

    public required CspArea Area { get; init; }

    public required DateTimeOffset ReportedAt { get; init; }

    public IReadOnlyList<ChargedDefendant> Defendants { get; init; } = [];

    public NextHearing? NextHearing { get; init; }

    /// <summary>The stream version this summary reflects.</summary>
    public long Version { get; init; }

    /// <summary>When we last learned something about the case.</summary>
    public DateTimeOffset LastRecordedAt { get; init; }
}

public enum CaseStage
{
    Reported,
    Charged,
}

public sealed record ChargedDefendant(string PersonId, IReadOnlyList<Charge> Charges, DateTimeOffset ChargedAt);

public sealed record NextHearing(string Court, DateOnly Date);

/// <summary>
/// Inline: the case summary is read straight after a partner submits (the live push tells clients to re-read it), so
/// it is updated in the same transaction as the facts and is never stale.
/// </summary>
public sealed partial class CaseSummaryProjection : SingleStreamProjection<CaseSummary, string>
{
    public static CaseSummary Create(IEvent<CrimeReported> e) => new()
    {
        Id = e.StreamKey!,
        Urn = e.Data.Urn,
        Stage = CaseStage.Reported,
        Offence = e.Data.Offence,
        OffenceCategory = e.Data.OffenceCategory,
        Flags = e.Data.Flags,
        Area = e.Data.Area,
        ReportedAt = e.Data.ReportedAt,
        Version = e.Version,
        LastRecordedAt = e.Timestamp,
    };

    public static CaseSummary Apply(IEvent<SuspectCharged> e, CaseSummary current) => current with
    {
        Stage = CaseStage.Charged,
        Defendants =
        [
            .. current.Defendants.Where(d => d.PersonId != e.Data.PersonId),
            new ChargedDefendant(e.Data.PersonId, e.Data.Charges, e.Data.OccurredAt),
        ],
        NextHearing = new NextHearing(e.Data.FirstHearing.Court, e.Data.FirstHearing.Date),
        Version = e.Version,
        LastRecordedAt = e.Timestamp,
    };
}

public sealed class CaseLiveView : ILiveView
{
    public string Name => LiveViews.Case;

    public IReadOnlyCollection<string> Roles { get; } = [Security.Roles.Agency, Security.Roles.Auditor, Security.Roles.Iom, Security.Roles.Admin];

    public bool Keyed => true;
}

public static class GetCaseSummary
{
    [WolverineGet("/api/cases/{urn}", OperationId = "GetCase")]
    [Authorize(Roles = $"{Roles.Agency},{Roles.Auditor},{Roles.Iom},{Roles.Admin}")]
    [ProducesResponseType<CaseSummary>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string urn, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<CaseSummary>(StreamKeys.Case(urn), ct) is { } summary
            ? Results.Ok(summary)
            : Results.NotFound();
}
