using CjsJourney.Cases;
using CjsJourney.Importing;
using CjsJourney.Journeys;
using CjsJourney.Persons;

namespace CjsJourney.Seeding;

/// <summary>A generated fact with the event id it will always have for the same seed and parameters.</summary>
public readonly record struct SyntheticFact(Guid EventId, Fact Fact);

/// <summary>
/// A deterministic, realistic partnership: cases reported over a period before <c>end</c>, with victims, suspects,
/// charges, court, sentences, custody and licence, out-of-court disposals, Witness Care, Victims' Code evidence
/// (delivered on time, late or never) and an IOM cohort of the people who keep coming back. The mix follows
/// Cambridgeshire &amp; Peterborough's published figures (shared notes, cambridgeshire-figures.md).
/// <para>
/// Facts come out lazily in the order partners would send them (a merge by arrival time), so ten million can stream
/// into the intake without being held; every fact passes its own rules and arrives after what the intake needs
/// first (the case opened, the victim identified, the person named). Nothing happens or arrives after <c>end</c>:
/// journeys still running then simply have not got further.
/// </para>
/// </summary>
public static class SyntheticJourneys
{
    /// <summary>The namespace of generated event ids (with the seed, the case number and the fact's place in it).</summary>
    public static readonly Guid Namespace = new("d4c2a1f0-3b5e-5c7d-8e9f-0a1b2c3d4e5f");

    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(365);

    /// <param name="seed">The same seed and parameters give the same facts and ids.</param>
    /// <param name="cases">Crimes reported over the period (the force records about 68,000 a year).</param>
    /// <param name="end">No fact happens or arrives after this instant (the intake refuses future facts).</param>
    /// <param name="period">How far before <paramref name="end"/> reports start (default a year).</param>
    public static IEnumerable<SyntheticFact> Generate(int seed, int cases, DateTimeOffset end, TimeSpan? period = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cases);
        var span = period ?? DefaultPeriod;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero, nameof(period));
        return Run(seed, cases, end, span);
    }

    private static IEnumerable<SyntheticFact> Run(int seed, int cases, DateTimeOffset end, TimeSpan period)
    {
        var world = new Partnership(seed, cases, end, period);
        var start = end - period;
        var slot = period.Ticks / (double)Math.Max(cases, 1);
        for (var i = 0; i < cases; i++)
        {
            // Each case draws from its own stream, so changing one case's journey leaves the others as they were.
            var rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, i));
            // The i-th report falls somewhere in the i-th slot: in order, evenly spread, not on a grid.
            var reportedAt = start + TimeSpan.FromTicks((long)(slot * (i + rng.NextDouble())));

            // Everything that arrived before this report can go: no later case can arrive before it.
            foreach (var fact in world.ArrivedBefore(reportedAt))
            {
                yield return fact;
            }

            new SyntheticCase(world, rng, i, reportedAt).Generate();
        }

        foreach (var fact in world.ArrivedBefore(DateTimeOffset.MaxValue))
        {
            yield return fact;
        }
    }
}

/// <summary>A person as the generator follows them across cases: when the intake first knows them, and their record.</summary>
internal sealed class PersonState(string id, bool prolific)
{
    public string Id { get; } = id;

    public bool Prolific { get; } = prolific;

    /// <summary>The earliest arrival of a case fact naming them: person facts may arrive from then on.</summary>
    public DateTimeOffset? KnownSince { get; set; }

    public int Cases { get; set; }

    public List<OffenceCategory> Categories { get; } = [];

    public bool PncLinked { get; set; }

    public bool CrnLinked { get; set; }

    public bool NomsLinked { get; set; }

    /// <summary>
    /// In custody until the case with this number is reported: a prolific offender commits no new crime meanwhile.
    /// Counted in cases rather than instants so that a different end instant shifts times but never changes who did what.
    /// </summary>
    public int BusyUntilCase { get; set; } = -1;

    public bool SelectedToIom { get; set; }

    /// <summary>Counts this person's facts generated outside any one case (IOM), for their ids.</summary>
    public int Ordinal { get; set; }
}

