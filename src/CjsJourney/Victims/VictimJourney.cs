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

namespace CjsJourney.Victims;

/// <summary>
/// A victim's journey across their cases: enhanced eligibility (with its history), needs, referrals, what they were
/// told and how, the Victim Personal Statement, restorative justice, the Victim Contact Scheme, complaints and
/// contact preferences. Ids only: this service never holds a victim's name.
/// </summary>
public sealed record VictimJourney
{
    public required string Id { get; init; }

    public IReadOnlyList<VictimCase> Cases { get; init; } = [];

    /// <summary>The victim's current assessment (latest by when it was made); null until assessed.</summary>
    public EligibilityAssessment? Eligibility { get; init; }

    public IReadOnlyList<EligibilityAssessment> EligibilityHistory { get; init; } = [];

    public IReadOnlyList<string> Needs { get; init; } = [];

    public DateTimeOffset? NeedsAssessedAt { get; init; }

    public IReadOnlyList<Referral> Referrals { get; init; } = [];

    public IReadOnlyList<Informing> Informed { get; init; } = [];

    public DateTimeOffset? PersonalStatementOfferedAt { get; init; }

    public DateTimeOffset? PersonalStatementMadeAt { get; init; }

    public DateTimeOffset? RestorativeJusticeInformationAt { get; init; }

    public DateTimeOffset? ContactSchemeReferredAt { get; init; }

    public DateTimeOffset? LiaisonContactAt { get; init; }

    public IReadOnlyList<Complaint> Complaints { get; init; } = [];

    public OptOutScope? OptedOut { get; init; }

    public DateTimeOffset? OptedOutAt { get; init; }

    public IReadOnlyList<DateTimeOffset> FailedContactAttempts { get; init; } = [];

    public IReadOnlyList<string> WitnessIds { get; init; } = [];

    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    public bool IsEnhanced => Eligibility is { Grounds.Count: > 0 };

    /// <summary>The victims a fact is about: their own stream's, or a case fact that names them.</summary>
    public static IReadOnlyList<string> VictimIdsOf(Fact fact) => fact switch
    {
        IVictimFact v => [v.VictimId],
        IIdentifiesVictim v => [v.VictimId],
        VictimWithdrewSupport w => [w.VictimId],
        WitnessIdentified { VictimId: { } v } => [v],
        _ => [],
    };

    public static VictimJourney Fold(VictimJourney? state, string id, IEvent e)
    {
        var fact = (Fact)e.Data;
        var at = fact.OccurredAt;
        var j = (state ?? new VictimJourney { Id = id }) with { Timeline = Journeys.Timeline.With(state?.Timeline ?? [], e) };
        return e.Data switch
        {
            VictimIdentified v => j with
            {
                Cases = [.. j.Cases.Where(c => c.Urn != v.Urn), new VictimCase(v.Urn, v.Role, at, null)],
            },
            VictimWithdrewSupport w => j with
            {
                Cases = j.Cases.Select(c => c.Urn == w.Urn ? c with { WithdrewSupportAt = at } : c).ToList(),
            },
            WitnessIdentified w => j with { WitnessIds = [.. j.WitnessIds.Where(x => x != w.WitnessId), w.WitnessId] },
            EnhancedEligibilityAssessed a => WithAssessment(j, new EligibilityAssessment(a.Grounds.Count > 0, a.Grounds, a.DecidedBy, at)),
            NeedsAssessed n => Journeys.Timeline.IsLatest(at, j.NeedsAssessedAt) ? j with { Needs = n.Needs, NeedsAssessedAt = at } : j,
            ReferredToSupportServices r => j with { Referrals = [.. j.Referrals, new Referral(r.Service, r.ConsentGiven, false, null, at)] },
            ReferralDeclined d => j with { Referrals = [.. j.Referrals, new Referral(null, false, true, d.Reason, at)] },
            VictimInformed i => j with
            {
                Informed = [.. j.Informed.Append(new Informing(i.About, i.Channel, i.Urn, at)).OrderBy(x => x.At)],
            },
            VictimPersonalStatementOffered => j with { PersonalStatementOfferedAt = Earliest(j.PersonalStatementOfferedAt, at) },
            VictimPersonalStatementMade => j with { PersonalStatementMadeAt = Earliest(j.PersonalStatementMadeAt, at) },
            RestorativeJusticeInformationGiven => j with { RestorativeJusticeInformationAt = Earliest(j.RestorativeJusticeInformationAt, at) },
            VictimContactSchemeReferred => j with { ContactSchemeReferredAt = Earliest(j.ContactSchemeReferredAt, at) },
            VictimLiaisonContactMade => j with { LiaisonContactAt = Earliest(j.LiaisonContactAt, at) },
            ComplaintReceived c => j with
            {
                Complaints = [.. j.Complaints.Where(x => x.ComplaintId != c.ComplaintId),
                    new Complaint(c.ComplaintId, c.Against, at, j.Complaints.FirstOrDefault(x => x.ComplaintId == c.ComplaintId)?.RespondedAt)],
            },
            ComplaintResponded r => j with
            {
                Complaints = j.Complaints.Any(x => x.ComplaintId == r.ComplaintId)
                    ? j.Complaints.Select(x => x.ComplaintId == r.ComplaintId ? x with { RespondedAt = Earliest(x.RespondedAt, at) } : x).ToList()
                    : [.. j.Complaints, new Complaint(r.ComplaintId, null, null, at)],
            },
            VictimOptedOut o => Journeys.Timeline.IsLatest(at, j.OptedOutAt) ? j with { OptedOut = o.Scope, OptedOutAt = at } : j,
            ContactAttemptFailed => j with { FailedContactAttempts = [.. j.FailedContactAttempts.Append(at).Order()] },
            _ => j,
        };
    }

