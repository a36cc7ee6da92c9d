using System.Text.Json.Nodes;
using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace CjsJourney.Tests.Support;

/// <summary>Small fluent helpers so scenarios read as what a partner or a reader does.</summary>
public static class ServiceFixtureExtensions
{
    public static Task<IScenarioResult> Submit(this ServiceFixture fixture, JsonArray batch, int expectStatus = 200,
        string role = "agency") =>
        fixture.Host.Scenario(s =>
        {
            s.Post.Json(batch).ToUrl("/api/events");
            s.WithBearerToken(ServiceFixture.TokenFor(role));
            s.StatusCodeShouldBe(expectStatus);
        });

    public static Task<IScenarioResult> Submit(this ServiceFixture fixture, params JsonObject[] envelopes) =>
        fixture.Submit(Envelopes.Batch(envelopes));

    public static Task<IScenarioResult> SubmitRaw(this ServiceFixture fixture, string body, int expectStatus) =>
        fixture.Host.Scenario(s =>
        {
            s.Post.Text(body).ToUrl("/api/events");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(ServiceFixture.TokenFor("agency"));
            s.StatusCodeShouldBe(expectStatus);
        });

    public static async Task<T> GetJson<T>(this ServiceFixture fixture, string url, string role = "auditor")
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(ServiceFixture.TokenFor(role));
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<T>())!;
    }

    /// <summary>
    /// How many partner facts the store holds (on case, victim and person streams; the service's own judgements
    /// and audit records arrive on their own schedule): "nothing stored" is checked, not assumed.
    /// </summary>
    public static async Task<int> StoredEventCount(this ServiceFixture fixture)
    {
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var counts = await session.AdvancedSql.QueryAsync<int>(
            "select count(*)::int from cjs.mt_events where stream_id like 'case/%' or stream_id like 'victim/%' or stream_id like 'person/%'", CancellationToken.None);
        return counts.Single();
    }

    public static JsonObject Errors(this JsonObject problem) => problem["errors"]!.AsObject();
}
