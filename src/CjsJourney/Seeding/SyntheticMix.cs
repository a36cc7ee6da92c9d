using CjsJourney.Cases;
using CjsJourney.Iom;
using CjsJourney.Persons;
using CjsJourney.Victims;

namespace CjsJourney.Seeding;

/// <summary>
/// One offence group's share of recorded crime and how its cases tend to go. <c>Charge</c> and <c>Oocd</c> are relative
/// (scaled so the force-wide rates come out right); the others are probabilities.
/// </summary>
internal sealed record OffenceProfile(
    OffenceCategory Category,
    double Weight,
    string[] Offences,
    double DomesticAbuse = 0,
    double Hate = 0,
    double Child = 0,
    double Charge = 1,
    double Oocd = 1,
    double SuspectKnown = 0.3,
    double Victimless = 0,
    double CrownCourt = 0.02,
    double Severity = 0.1,
    bool LowSolvability = false);

/// <summary>
/// The numbers behind the synthetic partnership, from Cambridgeshire &amp; Peterborough's published figures
/// (PCC annual report 2019/20, Police and Crime Panel reports; shared notes cambridgeshire-figures.md) where they
/// exist, and stated assumptions where they do not.
/// </summary>
internal static class Mix
{
    /// <summary>
    /// Crime groups 2019/20 (67,882): violence against the person 20,775; sexual 2,049; robbery 749; theft 26,810
    /// (split using the daily figures: 9 residential burglaries and 10 thefts from vehicles a day); criminal damage
    /// 7,882; other crimes against society 9,617. Domestic abuse ~16% (29 of 185 crimes a day); hate ~1.8%.
    /// </summary>
    public static readonly OffenceProfile[] Profiles =
    [
        new(OffenceCategory.ViolenceWithInjury, 7_900, ["Assault occasioning actual bodily harm", "Wounding or inflicting grievous bodily harm", "Wounding with intent"],
            DomesticAbuse: 0.45, Hate: 0.01, Child: 0.06, Charge: 1.4, Oocd: 0.8, SuspectKnown: 0.75, CrownCourt: 0.35, Severity: 0.45),
        new(OffenceCategory.ViolenceWithoutInjury, 7_600, ["Common assault", "Assault on an emergency worker", "Threats to kill"],
            DomesticAbuse: 0.45, Hate: 0.03, Child: 0.06, Charge: 0.9, Oocd: 1.5, SuspectKnown: 0.75, Severity: 0.15),
        new(OffenceCategory.StalkingAndHarassment, 5_255, ["Harassment", "Stalking", "Malicious communications", "Controlling or coercive behaviour"],
            DomesticAbuse: 0.45, Hate: 0.02, Child: 0.03, Charge: 0.7, Oocd: 0.6, SuspectKnown: 0.85, CrownCourt: 0.03, Severity: 0.2),
        new(OffenceCategory.Homicide, 10, ["Murder"],
            DomesticAbuse: 0.3, Charge: 8, Oocd: 0, SuspectKnown: 0.95, CrownCourt: 1, Severity: 1),
        new(OffenceCategory.DeathOrSeriousInjuryByUnlawfulDriving, 10, ["Causing death by dangerous driving"],
            Charge: 6, Oocd: 0, SuspectKnown: 0.95, CrownCourt: 1, Severity: 0.8),
        new(OffenceCategory.SexualOffences, 2_049, ["Rape of a female aged 16 or over", "Sexual assault on a female", "Sexual activity with a child", "Exposure"],
            DomesticAbuse: 0.25, Child: 0.38, Charge: 0.55, Oocd: 0.1, SuspectKnown: 0.7, CrownCourt: 0.9, Severity: 0.7),
        new(OffenceCategory.Robbery, 749, ["Robbery of personal property", "Robbery of business property"],
            DomesticAbuse: 0.02, Child: 0.1, Charge: 1.0, Oocd: 0.2, SuspectKnown: 0.35, CrownCourt: 1, Severity: 0.7),
        new(OffenceCategory.BurglaryResidential, 3_285, ["Burglary of a dwelling", "Attempted burglary of a dwelling"],
            DomesticAbuse: 0.03, Charge: 0.55, Oocd: 0.2, SuspectKnown: 0.15, CrownCourt: 0.25, Severity: 0.5),
        new(OffenceCategory.BurglaryBusiness, 1_300, ["Burglary of business and community premises"],
            Charge: 0.5, Oocd: 0.2, SuspectKnown: 0.12, CrownCourt: 0.1, Severity: 0.3, LowSolvability: true),
        new(OffenceCategory.VehicleOffences, 5_500, ["Theft from a motor vehicle", "Theft of a motor vehicle", "Vehicle interference"],
            Charge: 0.25, Oocd: 0.3, SuspectKnown: 0.08, Severity: 0.15, LowSolvability: true),
        new(OffenceCategory.Shoplifting, 6_000, ["Theft from a shop"],
            Charge: 2.2, Oocd: 2.2, SuspectKnown: 0.55, CrownCourt: 0, Severity: 0.12),
        new(OffenceCategory.TheftFromThePerson, 900, ["Theft from the person"],
            Charge: 0.25, Oocd: 0.3, SuspectKnown: 0.1, CrownCourt: 0.05, Severity: 0.2, LowSolvability: true),
        new(OffenceCategory.BicycleTheft, 3_000, ["Theft of a pedal cycle"],
            Charge: 0.15, Oocd: 0.3, SuspectKnown: 0.05, CrownCourt: 0, Severity: 0.05, LowSolvability: true),
        new(OffenceCategory.OtherTheft, 6_825, ["Making off without payment", "Theft by an employee", "Other theft"],
            DomesticAbuse: 0.01, Charge: 0.45, Oocd: 0.8, SuspectKnown: 0.2, Severity: 0.1, LowSolvability: true),
        new(OffenceCategory.CriminalDamageAndArson, 7_882, ["Criminal damage to a dwelling", "Criminal damage to a vehicle", "Arson not endangering life"],
            DomesticAbuse: 0.08, Hate: 0.02, Charge: 0.5, Oocd: 1.6, SuspectKnown: 0.3, CrownCourt: 0.03, Severity: 0.1, LowSolvability: true),
        new(OffenceCategory.DrugOffences, 2_000, ["Possession of cannabis", "Possession of a controlled drug (class A)", "Possession with intent to supply a controlled drug (class A)"],
            Charge: 3.2, Oocd: 5, SuspectKnown: 1, Victimless: 1, CrownCourt: 0.2, Severity: 0.3),
        new(OffenceCategory.PossessionOfWeapons, 520, ["Possession of a bladed article in a public place", "Possession of an offensive weapon"],
            Charge: 4, Oocd: 1.5, SuspectKnown: 1, Victimless: 1, CrownCourt: 0.15, Severity: 0.4),
        new(OffenceCategory.PublicOrderOffences, 5_500, ["Using threatening, abusive or insulting words or behaviour", "Racially or religiously aggravated public order offence", "Affray"],
            DomesticAbuse: 0.03, Hate: 0.12, Charge: 1.0, Oocd: 1.5, SuspectKnown: 0.7, Victimless: 0.5, Severity: 0.1),
        new(OffenceCategory.MiscellaneousCrimesAgainstSociety, 1_597, ["Breach of a restraining order", "Perverting the course of justice", "Obscene publications"],
            DomesticAbuse: 0.15, Charge: 2, Oocd: 0.5, SuspectKnown: 0.8, Victimless: 0.7, CrownCourt: 0.1, Severity: 0.2),
    ];

