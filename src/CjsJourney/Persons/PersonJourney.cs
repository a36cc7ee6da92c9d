using CjsJourney.Cases;
using CjsJourney.Infrastructure;
using CjsJourney.Iom;
using CjsJourney.Journeys;
using CjsJourney.Live;
using CjsJourney.Security;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace CjsJourney.Persons;

/// <summary>
/// One person's journey across all their cases and agencies: charge → court → disposal or sentence → custody →
/// release → licence → recall, out-of-court disposals with their conditions, and resettlement pathways with every
/// status they ever had (never overwritten, never wiped by a recall).
/// </summary>
public sealed record PersonJourney
{
    public required string Id { get; init; }

    public IReadOnlyList<PersonIdentifier> Identifiers { get; init; } = [];

    /// <summary>Records merged into this one: their facts are read as this person's.</summary>
    public IReadOnlyList<string> MergedPersonIds { get; init; } = [];

    /// <summary>Set when this record was merged into another: read that one instead.</summary>
    public string? MergedInto { get; init; }

    public IReadOnlyList<PersonCase> Cases { get; init; } = [];

    public LegalStatus LegalStatus { get; init; } = LegalStatus.Community;

    public DateTimeOffset? LegalStatusAt { get; init; }

    public string? Establishment { get; init; }

    public IReadOnlyList<CustodyPeriod> Custody { get; init; } = [];

    public Licence? Licence { get; init; }

    public IReadOnlyList<RecallRecord> Recalls { get; init; } = [];

    public IReadOnlyList<BreachRecord> Breaches { get; init; } = [];

    public IReadOnlyList<OutOfCourtDisposal> OutOfCourtDisposals { get; init; } = [];

    public IReadOnlyList<PathwayRecord> Pathways { get; init; } = [];

    public IReadOnlyList<AccommodationRecord> AccommodationOnRelease { get; init; } = [];

    public IReadOnlyList<DutyToReferRecord> DutyToRefer { get; init; } = [];

    public MappaRecord? Mappa { get; init; }

    /// <summary>Integrated Offender Management: null if never selected.</summary>
    public IomMembership? Iom { get; init; }

    /// <summary>Ever selected to IOM: an indexed column, so a past cohort is refolded without reading every person.</summary>
    public bool IomEverSelected => Iom is not null;

    /// <summary>In the IOM cohort now.</summary>
    public bool IomActive => Iom is { Active: true };

    /// <summary>When the last IOM selection decision was made, in UTC (a deselection shows in the period's flows).</summary>
    public DateTimeOffset? IomLastDecisionAt => Iom is { History.Count: > 0 } iom ? iom.History.Max(d => d.At).ToUniversalTime() : null;

    /// <summary>The expected release date while in custody, as the prison last set it.</summary>
    public DateOnly? ExpectedRelease { get; init; }

    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    /// <summary>When the police last did anything about the person: kept apart so a cohort is read without timelines.</summary>
    public DateTimeOffset? LastPoliceActivityAt { get; init; }

    /// <summary>The person ids a fact is about: their own stream's, or those a case fact names.</summary>
    public static IReadOnlyList<string> PersonIdsOf(Fact fact) => fact switch
    {
        PersonRecordsMerged m => [m.PersonId, m.MergedPersonId],
        PersonRecordsUnmerged u => [u.PersonId, u.MergedPersonId],
        IPersonFact p => [p.PersonId],
        IConcernsPerson c => [c.PersonId],
        IConcernsPersons c => c.Defendants,
        _ => [],
    };

