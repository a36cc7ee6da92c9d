using CjsJourney.Journeys;

namespace CjsJourney.Cases;

// The facts of a prosecution case, from report to conclusion, kept on its stream (key: the police case URN).
// Facts about one person or witness name them by id, so their journeys can be followed across cases.

/// <summary>A crime recorded by the police: opens the case.</summary>
public sealed record CrimeReported(
    string Urn,
    string Offence,
    OffenceCategory OffenceCategory,
    IReadOnlyList<CrimeFlag> Flags,
    CspArea Area,
    DateTimeOffset ReportedAt) : Fact, ICaseFact, IStartsStream, IValidatedFact
{
    public IEnumerable<FieldError> Validate()
    {
        if (Flags.Distinct().Count() != Flags.Count)
        {
            yield return new FieldError("flags", "lists a flag more than once");
        }
    }

    public override string Describe() => $"Crime reported: {Offence} ({Words.Humanise(Area)})";
}

/// <summary>A victim of the crime identified (a person directly harmed, or a bereaved or parent victim).</summary>
public sealed record VictimIdentified(string Urn, string VictimId, VictimRole Role = VictimRole.Direct)
    : Fact, ICaseFact, IIdentifiesVictim
{
    public override string Describe() => $"Victim {VictimId} identified ({Words.Humanise(Role)})";
}

/// <summary>A witness identified; a victim who will give evidence is also a witness (give their victim id).</summary>
public sealed record WitnessIdentified(string Urn, string WitnessId, WitnessKind Kind, string? VictimId = null)
    : Fact, ICaseFact, IConcernsWitness
{
    public override string Describe() => $"Witness {WitnessId} identified ({Words.Humanise(Kind)})";
}

public sealed record SuspectIdentified(string Urn, string PersonId) : Fact, ICaseFact, IConcernsPerson
{
    public override string Describe() => $"Suspect {PersonId} identified";
}

public sealed record SuspectArrested(string Urn, string PersonId, string? CustodySuite = null)
    : Fact, ICaseFact, IConcernsPerson
{
    public override string Describe() => $"Suspect {PersonId} arrested" + (CustodySuite is null ? "" : $" ({CustodySuite})");
}

public sealed record SuspectInterviewed(string Urn, string PersonId, bool UnderCaution = true)
    : Fact, ICaseFact, IConcernsPerson
{
    public override string Describe() => $"Suspect {PersonId} interviewed" + (UnderCaution ? " under caution" : "");
}

/// <summary>Pre-charge bail, release under investigation, or bail conditions changed.</summary>
public sealed record SuspectBailed(
    string Urn,
    string PersonId,
    BailKind Kind,
    IReadOnlyList<string>? Conditions = null,
    DateOnly? ReturnDate = null) : Fact, ICaseFact, IConcernsPerson
{
    public override string Describe() => $"Suspect {PersonId}: {Words.Humanise(Kind)}" +
                                         (ReturnDate is { } d ? $", to return {d:yyyy-MM-dd}" : "");
}

public sealed record DecisionNotToInvestigate(string Urn, string Reason) : Fact, ICaseFact
{
    public override string Describe() => $"Decision not to investigate: {Reason}";
}

/// <summary>No further action: the suspect released without charge.</summary>
public sealed record SuspectReleasedWithoutCharge(string Urn, string PersonId, string Reason)
    : Fact, ICaseFact, IConcernsPerson
{
    public override string Describe() => $"Suspect {PersonId} released without charge: {Reason}";
}

/// <summary>The charging decision, by the police or the CPS.</summary>
public sealed record ChargingDecisionMade(
    string Urn,
    string PersonId,
    DecisionMaker DecidedBy,
    ChargingDecision Decision,
    string? Reason = null) : Fact, ICaseFact, IConcernsPerson, IValidatedFact
{
    public IEnumerable<FieldError> Validate()
    {
        if (DecidedBy == DecisionMaker.Cps && Source is not (Agency.Cps or Agency.Police))
        {
            yield return new FieldError("decidedBy", "a CPS decision is reported by the CPS or the police");
        }
    }

    public override string Describe() => $"{Words.Humanise(DecidedBy)} charging decision for {PersonId}: " +
                                         Words.Humanise(Decision) + (Reason is null ? "" : $" ({Reason})");
}

