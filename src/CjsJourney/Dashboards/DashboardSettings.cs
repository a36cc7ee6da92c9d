namespace CjsJourney.Dashboards;

/// <summary>
/// How people sign in to the dashboards: an OpenID Connect provider (production), or — when the service runs locally
/// with its embedded database, or <c>Auth:LocalSignIn</c> says so — by choosing a role, with no password.
/// </summary>
public sealed record DashboardSettings(bool LocalSignIn, bool OpenIdConnect);
