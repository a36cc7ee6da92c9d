namespace CjsJourney.Persons;

/// <summary>The out-of-court disposal regime a decision was made under: stored on every offer, never inferred later.</summary>
public enum OocdRegime
{
    /// <summary>The adult framework in use (community resolution, cautions, PND, cannabis/khat warning, Outcome 22).</summary>
    AdultFramework,

    /// <summary>Police, Crime, Sentencing and Courts Act 2022 Part 6: diversionary and community cautions.</summary>
    TwoTier2022,

    /// <summary>Youth cautions, youth conditional cautions and Outcome 23 deferred prosecution.</summary>
    Youth,
}

public enum OocdKind
{
    CommunityResolution,
    SimpleCaution,
    ConditionalCaution,
    PenaltyNoticeForDisorder,
    CannabisOrKhatWarning,
    Outcome22DeferredOrDiversionary,
    DiversionaryCaution,
    CommunityCaution,
    YouthCaution,
    YouthConditionalCaution,
    Outcome23DeferredProsecution,
}

/// <summary>One regime's rules, as data: which disposals it offers and what acceptance needs.</summary>
public sealed record OocdRuleSet(
    OocdRegime Regime,
    string Name,
    IReadOnlyList<OocdKind> Kinds,
    IReadOnlyList<OocdKind> AdmissionRequiredFor,
    int? MaxUnpaidWorkHours,
    string Source);

/// <summary>
/// The regimes side by side (two must coexist while Part 6 is prospective). Adding or changing a regime is a new
/// row, never an edit to the old one: each offer carries the regime it was made under.
/// </summary>
public static class OocdRules
{
    public static readonly IReadOnlyList<OocdRuleSet> All =
    [
        new(OocdRegime.AdultFramework, "adult framework in use",
            [
                OocdKind.CommunityResolution, OocdKind.SimpleCaution, OocdKind.ConditionalCaution,
                OocdKind.PenaltyNoticeForDisorder, OocdKind.CannabisOrKhatWarning, OocdKind.Outcome22DeferredOrDiversionary,
            ],
            [OocdKind.SimpleCaution, OocdKind.ConditionalCaution],
            MaxUnpaidWorkHours: null,
            Source: "Home Office / CPS adult out-of-court disposal guidance; Outcome 22 needs no admission"),
        new(OocdRegime.TwoTier2022, "statutory two-tier framework (PCSC Act 2022 Part 6)",
            [OocdKind.DiversionaryCaution, OocdKind.CommunityCaution],
            [OocdKind.DiversionaryCaution, OocdKind.CommunityCaution],
            MaxUnpaidWorkHours: 20,
            Source: "Police, Crime, Sentencing and Courts Act 2022 Part 6 (prospective): diversionary caution up to 20 h, community caution up to 10 h"),
        new(OocdRegime.Youth, "youth out-of-court disposals",
            [OocdKind.CommunityResolution, OocdKind.YouthCaution, OocdKind.YouthConditionalCaution, OocdKind.Outcome23DeferredProsecution],
            [OocdKind.YouthCaution, OocdKind.YouthConditionalCaution],
            MaxUnpaidWorkHours: null,
            Source: "Crime and Disorder Act 1998 ss.66ZA-66G; Outcome 23"),
    ];

    public static OocdRuleSet For(OocdRegime regime) => All.Single(r => r.Regime == regime);
}