    /// <summary>
    /// The journey after one more fact. Pure: used by the projections, by merges and by auditors' replays.
    /// <paramref name="withTimeline"/> false keeps the facts' effects without listing the facts themselves.
    /// </summary>
    public static PersonJourney Fold(PersonJourney? state, string id, IEvent e, bool withTimeline = true)
    {
        var fact = (Fact)e.Data;
        var at = fact.OccurredAt;
        var j = state ?? new PersonJourney { Id = id };
        if (withTimeline)
        {
            j = j with { Timeline = Journeys.Timeline.With(j.Timeline, e) };
        }

        if (fact.Source == Agency.Police && !(j.LastPoliceActivityAt >= at))
        {
            j = j with { LastPoliceActivityAt = at };
        }

        var urn = (e.Data as ICaseFact)?.Urn;
        if (urn is not null)
        {
            j = j.WithCase(urn, c => PersonCase.Fold(c, e.Data, at));
        }

        j = e.Data switch
        {
            IdentifierLinked l => j with
            {
                Identifiers = [.. j.Identifiers.Where(x => !(x.Scheme == l.Scheme && x.Value == l.Value)), new PersonIdentifier(l.Scheme, l.Value, at, null)],
            },
            IdentifierUnlinked u => j with
            {
                Identifiers = j.Identifiers.Select(x => x.Scheme == u.Scheme && x.Value == u.Value ? x with { UnlinkedAt = at } : x).ToList(),
            },
            PersonRecordsMerged m when m.PersonId == id => j with { MergedPersonIds = [.. j.MergedPersonIds.Where(x => x != m.MergedPersonId), m.MergedPersonId] },
            PersonRecordsMerged m when m.MergedPersonId == id => j with { MergedInto = m.PersonId },
            PersonRecordsUnmerged u when u.PersonId == id => j with { MergedPersonIds = j.MergedPersonIds.Where(x => x != u.MergedPersonId).ToList() },
            PersonRecordsUnmerged u when u.MergedPersonId == id => j with { MergedInto = null },
            Remanded r => j.WithStatus(LegalStatus.Remanded, at, r.Establishment ?? j.Establishment) with
            {
                Custody = [.. j.Custody, new CustodyPeriod(r.Establishment, CustodyBasis.Remand, at, null, null)],
            },
            EnteredCustody c => j.WithStatus(LegalStatus.InCustody, at, c.Establishment) with
            {
                Custody = [.. j.Custody, new CustodyPeriod(c.Establishment, c.Basis, at, null, null)],
                ExpectedRelease = c.ExpectedRelease ?? j.ExpectedRelease,
            },
            Released r => j.WithStatus(r.Kind == ReleaseKind.OnLicence ? LegalStatus.OnLicence : LegalStatus.Community, at, null) with
            {
                Custody = CloseCustody(j.Custody, at, r.Kind),
                Licence = r.Kind == ReleaseKind.OnLicence && r.LicenceEnd is { } end &&
                          (j.Licence is null || j.Licence.ReleasedOn <= UkTime.DateOf(at))
                    ? new Licence(UkTime.DateOf(at), end, r.LicenceConditions ?? [])
                    : j.Licence,
            },
            LicenceConditionBreached b => j with { Breaches = [.. j.Breaches, new BreachRecord(b.Condition, at)] },
            Recalled r => j.WithStatus(LegalStatus.UnlawfullyAtLarge, at, null) with
            {
                Recalls = [.. j.Recalls, new RecallRecord(r.Kind, r.Reason, at)],
            },
            OocdOffered o => j.WithOocd(o.OocdId, d => d with
            {
                Regime = o.Regime,
                Kind = o.Kind,
                Urn = o.Urn,
                OfferedAt = at,
                DecisionMaker = o.DecisionMaker,
                Status = d.Status == OocdStatus.Unknown ? OocdStatus.Offered : d.Status,
            }),
            OocdAccepted a => j.WithOocd(a.OocdId, d => d with
            {
                Status = d.Status is OocdStatus.Completed or OocdStatus.Failed ? d.Status : OocdStatus.Accepted,
                AdmissionMade = a.AdmissionMade,
                ConsentGiven = a.ConsentGiven,
                AcceptedAt = at,
            }),
            OocdDeclined d => j.WithOocd(d.OocdId, o => o with { Status = OocdStatus.Declined }),
            OocdConditionSet c => j.WithOocd(c.OocdId, d => d with
            {
                Conditions = [.. d.Conditions.Where(x => x.ConditionId != c.ConditionId),
                    new OocdCondition(c.ConditionId, c.Kind, c.Due, c.Hours, c.Provider, ConditionStatus.Set, null)],
            }),
            OocdConditionCompleted c => j.WithCondition(c.OocdId, c.ConditionId, ConditionStatus.Completed, at),
            OocdConditionFailed c => j.WithCondition(c.OocdId, c.ConditionId, ConditionStatus.Failed, at)
                .WithOocd(c.OocdId, d => d with { Status = OocdStatus.Failed }),
            OocdCompleted c => j.WithOocd(c.OocdId, d => d with { Status = OocdStatus.Completed, CompletedAt = at }),
            VictimViewsRecorded v => j.WithOocd(v.OocdId, d => d with
            {
                VictimViews = new VictimViews(v.ViewsSought, v.ViewsGiven, v.RemedyAttached, v.ReasonRemedyNotAttached, at),
            }),
            PathwayNeedIdentified n => j.WithPathway(n.Pathway, p => p with { NeedIdentifiedAt = p.NeedIdentifiedAt ?? at }),
            PathwayStatusChanged s => j.WithPathway(s.Pathway, p => p.WithStatus(s.Status, at, e.Timestamp)),
            AccommodationOnReleaseRecorded a => j with
            {
                AccommodationOnRelease = [.. j.AccommodationOnRelease.Append(new AccommodationRecord(a.Accommodation, at)).OrderBy(x => x.At)],
            },
            DutyToReferMade d => j with { DutyToRefer = [.. j.DutyToRefer, new DutyToReferRecord(d.LocalAuthority, d.ConsentGiven, at)] },
            MappaManaged m => Journeys.Timeline.IsLatest(at, j.Mappa?.At) ? j with { Mappa = new MappaRecord(m.Category, m.Level, at) } : j,
            IomSelected or IomDeselected or IomRatingChanged or IomLeadWorkersAssigned =>
                j with { Iom = IomMembership.Fold(j.Iom, fact, at) },
            ReleaseDateSet r => j with { ExpectedRelease = r.ExpectedRelease },
            _ => j,
        };
        return j;
    }

