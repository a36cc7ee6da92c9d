using CjsJourney.Tests.Support;

namespace CjsJourney.Tests.Security;

public class when_calling_without_the_right_role(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    [Theory]
    [InlineData("POST", "/api/events")]
    [InlineData("GET", "/api/cases/35CJ0000001")]
    [InlineData("GET", "/api/caseload")]
    [InlineData("GET", "/openapi/v1.json")]
    public async Task no_token_gets_401(string method, string url) =>
        await service.Host.Scenario(s =>
        {
            if (method == "POST")
            {
                s.Post.Json(Envelopes.Batch(Envelopes.CrimeReported(Envelopes.NewUrn()))).ToUrl(url);
            }
            else
            {
                s.Get.Url(url);
            }

            s.StatusCodeShouldBe(401);
        });

    [Fact]
    public async Task a_forged_token_gets_401() =>
        await service.Host.Scenario(s =>
        {
            s.Get.Url("/api/caseload");
            var token = ServiceFixture.TokenFor("board");
            s.WithBearerToken(token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));
            s.StatusCodeShouldBe(401);
        });

    [Theory]
    [InlineData("board")]
    [InlineData("iom")]
    [InlineData("auditor")]
    public async Task only_agencies_and_admins_submit_facts(string role)
    {
        var before = await service.StoredEventCount();

        await service.Submit(Envelopes.Batch(Envelopes.CrimeReported(Envelopes.NewUrn())), 403, role);

        Assert.Equal(before, await service.StoredEventCount());
    }

    [Fact]
    public async Task the_board_cannot_read_a_case() =>
        await service.Host.Scenario(s =>
        {
            s.Get.Url("/api/cases/35CJ0000001");
            s.WithBearerToken(ServiceFixture.TokenFor("board"));
            s.StatusCodeShouldBe(403);
        });

    [Fact]
    public async Task health_needs_no_token() =>
        await service.Host.Scenario(s =>
        {
            s.Get.Url("/health/live");
            s.StatusCodeShouldBe(200);
        });
}
