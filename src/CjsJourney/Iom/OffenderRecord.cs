using CjsJourney.Auditing;
using CjsJourney.Cases;
using CjsJourney.Infrastructure;
using CjsJourney.Journeys;
using CjsJourney.Persons;
using CjsJourney.Security;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace CjsJourney.Iom;

/// <summary>An offence attributed to the person (charged, convicted or resolved out of court), scored for harm.</summary>
public sealed record Offence(string Urn, OffenceCategory Category, DateOnly CommittedOn, HarmScore Harm, bool Charged,
    DateOnly? ProvenOn, string? ProvenBy);

public enum Trend
{
    Stopped,
    Reduced,
    NoChange,
    Increased,
    TooEarly,
}

/// <summary>Offending and harm in the 12 months before selection against since selection (annualised).</summary>
public sealed record PrePost(
    DateOnly SelectedOn,
    int DaysSince,
    int OffencesBefore,
    int OffencesSince,
    double OffencesPer12MonthsSince,
    int HarmBefore,
    int HarmSince,
    double HarmPer12MonthsSince,
    Trend Offending,
    Trend Harm);

/// <summary>
/// MoJ proven reoffending from the IOM start: an offence committed within 12 months and proven (conviction or caution)
/// within those 12 months or a further 6; provisional until the 18 months have passed.
/// </summary>
public sealed record ProvenReoffending(DateOnly Start, DateOnly FinalOn, bool Final, bool Reoffended, int Reoffences);

public sealed record Activity(int Arrests, int Charges, int Convictions, int OutOfCourtDisposals, int Breaches, int Recalls);

public sealed record KeyDates(DateOnly? ExpectedRelease, DateOnly? LicenceEnd, DateOnly? FinalThirdFrom, DateTimeOffset? LastPoliceActivity);