    /// <summary>"Prosecutions possible" 10.8% (2019/20) taken as the charge rate; out-of-court disposals a couple of percent.</summary>
    public const double ChargeRate = 0.108;

    public const double OocdRate = 0.025;

    public static readonly double ChargeScale = ChargeRate * Profiles.Sum(p => p.Weight) / Profiles.Sum(p => p.Weight * p.Charge);

    public static readonly double OocdScale = OocdRate * Profiles.Sum(p => p.Weight) / Profiles.Sum(p => p.Weight * p.Oocd);

    public static readonly (OffenceProfile Value, double Weight)[] ByWeight = Profiles.Select(p => (p, p.Weight)).ToArray();

    /// <summary>Weighted like the districts of data.police.uk's April 2019 outcomes for the force.</summary>
    public static readonly (CspArea Value, double Weight)[] Districts =
    [
        (CspArea.Peterborough, 1718), (CspArea.Cambridge, 1125), (CspArea.Huntingdonshire, 828),
        (CspArea.SouthCambridgeshire, 532), (CspArea.Fenland, 441), (CspArea.EastCambridgeshire, 301),
    ];

    public static string MagistratesCourt(CspArea area) => area is CspArea.Cambridge or CspArea.SouthCambridgeshire or CspArea.EastCambridgeshire
        ? "Cambridge Magistrates' Court"
        : "Peterborough Magistrates' Court";

    public static string CrownCourt(CspArea area) => area is CspArea.Cambridge or CspArea.SouthCambridgeshire or CspArea.EastCambridgeshire
        ? "Cambridge Crown Court"
        : "Peterborough Crown Court";

    public static string CustodySuite(CspArea area) => area switch
    {
        CspArea.Cambridge or CspArea.SouthCambridgeshire or CspArea.EastCambridgeshire => "Parkside",
        CspArea.Huntingdonshire => "Huntingdon",
        CspArea.Fenland => "March",
        _ => "Thorpe Wood",
    };

