using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
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

/// <summary>
/// Counts of entitlements for one month (the month they fall due, UK time), area, responsible agency and entitlement,
/// by where they stand. The Board's figures are sums of these; there are no names or ids in them.
/// </summary>
public sealed record ComplianceBucket
{
    public required string Id { get; init; }

    public string Month { get; init; } = "";

    public CspArea Area { get; init; }

    public Agency Responsible { get; init; }

    public string EntitlementId { get; init; } = "";

    public int Right { get; init; }

    public string? QuarterlyArea { get; init; }

    public ComplianceCounts Counts { get; init; } = new();

    public static string IdOf(EntitlementDims d) => $"{d.Month}|{d.Area}|{d.Responsible}|{d.EntitlementId}";

    public static ComplianceBucket? Fold(ComplianceBucket? bucket, IEvent e)
    {
        if (e.Data is not IEntitlementEvent judgement)
        {
            return bucket;
        }

        var d = judgement.Dims;
        var current = bucket ?? new ComplianceBucket
        {
            Id = IdOf(d),
            Month = d.Month,
            Area = d.Area,
            Responsible = d.Responsible,
            EntitlementId = d.EntitlementId,
            Right = d.Right,
            QuarterlyArea = d.QuarterlyArea,
        };
        var counts = judgement switch
        {
            EntitlementOpened => current.Counts.Add(EntitlementStatus.Open, 1) with { Total = current.Counts.Total + 1 },
            EntitlementMet m => current.Counts.Move(m.Previous, m.OnTime ? EntitlementStatus.Met : EntitlementStatus.MetLate),
            EntitlementBreached => current.Counts.Move(EntitlementStatus.Open, EntitlementStatus.Breached) with
            {
                EverBreached = current.Counts.EverBreached + 1,
            },
            EntitlementExcepted x => current.Counts.Move(x.Previous, EntitlementStatus.Excepted),
            _ => current.Counts,
        };
        return current with { Counts = counts };
    }
}

public sealed record ComplianceCounts
{
    public int Total { get; init; }

    public int Open { get; init; }

    public int MetOnTime { get; init; }

    public int MetLate { get; init; }

    public int Breached { get; init; }

    public int Excepted { get; init; }

    /// <summary>Breached at some point, including those later met late.</summary>
    public int EverBreached { get; init; }

    /// <summary>Met on time as a share of those that fell due and were not excepted (open ones not yet due are left out).</summary>
    public double? PercentMetOnTime =>
        MetOnTime + MetLate + Breached is var decided and > 0 ? Math.Round(100.0 * MetOnTime / decided, 1) : null;

    public ComplianceCounts Add(EntitlementStatus status, int n) => status switch
    {
        EntitlementStatus.Open => this with { Open = Open + n },
        EntitlementStatus.Met => this with { MetOnTime = MetOnTime + n },
        EntitlementStatus.MetLate => this with { MetLate = MetLate + n },
        EntitlementStatus.Breached => this with { Breached = Breached + n },
        _ => this with { Excepted = Excepted + n },
    };

    public ComplianceCounts Move(EntitlementStatus from, EntitlementStatus to) => Add(from, -1).Add(to, 1);

    public static ComplianceCounts operator +(ComplianceCounts a, ComplianceCounts b) => new()
    {
        Total = a.Total + b.Total,
        Open = a.Open + b.Open,
        MetOnTime = a.MetOnTime + b.MetOnTime,
        MetLate = a.MetLate + b.MetLate,
        Breached = a.Breached + b.Breached,
        Excepted = a.Excepted + b.Excepted,
        EverBreached = a.EverBreached + b.EverBreached,
    };

    public static ComplianceCounts Sum(IEnumerable<ComplianceCounts> counts) => counts.Aggregate(new ComplianceCounts(), (a, b) => a + b);
}

/// <summary>
/// Async: every judgement in the partnership lands in one of a few hundred buckets a month, so the counts are kept by
/// the daemon off the write path (no contention between agencies' writes). After each page it tells the Board's
/// live group to re-read.
/// </summary>
public sealed partial class ComplianceBucketProjection : MultiStreamProjection<ComplianceBucket, string>
{
    public ComplianceBucketProjection() => Identity<IEntitlementEvent>(e => ComplianceBucket.IdOf(e.Dims));

    public override ComplianceBucket? Evolve(ComplianceBucket? snapshot, string id, IEvent e) => ComplianceBucket.Fold(snapshot, e);

    public override ValueTask RaiseSideEffects(IDocumentOperations operations, IEventSlice<ComplianceBucket> slice)
    {
        slice.PublishMessage(new ViewChanged(LiveViews.ComplianceSummary, null));
        return ValueTask.CompletedTask;
    }
}

public sealed class ComplianceSummaryLiveView : ILiveView
{
    public string Name => LiveViews.ComplianceSummary;

    public IReadOnlyCollection<string> Roles { get; } = [Security.Roles.Board, Security.Roles.Agency, Security.Roles.Admin];

