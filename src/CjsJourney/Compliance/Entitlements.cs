using CjsJourney.Cases;
using CjsJourney.Infrastructure;
using CjsJourney.Journeys;
using CjsJourney.Victims;
using JasperFx.Events;

namespace CjsJourney.Compliance;

// The Victims' Code judgements about one victim, on the stream "victims-code/{victimId}". They are our conclusions
// from the partners' facts, kept apart from those facts: opened, met (on time or late), breached, excepted.

public enum EntitlementStatus
{
    Open,
    Met,
    MetLate,
    Breached,
    Excepted,
}

/// <summary>What every judgement carries so the partnership-wide counts can be kept without looking anything up.</summary>
public sealed record EntitlementDims(string EntitlementId, int Right, Agency Responsible, CspArea Area, string Month, string? QuarterlyArea);

public interface IEntitlementEvent
{
    string VictimId { get; }

    string Key { get; }

    EntitlementDims Dims { get; }
}

/// <summary>A trigger gave a victim an entitlement, due by the end of the last working day (null: no numeric deadline).</summary>
public sealed record EntitlementOpened(
    string VictimId,
    string Key,
    EntitlementDims Dims,
    string Title,
    string Edition,
    string? Urn,
    string TriggerFact,
    Guid TriggerEventId,
    DateTimeOffset TriggeredAt,
    bool Enhanced,
    int? WorkingDays,
    DateOnly? LastDay,
    DateTimeOffset? DueBy,
    IReadOnlyDictionary<string, string> Match) : IEntitlementEvent;

public sealed record EntitlementMet(
    string VictimId,
    string Key,
    EntitlementDims Dims,
    string EvidenceFact,
    Guid EvidenceEventId,
    DateTimeOffset MetAt,
    bool OnTime,
    EntitlementStatus Previous) : IEntitlementEvent;

/// <summary>Found by the clock: still open at its due instant, with no recorded good reason.</summary>
public sealed record EntitlementBreached(string VictimId, string Key, EntitlementDims Dims, DateTimeOffset DueBy, DateTimeOffset DetectedAt)
    : IEntitlementEvent;

public sealed record EntitlementExcepted(
    string VictimId,
    string Key,
    EntitlementDims Dims,
    string Reason,
    Guid? ExceptionEventId,
    DateTimeOffset At,
    EntitlementStatus Previous) : IEntitlementEvent;

/// <summary>A deadline check, scheduled durably by Wolverine for the entitlement's due instant.</summary>
public sealed record CheckEntitlementDeadline(string VictimId, string Key);

public sealed record EntitlementState(EntitlementOpened Opened, EntitlementStatus Status, string? ExceptionReason = null);

/// <summary>A victim's entitlements as the judgements left them: the state every decision is made against.</summary>
public sealed record VictimCompliance(string Id, IReadOnlyDictionary<string, EntitlementState> Entitlements)
{
    public static string StreamKey(string victimId) => $"victims-code/{victimId}";

    public static VictimCompliance Create(EntitlementOpened e) =>
        new(StreamKey(e.VictimId), new Dictionary<string, EntitlementState> { [e.Key] = new(e, EntitlementStatus.Open) });

    public VictimCompliance Apply(EntitlementOpened e) => With(e.Key, new EntitlementState(e, EntitlementStatus.Open));

    public VictimCompliance Apply(EntitlementMet e) =>
        With(e.Key, Entitlements[e.Key] with { Status = e.OnTime ? EntitlementStatus.Met : EntitlementStatus.MetLate });

    public VictimCompliance Apply(EntitlementBreached e) => With(e.Key, Entitlements[e.Key] with { Status = EntitlementStatus.Breached });

    public VictimCompliance Apply(EntitlementExcepted e) =>
        With(e.Key, Entitlements[e.Key] with { Status = EntitlementStatus.Excepted, ExceptionReason = e.Reason });

    private VictimCompliance With(string key, EntitlementState state) =>
        this with { Entitlements = new Dictionary<string, EntitlementState>(Entitlements) { [key] = state } };
}

