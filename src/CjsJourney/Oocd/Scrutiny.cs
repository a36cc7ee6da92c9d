using System.Security.Claims;
using CjsJourney.Infrastructure;
using CjsJourney.Persons;
using CjsJourney.Security;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace CjsJourney.Oocd;

// The independent Out of Court Disposals Scrutiny Panel: samples drawn at random (seeded, so anyone can reproduce
// them) and by theme for a period, then each case rated 1-4 with observations.

public sealed record SampleTheme(OocdRegime? Regime, OocdKind? Kind, OocdCompliance? Compliance, bool? VictimViewsNotSought, int Size);

public sealed record ScrutinySampleDrawn(
    string SampleId,
    DateOnly From,
    DateOnly To,
    int Seed,
    int RandomSize,
    SampleTheme? Theme,
    int Population,
    IReadOnlyList<string> Random,
    IReadOnlyList<string> Thematic,
    string DrawnBy);

/// <summary>1 appropriate; 2 appropriate with observations; 3 inappropriate; 4 no agreement (re-scored at the next panel).</summary>
public sealed record ScrutinyRatingRecorded(string SampleId, string Oocd, int Rating, string? Observations,
    IReadOnlyList<string> LearningActions, string RatedBy);

public sealed record DrawSample(DateOnly From, DateOnly To, int Seed, int RandomSize = 0, SampleTheme? Theme = null);

public sealed record RateCase(string Oocd, int Rating, string? Observations = null, IReadOnlyList<string>? LearningActions = null);

public sealed record ScrutinyRating(int Rating, string? Observations, IReadOnlyList<string> LearningActions, string RatedBy, DateTimeOffset At);

public sealed record ScrutinySample
{
    /// <summary>The sample's stream key, <c>scrutiny/{sampleId}</c>.</summary>
    public required string Id { get; init; }

    public string SampleId { get; init; } = "";

    public DateOnly From { get; init; }

    public DateOnly To { get; init; }

    public int Seed { get; init; }

    public SampleTheme? Theme { get; init; }

    public int Population { get; init; }

    public IReadOnlyList<string> Random { get; init; } = [];

    public IReadOnlyList<string> Thematic { get; init; } = [];

    public string DrawnBy { get; init; } = "";

    public DateTimeOffset DrawnAt { get; init; }

    /// <summary>The latest rating of each sampled case (a "no agreement" is re-scored, so later ratings replace it).</summary>
    public IReadOnlyDictionary<string, ScrutinyRating> Ratings { get; init; } = new Dictionary<string, ScrutinyRating>();

    public IReadOnlyDictionary<int, int> Tally =>
        Enumerable.Range(1, 4).ToDictionary(r => r, r => Ratings.Values.Count(x => x.Rating == r));

    public static ScrutinySample? Fold(ScrutinySample? sample, IEvent e) => e.Data switch
    {
        ScrutinySampleDrawn d => new ScrutinySample
        {
            Id = e.StreamKey ?? $"scrutiny/{d.SampleId}", SampleId = d.SampleId, From = d.From, To = d.To, Seed = d.Seed, Theme = d.Theme, Population = d.Population,
            Random = d.Random, Thematic = d.Thematic, DrawnBy = d.DrawnBy, DrawnAt = e.Timestamp,
        },
        ScrutinyRatingRecorded r when sample is not null => sample with
        {
            Ratings = new Dictionary<string, ScrutinyRating>(sample.Ratings)
            {
                [r.Oocd] = new(r.Rating, r.Observations, r.LearningActions, r.RatedBy, e.Timestamp),
            },
        },
        _ => sample,
    };

    /// <summary>
    /// The draw, reproducible by seed: the population in a fixed order (by register id), shuffled by a seeded
    /// Fisher-Yates; the thematic sample comes from what the random one did not take.
    /// </summary>
    public static (IReadOnlyList<string> Random, IReadOnlyList<string> Thematic) Draw(IEnumerable<OocdRegisterEntry> population,
        int seed, int randomSize, SampleTheme? theme)
    {
        var ordered = population.OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
        var random = Shuffle(ordered, seed).Take(randomSize).Select(e => e.Id).ToList();
        var thematic = theme is null
            ? []
            : Shuffle(ordered.Where(e => !random.Contains(e.Id) && Matches(e, theme)).ToList(), seed + 1)
                .Take(theme.Size).Select(e => e.Id).ToList();
        return (random, thematic);
    }

    private static bool Matches(OocdRegisterEntry e, SampleTheme theme) =>
        (theme.Regime is null || e.Regime == theme.Regime) &&
        (theme.Kind is null || e.Kind == theme.Kind) &&
        (theme.Compliance is null || e.Compliance == theme.Compliance) &&
        (theme.VictimViewsNotSought != true || e.VictimViews is not { Sought: true });