/// <summary>
/// A suspect charged (by police or on CPS authority), with the first hearing fixed. Partners send the first hearing;
/// it is optional only because some published sources (data.police.uk) do not carry it.
/// </summary>
public sealed record SuspectCharged(
    string Urn,
    string PersonId,
    IReadOnlyList<Charge> Charges,
    FirstHearing? FirstHearing = null) : Fact, ICaseFact, IConcernsPerson, IValidatedFact
{
    public IEnumerable<FieldError> Validate()
    {
        if (Charges.Count == 0)
        {
            yield return new FieldError("charges", "must list at least one charge");
        }

        if (OccurredAt != default && FirstHearing is { } first && first.Date < DateOnly.FromDateTime(OccurredAt.UtcDateTime.Date))
        {
            yield return new FieldError("firstHearing.date", "cannot be before the charge");
        }
    }

    public override string Describe() =>
        $"{PersonId} charged: {string.Join("; ", Charges.Select(c => c.Offence))}" +
        (FirstHearing is { } first ? $"; first hearing {first.Court} {first.Date:yyyy-MM-dd}" : "");
}

/// <summary>The prosecution stopped (by the CPS), for one defendant or, without a person id, the whole case.</summary>
public sealed record CaseDiscontinued(string Urn, string Reason, string? PersonId = null) : Fact, ICaseFact
{
    public override string Describe() => "Case discontinued" + (PersonId is null ? "" : $" against {PersonId}") +
                                         $": {Reason}";
}

