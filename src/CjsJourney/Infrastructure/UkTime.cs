using System.Globalization;

namespace CjsJourney.Infrastructure;

/// <summary>England and Wales local time (GMT/BST): months, days and deadlines are reckoned in it.</summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>Midnight at the start of <paramref name="date"/> in UK local time, as an instant.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    public static string MonthOf(DateTimeOffset instant) =>
        ToLocal(instant).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