    public static string LocalAuthority(CspArea area) => area switch
    {
        CspArea.Cambridge => "Cambridge City Council",
        CspArea.SouthCambridgeshire => "South Cambridgeshire District Council",
        CspArea.EastCambridgeshire => "East Cambridgeshire District Council",
        CspArea.Huntingdonshire => "Huntingdonshire District Council",
        CspArea.Fenland => "Fenland District Council",
        _ => "Peterborough City Council",
    };

    /// <summary>HMP Peterborough is the area's resettlement prison.</summary>
    public const string Prison = "HMP Peterborough";

    /// <summary>The IOM Fixed cohort's neighbourhood crime: domestic burglary, personal robbery, vehicle crime, theft from the person.</summary>
    public static bool IsNeighbourhoodCrime(OffenceCategory category) => category is OffenceCategory.BurglaryResidential
        or OffenceCategory.Robbery or OffenceCategory.VehicleOffences or OffenceCategory.TheftFromThePerson;

    public static readonly (ContactChannel Value, double Weight)[] Channels =
    [
        (ContactChannel.Phone, 45), (ContactChannel.Email, 25), (ContactChannel.Letter, 20), (ContactChannel.TextMessage, 5),
        (ContactChannel.InPerson, 4), (ContactChannel.Portal, 1),
    ];

    public static readonly string[] Needs =
    [
        "emotional support", "safety planning", "practical help", "information about the justice process",
        "help with a personal statement", "interpreter", "help with repairs and security",
    ];

    public static readonly (Disposal Value, double Weight)[] LowSeveritySentences =
    [
        (Disposal.Fine, 38), (Disposal.CommunityOrder, 22), (Disposal.ConditionalDischarge, 14), (Disposal.SuspendedSentence, 10),
        (Disposal.ImmediateCustody, 12), (Disposal.OtherwiseDealtWith, 3), (Disposal.AbsoluteDischarge, 1),
    ];

    public static readonly (Disposal Value, double Weight)[] HighSeveritySentences =
    [
        (Disposal.ImmediateCustody, 55), (Disposal.SuspendedSentence, 22), (Disposal.CommunityOrder, 17), (Disposal.Fine, 4),
        (Disposal.HospitalOrder, 1), (Disposal.OtherwiseDealtWith, 1),
    ];

    public static readonly (Accommodation Value, double Weight)[] Accommodations =
    [
        (Accommodation.FamilyOrFriends, 30), (Accommodation.SettledHome, 25), (Accommodation.NoFixedAbode, 10),
        (Accommodation.CasTier3, 8), (Accommodation.ApprovedPremises, 7), (Accommodation.Temporary, 7),
        (Accommodation.CasTier2, 5), (Accommodation.LocalAuthorityHousing, 5), (Accommodation.CasTier1, 3),
    ];

    public static readonly string[] IneffectiveReasons =
        ["prosecution witness absent", "defence not ready", "court over-listed", "defendant absent", "prosecution not ready"];

    public static readonly string[] LicenceConditions =
        ["reside at an approved address", "attend supervision appointments", "no contact with the victim", "curfew", "drug testing"];

    public static readonly IReadOnlyList<IomRating> RatingsImproving =
        [IomRating.Amber, IomRating.Green, IomRating.Green, IomRating.Amber, IomRating.Red];

    public static readonly IReadOnlyList<IomDeselectionReason> DeselectionReasons =
    [
        IomDeselectionReason.ReducedOffending, IomDeselectionReason.ReducedOffending, IomDeselectionReason.ReducedOffending,
        IomDeselectionReason.LongTermCustody, IomDeselectionReason.MovedOutOfArea, IomDeselectionReason.NotEngaging,
        IomDeselectionReason.TransferredToMappa, IomDeselectionReason.Other,
    ];

    public static IEnumerable<Pathway> Pathways(SeededRandom rng, int count)
    {
        var all = Enum.GetValues<Pathway>().ToList();
        for (var i = 0; i < count && all.Count > 0; i++)
        {
            var pick = all[rng.Between(0, all.Count - 1)];
            all.Remove(pick);
            yield return pick;
        }
    }

    /// <summary>
    /// How long after it happened a fact reaches us: mostly minutes, sometimes hours, now and then days (keyed in
    /// late) — so some facts arrive after others that happened later.
    /// </summary>
    public static TimeSpan ArrivalDelay(SeededRandom rng)
    {
        var roll = rng.NextDouble();
        return roll < 0.75 ? TimeSpan.FromMinutes(rng.Range(1, 20))
            : roll < 0.95 ? TimeSpan.FromMinutes(rng.Range(20, 360))
            : TimeSpan.FromDays(rng.Range(1, 4));
    }

    public static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