    private PersonJourney WithStatus(LegalStatus status, DateTimeOffset at, string? establishment) =>
        Journeys.Timeline.IsLatest(at, LegalStatusAt)
            ? this with { LegalStatus = status, LegalStatusAt = at, Establishment = establishment }
            : this;

    private static List<CustodyPeriod> CloseCustody(IReadOnlyList<CustodyPeriod> custody, DateTimeOffset at, ReleaseKind kind)
    {
        var list = custody.ToList();
        var open = list.FindLastIndex(c => c.ReleasedAt is null && c.EnteredAt <= at);
        if (open >= 0)
        {
            list[open] = list[open] with { ReleasedAt = at, ReleaseKind = kind };
        }

        return list;
    }

    private PersonJourney WithCase(string urn, Func<PersonCase, PersonCase> change)
    {
        var existing = Cases.FirstOrDefault(c => c.Urn == urn) ?? new PersonCase { Urn = urn };
        return this with { Cases = [.. Cases.Where(c => c.Urn != urn), change(existing)] };
    }

    private PersonJourney WithOocd(string oocdId, Func<OutOfCourtDisposal, OutOfCourtDisposal> change)
    {
        var existing = OutOfCourtDisposals.FirstOrDefault(o => o.OocdId == oocdId) ?? new OutOfCourtDisposal { OocdId = oocdId };
        return this with { OutOfCourtDisposals = [.. OutOfCourtDisposals.Where(o => o.OocdId != oocdId), change(existing)] };
    }

    private PersonJourney WithCondition(string oocdId, string conditionId, ConditionStatus status, DateTimeOffset at) =>
        WithOocd(oocdId, d => d with
        {
            Conditions = d.Conditions.Any(c => c.ConditionId == conditionId)
                ? d.Conditions.Select(c => c.ConditionId == conditionId ? c with { Status = status, StatusAt = at } : c).ToList()
                : [.. d.Conditions, new OocdCondition(conditionId, null, null, null, null, status, at)],
        });

    private PersonJourney WithPathway(Pathway pathway, Func<PathwayRecord, PathwayRecord> change)
    {
        var existing = Pathways.FirstOrDefault(p => p.Pathway == pathway) ?? new PathwayRecord { Pathway = pathway };
        return this with { Pathways = [.. Pathways.Where(p => p.Pathway != pathway).Append(change(existing)).OrderBy(p => p.Pathway)] };
    }
}

/// <summary>A person's IOM membership: the current selection, its rating and lead workers, and every panel decision.</summary>
public sealed record IomMembership
{
    public bool Active { get; init; }

    public IomCohort? Cohort { get; init; }

    /// <summary>The panel date of the current (or last) selection.</summary>
    public DateOnly? SelectedOn { get; init; }

    public decimal? SelectionScore { get; init; }

    public string? ScoringMethod { get; init; }

    public DateOnly? DeselectedOn { get; init; }

    public IomDeselectionReason? DeselectionReason { get; init; }

    public IomRating? Rating { get; init; }

    public string? LeadPoliceOfficer { get; init; }

    public string? LeadProbationPractitioner { get; init; }

    public IReadOnlyList<IomDecision> History { get; init; } = [];

    public IReadOnlyList<IomRatingChange> RatingHistory { get; init; } = [];

