using System.Text.Json;
using CjsJourney.Auditing;
using CjsJourney.Infrastructure;
using CjsJourney.Live;
using CjsJourney.Persons;
using CjsJourney.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace CjsJourney.Iom;

public sealed record CohortSize(int Total, IReadOnlyDictionary<string, int> ByCohort, IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByCohortAndStatus);

public sealed record CohortFlows(int Selected, int Reselected, int Deselected, IReadOnlyDictionary<string, int> DeselectedByReason);

public sealed record ReleasePlanning(int Total, int AccommodationConfirmed, int NotConfirmed);

public sealed record ReleaseDue(string PersonId, DateOnly ExpectedRelease, Accommodation? Accommodation, bool AccommodationConfirmed);

public sealed record CohortPrePost(int Members, int OffencesBefore, int OffencesSince, double OffencesPer12MonthsSince,
    int HarmBefore, int HarmSince, double HarmPer12MonthsSince, IReadOnlyDictionary<string, int> OffendingTrends,
    IReadOnlyDictionary<string, int> HarmTrends);

/// <summary>Proven reoffending for members whose IOM start is old enough: final after 18 months, provisional before.</summary>
public sealed record ReoffendingFigure(string Status, int Offenders, int Reoffenders, double? Rate, double? ReoffencesPer100);

public sealed record PathwayNeeds(Pathway Pathway, int Needs, int Met, double? MetRate);