/// <summary>The state shared by all cases: the arrival queue, people, and the IOM panel.</summary>
internal sealed class Partnership
{
    private readonly PriorityQueue<SyntheticFact, (long Arrival, long Sequence)> _pending = new();
    private readonly Dictionary<string, PersonState> _persons = new(StringComparer.Ordinal);
    private readonly List<PersonState> _prolific = [];
    private readonly double[] _prolificCumulative;
    private long _sequence;
    private int _newPersons;

    public Partnership(int seed, int cases, DateTimeOffset end, TimeSpan period)
    {
        Seed = seed;
        End = end;
        DaysPerCase = period.TotalDays / Math.Max(cases, 1);
        Rng = new SeededRandom(SeededRandom.Derive((ulong)(uint)seed, -1));
        // A small pool commits a large share of neighbourhood crime (about one prolific person per 100 crimes).
        var poolSize = Math.Max(8, cases / 100);
        for (var k = 0; k < poolSize; k++)
        {
            var person = new PersonState($"P-{seed}-R{k + 1:D4}", prolific: true);
            _prolific.Add(person);
            _persons[person.Id] = person;
        }

        // Zipf-like: the most prolific few are picked far more often than the rest of the pool.
        _prolificCumulative = new double[poolSize];
        var total = 0.0;
        for (var r = 0; r < poolSize; r++)
        {
            total += 1.0 / Math.Pow(r + 1, 0.8);
            _prolificCumulative[r] = total;
        }
    }

    public int Seed { get; }

    public DateTimeOffset End { get; }

    /// <summary>How many days apart reports are on average, to turn a time in custody into a number of cases.</summary>
    public double DaysPerCase { get; }

    /// <summary>The case number reported about <paramref name="days"/> after case <paramref name="caseNumber"/>.</summary>
    public int CaseAfter(int caseNumber, double days) => caseNumber + (int)Math.Min(int.MaxValue / 2.0, days / DaysPerCase);

    /// <summary>For decisions that span cases (the IOM panel); drawn in case order, so deterministic too.</summary>
    public SeededRandom Rng { get; }

    public PersonState Person(string id) => _persons[id];

    /// <summary>Queues a fact for its arrival; a fact that would arrive after the end has not happened yet.</summary>
    public void Emit(Guid eventId, Fact fact, DateTimeOffset arrival)
    {
        if (arrival > End || fact.OccurredAt > End)
        {
            return;
        }

        _pending.Enqueue(new SyntheticFact(eventId, fact), (arrival.UtcTicks, _sequence++));
    }

    public IEnumerable<SyntheticFact> ArrivedBefore(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        while (_pending.TryPeek(out _, out var priority) && priority.Arrival < ticks)
        {
            yield return _pending.Dequeue();
        }
    }

    /// <summary>The suspect of a crime: someone from the prolific pool (more so for neighbourhood crime), or someone new.</summary>
    public PersonState SuspectFor(SeededRandom rng, OffenceCategory category, int caseNumber)
    {
        var fromPool = Mix.IsNeighbourhoodCrime(category) || category is OffenceCategory.Shoplifting or OffenceCategory.DrugOffences
            ? 0.45
            : 0.12;
        if (rng.Chance(fromPool))
        {
            var candidate = _prolific[PickWeighted(rng)];
            if (candidate.BusyUntilCase < caseNumber)
            {
                return candidate;
            }
        }

        var person = new PersonState($"P-{Seed}-{++_newPersons:D7}", prolific: false);
        _persons[person.Id] = person;
        return person;
    }

    private int PickWeighted(SeededRandom rng)
    {
        var x = rng.NextDouble() * _prolificCumulative[^1];
        var i = Array.BinarySearch(_prolificCumulative, x);
        return Math.Min(i < 0 ? ~i : i + 1, _prolificCumulative.Length - 1);
    }

    /// <summary>A person fact outside any case (the IOM panel's), arriving only once the person is known.</summary>
    public void EmitForPerson(PersonState person, Fact fact, DateTimeOffset at, Agency source)
    {
        var id = NameBasedGuid.Create(SyntheticJourneys.Namespace, $"{Seed}/person/{person.Id}/{person.Ordinal++}");
        var arrival = Mix.Later(at + Mix.ArrivalDelay(Rng), person.KnownSince ?? DateTimeOffset.MaxValue);
        Emit(id, fact with { OccurredAt = at, Source = source }, arrival);
    }