    internal static IomMembership Fold(IomMembership? m, Fact fact, DateTimeOffset at)
    {
        m ??= new IomMembership();
        return fact switch
        {
            IomSelected s => m with
            {
                Active = true,
                Cohort = s.Cohort,
                SelectedOn = s.PanelDate,
                SelectionScore = s.SelectionScore,
                ScoringMethod = s.ScoringMethod,
                DeselectedOn = null,
                DeselectionReason = null,
                History = [.. m.History, new IomDecision(m.History.Any(h => h.Decision == "selected") ? "re-selected" : "selected", s.Cohort, s.PanelDate, s.SelectionScore, s.ScoringMethod, null, at)],
            },
            IomDeselected d => m with
            {
                Active = false,
                DeselectedOn = UkTime.DateOf(at),
                DeselectionReason = d.Reason,
                History = [.. m.History, new IomDecision("deselected", m.Cohort, UkTime.DateOf(at), null, null, d.Reason, at)],
            },
            IomRatingChanged r => m with
            {
                Rating = r.Rating,
                RatingHistory = [.. m.RatingHistory, new IomRatingChange(r.Rating, r.Reason, at)],
            },
            IomLeadWorkersAssigned w => m with { LeadPoliceOfficer = w.PoliceOfficer, LeadProbationPractitioner = w.ProbationPractitioner },
            _ => m,
        };
    }
}

public sealed record IomDecision(string Decision, IomCohort? Cohort, DateOnly On, decimal? Score, string? ScoringMethod,
    IomDeselectionReason? Reason, DateTimeOffset At);

public sealed record IomRatingChange(IomRating Rating, string? Reason, DateTimeOffset At);

public enum LegalStatus
{
    Community,
    Remanded,
    InCustody,
    OnLicence,
    UnlawfullyAtLarge,
}

public sealed record PersonIdentifier(IdentifierScheme Scheme, string Value, DateTimeOffset LinkedAt, DateTimeOffset? UnlinkedAt);

/// <summary>One case of this person's: the charges, plea, verdict and sentence as the courts recorded them.</summary>
public sealed record PersonCase
{
    public required string Urn { get; init; }

    public DateTimeOffset? FirstNamedAt { get; init; }

    public DateTimeOffset? ArrestedAt { get; init; }

    public IReadOnlyList<Charge> Charges { get; init; } = [];

    public DateTimeOffset? ChargedAt { get; init; }

    public IReadOnlyList<HearingAttendance> Hearings { get; init; } = [];

    public Plea? Plea { get; init; }

    public Verdict? Verdict { get; init; }

    public DateTimeOffset? ConvictedAt { get; init; }

    public Disposal? Sentence { get; init; }

    public int? CustodyDays { get; init; }

    public DateTimeOffset? SentencedAt { get; init; }

    public bool ReleasedWithoutCharge { get; init; }

    internal static PersonCase Fold(PersonCase c, object fact, DateTimeOffset at)
    {
        c = c with { FirstNamedAt = c.FirstNamedAt is { } f && f < at ? f : at };
        return fact switch
        {
            SuspectArrested => c with { ArrestedAt = at },
            SuspectReleasedWithoutCharge => c with { ReleasedWithoutCharge = true },
            SuspectCharged s => c with { Charges = s.Charges, ChargedAt = at },
            HearingListed h => c with { Hearings = [.. c.Hearings.Where(x => x.HearingId != h.HearingId), new HearingAttendance(h.HearingId, h.HearingType, h.Court, h.StartsAt, null)] },
            TrialListed t => c with { Hearings = [.. c.Hearings.Where(x => x.HearingId != t.HearingId), new HearingAttendance(t.HearingId, HearingType.Trial, t.Court, UkTime.StartOfDay(t.StartsOn), null)] },
            HearingResulted r => c with { Hearings = c.Hearings.Select(x => x.HearingId == r.HearingId ? x with { Outcome = r.Outcome } : x).ToList() },
            PleaEntered p => c with { Plea = p.Plea, ConvictedAt = p.Plea == Cases.Plea.Guilty ? c.ConvictedAt ?? at : c.ConvictedAt },
            VerdictReached v => c with { Verdict = v.Verdict, ConvictedAt = v.Verdict == Cases.Verdict.Guilty ? c.ConvictedAt ?? at : c.ConvictedAt },
            Sentenced s => c with { Sentence = s.Disposal, CustodyDays = s.CustodyDays, SentencedAt = at },
            _ => c,
        };
    }
}

public sealed record HearingAttendance(string HearingId, HearingType? Type, string Court, DateTimeOffset StartsAt, HearingOutcome? Outcome);

public sealed record CustodyPeriod(string? Establishment, CustodyBasis Basis, DateTimeOffset EnteredAt, DateTimeOffset? ReleasedAt, ReleaseKind? ReleaseKind);

