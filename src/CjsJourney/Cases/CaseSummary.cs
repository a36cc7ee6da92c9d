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

/// <summary>
/// Where a case stands: what was reported, its stage, each defendant's charges, plea, verdict and sentence, the
/// hearings, the victims and witnesses (by id), and the outcome. Every field is the latest by when it happened, so
/// facts may arrive late or out of order; the timeline lists them all in the order they happened.
/// </summary>
public sealed record CaseSummary
{
    /// <summary>The case's stream key (<c>case/URN</c>).</summary>
    public required string Id { get; init; }

    public required string Urn { get; init; }

    public CaseStage Stage { get; init; } = CaseStage.Reported;

    public DateTimeOffset? StageAt { get; init; }

    public string? Offence { get; init; }

    public OffenceCategory? OffenceCategory { get; init; }

    public IReadOnlyList<CrimeFlag> Flags { get; init; } = [];

    public CspArea? Area { get; init; }

    public DateTimeOffset? ReportedAt { get; init; }

    /// <summary>
    /// <see cref="ReportedAt"/> in UTC, as a column of its own (PostgreSQL keeps instants in UTC), so an IOM record reads
    /// when a member's offences were reported without unpacking each case's document.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset? ReportedAtUtc => ReportedAt?.ToUniversalTime();

    public IReadOnlyList<Defendant> Defendants { get; init; } = [];

    public IReadOnlyList<CaseVictim> Victims { get; init; } = [];

    public IReadOnlyList<CaseWitness> Witnesses { get; init; } = [];

    public IReadOnlyList<Hearing> Hearings { get; init; } = [];

    /// <summary>The earliest listed hearing that has no result yet.</summary>
    public Hearing? NextHearing => Hearings.Where(h => h.Outcome is null).OrderBy(h => h.StartsAt).FirstOrDefault();

    public string? NotInvestigatedReason { get; init; }

    public string? DiscontinuedReason { get; init; }

    public CaseOutcome? Outcome { get; init; }

    public DateTimeOffset? ConcludedAt { get; init; }

    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    /// <summary>The stream version this summary reflects.</summary>
    public long Version { get; init; }

    /// <summary>When we last learned something about the case.</summary>
    public DateTimeOffset LastRecordedAt { get; init; }

