using CjsJourney.Infrastructure;
using CjsJourney.Security;
using Marten;
using Marten.Events.Projections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace CjsJourney.Cases;

/// <summary>
/// The month's caseload for the Board: crimes reported and suspects charged, by area and offence group. Counts only.
/// The month is the month the fact occurred in (UK time), so a late fact lands in the month it belongs to.
/// </summary>
public sealed record MonthlyCaseload
{
    /// <summary>The month, <c>yyyy-MM</c>.</summary>
    public required string Id { get; init; }

    public int CrimesReported { get; init; }

    public int SuspectsCharged { get; init; }

    public IReadOnlyDictionary<CspArea, int> ReportedByArea { get; init; } = new Dictionary<CspArea, int>();

    public IReadOnlyDictionary<OffenceCategory, int> ReportedByOffenceGroup { get; init; } =
        new Dictionary<OffenceCategory, int>();

    public int DomesticAbuseReported { get; init; }
}

/// <summary>
/// Async: a partnership-wide count is read far less often than facts arrive, and many cases fold into one document,
/// so it is built by the daemon off the write path.
/// </summary>
public sealed partial class CaseloadProjection : MultiStreamProjection<MonthlyCaseload, string>
{
    public CaseloadProjection()
    {
        Identity<CrimeReported>(e => UkTime.MonthOf(e.OccurredAt));
        Identity<SuspectCharged>(e => UkTime.MonthOf(e.OccurredAt));
    }

    public static MonthlyCaseload Create(CrimeReported e) =>
        Apply(e, new MonthlyCaseload { Id = UkTime.MonthOf(e.OccurredAt) });

    /// <summary>
    /// A crime known only from a published outcome (offence not known) was reported in some earlier month we were not
    /// told: it is not counted as reported in the outcome's month.
    /// </summary>
    public static MonthlyCaseload Apply(CrimeReported e, MonthlyCaseload current) => e.OffenceCategory == OffenceCategory.NotKnown
        ? current
        : current with
    {
        CrimesReported = current.CrimesReported + 1,
        ReportedByArea = Increment(current.ReportedByArea, e.Area),
        ReportedByOffenceGroup = Increment(current.ReportedByOffenceGroup, e.OffenceCategory),
        DomesticAbuseReported = current.DomesticAbuseReported + (e.Flags.Contains(CrimeFlag.DomesticAbuse) ? 1 : 0),
    };

    public static MonthlyCaseload Create(SuspectCharged e) =>
        Apply(e, new MonthlyCaseload { Id = UkTime.MonthOf(e.OccurredAt) });

    public static MonthlyCaseload Apply(SuspectCharged e, MonthlyCaseload current) =>
        current with { SuspectsCharged = current.SuspectsCharged + 1 };

    private static Dictionary<TKey, int> Increment<TKey>(IReadOnlyDictionary<TKey, int> counts, TKey key)
        where TKey : notnull
    {
        var next = new Dictionary<TKey, int>(counts);
        next[key] = next.GetValueOrDefault(key) + 1;
        return next;
    }
}

public static class GetCaseload
{
    /// <summary>Monthly caseload between two months inclusive (<c>yyyy-MM</c>), oldest first.</summary>
    [WolverineGet("/api/caseload", OperationId = "GetCaseload")]
    [Authorize(Roles = $"{Roles.Board},{Roles.Admin}")]
    [ProducesResponseType<IReadOnlyList<MonthlyCaseload>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<MonthlyCaseload>> Get(string? from, string? to, IQuerySession session,
        CancellationToken ct)
    {
        var months = await session.Query<MonthlyCaseload>().ToListAsync(ct);
        return months
            .Where(m => (from is null || string.CompareOrdinal(m.Id, from) >= 0) &&
                        (to is null || string.CompareOrdinal(m.Id, to) <= 0))
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .ToList();
    }
}
