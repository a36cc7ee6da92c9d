using CjsJourney.Iom;
using CjsJourney.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CjsJourney.Dashboards.Iom;

/// <summary>The IOM Oversight Group's page: the cohort view the API serves, with its members and their outcomes.</summary>
[Authorize(Roles = $"{Roles.Iom},{Roles.Admin}")]
public sealed class IndexModel(IQuerySession session, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int PeriodDays { get; set; } = 28;

    public CohortView? View { get; private set; }

    public IReadOnlyList<OffenderRecord> Members { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        ViewData["Live"] = "[[\"iom-cohort\",null]]";
        PeriodDays = Math.Clamp(PeriodDays, 1, 366);
        var (view, records) = await GetCohortView.ReadWithRecordsAsync(session, null, clock.GetUtcNow(), PeriodDays, ct);
        View = view;
        Members = records.Where(r => r.Iom is { Active: true }).OrderBy(r => r.Iom!.Rating).ThenBy(r => r.PersonId, StringComparer.Ordinal).ToList();
    }
}
