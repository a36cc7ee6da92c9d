using System.Text.Json;
using CjsJourney.Cases;
using CjsJourney.Infrastructure;
using CjsJourney.Journeys;
using CjsJourney.Persons;

namespace CjsJourney.Importing;

/// <summary>A fact planned from a source row, with the event id it will have however often it is imported.</summary>
public sealed record PlannedFact(Guid EventId, Fact Fact);

/// <summary>
/// What a data.police.uk row means in the catalogue's words. Pure. A published outcome becomes a catalogue fact only
/// where that is what it says; anything vaguer is kept as <see cref="OutcomeRecorded"/> with the published words.
/// Every fact is dated at the start of the row's month (UK time): the files say no more than the month.
/// </summary>
public static class PoliceUkMapping
{
    public const string AntiSocialBehaviour = "Anti-social behaviour";
    public const string NotKnownOffence = "Not known (data.police.uk outcomes file)";
    public const string UnnamedCrownCourt = "Crown Court (not named in the source)";
    public const string MonthPrecision = "month";

    /// <summary>The namespace of every imported event id. Changing it would import everything a second time.</summary>
    public static readonly Guid Namespace = new("6b1f3c2e-8a47-5d09-9c3e-2f7a4d1b0e58");

    private static readonly Dictionary<string, OffenceCategory> CrimeTypes = new(StringComparer.Ordinal)
    {
        ["Bicycle theft"] = OffenceCategory.BicycleTheft,
        ["Burglary"] = OffenceCategory.BurglaryNotSpecified,
        ["Criminal damage and arson"] = OffenceCategory.CriminalDamageAndArson,
        ["Drugs"] = OffenceCategory.DrugOffences,
        ["Other crime"] = OffenceCategory.OtherCrime,
        ["Other theft"] = OffenceCategory.OtherTheft,
        ["Possession of weapons"] = OffenceCategory.PossessionOfWeapons,
        ["Public order"] = OffenceCategory.PublicOrderOffences,
        ["Robbery"] = OffenceCategory.Robbery,
        ["Shoplifting"] = OffenceCategory.Shoplifting,
        ["Theft from the person"] = OffenceCategory.TheftFromThePerson,
        ["Vehicle crime"] = OffenceCategory.VehicleOffences,
        ["Violence and sexual offences"] = OffenceCategory.ViolenceAndSexualOffences,
    };

    /// <summary>The partnership's districts as LSOA names begin (the name is the district, a space and a code).</summary>
    private static readonly Dictionary<string, CspArea> Districts = new(StringComparer.Ordinal)
    {
        ["Cambridge"] = CspArea.Cambridge,
        ["East Cambridgeshire"] = CspArea.EastCambridgeshire,
        ["Fenland"] = CspArea.Fenland,
        ["Huntingdonshire"] = CspArea.Huntingdonshire,
        ["Peterborough"] = CspArea.Peterborough,
        ["South Cambridgeshire"] = CspArea.SouthCambridgeshire,
    };

    /// <summary>The offence group of a street file's crime type; null when it is not a crime type we know.</summary>
    public static OffenceCategory? CategoryOf(string crimeType) =>
        crimeType == AntiSocialBehaviour ? null : CrimeTypes.TryGetValue(crimeType, out var category) ? category : null;

    /// <summary>
    /// The district from the LSOA name ("Fenland 010A" → Fenland): a district outside the six is
    /// <see cref="CspArea.OutsideForceArea"/> (crimes of the force located over the border); no name is not known.
    /// </summary>
    public static CspArea DistrictOf(string lsoaName)
    {
        if (string.IsNullOrWhiteSpace(lsoaName))
        {
            return CspArea.NotKnown;
        }

        var space = lsoaName.LastIndexOf(' ');
        var district = space < 0 ? lsoaName : lsoaName[..space];
        return Districts.TryGetValue(district, out var area) ? area : CspArea.OutsideForceArea;
    }

    /// <summary>The files name no one: one suspect per crime, known only by the crime.</summary>
    public static string PersonIdFor(string crimeId) => "policeuk-suspect-" + crimeId;

    /// <summary>Midnight at the start of the month, UK time (1 April 2019 is 2019-03-31T23:00Z, in BST).</summary>
    public static DateTimeOffset StartOfMonth(DateOnly month) => UkTime.StartOfDay(new DateOnly(month.Year, month.Month, 1));

    /// <summary>
    /// The facts a row becomes, in the order they must be stored. A street row opens its case; an outcome row opens it
    /// too when <paramref name="opensCase"/> (the crime was not met earlier in this import), then adds its outcome.
    /// <paramref name="offence"/> is the crime type when a street row told us, for the words of a charge.
    /// </summary>
    public static IReadOnlyList<PlannedFact> FactsFor(PoliceUkRow row, bool opensCase, string? offence = null)
    {
        var facts = new List<PlannedFact>(4);
        if (row.Kind == PoliceUkFileKind.Street || opensCase)
        {
            facts.Add(CrimeReportedFor(row));
        }

        if (row.OutcomeType is { } outcome)
        {
            var name = $"{row.CrimeId}|{row.MonthText}|{outcome}|{row.Occurrence}";
            facts.AddRange(OutcomeFacts(row.CrimeId, outcome, offence ?? NotKnownOffence)
                .Select(f => new PlannedFact(NameBasedGuid.Create(Namespace, $"{name}|{f.GetType().Name}"),
                    f with { OccurredAt = StartOfMonth(row.Month), Source = Agency.Police })));
        }

        return facts;
    }

