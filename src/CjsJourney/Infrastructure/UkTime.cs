using System.Globalization;

namespace CjsJourney.Infrastructure;

/// <summary>England and Wales local time (GMT/BST): months, days and deadlines are reckoned in it.</summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static string MonthOf(DateTimeOffset instant) =>
        ToLocal(instant).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