    /// <summary>The case after one more fact. Pure: used by the projection and by auditors' replays alike.</summary>
    public static CaseSummary? Fold(CaseSummary? state, IEvent e)
    {
        if (e.Data is not ICaseFact fact)
        {
            return state; // another stream's event: not about a case
        }

        var at = ((Fact)e.Data).OccurredAt;
        var current = (state ?? new CaseSummary { Id = e.StreamKey ?? StreamKeys.Case(fact.Urn), Urn = fact.Urn }) with
        {
            Timeline = Journeys.Timeline.With(state?.Timeline ?? [], e),
            Version = e.Version,
            LastRecordedAt = e.Timestamp,
        };

        var next = e.Data switch
        {
            CrimeReported r => current with
            {
                Offence = r.Offence,
                OffenceCategory = r.OffenceCategory,
                Flags = r.Flags,
                Area = r.Area,
                ReportedAt = r.ReportedAt,
            },
            VictimIdentified v => current with
            {
                Victims = [.. current.Victims.Where(x => x.VictimId != v.VictimId), new CaseVictim(v.VictimId, v.Role, null)],
            },
            VictimWithdrewSupport w => current with
            {
                Victims = current.Victims.Select(x => x.VictimId == w.VictimId ? x with { WithdrewSupportAt = at } : x).ToList(),
            },
            WitnessIdentified w => current with
            {
                Witnesses = [.. current.Witnesses.Where(x => x.WitnessId != w.WitnessId), new CaseWitness(w.WitnessId, w.Kind, w.VictimId)],
            },
            DecisionNotToInvestigate d => current with { NotInvestigatedReason = d.Reason },
            CaseDiscontinued d => d.PersonId is null
                ? current with { DiscontinuedReason = d.Reason }
                : current.WithDefendant(d.PersonId, x => x with { Status = DefendantStatus.Discontinued, StatusAt = Later(x.StatusAt, at) }),
            SuspectCharged { FirstHearing: { } first } c => current.WithHearing(FirstHearingFromCharge(c.PersonId), x => x with
            {
                Type = HearingType.FirstHearing,
                Court = first.Court,
                StartsAt = Infrastructure.UkTime.StartOfDay(first.Date),
                Defendants = [c.PersonId],
            }).WithDefendant(c.PersonId, d => Defendant.Fold(d, e.Data, at)),
            HearingListed h => current.WithoutProvisionalFirstHearing(h).WithHearing(h.HearingId, x => x with
            {
                Type = h.HearingType,
                Court = h.Court,
                StartsAt = h.StartsAt,
                Defendants = h.Defendants,
            }),
            TrialListed t => current.WithHearing(t.HearingId, x => x with
            {
                Type = HearingType.Trial,
                Court = t.Court,
                StartsAt = Infrastructure.UkTime.StartOfDay(t.StartsOn),
                Defendants = t.Defendants,
            }),
            HearingResulted r => current.WithHearing(r.HearingId, x => x with { Outcome = r.Outcome, ReasonCode = r.ReasonCode, ResultedAt = at }),
            ListingReceivedByWitnessCare l => current.WithHearing(l.HearingId, x => x with { ListingReceivedByWitnessCareAt = at }),
            ResultReceivedByWitnessCare r => current.WithHearing(r.HearingId, x => x with { ResultReceivedByWitnessCareAt = at }),
            CaseConcluded c => current with { Outcome = c.Outcome, ConcludedAt = at },
            IConcernsPerson p => current.WithDefendant(p.PersonId, d => Defendant.Fold(d, e.Data, at)),
            _ => current,
        };

        var stage = StageAfter(e.Data);
        return stage is { } moved && Journeys.Timeline.IsLatest(at, current.StageAt) ? next with { Stage = moved, StageAt = at } : next;
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    /// <summary>The stage a fact moves the case to, if it moves it at all.</summary>
    private static CaseStage? StageAfter(object fact) => fact switch
    {
        CrimeReported => CaseStage.Reported,
        SuspectIdentified or SuspectArrested or SuspectInterviewed or SuspectBailed => CaseStage.UnderInvestigation,
        DecisionNotToInvestigate => CaseStage.NotInvestigated,
        SuspectReleasedWithoutCharge => CaseStage.NoFurtherAction,
        ChargingDecisionMade { Decision: ChargingDecision.NoFurtherAction } => CaseStage.NoFurtherAction,
        ChargingDecisionMade { Decision: ChargingDecision.OutOfCourtDisposal } => CaseStage.OutOfCourtDisposal,
        ChargingDecisionMade { Decision: ChargingDecision.Charge } => CaseStage.Charged,
        ChargingDecisionMade => CaseStage.UnderInvestigation,
        SuspectCharged => CaseStage.Charged,
        HearingListed or TrialListed or SentToCrownCourt or PleaEntered or HearingResulted => CaseStage.InCourt,
        VerdictReached { Verdict: Verdict.Guilty } => CaseStage.AwaitingSentence,
        VerdictReached => CaseStage.Acquitted,
        Sentenced => CaseStage.Sentenced,
        AppealLodged => CaseStage.UnderAppeal,
        AppealDetermined => CaseStage.AppealDetermined,
        CaseDiscontinued { PersonId: null } => CaseStage.Discontinued,
        CaseConcluded => CaseStage.Concluded,
        _ => null,
    };

    private CaseSummary WithDefendant(string personId, Func<Defendant, Defendant> change)
    {
        var existing = Defendants.FirstOrDefault(d => d.PersonId == personId) ?? new Defendant { PersonId = personId };
        return this with { Defendants = [.. Defendants.Where(d => d.PersonId != personId), change(existing)] };
    }

    /// <summary>The first hearing fixed at charge, until the court lists it under its own hearing id.</summary>
    private static string FirstHearingFromCharge(string personId) => $"first-hearing-{personId}";

    private CaseSummary WithoutProvisionalFirstHearing(HearingListed listed) =>
        listed.HearingType != HearingType.FirstHearing
            ? this
            : this with
            {
                Hearings = Hearings.Where(h => !listed.Defendants.Any(d => h.HearingId == FirstHearingFromCharge(d))).ToList(),
            };

    private CaseSummary WithHearing(string hearingId, Func<Hearing, Hearing> change)
    {
        var existing = Hearings.FirstOrDefault(h => h.HearingId == hearingId) ?? new Hearing { HearingId = hearingId };
        return this with
        {
            Hearings = [.. Hearings.Where(h => h.HearingId != hearingId).Append(change(existing)).OrderBy(h => h.StartsAt)],
        };
    }
}

public enum CaseStage
{
    Reported,
    UnderInvestigation,
    NotInvestigated,
    NoFurtherAction,
    OutOfCourtDisposal,
    Charged,
    InCourt,
    AwaitingSentence,
    Acquitted,
    Sentenced,
    UnderAppeal,
    AppealDetermined,
    Discontinued,
    Concluded,
}

public enum DefendantStatus
{
    Suspect,
    Arrested,
    Bailed,
    ReleasedUnderInvestigation,
    ReleasedWithoutCharge,
    Charged,
    Convicted,
    Acquitted,
    Sentenced,
    Discontinued,
}

/// <summary>One suspect or defendant on the case, by person id.</summary>
public sealed record Defendant
{
    public required string PersonId { get; init; }

    public DefendantStatus Status { get; init; } = DefendantStatus.Suspect;

    public DateTimeOffset? StatusAt { get; init; }

    public DateTimeOffset? ArrestedAt { get; init; }

    public BailKind? Bail { get; init; }

    public DateOnly? BailReturnDate { get; init; }

    public IReadOnlyList<ChargingDecisionRecord> ChargingDecisions { get; init; } = [];

