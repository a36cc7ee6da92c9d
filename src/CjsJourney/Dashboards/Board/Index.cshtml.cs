using System.Globalization;
using System.Text;
using CjsJourney.Compliance;
using CjsJourney.Infrastructure;
using CjsJourney.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CjsJourney.Dashboards.Board;

/// <summary>
/// The Board's Victims' Code page: the same summary and worklist the API serves (so the numbers match exactly), with
/// ids of cases and entitlements only — never a victim's name or id.
/// </summary>
[Authorize(Roles = $"{Roles.Board},{Roles.Admin}")]
public sealed class IndexModel(IQuerySession session, TimeProvider clock, VictimsCode code) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Area { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Agency { get; set; }

    public ComplianceSummary? Summary { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public Worklist? DueSoon { get; private set; }

    public IReadOnlyList<EntitlementRecord> Breaches { get; private set; } = [];

    public IReadOnlyList<string> Quarters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Live"] = "[[\"compliance-summary\",null]]";
        var now = clock.GetUtcNow();
        var (summary, problem) = await ComplianceSummaryEndpoints.ReadAsync(session, Blank(From), Blank(To), Blank(Area),
            Blank(Agency), null, now, ct);
        if (problem is Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult { ProblemDetails: HttpValidationProblemDetails details })
        {
            Errors = details.Errors.ToDictionary();
            (summary, _) = await ComplianceSummaryEndpoints.ReadAsync(session, null, null, null, null, null, now, ct);
        }

        Summary = summary;
        Journeys.Agency? responsible = Blank(Agency) is { } a && AgencyNames.TryParse(a, out var parsed) ? parsed : null;
        DueSoon = await ComplianceEndpoints.LoadWorklistAsync(session, code, responsible, 2, dueSoonOnly: true, limit: 20, now, ct);
        Breaches = await session.Query<EntitlementRecord>()
            .Where(r => r.Status == EntitlementStatus.Breached)
            .OrderByDescending(r => r.DueUtc)
            .Take(15)
            .ToListAsync(ct);
        var local = UkTime.ToLocal(now);
        Quarters = Enumerable.Range(0, 6)
            .Select(i => local.AddMonths(-3 * i))
            .Select(d => $"{d.Year}Q{((d.Month - 1) / 3) + 1}")
            .ToList();
    }

    public async Task<IActionResult> OnGetQuarterlyAsync(string quarter, CancellationToken ct) =>
        await ComplianceSummaryEndpoints.QuarterlyCsvAsync(session, code, quarter, ct) is { } csv
            ? File(Encoding.UTF8.GetBytes(csv), "text/csv", $"victims-code-return-{quarter}.csv")
            : BadRequest("quarter must be yyyyQn");

    public static string Pct(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>A filter value as people read it: <c>east-cambridgeshire</c> → "East Cambridgeshire", <c>cps</c> → "CPS".</summary>
    public static string Label(string kebab) => AgencyNames.TryParse(kebab, out var agency)
        ? Journeys.Words.Proper(agency)
        : string.Join(' ', kebab.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
