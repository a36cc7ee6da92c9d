using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CjsJourney.Dashboards;

/// <summary>The landing page: the dashboards this user's role may see, and only those.</summary>
public sealed class IndexModel : PageModel;
