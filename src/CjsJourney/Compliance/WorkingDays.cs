using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using CjsJourney.Infrastructure;

namespace CjsJourney.Compliance;

/// <summary>
/// England and Wales working days: every day but Saturday, Sunday and the bank holidays — the eight regular ones
/// computed for any year (Easter by rule, substitute days for weekends) plus moved and proclaimed days from data.
/// </summary>
public sealed class WorkingDays
{
    private readonly Dictionary<(int Year, RegularHoliday Holiday), DateOnly> _moved;
    private readonly HashSet<DateOnly> _proclaimed;
    private readonly ConcurrentDictionary<int, IReadOnlySet<DateOnly>> _byYear = new();

    public WorkingDays(IEnumerable<MovedHoliday> moved, IEnumerable<DateOnly> proclaimed)
    {
        _moved = moved.ToDictionary(m => (m.Year, m.Holiday), m => m.Date);
        _proclaimed = proclaimed.ToHashSet();
    }

    /// <summary>The calendar shipped with the service (<c>Data/bank-holidays-england-and-wales.json</c>).</summary>
    public static WorkingDays EnglandAndWales { get; } = Load();

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !BankHolidays(date.Year).Contains(date);

    /// <summary>The Nth working day after <paramref name="day"/> (the day itself never counts).</summary>
    public DateOnly AddWorkingDays(DateOnly day, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var date = day;
        for (var counted = 0; counted < workingDays;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }

    /// <summary>
    /// "Within N working days of X": the end of the Nth working day after the day of X in UK local time, as the
    /// instant the next day begins (anything strictly before it is on time).
    /// </summary>
    public (DateOnly LastDay, DateTimeOffset DueBy) Deadline(DateTimeOffset x, int workingDays)
    {
        var lastDay = AddWorkingDays(UkTime.DateOf(x), workingDays);
        return (lastDay, UkTime.StartOfDay(lastDay.AddDays(1)));
    }

    public IReadOnlySet<DateOnly> BankHolidays(int year) => _byYear.GetOrAdd(year, Compute);

    private HashSet<DateOnly> Compute(int year)
    {
        var easter = EasterSunday(year);
        var days = new HashSet<DateOnly>
        {
            Regular(year, RegularHoliday.GoodFriday, easter.AddDays(-2)),
            Regular(year, RegularHoliday.EasterMonday, easter.AddDays(1)),
            Regular(year, RegularHoliday.EarlyMay, FirstMonday(year, 5)),
            Regular(year, RegularHoliday.Spring, LastMonday(year, 5)),
            Regular(year, RegularHoliday.Summer, LastMonday(year, 8)),
            Regular(year, RegularHoliday.NewYear, NextWeekday(new DateOnly(year, 1, 1))),
        };

        // Christmas and Boxing Day: a holiday at the weekend is substituted by the next weekday not already a holiday.
        var christmas = NextWeekday(new DateOnly(year, 12, 25));
        var boxing = NextWeekday(new DateOnly(year, 12, 26));
        if (boxing == christmas)
        {
            boxing = NextWeekday(christmas.AddDays(1));
        }

        days.Add(Regular(year, RegularHoliday.Christmas, christmas));
        days.Add(Regular(year, RegularHoliday.BoxingDay, boxing));
        days.UnionWith(_proclaimed.Where(d => d.Year == year));
        return days;
    }

    private DateOnly Regular(int year, RegularHoliday holiday, DateOnly byRule) =>
        _moved.TryGetValue((year, holiday), out var moved) ? moved : byRule;

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly NextWeekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(2),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static DateOnly FirstMonday(int year, int month)
    {
        var date = new DateOnly(year, month, 1);
        return date.AddDays(((int)DayOfWeek.Monday - (int)date.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var date = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return date.AddDays(-(((int)date.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }

    private static WorkingDays Load()
    {
        using var stream = Assembly.GetExecutingAssembly()
            .GetManifestResourceStream("CjsJourney.Compliance.Data.bank-holidays-england-and-wales.json")!;
        var data = JsonSerializer.Deserialize<CalendarData>(stream, ApiJsonRead.Options)!;
        return new WorkingDays(data.Moved, data.Proclaimed.Select(p => p.Date));
    }

    private sealed record CalendarData(string Source, IReadOnlyList<MovedHoliday> Moved, IReadOnlyList<ProclaimedDay> Proclaimed);

    private sealed record ProclaimedDay(DateOnly Date, string Why);
}

public enum RegularHoliday
{
    NewYear,
    GoodFriday,
    EasterMonday,
    EarlyMay,
    Spring,
    Summer,
    Christmas,
    BoxingDay,
}

public sealed record MovedHoliday(int Year, RegularHoliday Holiday, DateOnly Date, string Why);

/// <summary>Reading the service's own data files, in the API's conventions (camelCase fields, kebab-case values).</summary>
public static class ApiJsonRead
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
        ReadCommentHandling = JsonCommentHandling.Skip,
    };
}
