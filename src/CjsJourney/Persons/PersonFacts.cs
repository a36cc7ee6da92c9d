using CjsJourney.Journeys;

namespace CjsJourney.Persons;

// A person as suspect and offender, on the person's stream (key: person id): who they are across agencies, custody,
// release and recall, out-of-court disposals, resettlement and MAPPA. A person becomes known by a case fact naming
// them (suspect identified, arrested, charged …) or by linking an identifier from a records system.

/// <summary>An identifier another agency uses for this person. Opens the person's record if it is new.</summary>
public sealed record IdentifierLinked(string PersonId, IdentifierScheme Scheme, string Value)
    : Fact, IPersonFact, IIntroducesPerson
{
    public override string Describe() => $"{Words.Humanise(Scheme)} {Value} linked";
}

/// <summary>An identifier found to belong to someone else.</summary>
public sealed record IdentifierUnlinked(string PersonId, IdentifierScheme Scheme, string Value, string Reason)
    : Fact, IPersonFact
{
    public override string Describe() => $"{Words.Humanise(Scheme)} {Value} unlinked: {Reason}";
}

/// <summary>Two records found to be one person: <c>mergedPersonId</c>'s journey is read as part of this one.</summary>
public sealed record PersonRecordsMerged(string PersonId, string MergedPersonId) : Fact, IPersonFact, IValidatedFact
{
    public IEnumerable<FieldError> Validate()
    {
        if (PersonId == MergedPersonId)
        {
            yield return new FieldError("mergedPersonId", "cannot be the same person id");
        }
    }

    public override string Describe() => $"Record {MergedPersonId} merged into {PersonId}";
}

/// <summary>A merge undone: the two records are separate people after all.</summary>
public sealed record PersonRecordsUnmerged(string PersonId, string MergedPersonId, string Reason) : Fact, IPersonFact
{
    public override string Describe() => $"Record {MergedPersonId} separated from {PersonId}: {Reason}";
}

public sealed record Remanded(string PersonId, string? Urn = null, string? Establishment = null, DateOnly? Until = null)
    : Fact, IPersonFact
{
    public override string Describe() => "Remanded in custody" + (Establishment is null ? "" : $" at {Establishment}") +
                                         (Until is { } d ? $" until {d:yyyy-MM-dd}" : "");
}

public sealed record EnteredCustody(string PersonId, string Establishment, CustodyBasis Basis, string? Urn = null,
    DateOnly? ExpectedRelease = null) : Fact, IPersonFact
{
    public override string Describe() => $"Entered custody at {Establishment} ({Words.Humanise(Basis)})";
}

/// <summary>Released; on licence the licence end date and the conditions are kept (the final third is derived).</summary>
public sealed record Released(
    string PersonId,
    string Establishment,
    ReleaseKind Kind,
    DateOnly? LicenceEnd = null,
    IReadOnlyList<string>? LicenceConditions = null) : Fact, IPersonFact, IValidatedFact
{
    public IEnumerable<FieldError> Validate()
    {
        if (Kind == ReleaseKind.OnLicence && LicenceEnd is null)
        {
            yield return new FieldError("licenceEnd", "is required for a release on licence");
        }

        if (LicenceEnd is { } end && OccurredAt != default && end <= DateOnly.FromDateTime(OccurredAt.UtcDateTime))
        {
            yield return new FieldError("licenceEnd", "must be after the release");
        }
    }

    public override string Describe() => $"Released from {Establishment} ({Words.Humanise(Kind)})" +
                                         (LicenceEnd is { } d ? $", licence ends {d:yyyy-MM-dd}" : "");
}

public sealed record LicenceConditionBreached(string PersonId, string Condition) : Fact, IPersonFact
{
    public override string Describe() => $"Licence condition breached: {Condition}";
}

/// <summary>Recalled to custody; until they are back in custody they are unlawfully at large.</summary>
public sealed record Recalled(string PersonId, RecallKind Kind, string Reason) : Fact, IPersonFact
{
    public override string Describe() => $"{Words.Humanise(Kind)} recall: {Reason}";
}

/// <summary>An out-of-court disposal offered, under the regime (rule version) that applied to the decision.</summary>
public sealed record OocdOffered(
    string PersonId,
    string OocdId,
    OocdRegime Regime,
    OocdKind Kind,
    string DecisionMaker,
    string? Urn = null,
    int? GravityScore = null) : Fact, IPersonFact, IOocdFact, IValidatedFact
{
    public IEnumerable<FieldError> Validate()
    {
        if (!OocdRules.For(Regime).Kinds.Contains(Kind))
        {
            yield return new FieldError("kind", $"{Words.Humanise(Kind)} is not a disposal of the {OocdRules.For(Regime).Name}; " +
                                                $"it offers: {string.Join(", ", OocdRules.For(Regime).Kinds.Select(Words.Humanise))}");
        }
    }

    public override string Describe() => $"{Words.Humanise(Kind)} offered ({OocdRules.For(Regime).Name})";
}

public sealed record OocdAccepted(string PersonId, string OocdId, bool AdmissionMade, bool ConsentGiven, bool DocumentSigned = false)
    : Fact, IPersonFact, IOocdFact
{
    public override string Describe() => $"Disposal {OocdId} accepted" + (AdmissionMade ? " with admission" : "");
}

