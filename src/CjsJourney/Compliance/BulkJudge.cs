using CjsJourney.Cases;
using CjsJourney.Journeys;
using CjsJourney.Persons;
using CjsJourney.Victims;
using JasperFx.Events;

namespace CjsJourney.Compliance;

/// <summary>
/// The Victims' Code judge for bulk loads (imports and benchmarks that bypass the intake's per-event path): the same
/// pure decisions as <see cref="VictimsCodeHandler"/>, over facts in arrival order, with the cases and victims folded
/// in memory as they stood at each fact. At the end, every entitlement past its due instant is judged as the clock
/// would have judged it.
/// </summary>
public sealed class BulkJudge(VictimsCode code)
{
    private readonly Dictionary<string, CaseSummary> _cases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VictimJourney> _victims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VictimCompliance> _judged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _casesOfPerson = new(StringComparer.Ordinal);

    /// <summary>Folds one recorded fact and returns the judgements it makes, per victim.</summary>
    public IReadOnlyList<IEntitlementEvent> Judge(IEvent e)
    {
        if (e.Data is not Fact fact)
        {
            return [];
        }

        CaseSummary? caseSummary = null;
        if (fact is ICaseFact caseFact && CaseSummary.Fold(_cases.GetValueOrDefault(caseFact.Urn), e) is { } folded)
        {
            _cases[caseFact.Urn] = caseSummary = folded;
            foreach (var person in PersonJourney.PersonIdsOf(fact))
            {
                (_casesOfPerson.TryGetValue(person, out var urns) ? urns : _casesOfPerson[person] = []).Add(caseFact.Urn);
            }
        }
        else if (FactFields.Value(fact, "urn") is { } urn)
        {
            caseSummary = _cases.GetValueOrDefault(urn);
        }

        foreach (var victimId in VictimJourney.VictimIdsOf(fact))
        {
            _victims[victimId] = VictimJourney.Fold(_victims.GetValueOrDefault(victimId), victimId, e);
        }

        var releasedPersonsCases = fact is Released released && _casesOfPerson.TryGetValue(released.PersonId, out var theirs)
            ? theirs.Select(u => _cases[u]).ToList()
            : [];
        var decided = new List<IEntitlementEvent>();
        foreach (var (victimId, linked) in VictimsCodeHandler.Concerned(fact, caseSummary, releasedPersonsCases))
        {
            var judgements = Entitlements.Decide(_judged.GetValueOrDefault(victimId), victimId, e, code,
                _victims.GetValueOrDefault(victimId), linked);
            Record(victimId, judgements);
            decided.AddRange(judgements);
        }

        return decided;
    }

    /// <summary>What the durable deadline checks would have found by <paramref name="now"/>.</summary>
    public IReadOnlyList<IEntitlementEvent> DeadlinesPassedBy(DateTimeOffset now)
    {
        var decided = new List<IEntitlementEvent>();
        foreach (var victimId in _judged.Keys.ToList())
        {
            foreach (var key in _judged[victimId].Entitlements.Where(x => x.Value is { Status: EntitlementStatus.Open, Opened.DueBy: { } due } && due <= now)
                         .OrderBy(x => x.Value.Opened.DueBy).Select(x => x.Key).ToList())
            {
                if (Entitlements.CheckDeadline(_judged[victimId], key, now, code, _victims.GetValueOrDefault(victimId)) is { } judged)
                {
                    Record(victimId, [judged]);
                    decided.Add(judged);
                }
            }
        }

        return decided;
    }

    private void Record(string victimId, IEnumerable<IEntitlementEvent> judgements)
    {
        foreach (var j in judgements)
        {
            _judged[victimId] = j switch
            {
                EntitlementOpened o => _judged.TryGetValue(victimId, out var s) ? s.Apply(o) : VictimCompliance.Create(o),
                EntitlementMet m => _judged[victimId].Apply(m),
                EntitlementBreached b => _judged[victimId].Apply(b),
                EntitlementExcepted x => _judged[victimId].Apply(x),
                _ => _judged[victimId],
            };
        }
    }
}
