namespace CjsJourney.Infrastructure;

/// <summary>
/// Where the service keeps local state (the embedded database, the local signing key): <c>CJS_DATA_DIR</c>, else a
/// per-user default. Root gets /var/lib/cjsjourney because PostgreSQL's own OS user cannot enter root's home.
/// </summary>
public static class DataDirectory
{
    public const string Variable = "CJS_DATA_DIR";

    public static string Resolve(IConfiguration configuration)
    {
        if (configuration[Variable] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        if (Postgres.EmbeddedPostgres.IsRoot)
        {
            return "/var/lib/cjsjourney";
        }

        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg
            ? xdg
            : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData,
                Environment.SpecialFolderOption.Create);
        return Path.Combine(dataHome, "cjsjourney");
    }
}
