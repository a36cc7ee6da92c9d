using System.Text.Json.Nodes;
using CjsJourney.Tests.Support;
using Marten.Events;

namespace CjsJourney.Tests.Cases;

/// <summary>
/// The monthly caseload is an async projection run by the daemon under Wolverine's distribution: this proves the
/// daemon really runs and advances (the stand-in lock package cannot run Marten's HotCold mode).
/// </summary>
public class when_counting_the_caseload(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task the_async_projection_advances_and_counts_each_month_in_uk_time()
    {
        var march = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
        // 23:30 UTC on 31 May is 00:30 on 1 June in BST: it is a June crime.
        var juneInBst = new DateTimeOffset(2026, 5, 31, 23, 30, 0, TimeSpan.Zero);
        var (a, b) = (Envelopes.NewUrn(), Envelopes.NewUrn());
        await service.Submit(
            Envelopes.CrimeReported(a, march, area: "peterborough", flags: ["domestic-abuse"]),
            Envelopes.CrimeReported(b, juneInBst, area: "cambridge"),
            Envelopes.SuspectCharged(a, at: march.AddDays(3)));

        await service.Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var months = await service.GetJson<JsonArray>("/api/caseload?from=2026-01&to=2026-12", role: "board");
        var byMonth = months.ToDictionary(m => (string)m!["id"]!, m => m!.AsObject());
        Assert.Equal(["2026-03", "2026-06"], byMonth.Keys);
        Assert.Equal((1, 1, 1), ((int)byMonth["2026-03"]["crimesReported"]!, (int)byMonth["2026-03"]["suspectsCharged"]!,
            (int)byMonth["2026-03"]["domesticAbuseReported"]!));
        Assert.Equal(1, (int)byMonth["2026-03"]["reportedByArea"]!["peterborough"]!);
        Assert.Equal(1, (int)byMonth["2026-06"]["reportedByArea"]!["cambridge"]!);
    }
}
