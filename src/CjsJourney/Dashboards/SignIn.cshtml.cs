using CjsJourney.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CjsJourney.Dashboards;

[AllowAnonymous]
public sealed class SignInModel(DashboardSettings settings) : PageModel
{
    public static readonly IReadOnlyList<(string Role, string What)> RoleDescriptions =
    [
        (Roles.Board, "Criminal Justice Board member: compliance figures, counts only"),
        (Roles.Iom, "IOM Oversight Group: the cohort and each offender's record"),
        (Roles.Auditor, "Auditor: case, person and victim histories as at any instant"),
        (Roles.Agency, "Partner agency: submits facts through the API"),
        (Roles.Admin, "Administrator: everything"),
    ];

    public DashboardSettings Settings => settings;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostLocalAsync(string role)
    {
        if (!settings.LocalSignIn)
        {
            return NotFound();
        }

        if (!Roles.All.Contains(role))
        {
            return BadRequest();
        }

        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Authentication.LocalUser(role));
        return LocalRedirect(SafeReturn(role));
    }

    public IActionResult OnPostProvider() => settings.OpenIdConnect
        ? Challenge(new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" }, Authentication.OpenIdConnect)
        : NotFound();

    /// <summary>Back where they came from, or the role's own dashboard.</summary>
    private string SafeReturn(string role) => Url.IsLocalUrl(ReturnUrl) && ReturnUrl != "/" ? ReturnUrl! : role switch
    {
        Roles.Board => "/board",
        Roles.Iom => "/iom",
        Roles.Auditor => "/audit",
        _ => "/",
    };
}
