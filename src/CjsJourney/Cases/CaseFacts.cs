using CjsJourney.Journeys;

namespace CjsJourney.Cases;

// The facts of a prosecution case, kept on its stream (key: the police case URN).

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
}

/// <summary>A suspect charged (by police or on CPS authority), with the first hearing fixed.</summary>
public sealed record SuspectCharged(
    string Urn,
    string PersonId,
    IReadOnlyList<Charge> Charges,
    FirstHearing FirstHearing) : Fact, ICaseFact, IValidatedFact
{
    public IEnumerable<FieldError> Validate()
    {
        if (Charges.Count == 0)
        {
            yield return new FieldError("charges", "must list at least one charge");
        }

        if (FirstHearing.Date < DateOnly.FromDateTime(OccurredAt.UtcDateTime.Date))
        {
            yield return new FieldError("firstHearing.date", "cannot be before the charge");
        }
    }
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
}

public enum CrimeFlag
{
    DomesticAbuse,
    Hate,
    Sexual,
    ChildVictim,
    ModernSlavery,
    MentalHealth,
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