    private static List<T> Shuffle<T>(List<T> items, int seed)
    {
        var list = items.ToList();
#pragma warning disable CA5394 // a reproducible sample is the point: a seeded, non-cryptographic generator
        var rng = new Random(seed);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
#pragma warning restore CA5394
        return list;
    }
}

/// <summary>Inline: the panel reads the sample straight after drawing or rating it.</summary>
public sealed partial class ScrutinySampleProjection : SingleStreamProjection<ScrutinySample, string>
{
    public override ScrutinySample? Evolve(ScrutinySample? snapshot, string id, IEvent e) => ScrutinySample.Fold(snapshot, e);
}

public static class ScrutinyEndpoints
{
    [WolverinePost("/api/oocd/scrutiny/samples", OperationId = "DrawScrutinySample")]
    [Authorize(Roles = $"{Roles.Auditor},{Roles.Iom},{Roles.Admin}")]
    [ProducesResponseType<ScrutinySample>(StatusCodes.Status201Created)]
    public static async Task<IResult> Draw(DrawSample request, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.To < request.From)
        {
            errors["to"] = ["must not be before 'from'"];
        }

        if (request.RandomSize is < 0 or > 500)
        {
            errors["randomSize"] = ["must be between 0 and 500"];
        }

        if (request.Theme is { Size: < 1 or > 500 })
        {
            errors["theme.size"] = ["must be between 1 and 500"];
        }

        if (request.RandomSize == 0 && request.Theme is null)
        {
            errors["randomSize"] = ["ask for a random sample, a thematic one (theme), or both"];
        }

        if (errors.Count > 0)
        {
            return Problems.BadRequest(errors);
        }

        var population = await session.Query<OocdRegisterEntry>()
            .Where(e => e.OfferedOn >= request.From && e.OfferedOn <= request.To)
            .ToListAsync(ct);
        var (random, thematic) = ScrutinySample.Draw(population, request.Seed, request.RandomSize, request.Theme);
        var sampleId = $"{request.From:yyyyMMdd}-{request.To:yyyyMMdd}-{Guid.NewGuid().ToString("N")[..8]}";
        var drawn = new ScrutinySampleDrawn(sampleId, request.From, request.To, request.Seed, request.RandomSize, request.Theme,
            population.Count, random, thematic, user.Identity?.Name ?? "unknown");
        session.Events.StartStream(Key(sampleId), drawn);
        var sample = ScrutinySample.Fold(null, session.Events.BuildEvent(drawn))! with { DrawnAt = DateTimeOffset.UtcNow };
        return Results.Created($"/api/oocd/scrutiny/samples/{sampleId}", sample);
    }

    [WolverinePost("/api/oocd/scrutiny/samples/{sampleId}/ratings", OperationId = "RateScrutinyCase")]
    [Authorize(Roles = $"{Roles.Auditor},{Roles.Iom},{Roles.Admin}")]
    public static async Task<IResult> Rate(string sampleId, RateCase request, ClaimsPrincipal user, IDocumentSession session,
        CancellationToken ct)
    {
        if (await session.LoadAsync<ScrutinySample>(Key(sampleId), ct) is not { } sample)
        {
            return Results.NotFound();
        }

        if (request.Rating is < 1 or > 4)
        {
            return Problems.BadRequest("rating", "must be 1 (appropriate), 2 (appropriate with observations), 3 (inappropriate) or 4 (no agreement)");
        }

        if (!sample.Random.Contains(request.Oocd) && !sample.Thematic.Contains(request.Oocd))
        {
            return Problems.BadRequest("oocd", $"'{request.Oocd}' is not in sample {sampleId}");
        }

        if (request.Rating >= 2 && string.IsNullOrWhiteSpace(request.Observations))
        {
            return Problems.BadRequest("observations", "are required for a rating of 2, 3 or 4");
        }

        session.Events.Append(Key(sampleId), new ScrutinyRatingRecorded(sampleId, request.Oocd, request.Rating, request.Observations,
            request.LearningActions ?? [], user.Identity?.Name ?? "unknown"));
        return Results.NoContent();
    }

    [WolverineGet("/api/oocd/scrutiny/samples", OperationId = "ListScrutinySamples")]
    [Authorize(Roles = $"{Roles.Auditor},{Roles.Iom},{Roles.Admin}")]
    [ProducesResponseType<IReadOnlyList<ScrutinySample>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<ScrutinySample>> List(IQuerySession session, CancellationToken ct) =>
        await session.Query<ScrutinySample>().OrderByDescending(s => s.DrawnAt).ToListAsync(ct);

    [WolverineGet("/api/oocd/scrutiny/samples/{sampleId}", OperationId = "GetScrutinySample")]
    [Authorize(Roles = $"{Roles.Auditor},{Roles.Iom},{Roles.Admin}")]
    [ProducesResponseType<ScrutinySample>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string sampleId, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<ScrutinySample>(Key(sampleId), ct) is { } sample ? Results.Ok(sample) : Results.NotFound();

    private static string Key(string sampleId) => $"scrutiny/{sampleId}";
}