public sealed record OocdDeclined(string PersonId, string OocdId, string? Reason = null) : Fact, IPersonFact, IOocdFact
{
    public override string Describe() => $"Disposal {OocdId} declined" + (Reason is null ? "" : $": {Reason}");
}

public sealed record OocdConditionSet(
    string PersonId,
    string OocdId,
    string ConditionId,
    ConditionKind Kind,
    DateOnly Due,
    int? Hours = null,
    string? Provider = null) : Fact, IPersonFact, IOocdFact, IValidatedFact
{
    public IEnumerable<FieldError> Validate()
    {
        if (Kind is ConditionKind.UnpaidWork or ConditionKind.Attendance && Hours is not > 0)
        {
            yield return new FieldError("hours", $"is required (above 0) for a {Words.Humanise(Kind)} condition");
        }
    }

    public override string Describe() => $"Condition {ConditionId} set: {Words.Humanise(Kind)}" +
                                         (Hours is { } h ? $", {h} h" : "") + $", due {Due:yyyy-MM-dd}";
}

public sealed record OocdConditionCompleted(string PersonId, string OocdId, string ConditionId) : Fact, IPersonFact, IOocdFact
{
    public override string Describe() => $"Condition {ConditionId} completed";
}

public sealed record OocdConditionFailed(string PersonId, string OocdId, string ConditionId, string? Reason = null)
    : Fact, IPersonFact, IOocdFact
{
    public override string Describe() => $"Condition {ConditionId} failed" + (Reason is null ? "" : $": {Reason}");
}

public sealed record OocdCompleted(string PersonId, string OocdId) : Fact, IPersonFact, IOocdFact
{
    public override string Describe() => $"Disposal {OocdId} completed";
}

/// <summary>The victim's views on a conditional caution or community resolution, and whether their remedy was attached.</summary>
public sealed record VictimViewsRecorded(
    string PersonId,
    string OocdId,
    bool ViewsSought,
    bool ViewsGiven,
    bool RemedyAttached = false,
    string? ReasonRemedyNotAttached = null,
    string? VictimId = null) : Fact, IPersonFact, IOocdFact
{
    public override string Describe() => $"Victim's views on {OocdId}: " +
                                         (!ViewsSought ? "not sought" : ViewsGiven ? "given" : "sought, not given") +
                                         (RemedyAttached ? "; remedy attached" : "");
}

public sealed record PathwayNeedIdentified(string PersonId, Pathway Pathway, string? Detail = null) : Fact, IPersonFact
{
    public override string Describe() => $"Need identified: {Words.Humanise(Pathway)}";
}

/// <summary>A resettlement pathway's status changed. Every change is kept; nothing is overwritten or wiped on recall.</summary>
public sealed record PathwayStatusChanged(string PersonId, Pathway Pathway, PathwayStatus Status) : Fact, IPersonFact
{
    public override string Describe() => $"{Words.Humanise(Pathway)}: {Words.Humanise(Status)}";
}

public sealed record AccommodationOnReleaseRecorded(string PersonId, Accommodation Accommodation) : Fact, IPersonFact
{
    public override string Describe() => $"Accommodation on release: {Words.Humanise(Accommodation)}";
}

/// <summary>Housing Act 1996 s.213B duty to refer to the local housing authority (with consent).</summary>
public sealed record DutyToReferMade(string PersonId, string LocalAuthority, bool ConsentGiven = true) : Fact, IPersonFact
{
    public override string Describe() => $"Duty to refer made to {LocalAuthority}";
}

public sealed record MappaManaged(string PersonId, int Category, int Level) : Fact, IPersonFact, IValidatedFact
{
    public IEnumerable<FieldError> Validate()
    {
        if (Category is < 1 or > 3)
        {
            yield return new FieldError("category", "must be 1 (registered sexual offender), 2 (violent) or 3 (other dangerous)");
        }

        if (Level is < 1 or > 3)
        {
            yield return new FieldError("level", "must be 1, 2 or 3");
        }
    }

    public override string Describe() => $"MAPPA category {Category}, level {Level}";
}

/// <summary>A fact about one out-of-court disposal of a person's.</summary>
public interface IOocdFact
{
    string PersonId { get; }

    string OocdId { get; }
}

public enum IdentifierScheme
{
    Pnc,
    Cro,
    Crn,
    Noms,
    LocalNominal,
}

public enum CustodyBasis
{
    Remand,
    Sentence,
    Recall,
}

public enum ReleaseKind
{
    OnLicence,
    EndOfSentence,
    OnBail,
    FromRemand,
}

public enum RecallKind
{
    Standard,
    FixedTerm,
}

/// <summary>The seven resettlement pathways of HMPPS's Resettlement Passport.</summary>
public enum Pathway
{
    Accommodation,
    AttitudesThinkingAndBehaviour,
    ChildrenFamiliesAndCommunity,
    DrugsAndAlcohol,
    EducationSkillsAndWork,
    FinanceAndId,
    Health,
}

public enum PathwayStatus
{
    NotStarted,
    SupportRequired,
    InProgress,
    SupportNotRequired,
    SupportDeclined,
    Done,
}

public enum Accommodation
{
    SettledHome,
    FamilyOrFriends,
    ApprovedPremises,
    CasTier1,
    CasTier2,
    CasTier3,
    LocalAuthorityHousing,
    Temporary,
    NoFixedAbode,
}

public enum ConditionKind
{
    Rehabilitative,
    Reparative,
    Financial,
    Restrictive,
    UnpaidWork,
    Attendance,
}
