using CjsJourney.Cases;
using CjsJourney.Journeys;
using CjsJourney.Live;
using CjsJourney.Persons;
using CjsJourney.Victims;
using JasperFx.Events;
using Marten;
using Wolverine;

namespace CjsJourney.Compliance;

/// <summary>
/// Turns the partners' facts, in the order they were recorded, into Victims' Code judgements for each victim the
/// fact concerns, and books a durable deadline check for each new entitlement. Run by Wolverine as a strict-order
/// event subscription (one node at a time), so judgements never race each other for a victim.
/// </summary>
public static class VictimsCodeHandler
{
    public const string SubscriptionName = "victims-code";

    public static async Task Handle(IEvent<Fact> e, IDocumentSession session, VictimsCode code, IMessageBus bus,
        TimeProvider clock, CancellationToken ct)
    {
        var concerned = await ConcernedVictims(session, e, ct);
        if (concerned.Count == 0)
        {
            return;
        }

        var journeys = await VictimsAsRecordedBy(session, concerned.Keys, e.Sequence, ct);
        var judged = false;
        foreach (var (victimId, caseSummary) in concerned)
        {
            // Exclusive: a deadline check on this victim waits for this judgement (and the other way round), so neither
            // loses an optimistic-concurrency race and neither verdict depends on retries running out.
            var stream = await session.Events.FetchForExclusiveWriting<VictimCompliance>(VictimCompliance.StreamKey(victimId), ct);
            var decided = Entitlements.Decide(stream.Aggregate, victimId, e, code, journeys.GetValueOrDefault(victimId), caseSummary,
                clock.GetUtcNow());
            if (decided.Count == 0)
            {
                continue;
            }

            stream.AppendMany(decided.Cast<object>().ToArray());
            judged = true;
            var settled = decided.Where(d => d is not EntitlementOpened).Select(d => d.Key).ToHashSet();
            foreach (var opened in decided.OfType<EntitlementOpened>().Where(o => o.DueBy is not null && !settled.Contains(o.Key)))
            {
                // Durable: kept in PostgreSQL with this transaction, fires at the due instant, also after a restart.
                await bus.ScheduleAsync(new CheckEntitlementDeadline(victimId, opened.Key), opened.DueBy!.Value);
            }
        }

        if (judged)
        {
            await bus.PublishAsync(new ViewChanged(LiveViews.ComplianceWorklist, null));
        }
    }

    private static async Task<IReadOnlyDictionary<string, CaseSummary?>> ConcernedVictims(IQuerySession session, IEvent<Fact> e,
        CancellationToken ct)
    {
        var fact = e.Data;
        var urn = (fact as ICaseFact)?.Urn ?? FactFields.Value(fact, "urn");
        var caseSummary = urn is null ? null
            // A case fact is judged against the case as it stood when the fact was recorded, not as it stands now:
            // the judge may run behind (after a restart or a bulk load) and must not see the future.
            : fact is ICaseFact ? (await session.Events.FetchStreamAsync(StreamKeys.Case(urn), version: e.Version, token: ct))
                .Aggregate((CaseSummary?)null, CaseSummary.Fold)
            : await session.LoadAsync<CaseSummary>(StreamKeys.Case(urn), ct);

        IReadOnlyList<CaseSummary> releasedPersonsCases = [];
        if (fact is Released released && await session.LoadAsync<PersonJourney>(released.PersonId, ct) is { } person)
        {
            releasedPersonsCases = await session.LoadManyAsync<CaseSummary>(ct, person.Cases.Select(c => StreamKeys.Case(c.Urn)));
        }

        return Concerned(fact, caseSummary, releasedPersonsCases);
    }

    /// <summary>
    /// Each victim's journey as it stood when the fact was recorded: the judge may run behind, and a fact recorded
    /// later (an assessment, an opt-out) must not change how an earlier one is judged — as in the bulk judge.
    /// </summary>
    private static async Task<Dictionary<string, VictimJourney>> VictimsAsRecordedBy(IQuerySession session,
        IEnumerable<string> victimIds, long sequence, CancellationToken ct)
    {
        var current = await session.LoadManyAsync<VictimJourney>(ct, victimIds);
        var events = await Auditing.JourneyEvents.LoadAsync(session, current.SelectMany(v => v.Timeline), ct);
        return current.ToDictionary(v => v.Id, v =>
        {
            var mine = v.Timeline.Select(t => t.EventId).ToHashSet();
            return events.Where(x => x.Sequence <= sequence && mine.Contains(x.Id))
                .Aggregate((VictimJourney?)null, (s, x) => VictimJourney.Fold(s, v.Id, x)) ?? v;
        });
    }

    /// <summary>
    /// The victims a fact concerns, each with the case that links them: the victim it names, every victim on the case
    /// it is about, or — for a person's release — the victims of that person's cases. Pure: the live judge and the
    /// bulk judge load the cases their own way.
    /// </summary>
    public static IReadOnlyDictionary<string, CaseSummary?> Concerned(Fact fact, CaseSummary? caseSummary,
        IEnumerable<CaseSummary> releasedPersonsCases)
    {
        var concerned = new Dictionary<string, CaseSummary?>(StringComparer.Ordinal);
        foreach (var victimId in VictimJourney.VictimIdsOf(fact))
        {
            concerned[victimId] = caseSummary;
        }

        if (fact is ICaseFact && caseSummary is not null)
        {
            foreach (var victim in caseSummary.Victims)
            {
                concerned[victim.VictimId] = caseSummary;
            }
        }

        foreach (var c in releasedPersonsCases)
        {
            foreach (var victim in c.Victims)
            {
                concerned.TryAdd(victim.VictimId, c);
            }
        }

        return concerned;
    }
}

/// <summary>At an entitlement's due instant: breached if still open (or excepted if the victim was unreachable).</summary>
public static class CheckEntitlementDeadlineHandler
{
    public static async Task Handle(CheckEntitlementDeadline check, IDocumentSession session, VictimsCode code, TimeProvider clock,
        IMessageBus bus, CancellationToken ct)
    {
        var stream = await session.Events.FetchForExclusiveWriting<VictimCompliance>(VictimCompliance.StreamKey(check.VictimId), ct);
        var entitlement = stream.Aggregate?.Entitlements.GetValueOrDefault(check.Key);
        var now = clock.GetUtcNow();
        if (entitlement is { Status: EntitlementStatus.Open, Opened.DueBy: { } due } && now < due)
        {
            await bus.ScheduleAsync(check, due); // delivered early (clock skew between nodes): look again at the due instant
            return;
        }

        var victim = await session.LoadAsync<VictimJourney>(check.VictimId, ct);
        if (Entitlements.CheckDeadline(stream.Aggregate, check.Key, now, code, victim) is { } judged)
        {
            stream.AppendOne(judged);
            await bus.PublishAsync(new ViewChanged(LiveViews.ComplianceWorklist, null));
        }
    }
}
