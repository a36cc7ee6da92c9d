using CjsJourney.Iom;
using CjsJourney.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CjsJourney.Dashboards.Iom;

[Authorize(Roles = $"{Roles.Iom},{Roles.Admin}")]
public sealed class OffenderModel(IQuerySession session, TimeProvider clock) : PageModel
{
    public OffenderRecord? Record { get; private set; }

    public async Task<IActionResult> OnGetAsync(string personId, CancellationToken ct)
    {
        ViewData["Live"] = System.Text.Json.JsonSerializer.Serialize(new[] { new[] { "person", personId } });
        Record = await GetOffenderRecord.ReadAsync(session, personId, null, clock.GetUtcNow(), ct);
        return Record is null ? NotFound() : Page();
    }
}