    public bool Keyed => false;
}

public sealed record SummaryLine(string Key, string Label, ComplianceCounts Counts);

public sealed record ComplianceSummary(
    string From,
    string To,
    string? Area,
    string? Agency,
    int? Right,
    ComplianceCounts Total,
    IReadOnlyList<SummaryLine> ByRight,
    IReadOnlyList<SummaryLine> ByEntitlement,
    IReadOnlyList<SummaryLine> ByAgency,
    IReadOnlyList<SummaryLine> ByArea,
    IReadOnlyList<SummaryLine> ByMonth);

public static partial class ComplianceSummaryEndpoints
{
    private static readonly string[] RightTitles =
    [
        "", "Understand and be understood", "Crime recorded without unjustified delay", "Information when reporting",
        "Referral to support services", "Information about compensation", "Information about the investigation and prosecution",
        "Make a Victim Personal Statement", "Information about the trial and your role", "Information about the outcome and any appeal",
        "Expenses and property", "Information about the offender after conviction", "Make a complaint",
    ];

    /// <summary>
    /// Counts and the percentage met on time, by right, entitlement, agency, area and month (the month each entitlement
    /// falls due), for months <c>from</c>..<c>to</c> (yyyy-MM or a date in the month; default: the 12 months to this one
    /// and the next two).
    /// </summary>
    [WolverineGet("/api/compliance/summary", OperationId = "GetComplianceSummary")]
    [Authorize(Roles = $"{Roles.Board},{Roles.Agency},{Roles.Admin}")]
    [ProducesResponseType<ComplianceSummary>(StatusCodes.Status200OK)]
    public static async Task<IResult> Summary(string? from, string? to, string? area, string? agency, int? right,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var (summary, problem) = await ReadAsync(session, from, to, area, agency, right, clock.GetUtcNow(), ct);
        return problem ?? Results.Ok(summary);
    }

    /// <summary>The summary itself, for the API and the Board's page alike (so their numbers cannot differ).</summary>
    public static async Task<(ComplianceSummary? Summary, IResult? Problem)> ReadAsync(IQuerySession session, string? from,
        string? to, string? area, string? agency, int? right, DateTimeOffset now, CancellationToken ct)
    {
        var filter = Filter.Parse(from, to, area, agency, right, now);
        if (filter.Problem is { } problem)
        {
            return (null, problem);
        }

        var buckets = await filter.Load(session, ct);
        return (new ComplianceSummary(filter.From, filter.To, area, agency, right,
            ComplianceCounts.Sum(buckets.Select(b => b.Counts)),
            Lines(buckets, b => b.Right.ToString(CultureInfo.InvariantCulture), b => $"Right {b.Right}: {RightTitles[b.Right]}"),
            Lines(buckets, b => b.EntitlementId, b => b.EntitlementId),
            Lines(buckets, b => Kebab(b.Responsible.ToString()), b => Words.Proper(b.Responsible)),
            Lines(buckets, b => Kebab(b.Area.ToString()), b => Words.Proper(b.Area)),
            Lines(buckets, b => b.Month, b => b.Month)), null);
    }

    /// <summary>
    /// The Ministry of Justice quarterly return on the five key areas, as CSV (one line per area, then by agency).
    /// </summary>
    [WolverineGet("/api/compliance/returns/quarterly", OperationId = "GetQuarterlyReturn")]
    [Authorize(Roles = $"{Roles.Board},{Roles.Agency},{Roles.Admin}")]
    [Produces("text/csv")]
    public static async Task<IResult> Quarterly(string? quarter, IQuerySession session, VictimsCode code, CancellationToken ct) =>
        await QuarterlyCsvAsync(session, code, quarter, ct) is { } csv
            ? Results.Text(csv, "text/csv", Encoding.UTF8)
            : Problems.BadRequest("quarter", "must name a quarter as yyyyQn, e.g. 2025Q3");

    /// <summary>The quarterly return as CSV text, or null when <paramref name="quarter"/> is not yyyyQn.</summary>
    public static async Task<string?> QuarterlyCsvAsync(IQuerySession session, VictimsCode code, string? quarter, CancellationToken ct)
    {
        if (quarter is null || QuarterPattern().Match(quarter) is not { Success: true } m)
        {
            return null;
        }

        var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var q = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        var months = Enumerable.Range(((q - 1) * 3) + 1, 3).Select(mo => $"{year:D4}-{mo:D2}").ToArray();
        var buckets = await session.Query<ComplianceBucket>().Where(b => months.Contains(b.Month)).ToListAsync(ct);

        var areas = code.Editions[^1].QuarterlyAreas;
        var csv = new StringBuilder();
        csv.AppendLine("quarter,key_area,agency,entitlements,met_on_time,met_late,breached,excepted,open,percent_met_on_time");
        foreach (var area in areas)
        {
            var inArea = buckets.Where(b => b.QuarterlyArea == area.Id).ToList();
            Line(area, "all", ComplianceCounts.Sum(inArea.Select(b => b.Counts)));
            foreach (var byAgency in inArea.GroupBy(b => b.Responsible).OrderBy(g => g.Key))
            {
                Line(area, Kebab(byAgency.Key.ToString()), ComplianceCounts.Sum(byAgency.Select(b => b.Counts)));
            }
        }

        return csv.ToString();

        void Line(QuarterlyArea area, string agencyName, ComplianceCounts c) => csv.AppendLine(string.Join(',',
            $"{year}Q{q}", $"\"{area.Title}\"", agencyName, c.Total, c.MetOnTime, c.MetLate, c.Breached, c.Excepted, c.Open,
            c.PercentMetOnTime?.ToString("0.0", CultureInfo.InvariantCulture) ?? ""));
    }

