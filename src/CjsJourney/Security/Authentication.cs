using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace CjsJourney.Security;

public static class Authentication
{
    /// <summary>Picks the scheme per request: a bearer token (API clients), else the browser's session cookie.</summary>
    public const string ApiOrBrowser = "api-or-browser";
    public const string SessionCookie = "cjs.session";
    public const string OpenIdConnect = OpenIdConnectDefaults.AuthenticationScheme;

    /// <summary>
    /// JWT bearer tokens for the API (and SignalR, which sends the token as <c>access_token</c> because browsers cannot
    /// set headers on WebSockets); a cookie session for the dashboards, signed in through an OpenID Connect provider
    /// when one is configured (<c>Auth:Oidc:*</c>) or, locally only, by choosing a role. Every endpoint needs an
    /// authenticated caller unless it opts out (health, sign-in); endpoints and pages name their roles.
    /// </summary>
    public static IServiceCollection AddCjsAuthentication(this IServiceCollection services, SecurityKey signingKey,
        IConfiguration configuration)
    {
        var authentication = services.AddAuthentication(options =>
            {
                options.DefaultScheme = ApiOrBrowser;
                options.DefaultChallengeScheme = ApiOrBrowser;
            })
            .AddPolicyScheme(ApiOrBrowser, "Bearer token or session cookie", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 || context.Request.Query.ContainsKey("access_token")
                    ? JwtBearerDefaults.AuthenticationScheme
                    : context.Request.Cookies.ContainsKey(SessionCookie) || !IsApi(context.Request.Path)
                        ? CookieAuthenticationDefaults.AuthenticationScheme
                        : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = SigningKey.Issuer,
                    ValidAudience = SigningKey.Audience,
                    IssuerSigningKey = signingKey,
                    NameClaimType = "name",
                    RoleClaimType = "role",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                options.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        if (context.HttpContext.Request.Path.StartsWithSegments("/hubs") &&
                            context.Request.Query["access_token"] is { Count: > 0 } token)
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                };
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = SessionCookie;
                options.Cookie.HttpOnly = true;
                // Strict: a page on another site cannot make the browser send the session (no CSRF on POST /api/events).
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.Events.OnRedirectToLogin = context =>
                {
                    if (IsApi(context.Request.Path))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    else
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }

                    return Task.CompletedTask;
                };
                // A page the role may not see answers 403 where it is, rather than sending the user elsewhere.
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });

        if (OidcSettings.From(configuration) is { } oidc)
        {
            authentication.AddOpenIdConnect(OpenIdConnect, options =>
            {
                options.Authority = oidc.Authority;
                options.ClientId = oidc.ClientId;
                options.ClientSecret = oidc.ClientSecret;
                options.ResponseType = "code";
                options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = true;
                options.Scope.Add("profile");
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = "role";
                options.Events.OnTokenValidated = context =>
                {
                    // The provider's role claim (often "roles") becomes ours; only the service's own role names count.
                    if (context.Principal?.Identity is ClaimsIdentity identity)
                    {
                        foreach (var role in identity.FindAll(oidc.RoleClaim).Select(c => c.Value).Intersect(Roles.All).ToList())
                        {
                            identity.AddClaim(new Claim("role", role));
                        }
                    }

                    return Task.CompletedTask;
                };
            });
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    /// <summary>A browser session for one role, for the local sign-in (no password: local mode only).</summary>
    public static ClaimsPrincipal LocalUser(string role) => new(new ClaimsIdentity(
        [new Claim("sub", $"local-{role}"), new Claim("name", $"Local {role} user"), new Claim("role", role)],
        CookieAuthenticationDefaults.AuthenticationScheme, "name", "role"));

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/openapi");
}

/// <summary>An OpenID Connect provider for dashboard sign-in (production): <c>Auth:Oidc:Authority</c>, <c>ClientId</c>, …</summary>
public sealed record OidcSettings(string Authority, string ClientId, string? ClientSecret, string RoleClaim)
{
    public static OidcSettings? From(IConfiguration configuration) =>
        configuration["Auth:Oidc:Authority"] is { Length: > 0 } authority
            ? new OidcSettings(authority, configuration["Auth:Oidc:ClientId"] ?? "cjsjourney", configuration["Auth:Oidc:ClientSecret"],
                configuration["Auth:Oidc:RoleClaim"] ?? "roles")
            : null;
}