    private static VictimJourney WithAssessment(VictimJourney j, EligibilityAssessment assessment)
    {
        var history = j.EligibilityHistory.Append(assessment).OrderBy(a => a.At).ToList();
        return j with { EligibilityHistory = history, Eligibility = history[^1] };
    }

    private static DateTimeOffset Earliest(DateTimeOffset? current, DateTimeOffset at) => current is { } c && c < at ? c : at;
}

public sealed record VictimCase(string Urn, VictimRole Role, DateTimeOffset IdentifiedAt, DateTimeOffset? WithdrewSupportAt);

public sealed record EligibilityAssessment(bool Enhanced, IReadOnlyList<EnhancedGround> Grounds, string DecidedBy, DateTimeOffset At);

public sealed record Referral(string? Service, bool ConsentGiven, bool Declined, string? Reason, DateTimeOffset At);

public sealed record Informing(InformedAbout About, ContactChannel Channel, string? Urn, DateTimeOffset At);

public sealed record Complaint(string ComplaintId, Agency? Against, DateTimeOffset? ReceivedAt, DateTimeOffset? RespondedAt);

/// <summary>
/// Inline: the victim's journey is read by Witness Care and victim services straight after they record contact, and
/// intake uses its existence to know the victim (victim facts need a victim identified on a case). It gathers the
/// victim's own stream and the case facts that name them.
/// </summary>
public sealed partial class VictimJourneyProjection : MultiStreamProjection<VictimJourney, string>
{
    public VictimJourneyProjection() => Identities<Fact>(VictimJourney.VictimIdsOf);

    public override VictimJourney Evolve(VictimJourney? snapshot, string id, IEvent e) => VictimJourney.Fold(snapshot, id, e);
}

/// <summary>The victim's journey with where each of their cases now stands.</summary>
public sealed record VictimJourneyView(VictimJourney Journey, IReadOnlyList<CaseProgress> CaseProgress);

public sealed record CaseProgress(string Urn, CaseStage Stage, Hearing? NextHearing, CaseOutcome? Outcome);

public static class GetVictimJourney
{
    [WolverineGet("/api/victims/{victimId}", OperationId = "GetVictimJourney")]
    [Authorize(Roles = $"{Roles.Agency},{Roles.Auditor},{Roles.Admin}")]
    [ProducesResponseType<VictimJourneyView>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string victimId, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<VictimJourney>(victimId, ct) is not { } journey)
        {
            return Results.NotFound();
        }

        var cases = await session.LoadManyAsync<CaseSummary>(ct, journey.Cases.Select(c => StreamKeys.Case(c.Urn)));
        return Results.Ok(new VictimJourneyView(journey,
            cases.Select(c => new CaseProgress(c.Urn, c.Stage, c.NextHearing, c.Outcome)).ToList()));
    }
}

public sealed class VictimLiveView : ILiveView
{
    public string Name => LiveViews.Victim;

    public IReadOnlyCollection<string> Roles { get; } = [Security.Roles.Agency, Security.Roles.Auditor, Security.Roles.Admin];

    public bool Keyed => true;
}