    private static List<SummaryLine> Lines(IEnumerable<ComplianceBucket> buckets, Func<ComplianceBucket, string> key,
        Func<ComplianceBucket, string> label) =>
        buckets.GroupBy(key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SummaryLine(g.Key, label(g.First()), ComplianceCounts.Sum(g.Select(b => b.Counts))))
            .ToList();

    private static string Kebab(string name) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(name);

    [GeneratedRegex(@"^(\d{4})Q([1-4])$")]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"^(\d{4})-(\d{2})(-\d{2})?$")]
    private static partial Regex MonthPattern();

    private sealed record Filter(string From, string To, CspArea? Area, Agency? Agency, int? Right, IResult? Problem)
    {
        public static Filter Parse(string? from, string? to, string? area, string? agency, int? right, DateTimeOffset now)
        {
            var errors = new Dictionary<string, string[]>();
            // By default: the twelve months to this one, and the next two, where entitlements open today fall due.
            var toMonth = Month(to, "to", errors) ?? UkTime.MonthOf(UkTime.ToLocal(now).AddMonths(2));
            var fromMonth = Month(from, "from", errors) ?? UkTime.MonthOf(UkTime.ToLocal(now).AddMonths(-11));
            CspArea? parsedArea = null;
            if (area is not null)
            {
                parsedArea = Enum.GetValues<CspArea>().FirstOrDefault(
                    a => string.Equals(Kebab(a.ToString()), area, StringComparison.OrdinalIgnoreCase), (CspArea)(-1));
                if ((int)parsedArea == -1)
                {
                    errors["area"] = ["must be one of: " + string.Join(", ", Enum.GetNames<CspArea>().Select(Kebab))];
                }
            }

            Agency? parsedAgency = null;
            if (agency is not null)
            {
                if (AgencyNames.TryParse(agency, out var a))
                {
                    parsedAgency = a;
                }
                else
                {
                    errors["agency"] = ["must be one of: " + string.Join(", ", AgencyNames.All)];
                }
            }

            if (right is < 1 or > 12)
            {
                errors["right"] = ["must be a right of the Code, 1 to 12"];
            }

            if (errors.Count == 0 && string.CompareOrdinal(fromMonth, toMonth) > 0)
            {
                errors["from"] = ["must not be after 'to'"];
            }
            else if (errors.Count == 0 && string.CompareOrdinal(fromMonth, UkTime.MonthOf(
                         UkTime.StartOfDay(DateOnly.ParseExact(toMonth + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture)).AddYears(-10))) < 0)
            {
                errors["from"] = ["the period may span at most ten years"];
            }

            return new Filter(fromMonth, toMonth, parsedArea, parsedAgency, right, errors.Count > 0 ? Problems.BadRequest(errors) : null);
        }

        public async Task<IReadOnlyList<ComplianceBucket>> Load(IQuerySession session, CancellationToken ct)
        {
            var months = Months().ToArray();
            IQueryable<ComplianceBucket> q = session.Query<ComplianceBucket>().Where(b => months.Contains(b.Month));
            if (Area is { } area)
            {
                q = q.Where(b => b.Area == area);
            }

            if (Agency is { } agency)
            {
                q = q.Where(b => b.Responsible == agency);
            }

            if (Right is { } right)
            {
                q = q.Where(b => b.Right == right);
            }

            return await q.ToListAsync(ct);
        }

        private IEnumerable<string> Months()
        {
            var month = DateOnly.ParseExact(From + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var last = DateOnly.ParseExact(To + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
            for (; month <= last; month = month.AddMonths(1))
            {
                yield return month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            }
        }

        private static string? Month(string? text, string field, Dictionary<string, string[]> errors)
        {
            if (text is null)
            {
                return null;
            }

            if (MonthPattern().Match(text) is { Success: true } m && int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) is >= 1 and <= 12)
            {
                return $"{m.Groups[1].Value}-{m.Groups[2].Value}";
            }

            errors[field] = ["must be a month (yyyy-MM) or a date (yyyy-MM-dd)"];
            return null;
        }
    }
}