/// <summary>The IOM Oversight Group's record of one person, as it stands (or stood) at an instant.</summary>
public sealed record OffenderRecord(
    string PersonId,
    DateTimeOffset AsAt,
    IReadOnlyList<PersonIdentifier> Identifiers,
    IomMembership? Iom,
    MappaRecord? Mappa,
    LegalStatus LegalStatus,
    string? Establishment,
    KeyDates KeyDates,
    IReadOnlyList<PathwayRecord> Pathways,
    IReadOnlyList<AccommodationRecord> AccommodationOnRelease,
    Activity Activity,
    IReadOnlyList<Offence> Offences,
    IReadOnlyList<RecallRecord> Recalls,
    IReadOnlyList<BreachRecord> Breaches,
    IReadOnlyList<OutOfCourtDisposal> OutOfCourtDisposals,
    PrePost? Outcomes,
    ProvenReoffending? ProvenReoffending,
    IReadOnlyList<TimelineEntry> Timeline)
{
    /// <summary>The record from the person's journey and their cases as known at <paramref name="asAt"/>. Pure.</summary>
    public static OffenderRecord From(PersonJourney j, IReadOnlyDictionary<string, CaseSummary> cases, HarmIndex harm,
        DateTimeOffset asAt)
    {
        var offences = OffencesOf(j, cases, harm);
        var today = UkTime.DateOf(asAt);
        var policeActivity = j.LastPoliceActivityAt;
        var activity = new Activity(
            j.Cases.Count(c => c.ArrestedAt is not null),
            j.Cases.Count(c => c.ChargedAt is not null),
            j.Cases.Count(c => c.ConvictedAt is not null),
            j.OutOfCourtDisposals.Count(o => o.Status is OocdStatus.Accepted or OocdStatus.Completed or OocdStatus.Failed),
            j.Breaches.Count,
            j.Recalls.Count);
        return new OffenderRecord(j.Id, asAt, j.Identifiers, j.Iom, j.Mappa, j.LegalStatus, j.Establishment,
            new KeyDates(j.ExpectedRelease, j.Licence?.LicenceEnd, j.Licence?.FinalThirdFrom, policeActivity),
            j.Pathways, j.AccommodationOnRelease, activity, offences, j.Recalls, j.Breaches, j.OutOfCourtDisposals,
            j.Iom?.SelectedOn is { } selected ? Compare(offences, selected, today) : null,
            j.Iom?.SelectedOn is { } start ? Reoffending(offences, start, today) : null,
            j.Timeline);
    }

    /// <summary>Offences the person was charged with, convicted of or given an out-of-court disposal for.</summary>
    public static IReadOnlyList<Offence> OffencesOf(PersonJourney j, IReadOnlyDictionary<string, CaseSummary> cases, HarmIndex harm)
    {
        var cautioned = Cautioned(j);
        return OffenceCases(j, cautioned)
            .Select(c =>
            {
                var summary = cases.GetValueOrDefault(c.Urn);
                var committed = UkTime.DateOf(summary?.ReportedAt ?? c.FirstNamedAt ?? c.ChargedAt!.Value);
                var category = summary?.OffenceCategory ?? OffenceCategory.MiscellaneousCrimesAgainstSociety;
                var (provenOn, by) = c.ConvictedAt is { } convicted
                    ? (UkTime.DateOf(convicted), "conviction")
                    : cautioned.GetValueOrDefault(c.Urn) is { } accepted
                        ? (UkTime.DateOf(accepted), "out-of-court disposal")
                        : ((DateOnly?)null, (string?)null);
                return new Offence(c.Urn, category, committed, harm.Score(category, committed), c.ChargedAt is not null, provenOn, by);
            })
            .OrderBy(o => o.CommittedOn)
            .ToList();
    }

    /// <summary>The cases that count as the person's offences, the only ones whose summaries a record reads.</summary>
    public static IEnumerable<PersonCase> OffenceCases(PersonJourney j) => OffenceCases(j, Cautioned(j));

    private static IEnumerable<PersonCase> OffenceCases(PersonJourney j, Dictionary<string, DateTimeOffset?> cautioned) =>
        j.Cases.Where(c => c.ChargedAt is not null || c.ConvictedAt is not null || cautioned.ContainsKey(c.Urn));

    private static Dictionary<string, DateTimeOffset?> Cautioned(PersonJourney j) => j.OutOfCourtDisposals
        .Where(o => o.Urn is not null && o.Status is OocdStatus.Accepted or OocdStatus.Completed or OocdStatus.Failed)
        .GroupBy(o => o.Urn!)
        .ToDictionary(g => g.Key, g => g.Min(o => o.AcceptedAt ?? o.OfferedAt));

    public static PrePost Compare(IReadOnlyList<Offence> offences, DateOnly selectedOn, DateOnly today)
    {
        var before = offences.Where(o => o.CommittedOn >= selectedOn.AddMonths(-12) && o.CommittedOn < selectedOn).ToList();
        var since = offences.Where(o => o.CommittedOn >= selectedOn && o.CommittedOn <= today).ToList();
        var days = Math.Max(0, today.DayNumber - selectedOn.DayNumber);
        var scale = days == 0 ? 0 : 365.0 / days;
        var (offencesRate, harmRate) = (Math.Round(since.Count * scale, 2), Math.Round(since.Sum(o => o.Harm.HarmDays) * scale, 1));
        return new PrePost(selectedOn, days, before.Count, since.Count, offencesRate, before.Sum(o => o.Harm.HarmDays),
            since.Sum(o => o.Harm.HarmDays), harmRate,
            TrendOf(before.Count, since.Count, offencesRate, days), TrendOf(before.Sum(o => o.Harm.HarmDays), since.Sum(o => o.Harm.HarmDays), harmRate, days));
    }

    /// <summary>
    /// Stopped: nothing since selection (and something before). Otherwise the annualised rate since against the 12
    /// months before. Under 28 days since selection is too early to say.
    /// </summary>
    public static Trend TrendOf(double before, double since, double annualisedSince, int daysSince) =>
        daysSince < 28 ? Trend.TooEarly
        : since == 0 && before > 0 ? Trend.Stopped
        : annualisedSince < before ? Trend.Reduced
        : annualisedSince > before ? Trend.Increased
        : Trend.NoChange;

    public static ProvenReoffending Reoffending(IReadOnlyList<Offence> offences, DateOnly start, DateOnly today)
    {
        var followUpEnd = start.AddMonths(12);
        var finalOn = start.AddMonths(18);
        var proven = offences.Count(o => o.CommittedOn > start && o.CommittedOn <= followUpEnd &&
                                         o.ProvenOn is { } p && p <= finalOn && p <= today);
        return new ProvenReoffending(start, finalOn, today >= finalOn, proven > 0, proven);
    }
}

