using System.Globalization;
using CjsJourney.Infrastructure;

namespace CjsJourney.Dashboards;

/// <summary>Dates as people in England and Wales read them, unambiguous on any machine ("3 Dec 2026"), in UK time.</summary>
public static class Show
{
    public static string Date(DateOnly? date) => date?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "–";

    public static string Date(DateTimeOffset? at) => at is { } a ? UkTime.ToLocal(a).ToString("d MMM yyyy", CultureInfo.InvariantCulture) : "–";

    public static string DateTime(DateTimeOffset? at) =>
        at is { } a ? UkTime.ToLocal(a).ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) : "–";
}
