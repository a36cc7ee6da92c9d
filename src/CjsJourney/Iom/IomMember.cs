using CjsJourney.Journeys;
using CjsJourney.Persons;
using JasperFx.Events;
using Marten.Events.Projections;

namespace CjsJourney.Iom;

/// <summary>
/// A person as the IOM cohort reads them: their journey without its timeline, custody periods, referrals, rating
/// history and disposal conditions, and of each case only when they were named, arrested, charged and convicted. A
/// prolific offender's full journey grows by every fact about them (tens to hundreds of kilobytes after a few years);
/// the cohort reads every member at once, so it reads these instead.
/// </summary>
public sealed record IomMember
{
    public required string Id { get; init; }

    /// <summary>The journey, less what the cohort does not read; its cases are <see cref="Cases"/>.</summary>
    public required PersonJourney Journey { get; init; }

    public IReadOnlyList<IomCase> Cases { get; init; } = [];

    /// <summary>Ever selected to IOM: indexed, so the cohort is found without reading every person.</summary>
    public bool EverSelected => Journey.IomEverSelected;

    /// <summary>In the cohort now: indexed, with <see cref="LastDecisionAt"/> all today's view filters on.</summary>
    public bool Active => Journey.IomActive;

    public DateTimeOffset? LastDecisionAt => Journey.IomLastDecisionAt;

    /// <summary>Merged into another record: read that one instead.</summary>
    public bool Merged => Journey.MergedInto is not null;

    /// <summary>The journey as the IOM records read it: cases carry their dates and nothing else.</summary>
    public PersonJourney ToJourney() => Journey with { Cases = Cases.Select(c => c.ToCase()).ToList() };

    /// <summary>The member after one more fact, through the journey's own fold. Pure.</summary>
    public static IomMember Fold(IomMember? member, string id, IEvent e)
    {
        var journey = PersonJourney.Fold(member?.ToJourney(), id, e, withTimeline: false);
        return new IomMember
        {
            Id = id,
            Journey = journey with
            {
                Cases = [],
                Custody = [],
                DutyToRefer = [],
                OutOfCourtDisposals = journey.OutOfCourtDisposals.Select(o => o.Conditions.Count == 0 ? o : o with { Conditions = [] }).ToList(),
                Iom = journey.Iom is { RatingHistory.Count: > 0 } iom ? iom with { RatingHistory = [] } : journey.Iom,
            },
            Cases = (e.Data as ICaseFact)?.Urn is null && member is not null
                ? member.Cases
                : journey.Cases.Select(IomCase.From).ToList(),
        };
    }
}

/// <summary>A case of a cohort member's: the dates the cohort's activity and offence figures are made of.</summary>
public sealed record IomCase(string Urn, DateTimeOffset? FirstNamedAt, DateTimeOffset? ArrestedAt, DateTimeOffset? ChargedAt,
    DateTimeOffset? ConvictedAt)
{
    public static IomCase From(PersonCase c) => new(c.Urn, c.FirstNamedAt, c.ArrestedAt, c.ChargedAt, c.ConvictedAt);

    public PersonCase ToCase() => new()
    {
        Urn = Urn,
        FirstNamedAt = FirstNamedAt,
        ArrestedAt = ArrestedAt,
        ChargedAt = ChargedAt,
        ConvictedAt = ConvictedAt,
    };
}

/// <summary>
/// Inline, beside <see cref="PersonJourneyProjection"/> and fed the same facts, so the cohort moves in the same commit
/// as the journeys it summarises.
/// </summary>
public sealed partial class IomMemberProjection : MultiStreamProjection<IomMember, string>
{
    public IomMemberProjection() => Identities<Fact>(PersonJourney.PersonIdsOf);

    public override IomMember Evolve(IomMember? snapshot, string id, IEvent e) => IomMember.Fold(snapshot, id, e);
}
