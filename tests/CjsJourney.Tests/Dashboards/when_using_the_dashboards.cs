using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CjsJourney.Tests.Support;
using Microsoft.Playwright;

namespace CjsJourney.Tests.Dashboards;

/// <summary>The pages in a real browser against the service on loopback: sign-in per role, live updates, time travel.</summary>
[Collection("browser")]
public class when_using_the_dashboards(LoopbackServiceFixture service, BrowserFixture browser)
    : IClassFixture<LoopbackServiceFixture>, IClassFixture<BrowserFixture>
{
    private async Task<IPage> SignIn(string role, int width = 1280, int height = 800)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = service.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        // Generous: the first render of a page on a busy 2-core machine compiles its code.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.ClickAsync($"#signin-{role}");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        return page;
    }

    private async Task Post(params JsonObject[] envelopes)
    {
        using var agency = service.CreateClient("agency");
        (await agency.PostAsJsonAsync("/api/events", Envelopes.Batch(envelopes))).EnsureSuccessStatusCode();
    }

    private static Task Live(IPage page) =>
        Assertions.Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = 15000 });

    [Fact]
    public async Task each_role_signs_in_and_is_offered_only_its_own_pages()
    {
        var board = await SignIn("board");
        Assert.EndsWith("/board", board.Url, StringComparison.Ordinal);
        Assert.Equal(0, await board.Locator("nav a[href='/iom']").CountAsync());
        Assert.Equal(403, (await board.GotoAsync("/iom"))!.Status);

        var iom = await SignIn("iom");
        Assert.EndsWith("/iom", iom.Url, StringComparison.Ordinal);
        Assert.Equal(0, await iom.Locator("nav a[href='/board']").CountAsync());
        Assert.Equal(403, (await iom.GotoAsync("/audit"))!.Status);

        var auditor = await SignIn("auditor");
        Assert.EndsWith("/audit", auditor.Url, StringComparison.Ordinal);
        Assert.Equal(403, (await auditor.GotoAsync("/board"))!.Status);

        var anonymous = await (await browser.Browser.NewContextAsync(new() { BaseURL = service.BaseAddress.ToString() })).NewPageAsync();
        await anonymous.GotoAsync("/board");
        Assert.Contains("/signin", anonymous.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_evidencing_event_moves_the_board_figure_in_the_open_page_without_reload()
    {
        var ids = SampleIds.New();
        var arrested = DateTimeOffset.UtcNow.AddMinutes(-30);
        await Post(Envelopes.Of("CrimeReported", SampleFacts.All["CrimeReported"](ids), arrested),
            Envelopes.Of("VictimIdentified", SampleFacts.All["VictimIdentified"](ids), arrested),
            Envelopes.Of("SuspectArrested", new JsonObject { ["urn"] = ids.Urn, ["personId"] = ids.PersonId }, arrested));
        using var boardApi = service.CreateClient("board");
        await Eventually.Holds(async () => (int)(await boardApi.GetFromJsonAsync<JsonObject>("/api/compliance/summary"))!["total"]!["open"]!,
            open => open >= 3, because: "the victim's entitlements are open");

        var page = await SignIn("board");
        await Live(page);
        var before = int.Parse(await page.Locator("[data-testid=met-on-time]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("board"), FullPage = true });
        await page.EvaluateAsync("() => { window.__notReloaded = true; }");

        await Post(Envelopes.Of("VictimInformed", new JsonObject { ["victimId"] = ids.VictimId, ["about"] = "suspect-arrested", ["channel"] = "phone", ["urn"] = ids.Urn }, arrested.AddMinutes(5)));

        await Assertions.Expect(page.Locator("[data-testid=met-on-time]")).ToHaveTextAsync((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 15000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        var api = (await boardApi.GetFromJsonAsync<JsonObject>("/api/compliance/summary"))!;
        Assert.Equal((int)api["total"]!["metOnTime"]!, before + 1);
    }

    [Fact]
    public async Task the_auditors_time_control_shows_an_earlier_state_and_each_view_is_recorded()
    {
        var ids = SampleIds.New();
        await Post(SampleFacts.Preconditions(ids));
        var page = await SignIn("auditor");
        await page.GotoAsync($"/audit?kind=case&id={ids.Urn}");
        await Assertions.Expect(page.Locator("[data-testid=stage]")).ToHaveTextAsync("Charged");
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("audit"), FullPage = true });

        await page.Locator("#known").FillAsync("1");
        await page.Locator("#known").DispatchEventAsync("change");

        await Assertions.Expect(page.Locator("[data-testid=stage]")).ToHaveTextAsync("Reported");
        Assert.Equal(1, await page.Locator("[data-testid=timeline] li").CountAsync());
        using var admin = service.CreateClient("admin");
        var reads = (await admin.GetFromJsonAsync<JsonArray>($"/api/audit/reads?subjectId={ids.Urn}"))!;
        // The page as first shown (now) and at one fact known; a live refresh would be another read, also recorded.
        Assert.Contains(reads, r => r!["asAt"] is null);
        Assert.Contains(reads, r => (string?)r!["asAt"] == "1");
        Assert.All(reads, r => Assert.Equal("Local auditor user", (string)r!["viewedBy"]!));
    }

    [Fact]
    public async Task the_iom_page_shows_the_cohort_and_drills_down_to_a_record_with_its_pathway_timeline()
    {
        var ids = SampleIds.New();
        var day = DateTimeOffset.UtcNow.AddDays(-20);
        await Post([.. SampleFacts.Preconditions(ids),
            Envelopes.Of("IomSelected", new JsonObject { ["personId"] = ids.PersonId, ["cohort"] = "fixed", ["selectionScore"] = 55, ["scoringMethod"] = "IOM matrix v3", ["panelDate"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, day),
            Envelopes.Of("IomRatingChanged", new JsonObject { ["personId"] = ids.PersonId, ["rating"] = "amber" }, day),
            Envelopes.Of("PathwayStatusChanged", new JsonObject { ["personId"] = ids.PersonId, ["pathway"] = "accommodation", ["status"] = "support-required" }, day),
            Envelopes.Of("PathwayStatusChanged", new JsonObject { ["personId"] = ids.PersonId, ["pathway"] = "accommodation", ["status"] = "in-progress" }, day.AddDays(5))]);

        var page = await SignIn("iom");
        await Live(page);
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("iom"), FullPage = true });
        await page.ClickAsync($"a[href='/iom/offenders/{ids.PersonId}']");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(ids.PersonId);
        Assert.Equal(2, await page.Locator("ol[aria-label='Accommodation history'] li").CountAsync());
        await page.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("iom-offender"), FullPage = true });

        var narrow = await SignIn("board", 390, 844);
        await narrow.ScreenshotAsync(new() { Path = BrowserFixture.ScreenshotPath("board-narrow"), FullPage = true });
        Assert.True(await narrow.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"));
    }
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection;