    /// <summary>
    /// The crime opened from a street row (its crime type) or, failing one, from an outcome row (offence not known).
    /// One id per crime, whichever row opens it, so meeting the crime again in another month is a duplicate.
    /// </summary>
    public static PlannedFact CrimeReportedFor(PoliceUkRow row)
    {
        var at = StartOfMonth(row.Month);
        var (offence, category) = row.CrimeType is { } type && CategoryOf(type) is { } known
            ? (type, known)
            : (NotKnownOffence, OffenceCategory.NotKnown);
        var fact = new CrimeReported(row.CrimeId, offence, category, [], DistrictOf(row.LsoaName), at)
        {
            OccurredAt = at,
            Source = Agency.Police,
        };
        return new PlannedFact(NameBasedGuid.Create(Namespace, $"{row.CrimeId}|reported"), fact);
    }

    /// <summary>The catalogue facts one published outcome is, in storing order (a case fact naming the person first).</summary>
    public static IReadOnlyList<Fact> OutcomeFacts(string urn, string outcomeType, string offence)
    {
        var person = PersonIdFor(urn);
        return outcomeType switch
        {
            "Suspect charged" => [new SuspectCharged(urn, person, [new Charge(offence)])],
            // Cautions and community resolutions were given, so accepted, and both need the offender's admission.
            // The files do not say youth or adult, simple or conditional: the adult framework's plain kinds are assumed.
            "Offender given a caution" => OutOfCourt(urn, person, outcomeType, OocdKind.SimpleCaution, "caution", accepted: true),
            "Local resolution" => OutOfCourt(urn, person, outcomeType, OocdKind.CommunityResolution, "community-resolution", accepted: true),
            "Offender given a drugs possession warning" =>
                OutOfCourt(urn, person, outcomeType, OocdKind.CannabisOrKhatWarning, "drugs-possession-warning", accepted: true),
            // A penalty notice is issued (offered): paying it or asking for a trial is not published.
            "Offender given penalty notice" =>
                OutOfCourt(urn, person, outcomeType, OocdKind.PenaltyNoticeForDisorder, "penalty-notice", accepted: false),
            "Unable to prosecute suspect" or "Formal action is not in the public interest" =>
                [new ChargingDecisionMade(urn, person, DecisionMaker.Police, ChargingDecision.NoFurtherAction, outcomeType)],
            "Further investigation is not in the public interest" => [new DecisionNotToInvestigate(urn, outcomeType)],
            "Investigation complete; no suspect identified" => [new CaseConcluded(urn, CaseOutcome.NoFurtherAction)],
            "Offender sent to prison" => [new Sentenced(urn, person, Disposal.ImmediateCustody)],
            "Offender given suspended prison sentence" => [new Sentenced(urn, person, Disposal.SuspendedSentence)],
            "Offender given community sentence" => [new Sentenced(urn, person, Disposal.CommunityOrder)],
            "Offender fined" => [new Sentenced(urn, person, Disposal.Fine)],
            "Offender given conditional discharge" => [new Sentenced(urn, person, Disposal.ConditionalDischarge)],
            "Offender given absolute discharge" => [new Sentenced(urn, person, Disposal.AbsoluteDischarge)],
            "Offender otherwise dealt with" => [new Sentenced(urn, person, Disposal.OtherwiseDealtWith)],
            "Defendant found not guilty" => [new VerdictReached(urn, person, Verdict.NotGuilty)],
            "Defendant sent to Crown Court" => [new SentToCrownCourt(urn, person, UnnamedCrownCourt)],
            // Awaiting court outcome, action by another organisation, court case unable to proceed, charged as part of
            // another case, deprived of property, ordered to pay compensation, status unavailable ...: no honest fact.
            _ => [new OutcomeRecorded(urn, outcomeType, MonthPrecision)],
        };
    }

    private static Fact[] OutOfCourt(string urn, string person, string outcomeType, OocdKind kind, string oocdId,
        bool accepted)
    {
        Fact[] offered =
        [
            new ChargingDecisionMade(urn, person, DecisionMaker.Police, ChargingDecision.OutOfCourtDisposal, outcomeType),
            new OocdOffered(person, oocdId, OocdRegime.AdultFramework, kind, "police", urn),
        ];
        return accepted ? [.. offered, new OocdAccepted(person, oocdId, AdmissionMade: true, ConsentGiven: true)] : offered;
    }

    /// <summary>What an outcome type becomes, for the import's summary: e.g. "Sentenced(fine)".</summary>
    public static string Became(string outcomeType) =>
        string.Join(" + ", OutcomeFacts("x", outcomeType, NotKnownOffence).Select(Label));

    private static string Label(Fact fact) => fact switch
    {
        Sentenced s => $"Sentenced({Kebab(s.Disposal)})",
        ChargingDecisionMade c => $"ChargingDecisionMade({Kebab(c.Decision)})",
        OocdOffered o => $"OocdOffered({Kebab(o.Kind)})",
        VerdictReached v => $"VerdictReached({Kebab(v.Verdict)})",
        CaseConcluded c => $"CaseConcluded({Kebab(c.Outcome)})",
        _ => fact.GetType().Name,
    };

    private static string Kebab<T>(T value) where T : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>The fact's own rules (the same the intake applies to a submitted fact).</summary>
    public static IReadOnlyList<FieldError> Check(Fact fact) =>
        fact is IValidatedFact validated ? validated.Validate().ToList() : [];
}
