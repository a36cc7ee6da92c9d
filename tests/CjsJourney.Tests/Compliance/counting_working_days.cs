using CjsJourney.Compliance;

namespace CjsJourney.Tests.Compliance;

public class counting_working_days
{
    private static readonly WorkingDays Calendar = WorkingDays.EnglandAndWales;

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2038, "2038-04-25")]
    public void easter_sunday_is_computed_by_rule(int year, string easter) =>
        Assert.Equal(D(easter), WorkingDays.EasterSunday(year));

    [Theory]
    // Christmas on a Saturday: Monday and Tuesday are the substitutes.
    [InlineData(2021, new[] { "2021-12-27", "2021-12-28" })]
    // Christmas on a Sunday: Boxing Day Monday, Christmas substitute Tuesday.
    [InlineData(2022, new[] { "2022-12-26", "2022-12-27" })]
    // Christmas on a Friday, Boxing Day on a Saturday: substitute Monday.
    [InlineData(2026, new[] { "2026-12-25", "2026-12-28" })]
    public void christmas_and_boxing_day_move_off_the_weekend(int year, string[] expected) =>
        Assert.Equal(expected.Select(D), Calendar.BankHolidays(year).Where(d => d.Month == 12).Order());

    [Theory]
    [InlineData("2022-01-03")] // 1 January 2022 was a Saturday
    [InlineData("2023-01-02")] // a Sunday
    [InlineData("2026-01-01")] // a Thursday
    public void new_years_day_is_substituted_at_a_weekend(string holiday) =>
        Assert.False(Calendar.IsWorkingDay(D(holiday)));

    [Fact]
    public void the_bank_holidays_of_2026_are_the_eight_regular_days()
    {
        string[] expected =
        [
            "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
        ];

        Assert.Equal(expected.Select(D), Calendar.BankHolidays(2026).Order());
    }

    [Fact]
    public void proclaimed_and_moved_days_come_from_data()
    {
        Assert.Contains(D("2022-06-02"), Calendar.BankHolidays(2022)); // spring holiday moved for the Platinum Jubilee
        Assert.Contains(D("2022-06-03"), Calendar.BankHolidays(2022)); // proclaimed
        Assert.DoesNotContain(D("2022-05-30"), Calendar.BankHolidays(2022)); // the usual last Monday of May, moved away
        Assert.Contains(D("2022-09-19"), Calendar.BankHolidays(2022));
        Assert.Contains(D("2023-05-08"), Calendar.BankHolidays(2023));
        Assert.Contains(D("2020-05-08"), Calendar.BankHolidays(2020));
        Assert.DoesNotContain(D("2020-05-04"), Calendar.BankHolidays(2020));
    }

    [Theory]
    // Charged on Christmas Eve 2026 (a Thursday): 25th, 26th, 27th and the 28th (Boxing Day substitute) do not count.
    [InlineData("2026-12-24T15:00:00Z", 5, "2027-01-05", "2027-01-06T00:00:00Z")]
    [InlineData("2026-12-24T15:00:00Z", 1, "2026-12-29", "2026-12-30T00:00:00Z")]
    // Good Friday and Easter Monday 2026: Thursday 2 April + 1 working day is Tuesday 7 April (ending at BST midnight).
    [InlineData("2026-04-02T10:00:00Z", 1, "2026-04-07", "2026-04-07T23:00:00Z")]
    // A trigger at the weekend: the count starts on the next working day.
    [InlineData("2026-11-28T10:00:00Z", 1, "2026-11-30", "2026-12-01T00:00:00Z")]
    public void the_deadline_is_the_end_of_the_nth_working_day_after_the_day_of_the_trigger(string trigger, int days,
        string lastDay, string dueUtc)
    {
        var (last, due) = Calendar.Deadline(DateTimeOffset.Parse(trigger, System.Globalization.CultureInfo.InvariantCulture), days);

        Assert.Equal(D(lastDay), last);
        Assert.Equal(DateTimeOffset.Parse(dueUtc, System.Globalization.CultureInfo.InvariantCulture), due);
    }

    [Fact]
    public void the_day_of_the_trigger_is_the_uk_day_and_the_deadline_ends_at_uk_midnight()
    {
        // 23:30 UTC on Monday 1 June 2026 is 00:30 BST on Tuesday 2 June.
        var (last, due) = Calendar.Deadline(new DateTimeOffset(2026, 6, 1, 23, 30, 0, TimeSpan.Zero), 1);

        Assert.Equal(D("2026-06-03"), last);
        Assert.Equal(new DateTimeOffset(2026, 6, 3, 23, 0, 0, TimeSpan.Zero), due);
    }
}