public sealed record CohortView(
    DateTimeOffset AsAt,
    int PeriodDays,
    CohortSize Size,
    CohortFlows Flows,
    IReadOnlyDictionary<string, int> Ratings,
    Activity ThisPeriod,
    ReleasePlanning ReleasesWithin4Weeks,
    ReleasePlanning ReleasesWithin12Weeks,
    IReadOnlyList<ReleaseDue> ReleasesDue,
    CohortPrePost PrePost,
    IReadOnlyList<ReoffendingFigure> ProvenReoffending,
    IReadOnlyList<PathwayNeeds> Pathways,
    IReadOnlyList<string> FinalThirdWithoutPoliceActivity,
    IReadOnlyDictionary<string, int> MissingIdentifiers)
{
    private static readonly Accommodation[] NotConfirmed = [Accommodation.NoFixedAbode];

    /// <summary>The cohort at <paramref name="asAt"/> from everyone ever selected, as their records then stood. Pure.</summary>
    public static CohortView From(IReadOnlyList<OffenderRecord> everSelected, IReadOnlyList<PersonJourney> journeys,
        DateTimeOffset asAt, int periodDays)
    {
        var today = UkTime.DateOf(asAt);
        var periodStart = asAt.AddDays(-periodDays);
        var members = everSelected.Where(r => r.Iom is { Active: true }).ToList();
        var byId = journeys.ToDictionary(j => j.Id);

        string Status(OffenderRecord r) => r.LegalStatus switch
        {
            LegalStatus.Remanded or LegalStatus.InCustody => "custody",
            LegalStatus.UnlawfullyAtLarge => "unlawfully-at-large",
            _ => "community",
        };

        var size = new CohortSize(members.Count,
            Count(members, r => Kebab(r.Iom!.Cohort.ToString()!)),
            Count(members, Status),
            members.GroupBy(r => Kebab(r.Iom!.Cohort.ToString()!))
                .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)Count(g, Status)));

        var decisions = everSelected.SelectMany(r => r.Iom!.History).Where(d => d.At > periodStart && d.At <= asAt).ToList();
        var flows = new CohortFlows(
            decisions.Count(d => d.Decision == "selected"),
            decisions.Count(d => d.Decision == "re-selected"),
            decisions.Count(d => d.Decision == "deselected"),
            Count(decisions.Where(d => d.Decision == "deselected"), d => Kebab(d.Reason.ToString()!)));

        var inPeriod = members.Select(r => byId[r.PersonId]).ToList();
        var thisPeriod = new Activity(
            inPeriod.Sum(j => j.Cases.Count(c => c.ArrestedAt > periodStart)),
            inPeriod.Sum(j => j.Cases.Count(c => c.ChargedAt > periodStart)),
            inPeriod.Sum(j => j.Cases.Count(c => c.ConvictedAt > periodStart)),
            inPeriod.Sum(j => j.OutOfCourtDisposals.Count(o => o.AcceptedAt > periodStart)),
            inPeriod.Sum(j => j.Breaches.Count(b => b.At > periodStart)),
            inPeriod.Sum(j => j.Recalls.Count(r => r.At > periodStart)));

        var releases = members
            .Where(r => r.LegalStatus is LegalStatus.InCustody or LegalStatus.Remanded && r.KeyDates.ExpectedRelease is { } d && d > today)
            .Select(r =>
            {
                var accommodation = r.AccommodationOnRelease.Count > 0 ? r.AccommodationOnRelease[^1].Accommodation : (Accommodation?)null;
                return new ReleaseDue(r.PersonId, r.KeyDates.ExpectedRelease!.Value, accommodation,
                    accommodation is { } a && !NotConfirmed.Contains(a));
            })
            .OrderBy(r => r.ExpectedRelease)
            .ToList();
        ReleasePlanning Within(int weeks)
        {
            var due = releases.Where(r => r.ExpectedRelease <= today.AddDays(weeks * 7)).ToList();
            return new ReleasePlanning(due.Count, due.Count(r => r.AccommodationConfirmed), due.Count(r => !r.AccommodationConfirmed));
        }

        var compared = members.Where(r => r.Outcomes is not null).Select(r => r.Outcomes!).ToList();
        var prePost = new CohortPrePost(compared.Count,
            compared.Sum(p => p.OffencesBefore), compared.Sum(p => p.OffencesSince), Math.Round(compared.Sum(p => p.OffencesPer12MonthsSince), 2),
            compared.Sum(p => p.HarmBefore), compared.Sum(p => p.HarmSince), Math.Round(compared.Sum(p => p.HarmPer12MonthsSince), 1),
            Count(compared, p => Kebab(p.Offending.ToString())), Count(compared, p => Kebab(p.Harm.ToString())));

        var reoffending = members.Where(r => r.ProvenReoffending is not null).Select(r => r.ProvenReoffending!)
            .GroupBy(p => p.Final ? "final" : "provisional")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReoffendingFigure(g.Key, g.Count(), g.Count(p => p.Reoffended),
                Math.Round(100.0 * g.Count(p => p.Reoffended) / g.Count(), 1), Math.Round(100.0 * g.Sum(p => p.Reoffences) / g.Count(), 1)))
            .ToList();

        var pathways = Enum.GetValues<Pathway>().Select(p =>
        {
            var records = members.Select(r => r.Pathways.FirstOrDefault(x => x.Pathway == p)).OfType<PathwayRecord>()
                .Where(x => x.NeedIdentifiedAt is not null || x.History.Any(h => h.Status == PathwayStatus.SupportRequired)).ToList();
            var met = records.Count(x => x.Status == PathwayStatus.Done);
            return new PathwayNeeds(p, records.Count, met, records.Count == 0 ? null : Math.Round(100.0 * met / records.Count, 1));
        }).ToList();

        var finalThirdQuiet = members
            .Where(r => r.LegalStatus == LegalStatus.OnLicence && r.KeyDates.FinalThirdFrom is { } f && f <= today &&
                        (r.KeyDates.LastPoliceActivity is not { } last || last < asAt.AddDays(-28)))
            .Select(r => r.PersonId)
            .Order(StringComparer.Ordinal)
            .ToList();

        var missing = new[] { IdentifierScheme.Pnc, IdentifierScheme.Crn, IdentifierScheme.Noms }
            .ToDictionary(s => Kebab(s.ToString()), s => members.Count(r => r.Identifiers.All(i => i.Scheme != s || i.UnlinkedAt is not null)));

        return new CohortView(asAt, periodDays, size, flows,
            Count(members, r => r.Iom!.Rating is { } rating ? Kebab(rating.ToString()) : "unrated"),
            thisPeriod, Within(4), Within(12), releases.Where(r => r.ExpectedRelease <= today.AddDays(84)).ToList(), prePost,
            reoffending, pathways, finalThirdQuiet, missing);
    }

    private static Dictionary<string, int> Count<T>(IEnumerable<T> items, Func<T, string> key) =>
        items.GroupBy(key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    private static string Kebab(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}

public sealed class CohortLiveView : ILiveView
{
    public string Name => LiveViews.IomCohort;

    public IReadOnlyCollection<string> Roles { get; } = [Security.Roles.Iom, Security.Roles.Admin];

    public bool Keyed => false;
}

public static class GetCohortView
{
    /// <summary>
    /// The IOM cohort now, or recomputed as it stood at <c>asAt</c> from the facts recorded by then;
    /// <c>periodDays</c> (default 28) sets "this period".
    /// </summary>
    [WolverineGet("/api/iom/cohort", OperationId = "GetIomCohort")]
    [Authorize(Roles = $"{Roles.Iom},{Roles.Admin}")]
    [ProducesResponseType<CohortView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string? asAt, int? periodDays, IQuerySession session, TimeProvider clock,
        CancellationToken ct)
    {
        if (!AsAt.TryParse(asAt, out var point) || point.Version is not null)
        {
            return Problems.BadRequest("asAt", "must be an ISO 8601 instant with an offset, e.g. 2026-03-01T10:15:00Z");
        }

        if (periodDays is < 1 or > 366)
        {
            return Problems.BadRequest("periodDays", "must be between 1 and 366");
        }

        return Results.Ok(await ReadAsync(session, point.Instant, clock.GetUtcNow(), periodDays ?? 28, ct));
    }

    /// <summary>The cohort view and its members' records, for the API and the IOM page alike.</summary>
    public static async Task<CohortView> ReadAsync(IQuerySession session, DateTimeOffset? asAt, DateTimeOffset now, int periodDays,
        CancellationToken ct) => (await ReadWithRecordsAsync(session, asAt, now, periodDays, ct)).View;

    public static async Task<(CohortView View, IReadOnlyList<OffenderRecord> Records)> ReadWithRecordsAsync(IQuerySession session,
        DateTimeOffset? asAt, DateTimeOffset now, int periodDays, CancellationToken ct)
    {
        var instant = asAt ?? now;
        // Today's view needs the members and whoever was deselected within the period, not a decade of former members;
        // a view as it stood earlier refolds everyone ever selected, because today's columns say nothing about then.
        var periodStart = instant.AddDays(-periodDays).ToUniversalTime();
        var everSelected = asAt is null
            // Slim member records (no timelines), so a few hundred prolific offenders are not megabytes to read.
            ? (await session.Query<IomMember>()
                .Where(m => m.EverSelected && !m.Merged && (m.Active || m.LastDecisionAt > periodStart))
                .ToListAsync(ct)).Select(m => m.ToJourney()).ToList()
            : await session.Query<PersonJourney>()
                .Where(p => p.IomEverSelected && p.MergedInto == null)
                .ToListAsync(ct);
        var loaded = await IomRecords.LoadAsync(session, everSelected, asAt, ct);
        var records = loaded.Where(l => l.Journey.Iom is not null)
            .Select(l => OffenderRecord.From(l.Journey, l.Cases, HarmIndex.Shipped, instant))
            .ToList();
        return (CohortView.From(records, loaded.Select(l => l.Journey).ToList(), instant, periodDays), records);
    }
}
