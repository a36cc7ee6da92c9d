using System.Reflection;
using System.Text.Json;
using CjsJourney.Cases;
using CjsJourney.Journeys;
using CjsJourney.Victims;

namespace CjsJourney.Compliance;

/// <summary>
/// One edition of the Victims' Code as data: each entitlement with its trigger facts, responsible agency, standard
/// and enhanced deadlines in working days and the fact that evidences it. Loaded from
/// <c>Compliance/Data/victims-code-*.json</c>; an entitlement is judged by the edition in force when its trigger occurred.
/// </summary>
public sealed record CodeEdition(
    string Edition,
    string Title,
    DateTimeOffset InForceFrom,
    string Source,
    int UnreachableAfterFailedAttempts,
    IReadOnlyList<CrimeFlag> PresumedEnhancedFlags,
    ContactSchemeEligibility VictimContactScheme,
    IReadOnlyList<QuarterlyArea> QuarterlyAreas,
    IReadOnlyList<ExceptionRule> Exceptions,
    IReadOnlyList<EntitlementRule> Entitlements)
{
    public EntitlementRule Entitlement(string id) => Entitlements.Single(e => e.Id == id);
}

public sealed record EntitlementRule(
    string Id,
    int Right,
    string Title,
    IReadOnlyList<TriggerRule> Triggers,
    EvidenceRule Evidence,
    Agency? Responsible = null,
    string? ResponsibleField = null,
    int? StandardDays = null,
    int? EnhancedDays = null,
    string? QuarterlyArea = null)
{
    public bool HasDeadline => StandardDays is not null;
}

/// <summary>A fact that starts the clock: its type, field values it must have, and named conditions on the case.</summary>
public sealed record TriggerRule(string Fact, IReadOnlyDictionary<string, IReadOnlyList<string>>? Where = null,
    IReadOnlyList<string>? When = null);

/// <summary>The fact that shows the entitlement was delivered; <c>match</c> fields must equal the trigger's.</summary>
public sealed record EvidenceRule(string Fact, IReadOnlyList<string>? About = null, IReadOnlyList<string>? Match = null,
    bool MayPrecedeTrigger = false);

/// <summary>A recorded good reason that closes open entitlements as excepted rather than breached.</summary>
public sealed record ExceptionRule(
    string Fact,
    string? Reason = null,
    string? ReasonField = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Where = null,
    IReadOnlyList<string>? Entitlements = null,
    string? EntitlementsField = null,
    IReadOnlyList<string>? Areas = null);

public sealed record QuarterlyArea(string Id, string Title);

public sealed record ContactSchemeEligibility(
    string Why,
    int MinimumCustodyDays,
    IReadOnlyList<Disposal> CustodialDisposals,
    IReadOnlyList<Disposal> AlwaysEligibleDisposals,
    IReadOnlyList<OffenceCategory> OffenceCategories);

/// <summary>
/// A named condition a trigger may require (<c>"when": ["bail-hearing"]</c>), about the case or victim rather than the
/// fact's own fields. Implementations are found by scanning, so the data can name them.
/// </summary>
public interface ITriggerCondition
{
    string Name { get; }

    bool Holds(TriggerContext context);
}

/// <summary>What a trigger is judged against: the fact, the victim's journey and the case as they now stand.</summary>
public sealed record TriggerContext(Fact Fact, VictimJourney? Victim, CaseSummary? Case, CodeEdition Edition);

/// <summary>All editions, oldest first; the one in force at an instant judges what was triggered then.</summary>
public sealed class VictimsCode
{
    private readonly IReadOnlyDictionary<string, ITriggerCondition> _conditions;

    /// <summary>Every edition shipped in the assembly, checked to name only facts, values and conditions that exist.</summary>
    public VictimsCode(FactCatalogue catalogue, IEnumerable<ITriggerCondition> conditions, WorkingDays calendar)
        : this(LoadEditions(), conditions, calendar) => Validate(catalogue);

    private VictimsCode(IEnumerable<CodeEdition> editions, IEnumerable<ITriggerCondition> conditions, WorkingDays calendar)
    {
        Editions = editions.OrderBy(e => e.InForceFrom).ToList();
        _conditions = conditions.ToDictionary(c => c.Name);
        Calendar = calendar;
    }