public sealed record HearingListed(
    string Urn,
    string HearingId,
    HearingType HearingType,
    string Court,
    DateTimeOffset StartsAt,
    IReadOnlyList<string> Defendants) : Fact, ICaseFact, IConcernsPersons, IValidatedFact
{
    public IEnumerable<FieldError> Validate()
    {
        if (Defendants.Count == 0)
        {
            yield return new FieldError("defendants", "must name at least one defendant");
        }
    }

    public override string Describe() =>
        $"{Words.Humanise(HearingType)} hearing {HearingId} listed at {Court} for {UkDate(StartsAt)}";

    internal static string UkDate(DateTimeOffset at) =>
        Infrastructure.UkTime.ToLocal(at).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What happened at a hearing. Trials are effective, cracked or ineffective (with the national reason code).</summary>
public sealed record HearingResulted(
    string Urn,
    string HearingId,
    HearingOutcome Outcome,
    IReadOnlyList<string> Defendants,
    string? ReasonCode = null) : Fact, ICaseFact, IConcernsPersons, IValidatedFact
{
    public IEnumerable<FieldError> Validate()
    {
        if (Outcome is HearingOutcome.Cracked or HearingOutcome.Ineffective or HearingOutcome.Adjourned &&
            string.IsNullOrWhiteSpace(ReasonCode))
        {
            yield return new FieldError("reasonCode", $"is required when the hearing was {Words.Humanise(Outcome)}");
        }
    }

    public override string Describe() => $"Hearing {HearingId} {Words.Humanise(Outcome)}" +
                                         (ReasonCode is null ? "" : $" (reason {ReasonCode})");
}

public sealed record PleaEntered(string Urn, string PersonId, Plea Plea, string? Charge = null)
    : Fact, ICaseFact, IConcernsPerson
{
    public override string Describe() => $"{PersonId} pleaded {Words.Humanise(Plea)}" + (Charge is null ? "" : $" to {Charge}");
}

public sealed record SentToCrownCourt(string Urn, string PersonId, string CrownCourt) : Fact, ICaseFact, IConcernsPerson
{
    public override string Describe() => $"{PersonId} sent to {CrownCourt}";
}

public sealed record TrialListed(
    string Urn,
    string HearingId,
    string Court,
    DateOnly StartsOn,
    IReadOnlyList<string> Defendants) : Fact, ICaseFact, IConcernsPersons
{
    public override string Describe() => $"Trial {HearingId} listed at {Court} from {StartsOn:yyyy-MM-dd}";
}

public sealed record VerdictReached(string Urn, string PersonId, Verdict Verdict, string? Charge = null)
    : Fact, ICaseFact, IConcernsPerson
{
    public override string Describe() => $"{PersonId} found {Words.Humanise(Verdict)}" + (Charge is null ? "" : $" of {Charge}");
}

/// <summary>The sentence: the main disposal, custody length where custodial (when the source gives it), and ancillary orders.</summary>
public sealed record Sentenced(
    string Urn,
    string PersonId,
    Disposal Disposal,
    int? CustodyDays = null,
    IReadOnlyList<AncillaryOrder>? AncillaryOrders = null) : Fact, ICaseFact, IConcernsPerson, IValidatedFact
{
    public IEnumerable<FieldError> Validate()
    {
        var custodial = Disposal is Disposal.ImmediateCustody or Disposal.SuspendedSentence;
        if (custodial && CustodyDays is <= 0)
        {
            yield return new FieldError("custodyDays", "must be above 0 (days) for a custodial or suspended sentence");
        }

        if (!custodial && CustodyDays is not null)
        {
            yield return new FieldError("custodyDays", $"does not apply to {Words.Humanise(Disposal)}");
        }
    }

    public override string Describe() => $"{PersonId} sentenced: {Words.Humanise(Disposal)}" +
                                         (CustodyDays is { } d ? $", {d} days" : "") +
                                         (AncillaryOrders is { Count: > 0 } o ? $"; {string.Join(", ", o.Select(Words.Humanise))}" : "");
}

public sealed record AppealLodged(string Urn, string PersonId, AppealAgainst Against, AppealBy LodgedBy = AppealBy.Defence)
    : Fact, ICaseFact, IConcernsPerson
{
    public override string Describe() => $"Appeal against {Words.Humanise(Against)} lodged by the {Words.Humanise(LodgedBy)} ({PersonId})";
}

public sealed record AppealDetermined(string Urn, string PersonId, AppealResult Result) : Fact, ICaseFact, IConcernsPerson
{
    public override string Describe() => $"Appeal for {PersonId} {Words.Humanise(Result)}";
}

/// <summary>A victim no longer supports the prosecution (attrition is counted by the stage it happens at).</summary>
public sealed record VictimWithdrewSupport(string Urn, string VictimId) : Fact, ICaseFact
{
    public override string Describe() => $"Victim {VictimId} withdrew support";
}

public sealed record CaseConcluded(string Urn, CaseOutcome Outcome) : Fact, ICaseFact
{
    public override string Describe() => $"Case concluded: {Words.Humanise(Outcome)}";
}

/// <summary>
/// An outcome a source reported in words the catalogue has no honest fact for (e.g. data.police.uk's "Action to be
/// taken by another organisation"), kept with the original text.
/// </summary>
public sealed record OutcomeRecorded(string Urn, string OutcomeText, string? Precision = null) : Fact, ICaseFact
{
    public override string Describe() => $"Outcome recorded: {OutcomeText}";
}

// Witness Care and court logistics, on the case: both clocks of a Witness Care duty are kept (court → Witness Care,
// Witness Care → victim).

public sealed record ListingReceivedByWitnessCare(string Urn, string HearingId) : Fact, ICaseFact
{
    public override string Describe() => $"Witness Care received the listing of hearing {HearingId}";
}

public sealed record ResultReceivedByWitnessCare(string Urn, string HearingId) : Fact, ICaseFact
{
    public override string Describe() => $"Witness Care received the result of hearing {HearingId}";
}

public sealed record WitnessListReceived(string Urn, IReadOnlyList<string> WitnessIds, string? HearingId = null)
    : Fact, ICaseFact, IConcernsWitnesses, IValidatedFact
{
    public IEnumerable<FieldError> Validate()
    {
        if (WitnessIds.Count == 0)
        {
            yield return new FieldError("witnessIds", "must name at least one witness");
        }
    }

    public override string Describe() => $"Witness list received: {string.Join(", ", WitnessIds)}";
}

public sealed record WitnessWarned(string Urn, string WitnessId, string HearingId) : Fact, ICaseFact, IConcernsWitness
{
    public override string Describe() => $"Witness {WitnessId} warned for hearing {HearingId}";
}

public sealed record SpecialMeasuresApplied(string Urn, string WitnessId, IReadOnlyList<SpecialMeasure> Measures)
    : Fact, ICaseFact, IConcernsWitness
{
    public override string Describe() => $"Special measures applied for {WitnessId}: {string.Join(", ", Measures.Select(Words.Humanise))}";
}

public sealed record SpecialMeasuresGranted(string Urn, string WitnessId, IReadOnlyList<SpecialMeasure> Measures)
    : Fact, ICaseFact, IConcernsWitness
{
    public override string Describe() => $"Special measures granted for {WitnessId}: {string.Join(", ", Measures.Select(Words.Humanise))}";
}

public sealed record SpecialMeasuresRefused(string Urn, string WitnessId, IReadOnlyList<SpecialMeasure> Measures, string Reason)
    : Fact, ICaseFact, IConcernsWitness
{
    public override string Describe() => $"Special measures refused for {WitnessId}: {Reason}";
}

/// <summary>A witness came to court; the wait (Victims' Code: no more than 2 hours) is kept when known.</summary>
public sealed record WitnessAttended(string Urn, string WitnessId, string HearingId, int? WaitedMinutes = null)
    : Fact, ICaseFact, IConcernsWitness, IValidatedFact
{
    public IEnumerable<FieldError> Validate()
    {
        if (WaitedMinutes is < 0)
        {
            yield return new FieldError("waitedMinutes", "cannot be negative");
        }
    }

    public override string Describe() => $"Witness {WitnessId} attended hearing {HearingId}" +
                                         (WaitedMinutes is { } m ? $", waited {m} min" : "");
}

/// <summary>An offence charged, in the wording of the charge sheet, with its CJS offence code when known.</summary>
public sealed record Charge(string Offence, string? OffenceCode = null);

public sealed record FirstHearing(string Court, DateOnly Date);

/// <summary>
/// Police recorded crime offence groups (ONS / Home Office), fine enough for the IOM neighbourhood-crime cohort and
/// the Victims' Code enhanced grounds.
/// </summary>
public enum OffenceCategory
{
    Homicide,
    DeathOrSeriousInjuryByUnlawfulDriving,
    ViolenceWithInjury,
    ViolenceWithoutInjury,
    StalkingAndHarassment,
    SexualOffences,
    Robbery,
    BurglaryResidential,
    BurglaryBusiness,
    VehicleOffences,
    TheftFromThePerson,
    BicycleTheft,
    Shoplifting,
    OtherTheft,
    CriminalDamageAndArson,
    DrugOffences,
    PossessionOfWeapons,
    PublicOrderOffences,
    MiscellaneousCrimesAgainstSociety,
    Fraud,

    // As published by data.police.uk, which does not split these groups.
    BurglaryNotSpecified,
    ViolenceAndSexualOffences,
    OtherCrime,
    NotKnown,
}

public enum CrimeFlag
{
    DomesticAbuse,
    Hate,
    Sexual,
    ChildVictim,
    ModernSlavery,
    MentalHealth,
    Terrorism,
}

/// <summary>Cambridgeshire &amp; Peterborough's six Community Safety Partnership districts.</summary>
public enum CspArea
{
    Cambridge,
    EastCambridgeshire,
    Fenland,
    Huntingdonshire,
    Peterborough,
    SouthCambridgeshire,
    OutsideForceArea,
    NotKnown,
}

public enum VictimRole
{
    Direct,
    BereavedRelative,
    ParentOrGuardian,
    Business,
}

public enum WitnessKind
{
    Prosecution,
    Defence,
    Police,
    Expert,
}

public enum BailKind
{
    PreChargeBail,
    ReleasedUnderInvestigation,
    BailConditionsChanged,
}

public enum DecisionMaker
{
    Police,
    Cps,
}

public enum ChargingDecision
{
    Charge,
    NoFurtherAction,
    OutOfCourtDisposal,
    FurtherInvestigation,
}

public enum HearingType
{
    FirstHearing,
    Bail,
    PleaAndTrialPreparation,
    Mention,
    Trial,
    Sentence,
    Appeal,
}

public enum HearingOutcome
{
    Effective,
    Cracked,
    Ineffective,
    Adjourned,
    Vacated,
}

public enum Plea
{
    Guilty,
    NotGuilty,
    NoPlea,
}

public enum Verdict
{
    Guilty,
    NotGuilty,
    Acquitted,
}

public enum Disposal
{
    ImmediateCustody,
    SuspendedSentence,
    CommunityOrder,
    Fine,
    ConditionalDischarge,
    AbsoluteDischarge,
    HospitalOrder,
    YouthRehabilitationOrder,
    ReferralOrder,
    OtherwiseDealtWith,
}

public enum AncillaryOrder
{
    RestrainingOrder,
    CompensationOrder,
    CriminalBehaviourOrder,
    SexualHarmPreventionOrder,
    DrivingDisqualification,
    Forfeiture,
}

public enum AppealAgainst
{
    Conviction,
    Sentence,
    ConvictionAndSentence,
}

public enum AppealBy
{
    Defence,
    Prosecution,
}

public enum AppealResult
{
    Allowed,
    Dismissed,
    SentenceVaried,
    Abandoned,
}

public enum CaseOutcome
{
    Convicted,
    Acquitted,
    Discontinued,
    NoFurtherAction,
    OutOfCourtDisposal,
    OtherwiseResolved,
}

public enum SpecialMeasure
{
    ScreenAroundWitnessBox,
    LiveLink,
    EvidenceInPrivate,
    RemovalOfWigsAndGowns,
    VideoRecordedEvidenceInChief,
    VideoRecordedCrossExamination,
    Intermediary,
    AidsToCommunication,
}