    public IReadOnlyList<Charge> Charges { get; init; } = [];

    public DateTimeOffset? ChargedAt { get; init; }

    public string? CrownCourt { get; init; }

    public Plea? Plea { get; init; }

    public Verdict? Verdict { get; init; }

    public Disposal? Sentence { get; init; }

    public int? CustodyDays { get; init; }

    public IReadOnlyList<AncillaryOrder> AncillaryOrders { get; init; } = [];

    public IReadOnlyList<Appeal> Appeals { get; init; } = [];

    internal static Defendant Fold(Defendant d, object fact, DateTimeOffset at)
    {
        var changed = fact switch
        {
            SuspectArrested => d with { ArrestedAt = at },
            SuspectBailed b => Timeline.IsLatest(at, d.StatusAt) ? d with { Bail = b.Kind, BailReturnDate = b.ReturnDate } : d,
            ChargingDecisionMade c => d with { ChargingDecisions = [.. d.ChargingDecisions, new ChargingDecisionRecord(c.DecidedBy, c.Decision, c.Reason, at)] },
            SuspectCharged c => d with { Charges = c.Charges, ChargedAt = at },
            SentToCrownCourt sent => d with { CrownCourt = sent.CrownCourt },
            PleaEntered p => d with { Plea = p.Plea },
            VerdictReached v => d with { Verdict = v.Verdict },
            Sentenced sentence => d with { Sentence = sentence.Disposal, CustodyDays = sentence.CustodyDays, AncillaryOrders = sentence.AncillaryOrders ?? [] },
            AppealLodged a => d with { Appeals = [.. d.Appeals, new Appeal(a.Against, a.LodgedBy, at, null)] },
            AppealDetermined r => d with
            {
                Appeals = d.Appeals.Count == 0
                    ? [new Appeal(AppealAgainst.ConvictionAndSentence, AppealBy.Defence, at, r.Result)]
                    : [.. d.Appeals.SkipLast(1), d.Appeals[^1] with { Result = r.Result }],
            },
            _ => d,
        };

        DefendantStatus? status = fact switch
        {
            SuspectArrested => DefendantStatus.Arrested,
            SuspectBailed { Kind: BailKind.ReleasedUnderInvestigation } => DefendantStatus.ReleasedUnderInvestigation,
            SuspectBailed => DefendantStatus.Bailed,
            SuspectReleasedWithoutCharge => DefendantStatus.ReleasedWithoutCharge,
            SuspectCharged => DefendantStatus.Charged,
            VerdictReached { Verdict: CjsJourney.Cases.Verdict.Guilty } => DefendantStatus.Convicted,
            VerdictReached => DefendantStatus.Acquitted,
            PleaEntered { Plea: CjsJourney.Cases.Plea.Guilty } => DefendantStatus.Convicted,
            Sentenced => DefendantStatus.Sentenced,
            _ => null,
        };
        return status is { } s && Timeline.IsLatest(at, changed.StatusAt) ? changed with { Status = s, StatusAt = at } : changed;
    }
}

public sealed record ChargingDecisionRecord(DecisionMaker DecidedBy, ChargingDecision Decision, string? Reason, DateTimeOffset At);

public sealed record Appeal(AppealAgainst Against, AppealBy LodgedBy, DateTimeOffset LodgedAt, AppealResult? Result);

public sealed record CaseVictim(string VictimId, VictimRole Role, DateTimeOffset? WithdrewSupportAt);

public sealed record CaseWitness(string WitnessId, WitnessKind Kind, string? VictimId);

public sealed record Hearing
{
    public required string HearingId { get; init; }

    public HearingType? Type { get; init; }

    public string? Court { get; init; }

    public DateTimeOffset? StartsAt { get; init; }

    public IReadOnlyList<string> Defendants { get; init; } = [];

    public HearingOutcome? Outcome { get; init; }

    public string? ReasonCode { get; init; }

    public DateTimeOffset? ResultedAt { get; init; }

    /// <summary>First clock of a Witness Care duty: the listing reached Witness Care.</summary>
    public DateTimeOffset? ListingReceivedByWitnessCareAt { get; init; }

    /// <summary>First clock of a Witness Care duty: the result reached Witness Care.</summary>
    public DateTimeOffset? ResultReceivedByWitnessCareAt { get; init; }
}

/// <summary>
/// Inline: partners and auditors read a case straight after a fact is submitted (the live push tells them to), so the
/// summary is written in the same transaction as the facts and is never stale. One stream, one document: cheap.
/// </summary>
public sealed partial class CaseSummaryProjection : SingleStreamProjection<CaseSummary, string>
{
    public override CaseSummary? Evolve(CaseSummary? snapshot, string id, IEvent e) => CaseSummary.Fold(snapshot, e);
}

public sealed class CaseLiveView : ILiveView
{
    public string Name => LiveViews.Case;

    public IReadOnlyCollection<string> Roles { get; } =
        [Security.Roles.Agency, Security.Roles.Auditor, Security.Roles.Iom, Security.Roles.Admin];

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