/// <summary>Loads people's journeys and their cases as they stood at an instant (or as they stand now).</summary>
public static class IomRecords
{
    public static async Task<IReadOnlyList<(PersonJourney Journey, IReadOnlyDictionary<string, CaseSummary> Cases)>> LoadAsync(
        IQuerySession session, IReadOnlyList<PersonJourney> current, DateTimeOffset? asAt, CancellationToken ct)
    {
        IReadOnlyList<PersonJourney> journeys = current;
        if (asAt is { } instant)
        {
            // One query for every fact on these journeys recorded by then, folded per person in arrival order.
            var events = await JourneyEvents.LoadAsync(session, current.SelectMany(p => p.Timeline), ct);
            var known = events.Where(e => e.Timestamp <= instant).ToList();
            journeys = current
                .Select(p =>
                {
                    var mine = p.Timeline.Select(t => t.EventId).ToHashSet();
                    return PersonJourneys.Fold(p.Id, known.Where(e => mine.Contains(e.Id)));
                })
                .OfType<PersonJourney>()
                .ToList();
        }

        // A record reads a case's summary only for what makes it an offence (when reported, what kind).
        var wanted = journeys.SelectMany(OffenderRecord.OffenceCases).Select(c => c.Urn).Distinct().ToArray();
        IReadOnlyList<CaseSummary> cases;
        if (asAt is { } at)
        {
            var urns = wanted.Select(StreamKeys.Case).ToArray();
            var caseEvents = await session.Events.QueryAllRawEvents()
                .Where(e => urns.Contains(e.StreamKey) && e.Timestamp <= at)
                .OrderBy(e => e.Sequence)
                .ToListAsync(ct);
            cases = caseEvents.GroupBy(e => e.StreamKey!)
                .Select(g => g.Aggregate((CaseSummary?)null, CaseSummary.Fold))
                .OfType<CaseSummary>()
                .ToList();
        }
        else
        {
            // Only what the record needs of each case (when reported, what kind), from the summaries' own columns: the
            // documents of charged cases are large, and reading a field from one unpacks all of it. A summary written
            // before the columns existed has them empty until CaseSummary is rebuilt: its document is read instead.
            cases = await session.QueryAsync<CaseSummary>(
                "select jsonb_build_object('Id', d.id, 'Urn', u.urn, " +
                "'ReportedAt', coalesce(d.reported_at_utc, (d.data ->> 'ReportedAt')::timestamptz), " +
                "'OffenceCategory', coalesce(d.offence_category, d.data ->> 'OffenceCategory')) " +
                $"from {session.DocumentStore.Options.Schema.For<CaseSummary>()} d join unnest(?::text[], ?::text[]) as u(id, urn) on d.id = u.id",
                ct, wanted.Select(StreamKeys.Case).ToArray(), wanted);
        }

        var byUrn = cases.ToDictionary(c => c.Urn);
        return journeys.Select(j => (j, (IReadOnlyDictionary<string, CaseSummary>)j.Cases
            .Where(c => byUrn.ContainsKey(c.Urn)).ToDictionary(c => c.Urn, c => byUrn[c.Urn]))).ToList();
    }
}

public static class GetOffenderRecord
{
    /// <summary>One person's IOM record, now or as it stood at <c>asAt</c> (an ISO 8601 instant).</summary>
    [WolverineGet("/api/iom/offenders/{personId}", OperationId = "GetOffenderRecord")]
    [Authorize(Roles = $"{Roles.Iom},{Roles.Admin}")]
    [ProducesResponseType<OffenderRecord>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string personId, string? asAt, IQuerySession session, TimeProvider clock,
        CancellationToken ct)
    {
        if (!AsAt.TryParse(asAt, out var point) || point.Version is not null)
        {
            return Problems.BadRequest("asAt", "must be an ISO 8601 instant with an offset, e.g. 2026-03-01T10:15:00Z");
        }

        return await ReadAsync(session, personId, point.Instant, clock.GetUtcNow(), ct) is { } record
            ? Results.Ok(record)
            : Results.NotFound();
    }

    /// <summary>The record itself, for the API and the IOM page alike.</summary>
    public static async Task<OffenderRecord?> ReadAsync(IQuerySession session, string personId, DateTimeOffset? asAt,
        DateTimeOffset now, CancellationToken ct)
    {
        var journey = await PersonJourneys.LoadAsync(session, personId, asAt: null, ct);
        if (journey is null)
        {
            return null;
        }

        var loaded = await IomRecords.LoadAsync(session, [journey], asAt, ct);
        return loaded.Count == 0 ? null : OffenderRecord.From(loaded[0].Journey, loaded[0].Cases, HarmIndex.Shipped, asAt ?? now);
    }
}