/// <summary>
/// The Code's decisions as pure functions: given a victim's entitlements, when a fact arrives (or a deadline passes),
/// then these judgements. Time is the fact's, or passed in — never read from the clock here.
/// </summary>
public static class Entitlements
{
    public static string KeyFor(string entitlementId, Guid triggerEventId) => $"{entitlementId}/{triggerEventId:N}";

    /// <summary>
    /// The judgements one fact makes for one victim: exceptions, then evidence, then new entitlements. <paramref name="now"/>
    /// is when it is judged (the live judge passes the clock's reading; by default, when the fact was recorded).
    /// </summary>
    public static IReadOnlyList<IEntitlementEvent> Decide(VictimCompliance? state, string victimId, IEvent factEvent,
        VictimsCode code, VictimJourney? victim, CaseSummary? caseSummary, DateTimeOffset? now = null)
    {
        var fact = (Fact)factEvent.Data;
        var open = (state?.Entitlements.Values ?? []).ToList();
        var decided = new List<IEntitlementEvent>();

        decided.AddRange(Exceptions(open, fact, factEvent.Id, code));
        decided.AddRange(Unreachable(open.Where(o => decided.All(d => d.Key != o.Opened.Key)), fact, now ?? factEvent.Timestamp, code, victim));
        var excepted = decided.Select(d => d.Key).ToHashSet();
        decided.AddRange(Evidence(open.Where(o => !excepted.Contains(o.Opened.Key)), fact, factEvent.Id, code));

        var edition = code.InForceAt(fact.OccurredAt);
        var context = new TriggerContext(fact, victim, caseSummary, edition);
        foreach (var rule in edition.Entitlements)
        {
            if (!rule.Triggers.Any(t => t.Fact == fact.GetType().Name && FactFields.Matches(fact, t.Where) &&
                                        (t.When ?? []).All(c => code.Holds(c, context))))
            {
                continue;
            }

            var key = KeyFor(rule.Id, factEvent.Id);
            if (state?.Entitlements.ContainsKey(key) == true)
            {
                continue; // the same trigger delivered twice: opened once
            }

            var opened = Open(rule, key, victimId, factEvent, fact, edition, code.Calendar, victim, caseSummary);
            decided.Add(opened);
            decided.AddRange(AlreadySettled(opened, rule, edition, victim));
        }

        return decided;
    }

    /// <summary>At the due instant: still open → breached, unless the victim was unreachable after the recorded attempts.</summary>
    public static IEntitlementEvent? CheckDeadline(VictimCompliance? state, string key, DateTimeOffset now, VictimsCode code,
        VictimJourney? victim)
    {
        if (state?.Entitlements.GetValueOrDefault(key) is not { Status: EntitlementStatus.Open, Opened.DueBy: { } due } entitlement ||
            now < due)
        {
            return null;
        }

        var opened = entitlement.Opened;
        var attempts = victim?.FailedContactAttempts.Count(a => a >= opened.TriggeredAt && a < due) ?? 0;
        return attempts >= code.Edition(opened.Edition).UnreachableAfterFailedAttempts
            ? new EntitlementExcepted(opened.VictimId, key, opened.Dims, "unreachable", null, due, EntitlementStatus.Open)
            : new EntitlementBreached(opened.VictimId, key, opened.Dims, due, now);
    }