    public IReadOnlyList<CodeEdition> Editions { get; }

    public WorkingDays Calendar { get; }

    /// <summary>A rule set from given editions (a future Code beside the current one, in tests).</summary>
    public static VictimsCode With(IEnumerable<CodeEdition> editions, IEnumerable<ITriggerCondition> conditions, WorkingDays calendar) =>
        new(editions, conditions, calendar);

    public CodeEdition InForceAt(DateTimeOffset instant) =>
        Editions.LastOrDefault(e => e.InForceFrom <= instant) ?? Editions[0];

    public CodeEdition Edition(string edition) => Editions.Single(e => e.Edition == edition);

    public bool Holds(string condition, TriggerContext context) => _conditions[condition].Holds(context);

    /// <summary>The fact types any edition triggers on, takes as evidence or as an exception: what the judge must see.</summary>
    public static IReadOnlyList<string> FactsReferenced() => LoadEditions()
        .SelectMany(e => e.Entitlements.SelectMany(r => r.Triggers.Select(t => t.Fact).Append(r.Evidence.Fact))
            .Concat(e.Exceptions.Select(x => x.Fact)))
        .Distinct(StringComparer.Ordinal)
        .ToList();

    private static List<CodeEdition> LoadEditions()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("CjsJourney.Compliance.Data.victims-code-", StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return JsonSerializer.Deserialize<CodeEdition>(stream, ApiJsonRead.Options)!;
            })
            .ToList();
    }

    private void Validate(FactCatalogue catalogue)
    {
        var problems = new List<string>();
        var abouts = Enum.GetNames<InformedAbout>().Select(JsonNamingPolicy.KebabCaseLower.ConvertName).ToHashSet();
        foreach (var edition in Editions)
        {
            foreach (var rule in edition.Entitlements)
            {
                var facts = rule.Triggers.Select(t => t.Fact).Append(rule.Evidence.Fact);
                problems.AddRange(facts.Where(f => catalogue.Find(f) is null).Select(f => $"{edition.Edition} {rule.Id}: no fact type {f}"));
                problems.AddRange(rule.Triggers.SelectMany(t => t.When ?? []).Where(c => !_conditions.ContainsKey(c))
                    .Select(c => $"{edition.Edition} {rule.Id}: no condition {c}"));
                problems.AddRange((rule.Evidence.About ?? []).Where(a => !abouts.Contains(a))
                    .Select(a => $"{edition.Edition} {rule.Id}: no VictimInformed about '{a}'"));
                if (rule.Responsible is null == rule.ResponsibleField is null)
                {
                    problems.Add($"{edition.Edition} {rule.Id}: name either responsible or responsibleField");
                }

                if (rule.QuarterlyArea is { } area && edition.QuarterlyAreas.All(q => q.Id != area))
                {
                    problems.Add($"{edition.Edition} {rule.Id}: no quarterly area {area}");
                }
            }

            problems.AddRange(edition.Exceptions.Where(x => catalogue.Find(x.Fact) is null)
                .Select(x => $"{edition.Edition} exception: no fact type {x.Fact}"));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The Victims' Code rule data is inconsistent: " + string.Join("; ", problems));
        }
    }
}

/// <summary>Reads a fact's fields as the API writes them (camelCase names, kebab-case values), for data-driven matching.</summary>
public static class FactFields
{
    public static string? Value(Fact fact, string field)
    {
        var json = JsonSerializer.SerializeToElement(fact, fact.GetType(), ApiJson.Options);
        if (!json.TryGetProperty(field, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }

    public static IReadOnlyList<string> Values(Fact fact, string field)
    {
        var json = JsonSerializer.SerializeToElement(fact, fact.GetType(), ApiJson.Options);
        return json.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.ToString()).ToList()
            : [];
    }

    public static bool Matches(Fact fact, IReadOnlyDictionary<string, IReadOnlyList<string>>? where) =>
        where is null || where.All(w => Value(fact, w.Key) is { } v && w.Value.Contains(v));
}
