using CjsJourney.Cases;
using CjsJourney.Journeys;

namespace CjsJourney.Victims;

// A victim's own journey under the Victims' Code, on the victim's stream (key: victim id). A victim must first be
// identified on a case (VictimIdentified); each entitlement's evidence is one of these facts.

/// <summary>The recorded decision on enhanced rights: the grounds (none = standard), and who decided.</summary>
public sealed record EnhancedEligibilityAssessed(
    string VictimId,
    IReadOnlyList<EnhancedGround> Grounds,
    string DecidedBy) : Fact, IVictimFact, IValidatedFact
{
    public IEnumerable<FieldError> Validate()
    {
        if (Grounds.Distinct().Count() != Grounds.Count)
        {
            yield return new FieldError("grounds", "lists a ground more than once");
        }
    }

    public override string Describe() => Grounds.Count == 0
        ? $"Assessed as a standard victim (by {DecidedBy})"
        : $"Assessed eligible for enhanced rights: {string.Join(", ", Grounds.Select(Words.Humanise))} (by {DecidedBy})";
}

public sealed record NeedsAssessed(string VictimId, IReadOnlyList<string> Needs, string? Urn = null) : Fact, IVictimFact
{
    public override string Describe() => Needs.Count == 0 ? "Needs assessed: none identified" : $"Needs assessed: {string.Join(", ", Needs)}";
}

/// <summary>Referral to support services (explicit consent is needed for sexual offences, domestic abuse, bereaved).</summary>
public sealed record ReferredToSupportServices(string VictimId, string Service, bool ConsentGiven, string? Urn = null)
    : Fact, IVictimFact
{
    public override string Describe() => $"Referred to {Service}" + (ConsentGiven ? " with consent" : "");
}

public sealed record ReferralDeclined(string VictimId, string? Reason = null, string? Urn = null) : Fact, IVictimFact
{
    public override string Describe() => "Referral to support declined" + (Reason is null ? "" : $": {Reason}");
}

/// <summary>The victim was told something they are entitled to know; <c>about</c> says what.</summary>
public sealed record VictimInformed(string VictimId, InformedAbout About, ContactChannel Channel, string? Urn = null)
    : Fact, IVictimFact
{
    public override string Describe() => $"Told of {Words.Humanise(About)} by {Words.Humanise(Channel)}";
}

public sealed record VictimPersonalStatementOffered(string VictimId, string? Urn = null) : Fact, IVictimFact;

public sealed record VictimPersonalStatementMade(string VictimId, string? Urn = null) : Fact, IVictimFact;

public sealed record RestorativeJusticeInformationGiven(string VictimId, string? Urn = null) : Fact, IVictimFact;

/// <summary>Referral to the Probation Victim Contact Scheme (eligible sentences: violent or sexual, 12 months or more).</summary>
public sealed record VictimContactSchemeReferred(string VictimId, string? Urn = null, string? PersonId = null) : Fact, IVictimFact;

public sealed record VictimLiaisonContactMade(string VictimId, ContactChannel Channel = ContactChannel.Phone) : Fact, IVictimFact;

public sealed record ComplaintReceived(string VictimId, string ComplaintId, Agency Against) : Fact, IVictimFact
{
    public override string Describe() => $"Complaint {ComplaintId} about the {Words.Humanise(Against)} received";
}

public sealed record ComplaintResponded(string VictimId, string ComplaintId, bool Substantive = true) : Fact, IVictimFact
{
    public override string Describe() => $"Complaint {ComplaintId} " + (Substantive ? "answered" : "acknowledged with a timescale");
}

/// <summary>The victim asked not to be contacted (about everything, or about updates only).</summary>
public sealed record VictimOptedOut(string VictimId, OptOutScope Scope = OptOutScope.AllContact, string? Urn = null)
    : Fact, IVictimFact
{
    public override string Describe() => $"Opted out of {Words.Humanise(Scope)}";
}

/// <summary>An attempt to reach the victim failed; recorded attempts support an "unreachable" exception.</summary>
public sealed record ContactAttemptFailed(string VictimId, ContactChannel Channel, string? Urn = null) : Fact, IVictimFact
{
    public override string Describe() => $"Contact attempt by {Words.Humanise(Channel)} failed";
}

/// <summary>The victim asked for a review of a decision not to charge or to stop a case (Victims' Right to Review).</summary>
public sealed record RightToReviewRequested(string VictimId, string ReviewId, DecisionMaker Of, string? Urn = null)
    : Fact, IVictimFact
{
    public override string Describe() => $"Right to review {ReviewId} requested ({Words.Humanise(Of)} decision)";
}

public sealed record RightToReviewAcknowledged(string VictimId, string ReviewId) : Fact, IVictimFact
{
    public override string Describe() => $"Right to review {ReviewId} acknowledged";
}

public sealed record RightToReviewDecided(string VictimId, string ReviewId, bool DecisionUpheld) : Fact, IVictimFact
{
    public override string Describe() => $"Right to review {ReviewId} decided: decision " + (DecisionUpheld ? "upheld" : "overturned");
}

/// <summary>
/// A good reason, recorded, for not delivering an entitlement: it closes the named entitlements (or every open one
/// of the victim's, when none are named) as excepted rather than breached.
/// </summary>
public sealed record ContactExceptionRecorded(
    string VictimId,
    ContactExceptionReason Reason,
    IReadOnlyList<string>? Entitlements = null,
    string? Detail = null) : Fact, IVictimFact
{
    public override string Describe() => $"Exception recorded: {Words.Humanise(Reason)}" +
                                         (Entitlements is { Count: > 0 } e ? $" ({string.Join(", ", e)})" : "");
}

public enum ContactExceptionReason
{
    Declined,
    OptedOut,
    UnsafeToContact,
    Unreachable,
    Other,
}

/// <summary>The Victims' Code grounds for enhanced rights; a victim may qualify on several.</summary>
public enum EnhancedGround
{
    BereavedCloseRelative,
    DomesticAbuse,
    HateCrime,
    Terrorism,
    SexualOffence,
    HumanTrafficking,
    AttemptedMurder,
    Kidnap,
    FalseImprisonment,
    ArsonWithIntentToEndangerLife,
    WoundingOrGbhWithIntent,
    PersistentlyTargeted,
    UnderEighteen,
    MentalDisorder,
    ImpairedIntelligenceOrSocialFunctioning,
    PhysicalDisability,
    Intimidated,
}

/// <summary>What a victim was told, matching the Victims' Code entitlements that need evidence of it.</summary>
public enum InformedAbout
{
    CrimeAcknowledged,
    DecisionNotToInvestigate,
    SuspectArrested,
    SuspectInterviewed,
    SuspectReleasedWithoutCharge,
    SuspectBailed,
    Charge,
    OutOfCourtDisposal,
    NoProsecution,
    CpsDecision,
    HearingDetails,
    BailOutcome,
    RequiredAsWitness,
    CaseOutcome,
    Sentence,
    Appeal,
    Compensation,
    OffenderRelease,
}

public enum ContactChannel
{
    Phone,
    Letter,
    Email,
    InPerson,
    TextMessage,
    Portal,
}

public enum OptOutScope
{
    AllContact,
    Updates,
}
