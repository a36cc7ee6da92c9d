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

/// <summary>The first fact of its stream: accepted only when the stream does not exist yet.</summary>
public interface IStartsStream;

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
}