    private static EntitlementOpened Open(EntitlementRule rule, string key, string victimId, IEvent factEvent, Fact fact,
        CodeEdition edition, WorkingDays calendar, VictimJourney? victim, CaseSummary? caseSummary)
    {
        var enhanced = IsEnhanced(fact.OccurredAt, edition, victim, caseSummary);
        var days = enhanced ? rule.EnhancedDays : rule.StandardDays;
        var (lastDay, dueBy) = days is { } d ? calendar.Deadline(fact.OccurredAt, d) : (default(DateOnly?), default(DateTimeOffset?));
        var responsible = rule.Responsible ??
                          Enum.Parse<Agency>(FactFields.Value(fact, rule.ResponsibleField!)!.Replace("-", "", StringComparison.Ordinal), ignoreCase: true);
        var month = UkTime.MonthOf(lastDay is { } l ? UkTime.StartOfDay(l) : fact.OccurredAt);
        var urn = (fact as ICaseFact)?.Urn ?? FactFields.Value(fact, "urn");
        var match = (rule.Evidence.Match ?? []).ToDictionary(f => f, f => FactFields.Value(fact, f) ?? "");
        return new EntitlementOpened(victimId, key,
            new EntitlementDims(rule.Id, rule.Right, responsible, caseSummary?.Area ?? CspArea.NotKnown, month, rule.QuarterlyArea),
            rule.Title, edition.Edition, urn, fact.GetType().Name, factEvent.Id, fact.OccurredAt, enhanced, days, lastDay, dueBy, match);
    }

    /// <summary>
    /// Standard or enhanced by the victim's latest assessment made by the time of the trigger; not yet assessed,
    /// a victim of a crime flagged with one of the most serious kinds is presumed enhanced.
    /// </summary>
    public static bool IsEnhanced(DateTimeOffset at, CodeEdition edition, VictimJourney? victim, CaseSummary? caseSummary)
    {
        var assessment = victim?.EligibilityHistory.LastOrDefault(a => a.At <= at);
        return assessment?.Enhanced ??
               caseSummary?.Flags.Any(f => edition.PresumedEnhancedFlags.Contains(f)) == true;
    }

    /// <summary>Evidence recorded before the trigger (where the Code allows it), or a standing opt-out.</summary>
    private static IEnumerable<IEntitlementEvent> AlreadySettled(EntitlementOpened opened, EntitlementRule rule,
        CodeEdition edition, VictimJourney? victim)
    {
        if (victim?.OptedOut == OptOutScope.AllContact && victim.OptedOutAt <= opened.TriggeredAt)
        {
            yield return new EntitlementExcepted(opened.VictimId, opened.Key, opened.Dims, "opted-out", null, opened.TriggeredAt,
                EntitlementStatus.Open);
            yield break;
        }

        if (victim?.OptedOut == OptOutScope.Updates && victim.OptedOutAt <= opened.TriggeredAt &&
            edition.Exceptions.Any(x => x.Fact == nameof(VictimOptedOut) && x.Areas?.Contains(opened.Dims.QuarterlyArea ?? "") == true))
        {
            yield return new EntitlementExcepted(opened.VictimId, opened.Key, opened.Dims, "opted-out", null, opened.TriggeredAt,
                EntitlementStatus.Open);
            yield break;
        }

        if (rule.Evidence.MayPrecedeTrigger && rule.Evidence.Fact == nameof(VictimInformed) &&
            victim?.Informed.FirstOrDefault(i => i.At <= opened.TriggeredAt && (rule.Evidence.About ?? []).Contains(Kebab(i.About))) is { } told)
        {
            yield return new EntitlementMet(opened.VictimId, opened.Key, opened.Dims, nameof(VictimInformed), Guid.Empty, told.At, true,
                EntitlementStatus.Open);
        }
    }

    private static IEnumerable<IEntitlementEvent> Evidence(IEnumerable<EntitlementState> entitlements, Fact fact, Guid eventId,
        VictimsCode code)
    {
        // Open, breached, or presumed unreachable: evidence that the victim was reached settles each of them.
        foreach (var e in entitlements.Where(e => e.Status is EntitlementStatus.Open or EntitlementStatus.Breached ||
                                                  e is { Status: EntitlementStatus.Excepted, ExceptionReason: "unreachable" }))
        {
            var rule = code.Edition(e.Opened.Edition).Entitlement(e.Opened.Dims.EntitlementId).Evidence;
            if (rule.Fact != fact.GetType().Name ||
                (!rule.MayPrecedeTrigger && fact.OccurredAt < e.Opened.TriggeredAt) ||
                (rule.About is { } about && !about.Contains(FactFields.Value(fact, "about") ?? "")) ||
                e.Opened.Match.Any(m => FactFields.Value(fact, m.Key) != m.Value) ||
                (e.Opened.Urn is { } urn && FactFields.Value(fact, "urn") is { } factUrn && factUrn != urn))
            {
                continue;
            }

            // On time is judged by when the victim was told, not when we heard: evidence that happened before the
            // due instant but reached us after the clock's check turns the breach into "met" (the breach stays on record).
            var onTime = e.Opened.DueBy is not { } due || fact.OccurredAt < due;
            yield return new EntitlementMet(e.Opened.VictimId, e.Opened.Key, e.Opened.Dims, fact.GetType().Name, eventId,
                fact.OccurredAt, onTime, e.Status);
        }
    }