/// <summary>A licence: since June 2024 probation's active supervision stops at two-thirds, so the final third matters.</summary>
public sealed record Licence(DateOnly ReleasedOn, DateOnly LicenceEnd, IReadOnlyList<string> Conditions)
{
    public DateOnly FinalThirdFrom => ReleasedOn.AddDays((int)Math.Ceiling((LicenceEnd.DayNumber - ReleasedOn.DayNumber) * 2 / 3.0));
}

public sealed record RecallRecord(RecallKind Kind, string Reason, DateTimeOffset At);

public sealed record BreachRecord(string Condition, DateTimeOffset At);

public enum OocdStatus
{
    Unknown,
    Offered,
    Accepted,
    Declined,
    Completed,
    Failed,
}

public enum ConditionStatus
{
    Set,
    Completed,
    Failed,
}

public sealed record OutOfCourtDisposal
{
    public required string OocdId { get; init; }

    public OocdRegime? Regime { get; init; }

    public OocdKind? Kind { get; init; }

    public string? Urn { get; init; }

    public string? DecisionMaker { get; init; }

    public DateTimeOffset? OfferedAt { get; init; }

    public OocdStatus Status { get; init; } = OocdStatus.Unknown;

    public bool? AdmissionMade { get; init; }

    public bool? ConsentGiven { get; init; }

    public DateTimeOffset? AcceptedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public IReadOnlyList<OocdCondition> Conditions { get; init; } = [];

    public VictimViews? VictimViews { get; init; }
}

public sealed record OocdCondition(string ConditionId, ConditionKind? Kind, DateOnly? Due, int? Hours, string? Provider, ConditionStatus Status, DateTimeOffset? StatusAt);

public sealed record VictimViews(bool Sought, bool Given, bool RemedyAttached, string? ReasonRemedyNotAttached, DateTimeOffset At);

/// <summary>A resettlement pathway: its current status and every status it had, when it happened and when we learned it.</summary>
public sealed record PathwayRecord
{
    public required Pathway Pathway { get; init; }

    public DateTimeOffset? NeedIdentifiedAt { get; init; }

    public PathwayStatus Status { get; init; } = PathwayStatus.NotStarted;

    public IReadOnlyList<PathwayStatusChange> History { get; init; } = [];

    internal PathwayRecord WithStatus(PathwayStatus status, DateTimeOffset at, DateTimeOffset recordedAt)
    {
        var history = History.Append(new PathwayStatusChange(status, at, recordedAt)).OrderBy(h => h.At).ToList();
        return this with { History = history, Status = history[^1].Status };
    }
}

public sealed record PathwayStatusChange(PathwayStatus Status, DateTimeOffset At, DateTimeOffset RecordedAt);

public sealed record AccommodationRecord(Accommodation Accommodation, DateTimeOffset At);

public sealed record DutyToReferRecord(string LocalAuthority, bool ConsentGiven, DateTimeOffset At);

public sealed record MappaRecord(int Category, int Level, DateTimeOffset At);

/// <summary>
/// Inline: the IOM group and probation read a person's journey right after a partner records custody, release or a
/// pathway change, and intake uses its existence to know the person. Per person, fed by their own stream and every
/// case fact that names them (a hearing fans out to each defendant).
/// </summary>
public sealed partial class PersonJourneyProjection : MultiStreamProjection<PersonJourney, string>
{
    public PersonJourneyProjection() => Identities<Fact>(PersonJourney.PersonIdsOf);

    public override PersonJourney Evolve(PersonJourney? snapshot, string id, IEvent e) => PersonJourney.Fold(snapshot, id, e);
}

public static class GetPersonJourney
{
    /// <summary>
    /// A person's journey. Where records were merged, the merged ones' facts are folded in; asking for a merged
    /// record's id answers with the surviving record.
    /// </summary>
    [WolverineGet("/api/persons/{personId}", OperationId = "GetPersonJourney")]
    [Authorize(Roles = $"{Roles.Iom},{Roles.Auditor},{Roles.Admin}")]
    [ProducesResponseType<PersonJourney>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string personId, IQuerySession session, CancellationToken ct) =>
        await PersonJourneys.LoadAsync(session, personId, asAt: null, ct) is { } journey
            ? Results.Ok(journey)
            : Results.NotFound();
}

public sealed class PersonLiveView : ILiveView
{
    public string Name => LiveViews.Person;

    /// <summary>Followed by the person journey and the IOM offender record alike.</summary>
    public IReadOnlyCollection<string> Roles { get; } = [Security.Roles.Iom, Security.Roles.Auditor, Security.Roles.Admin];

    public bool Keyed => true;
}
