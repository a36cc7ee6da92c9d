namespace CjsJourney.Journeys;

/// <summary>
/// A fact a partner system tells us, as it happened in the justice system. Every fact carries when it happened in the
/// source system and which agency told us; when we learned it, who submitted it and the correlation ids are Marten's
/// event metadata. Facts are never changed or deleted: a correction is another fact.
/// </summary>
public abstract record Fact
{
    /// <summary>When it happened, as the source system recorded it (may be long before we learned it).</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The agency that told us.</summary>
    public Agency Source { get; init; }

    /// <summary>One line for a timeline, in the justice system's words. Ids only: we hold no names.</summary>
    public virtual string Describe() => Words.Humanise(GetType().Name);
}

/// <summary>The streams a fact can belong to; each kind's key comes from the fact itself.</summary>
public enum StreamKind
{
    Case,
    Victim,
    Person,
}

/// <summary>A fact about a prosecution case, kept on the case's stream (keyed by URN).</summary>
public interface ICaseFact
{
    string Urn { get; }
}

/// <summary>A fact about a victim's own journey (needs, referrals, being kept informed), on the victim's stream.</summary>
public interface IVictimFact
{
    string VictimId { get; }
}

/// <summary>A fact about a person as suspect or offender (identity, custody, disposals, resettlement), on their stream.</summary>
public interface IPersonFact
{
    string PersonId { get; }
}

/// <summary>The first fact of its stream: accepted only when the stream does not exist yet.</summary>
public interface IStartsStream;

/// <summary>
/// A case fact that names a victim, making the victim known: victim facts are accepted only for a known victim.
/// </summary>
public interface IIdentifiesVictim
{
    string VictimId { get; }
}

/// <summary>A case fact about one person (suspect or defendant); it makes the person known.</summary>
public interface IConcernsPerson
{
    string PersonId { get; }
}

/// <summary>A case fact about several defendants at once (a hearing).</summary>
public interface IConcernsPersons
{
    IReadOnlyList<string> Defendants { get; }
}

/// <summary>A case fact about one witness.</summary>
public interface IConcernsWitness
{
    string WitnessId { get; }
}

/// <summary>A case fact about several witnesses at once (the witness list).</summary>
public interface IConcernsWitnesses
{
    IReadOnlyList<string> WitnessIds { get; }
}

/// <summary>A person fact that makes the person known without any case (linking identifiers from a records system).</summary>
public interface IIntroducesPerson;

/// <summary>Rules about a fact's content beyond its shape (types and required fields are checked for every fact).</summary>
public interface IValidatedFact
{
    IEnumerable<FieldError> Validate();
}

/// <summary>A refusal naming the field, relative to the fact's <c>data</c> (e.g. <c>charges[0].offence</c>).</summary>
public readonly record struct FieldError(string Field, string Message);

/// <summary>The partner agencies of the Local Criminal Justice Board.</summary>
public enum Agency
{
    Police,
    Cps,
    Court,
    WitnessCare,
    Probation,
    Prison,
    VictimServices,
    YouthJustice,
}

public static class StreamKeys
{
    /// <summary>
    /// Stream keys carry their kind, so a URN can never collide with a victim or person id in the one event store.
    /// </summary>
    public static string For(StreamKind kind, string id) => kind switch
    {
        StreamKind.Case => "case/" + id,
        StreamKind.Victim => "victim/" + id,
        StreamKind.Person => "person/" + id,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Case(string urn) => For(StreamKind.Case, urn);

    public static string Victim(string victimId) => For(StreamKind.Victim, victimId);

    public static string Person(string personId) => For(StreamKind.Person, personId);
}

public static class Words
{
    /// <summary><c>SuspectCharged</c> → "Suspect charged"; enum values likewise.</summary>
    public static string Humanise(string pascal)
    {
        var sb = new System.Text.StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(pascal[i - 1]))
            {
                sb.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(i == 0 ? c : char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    public static string Humanise<T>(T value) where T : struct, Enum => Humanise(value.ToString());

    private static readonly Dictionary<string, string> Acronyms = new(StringComparer.Ordinal)
    {
        ["Cps"] = "CPS", ["Pnc"] = "PNC", ["Cro"] = "CRO", ["Crn"] = "CRN", ["Noms"] = "NOMS", ["Iom"] = "IOM", ["Oocd"] = "OOCD",
    };

    /// <summary>Names that are proper nouns keep their capitals: <c>EastCambridgeshire</c> → "East Cambridgeshire", <c>Cps</c> → "CPS".</summary>
    public static string Proper<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        if (Acronyms.TryGetValue(name, out var acronym))
        {
            return acronym;
        }

        var sb = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                sb.Append(' ');
            }

            sb.Append(name[i]);
        }

        return sb.ToString();
    }
}