    private static IEnumerable<IEntitlementEvent> Exceptions(IEnumerable<EntitlementState> entitlements, Fact fact, Guid eventId,
        VictimsCode code)
    {
        // A good reason counts if it arose before the due instant, whenever it reached us: one the clock's check did not
        // yet know of turns its breach into an exception (the breach stays on record); one that arose after the due
        // instant excuses nothing, so the entitlement is left for the check to find breached.
        foreach (var e in entitlements.Where(e => e.Status is EntitlementStatus.Open or EntitlementStatus.Breached &&
                                                  (e.Opened.DueBy is not { } due || fact.OccurredAt < due)))
        {
            var edition = code.Edition(e.Opened.Edition);
            var rule = edition.Exceptions.FirstOrDefault(x => x.Fact == fact.GetType().Name && FactFields.Matches(fact, x.Where) &&
                                                              Applies(x, e.Opened, fact));
            // A standing good reason applies whenever it was recorded relative to the trigger (an opt-out made
            // earlier but reported later still stands).
            if (rule is not null)
            {
                var reason = rule.Reason ?? FactFields.Value(fact, rule.ReasonField!) ?? "exception";
                yield return new EntitlementExcepted(e.Opened.VictimId, e.Opened.Key, e.Opened.Dims, reason, eventId, fact.OccurredAt,
                    e.Status);
            }
        }
    }

    /// <summary>
    /// A failed attempt that reaches us after the due instant, but happened before it, can complete the recorded attempts
    /// that make the victim "unreachable": a breach becomes an exception, as the clock's check would have found. An
    /// entitlement still open although its due instant has passed by the time the attempt is judged is settled here too:
    /// the check may be reading the victim at this moment without the attempt, and whichever of the two commits second
    /// conflicts on the victim's compliance stream and re-reads, so the outcome does not depend on which ran first.
    /// </summary>
    private static IEnumerable<IEntitlementEvent> Unreachable(IEnumerable<EntitlementState> entitlements, Fact fact,
        DateTimeOffset now, VictimsCode code, VictimJourney? victim)
    {
        if (fact is not ContactAttemptFailed || victim is null)
        {
            yield break;
        }

        foreach (var e in entitlements.Where(e => e.Opened.DueBy is { } dueBy &&
                                                  (e.Status == EntitlementStatus.Breached || (e.Status == EntitlementStatus.Open && dueBy <= now))))
        {
            var (from, due) = (e.Opened.TriggeredAt, e.Opened.DueBy!.Value);
            if (victim.FailedContactAttempts.Count(a => a >= from && a < due) >= code.Edition(e.Opened.Edition).UnreachableAfterFailedAttempts)
            {
                yield return new EntitlementExcepted(e.Opened.VictimId, e.Opened.Key, e.Opened.Dims, "unreachable", null, due, e.Status);
            }
        }
    }

    private static bool Applies(ExceptionRule rule, EntitlementOpened opened, Fact fact)
    {
        if (rule.Entitlements is { } ids)
        {
            return ids.Contains(opened.Dims.EntitlementId);
        }

        if (rule.Areas is { } areas)
        {
            return opened.Dims.QuarterlyArea is { } area && areas.Contains(area);
        }

        if (rule.EntitlementsField is { } field && FactFields.Values(fact, field) is { Count: > 0 } named)
        {
            return named.Contains(opened.Dims.EntitlementId);
        }

        return true;
    }

    private static string Kebab<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