    /// <summary>
    /// A person named on a case: the third case brings a prolific offender before the IOM panel (Fixed cohort for
    /// neighbourhood crime, else Flex or Free), with lead workers, ratings, pathway work and, for most, deselection.
    /// </summary>
    public void NoteSuspect(PersonState person, OffenceCategory category, DateTimeOffset namedAt)
    {
        person.Cases++;
        person.Categories.Add(category);
        if (!person.Prolific)
        {
            return;
        }

        if (person.SelectedToIom)
        {
            EmitForPerson(person, new Iom.IomRatingChanged(person.Id, Iom.IomRating.Red, "new offence"),
                namedAt.AddDays(Rng.Range(1, 10)), Agency.Police);
            return;
        }

        if (person.Cases >= 3)
        {
            person.SelectedToIom = true;
            SelectToIom(person, namedAt.AddDays(Rng.Range(14, 42)));
        }
    }

    private void SelectToIom(PersonState person, DateTimeOffset at)
    {
        var cohort = person.Categories.Any(Mix.IsNeighbourhoodCrime) ? Iom.IomCohort.Fixed
            : Rng.Chance(0.7) ? Iom.IomCohort.Flex
            : Iom.IomCohort.Free;
        var panel = Infrastructure.UkTime.DateOf(at).AddDays(-Rng.Between(0, 6));
        EmitForPerson(person, new Iom.IomSelected(person.Id, cohort, Math.Round((decimal)Rng.Range(25, 95), 1),
            "IOM selection matrix v3", panel), at, Agency.Police);
        EmitForPerson(person, new Iom.IomRatingChanged(person.Id, Rng.Chance(0.5) ? Iom.IomRating.Red : Iom.IomRating.Amber,
            "panel assessment"), at.AddHours(Rng.Range(1, 48)), Agency.Police);
        EmitForPerson(person, new Iom.IomLeadWorkersAssigned(person.Id, $"PC {Rng.Between(1000, 9999)}",
            $"PP {Rng.Between(1000, 9999)}"), at.AddDays(Rng.Range(1, 10)), Agency.Probation);

        var t = at;
        foreach (var pathway in Mix.Pathways(Rng, Rng.Between(2, 3)))
        {
            var identified = at.AddDays(Rng.Range(7, 30));
            EmitForPerson(person, new PathwayNeedIdentified(person.Id, pathway), identified, Agency.Probation);
            EmitForPerson(person, new PathwayStatusChanged(person.Id, pathway, PathwayStatus.SupportRequired), identified, Agency.Probation);
            var progress = identified.AddDays(Rng.Range(14, 60));
            EmitForPerson(person, new PathwayStatusChanged(person.Id, pathway, PathwayStatus.InProgress), progress, Agency.Probation);
            if (Rng.Chance(0.6))
            {
                EmitForPerson(person, new PathwayStatusChanged(person.Id, pathway,
                    Rng.Chance(0.8) ? PathwayStatus.Done : PathwayStatus.SupportDeclined), progress.AddDays(Rng.Range(30, 150)), Agency.Probation);
            }
        }

        // Most leave the cohort within two years (desisted, moved, long custody), so it stays a few hundred strong
        // however many years are generated, as real cohorts do.
        DateTimeOffset? deselected = Rng.Chance(0.85) ? at.AddDays(Rng.Range(180, 720)) : null;
        var reviews = Rng.Between(1, 5);
        for (var i = 0; i < reviews; i++)
        {
            t = t.AddDays(Rng.Range(30, 100));
            if (t < (deselected ?? DateTimeOffset.MaxValue))
            {
                EmitForPerson(person, new Iom.IomRatingChanged(person.Id, Rng.Pick(Mix.RatingsImproving)), t, Agency.Police);
            }
        }

        if (deselected is { } deselectedAt)
        {
            EmitForPerson(person, new Iom.IomDeselected(person.Id, Rng.Pick(Mix.DeselectionReasons)), deselectedAt, Agency.Police);
            if (Rng.Chance(0.1))
            {
                var again = deselectedAt.AddDays(Rng.Range(60, 240));
                EmitForPerson(person, new Iom.IomSelected(person.Id, cohort, Math.Round((decimal)Rng.Range(40, 95), 1),
                    "IOM selection matrix v3", Infrastructure.UkTime.DateOf(again)), again, Agency.Police);
            }
        }
    }
}
