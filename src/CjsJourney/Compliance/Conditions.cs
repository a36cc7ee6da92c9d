using CjsJourney.Cases;
using CjsJourney.Persons;

namespace CjsJourney.Compliance;

// The named conditions the Code's data may put on a trigger. Each reads the case or the victim as they now stand.

public sealed class BailHearing : ITriggerCondition
{
    public string Name => "bail-hearing";

    public bool Holds(TriggerContext context) =>
        context.Fact is ResultReceivedByWitnessCare r &&
        context.Case?.Hearings.FirstOrDefault(h => h.HearingId == r.HearingId)?.Type == HearingType.Bail;
}

public sealed class CaseHasOutcome : ITriggerCondition
{
    public string Name => "case-has-outcome";

    public bool Holds(TriggerContext context) => context.Case is { } c &&
        (c.Outcome is not null || c.DiscontinuedReason is not null ||
         c.Defendants.Any(d => d.Verdict is not null || d.Plea == Plea.Guilty || d.Status == DefendantStatus.Discontinued));
}

public sealed class CaseSentenced : ITriggerCondition
{
    public string Name => "case-sentenced";

    public bool Holds(TriggerContext context) => context.Case?.Defendants.Any(d => d.Sentence is not null) == true;
}

public sealed class VictimIsListedWitness : ITriggerCondition
{
    public string Name => "victim-is-listed-witness";

    public bool Holds(TriggerContext context) =>
        context.Fact is WitnessListReceived list && context.Victim?.WitnessIds.Intersect(list.WitnessIds).Any() == true;
}

/// <summary>A sentence that makes the victim eligible for the Probation Victim Contact Scheme (the edition's rule).</summary>
public sealed class VictimContactSchemeEligible : ITriggerCondition
{
    public string Name => "victim-contact-scheme-eligible";

    public bool Holds(TriggerContext context)
    {
        var rule = context.Edition.VictimContactScheme;
        return context.Fact is Sentenced s &&
               (rule.AlwaysEligibleDisposals.Contains(s.Disposal) ||
                (rule.CustodialDisposals.Contains(s.Disposal) && s.CustodyDays >= rule.MinimumCustodyDays &&
                 context.Case?.OffenceCategory is { } category && rule.OffenceCategories.Contains(category)));
    }
}

public sealed class VictimInContactScheme : ITriggerCondition
{
    public string Name => "victim-in-contact-scheme";

    public bool Holds(TriggerContext context) =>
        context.Fact is Released && context.Victim?.ContactSchemeReferredAt <= context.Fact.OccurredAt;
}
