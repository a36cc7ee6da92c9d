using System.Globalization;
using CjsJourney.Cases;
using CjsJourney.Importing;
using CjsJourney.Infrastructure;
using CjsJourney.Journeys;
using CjsJourney.Persons;
using CjsJourney.Victims;

namespace CjsJourney.Seeding;

/// <summary>
/// One crime's journey: the report and its victims, then one police outcome (no suspect, not investigated,
/// evidential difficulties, out-of-court disposal or charge), and for a charge the court, the sentence and what
/// follows it — each duty to a victim delivered on time, late or never (about 70/15/15).
/// </summary>
internal sealed partial class SyntheticCase
{
    private readonly Partnership _world;
    private readonly SeededRandom _rng;
    private readonly int _number;
    private readonly DateTimeOffset _reportedAt;
    private readonly string _urn;
    private readonly OffenceProfile _profile;
    private readonly CspArea _area;
    private readonly string _offence;
    private readonly List<CrimeFlag> _flags = [];
    private readonly List<VictimState> _victims = [];
    private readonly List<string> _witnesses = [];
    private readonly Dictionary<string, DateTimeOffset> _victimKnownAt = new(StringComparer.Ordinal);
    private DateTimeOffset _openedAt;
    private int _ordinal;
    private int _hearings;
    private int _trials;
    private bool _hasOutcome;
    private bool _sentenced;
    private bool _remanded;
    private PersonState _suspect = null!;

    private sealed class VictimState(string id, bool enhanced)
    {
        public string Id { get; } = id;

        public bool Enhanced { get; } = enhanced;

        public string? WitnessId { get; set; }

        public DateTimeOffset? OptedOutAt { get; set; }

        public DateTimeOffset? ContactSchemeAt { get; set; }
    }

    public SyntheticCase(Partnership world, SeededRandom rng, int number, DateTimeOffset reportedAt)
    {
        _world = world;
        _rng = rng;
        _number = number;
        _reportedAt = reportedAt;
        _urn = $"35SY{(uint)world.Seed}{number + 1:D7}";
        _profile = rng.Pick(Mix.ByWeight);
        _area = rng.Pick(Mix.Districts);
        _offence = rng.Pick(_profile.Offences);
    }

    private OffenceCategory Category => _profile.Category;

    private string Person => _suspect.Id;

    public void Generate()
    {
        Report();
        IdentifyVictims();

        var charge = Math.Min(0.9, _profile.Charge * Mix.ChargeScale);
        var oocd = Math.Min(0.9, _profile.Oocd * Mix.OocdScale);
        var roll = _rng.NextDouble();
        if (roll < charge)
        {
            Charged(NameSuspect(_reportedAt));
        }
        else if (roll < charge + oocd)
        {
            OutOfCourt();
        }
        else if (_rng.Chance(_profile.LowSolvability ? 0.12 : 0.02))
        {
            NotInvestigated();
        }
        else if (_rng.Chance(_profile.SuspectKnown))
        {
            EvidentialDifficulties();
        }
        else if (_rng.Chance(0.97))
        {
            // Investigation complete, no suspect identified (the rest are still open).
            Emit(new CaseConcluded(_urn, CaseOutcome.NoFurtherAction), Days(_reportedAt, 3, 90), Agency.Police);
        }
    }

    // ---- report and victims -------------------------------------------------------------------------------------

    private void Report()
    {
        if (_rng.Chance(_profile.DomesticAbuse))
        {
            _flags.Add(CrimeFlag.DomesticAbuse);
        }

        if (_rng.Chance(_profile.Hate))
        {
            _flags.Add(CrimeFlag.Hate);
        }

        if (Category == OffenceCategory.SexualOffences)
        {
            _flags.Add(CrimeFlag.Sexual);
        }

        if (_rng.Chance(_profile.Child))
        {
            _flags.Add(CrimeFlag.ChildVictim);
        }

        if (_profile.Severity >= 0.1 && _rng.Chance(0.04))
        {
            _flags.Add(CrimeFlag.MentalHealth);
        }

        Emit(new CrimeReported(_urn, _offence, Category, _flags.ToList(), _area, _reportedAt.AddMinutes(-_rng.Range(2, 90))),
            _reportedAt, Agency.Police);
    }

    private void IdentifyVictims()
    {
        if (_rng.Chance(_profile.Victimless))
        {
            return;
        }

        var bereaved = Category is OffenceCategory.Homicide or OffenceCategory.DeathOrSeriousInjuryByUnlawfulDriving;
        var count = bereaved ? _rng.Between(1, 2) : _rng.Pick<int>([(1, 88), (2, 10), (3, 2)]);
        var role = bereaved ? VictimRole.BereavedRelative
            : Category is OffenceCategory.Shoplifting or OffenceCategory.BurglaryBusiness ? VictimRole.Business
            : VictimRole.Direct;
        var roles = Enumerable.Repeat(role, count).ToList();
        if (_flags.Contains(CrimeFlag.ChildVictim) && _rng.Chance(0.5))
        {
            roles.Add(VictimRole.ParentOrGuardian);
        }

        for (var k = 0; k < roles.Count; k++)
        {
            var grounds = EnhancedGrounds(roles[k]);
            var victim = new VictimState($"V-{(uint)_world.Seed}-{_number + 1:D7}-{k + 1}", grounds.Count > 0);
            _victims.Add(victim);
            var at = Hours(_reportedAt, 0, 2);
            Emit(new VictimIdentified(_urn, victim.Id, roles[k]), at, Agency.Police);
            VictimJourney(victim, at, grounds);
        }
    }

    private List<EnhancedGround> EnhancedGrounds(VictimRole role)
    {
        var grounds = new List<EnhancedGround>();
        if (role == VictimRole.BereavedRelative)
        {
            grounds.Add(EnhancedGround.BereavedCloseRelative);
        }

        if (_flags.Contains(CrimeFlag.DomesticAbuse))
        {
            grounds.Add(EnhancedGround.DomesticAbuse);
        }

        if (_flags.Contains(CrimeFlag.Sexual))
        {
            grounds.Add(EnhancedGround.SexualOffence);
        }

        if (_flags.Contains(CrimeFlag.Hate))
        {
            grounds.Add(EnhancedGround.HateCrime);
        }

        if (_flags.Contains(CrimeFlag.ChildVictim) && role == VictimRole.Direct)
        {
            grounds.Add(EnhancedGround.UnderEighteen);
        }

        return grounds;
    }

    /// <summary>Eligibility, written acknowledgement, referral to support, needs; a few opt out or complain.</summary>
    private void VictimJourney(VictimState victim, DateTimeOffset identifiedAt, List<EnhancedGround> grounds)
    {
        if (grounds.Count > 0 ? _rng.Chance(0.8) : _rng.Chance(0.25))
        {
            if (grounds.Count == 0 && _rng.Chance(0.12))
            {
                grounds.Add(_rng.Pick<EnhancedGround>([EnhancedGround.Intimidated, EnhancedGround.PersistentlyTargeted, EnhancedGround.MentalDisorder]));
            }

            Emit(new EnhancedEligibilityAssessed(victim.Id, grounds, $"PC {_rng.Between(1000, 9999)}"),
                Hours(identifiedAt, 1, 48), Agency.Police);
        }

        Deliver(victim, identifiedAt, 1, Agency.Police, () => new VictimInformed(victim.Id, InformedAbout.CrimeAcknowledged,
            _rng.Pick<ContactChannel>([(ContactChannel.Letter, 40), (ContactChannel.Email, 45), (ContactChannel.TextMessage, 15)]), _urn));

        if (_rng.Chance(0.1))
        {
            Emit(new ReferralDeclined(victim.Id, "does not want support", _urn), Hours(identifiedAt, 0.5, 24), Agency.Police);
        }
        else
        {
            var service = _flags.Contains(CrimeFlag.Sexual) ? "Sexual Assault Referral Centre"
                : _flags.Contains(CrimeFlag.DomesticAbuse) ? "Independent Domestic Violence Advisers"
                : "Cambridgeshire & Peterborough Victim and Witness Hub";
            if (Deliver(victim, identifiedAt, 2, Agency.Police,
                    () => new ReferredToSupportServices(victim.Id, service, ConsentGiven: true, _urn)) is { } referred &&
                _rng.Chance(0.7))
            {
                var needs = Enumerable.Range(0, _rng.Between(0, 3)).Select(_ => _rng.Pick(Mix.Needs)).Distinct().ToList();
                Emit(new NeedsAssessed(victim.Id, needs, _urn), Days(referred, 1, 10), Agency.VictimServices);
            }
        }

        if (_rng.Chance(0.03))
        {
            victim.OptedOutAt = Days(identifiedAt, 1, 30);
            Emit(new VictimOptedOut(victim.Id, OptOutScope.Updates, _urn), victim.OptedOutAt.Value, Agency.Police);
        }

        if (_rng.Chance(0.01))
        {
            var complaintId = $"C-{(uint)_world.Seed}-{_number + 1}-{victim.Id[^1]}";
            var received = Days(identifiedAt, 10, 120);
            var against = _rng.Pick<Agency>([(Agency.Police, 70), (Agency.Cps, 15), (Agency.WitnessCare, 15)]);
            Emit(new ComplaintReceived(victim.Id, complaintId, against), received, against);
            Deliver(victim, received, 10, against, () => new ComplaintResponded(victim.Id, complaintId, Substantive: _rng.Chance(0.85)));
        }
    }

    // ---- police outcomes -----------------------------------------------------------------------------------------

    private void NotInvestigated()
    {
        var at = Days(_reportedAt, 0.2, 3);
        Emit(new DecisionNotToInvestigate(_urn, "no proportionate lines of enquiry"), at, Agency.Police);
        Inform(InformedAbout.DecisionNotToInvestigate, at, 5, Agency.Police);
        if (_rng.Chance(0.7))
        {
            Emit(new CaseConcluded(_urn, CaseOutcome.NoFurtherAction), Hours(at, 0.5, 48), Agency.Police);
        }
    }

    /// <summary>The suspect named, by arrest (most) or identification; returns when they were interviewed.</summary>
    private DateTimeOffset NameSuspect(DateTimeOffset after)
    {
        var at = Days(after, 0, _flags.Contains(CrimeFlag.DomesticAbuse) ? 1 : 14);
        _suspect = _world.SuspectFor(_rng, Category, _number);
        DateTimeOffset interviewedAt;
        if (_rng.Chance(0.75))
        {
            Emit(new SuspectArrested(_urn, Person, Mix.CustodySuite(_area)), at, Agency.Police);
            Inform(InformedAbout.SuspectArrested, at, 5, Agency.Police);
            interviewedAt = Hours(at, 2, 10);
        }
        else
        {
            Emit(new SuspectIdentified(_urn, Person), at, Agency.Police);
            interviewedAt = Days(at, 2, 20); // a voluntary interview, booked
        }

        _world.NoteSuspect(_suspect, Category, at);
        if (!_suspect.PncLinked)
        {
            _suspect.PncLinked = true;
            var pnc = $"{at.Year % 100:D2}/{_rng.Between(0, 9_999_999):D7}{(char)('A' + _rng.Between(0, 25))}";
            Emit(new IdentifierLinked(Person, IdentifierScheme.Pnc, pnc), Hours(at, 1, 6), Agency.Police);
        }

        Emit(new SuspectInterviewed(_urn, Person), interviewedAt, Agency.Police);
        Inform(InformedAbout.SuspectInterviewed, interviewedAt, 5, Agency.Police);
        return interviewedAt;
    }

    private DateTimeOffset Bail(DateTimeOffset interviewedAt, BailKind kind)
    {
        var at = Hours(interviewedAt, 0.5, 3);
        var conditions = kind == BailKind.PreChargeBail && _victims.Count > 0 ? new[] { "not to contact the victim" } : null;
        DateOnly? returnDate = kind == BailKind.PreChargeBail ? UkTime.DateOf(at).AddDays(28) : null;
        Emit(new SuspectBailed(_urn, Person, kind, conditions, returnDate), at, Agency.Police);
        Inform(InformedAbout.SuspectBailed, at, 5, Agency.Police);
        return at;
    }

    private void EvidentialDifficulties()
    {
        var interviewedAt = NameSuspect(_reportedAt);
        if (_rng.Chance(0.6))
        {
            Bail(interviewedAt, _rng.Chance(0.55) ? BailKind.ReleasedUnderInvestigation : BailKind.PreChargeBail);
        }

        var decidedAt = Days(interviewedAt, 7, 120);
        var roll = _rng.NextDouble();
        if (_victims.Count > 0 && roll < (_flags.Contains(CrimeFlag.DomesticAbuse) ? 0.5 : 0.3))
        {
            Emit(new VictimWithdrewSupport(_urn, _victims[0].Id), decidedAt.AddDays(-_rng.Range(1, 5)), Agency.Police);
            PoliceNoFurtherAction(decidedAt, "victim does not support further action");
        }
        else if (roll < 0.6)
        {
            Emit(new SuspectReleasedWithoutCharge(_urn, Person, "insufficient evidence"), decidedAt, Agency.Police);
            Inform(InformedAbout.SuspectReleasedWithoutCharge, decidedAt, 5, Agency.Police);
        }
        else if (roll < 0.82)
        {
            PoliceNoFurtherAction(decidedAt, "evidential difficulties");
        }
        else
        {
            Emit(new ChargingDecisionMade(_urn, Person, DecisionMaker.Cps, ChargingDecision.NoFurtherAction,
                "evidential test not met"), decidedAt, Agency.Cps);
            Inform(InformedAbout.CpsDecision, decidedAt, 5, Agency.Cps);
            RightToReview(decidedAt, DecisionMaker.Cps, 0.15);
        }

        if (_rng.Chance(0.9))
        {
            Emit(new CaseConcluded(_urn, CaseOutcome.NoFurtherAction), Hours(decidedAt, 1, 48), Agency.Police);
        }
    }

    private void PoliceNoFurtherAction(DateTimeOffset at, string reason)
    {
        Emit(new ChargingDecisionMade(_urn, Person, DecisionMaker.Police, ChargingDecision.NoFurtherAction, reason), at, Agency.Police);
        Inform(InformedAbout.NoProsecution, at, 5, Agency.Police);
        RightToReview(at, DecisionMaker.Police, 0.03);
    }

    private void RightToReview(DateTimeOffset decidedAt, DecisionMaker of, double share)
    {
        foreach (var victim in _victims.Where(_ => _rng.Chance(share)))
        {
            var reviewId = $"VRR-{(uint)_world.Seed}-{_number + 1}-{victim.Id[^1]}";
            var requested = Days(decidedAt, 5, 60);
            Emit(new RightToReviewRequested(victim.Id, reviewId, of, _urn), requested, Agency.VictimServices);
            var agency = of == DecisionMaker.Cps ? Agency.Cps : Agency.Police;
            Deliver(victim, requested, 10, agency, () => new RightToReviewAcknowledged(victim.Id, reviewId));
            Deliver(victim, requested, 30, agency, () => new RightToReviewDecided(victim.Id, reviewId, DecisionUpheld: _rng.Chance(0.85)));
        }
    }

    private void OutOfCourt()
    {
        var interviewedAt = NameSuspect(_reportedAt);
        var decidedAt = _rng.Chance(0.6) ? Hours(interviewedAt, 1, 12) : Days(interviewedAt, 2, 30);
        Emit(new ChargingDecisionMade(_urn, Person, DecisionMaker.Police, ChargingDecision.OutOfCourtDisposal), decidedAt, Agency.Police);
        Inform(InformedAbout.OutOfCourtDisposal, decidedAt, 5, Agency.Police);

        var (regime, kind) = _rng.Chance(0.15)
            ? (OocdRegime.Youth, _rng.Pick<OocdKind>([(OocdKind.CommunityResolution, 50), (OocdKind.YouthCaution, 30), (OocdKind.YouthConditionalCaution, 20)]))
            : Category == OffenceCategory.DrugOffences
                ? (OocdRegime.AdultFramework, _rng.Pick<OocdKind>([(OocdKind.CannabisOrKhatWarning, 60), (OocdKind.CommunityResolution, 30), (OocdKind.PenaltyNoticeForDisorder, 10)]))
                : (OocdRegime.AdultFramework, _rng.Pick<OocdKind>([(OocdKind.CommunityResolution, 55), (OocdKind.SimpleCaution, 25),
                    (OocdKind.ConditionalCaution, 12), (OocdKind.PenaltyNoticeForDisorder, 5), (OocdKind.Outcome22DeferredOrDiversionary, 3)]));
        var oocdId = $"OOCD-{_urn}";
        var offeredAt = Hours(decidedAt, 0.2, 4);
        Emit(new OocdOffered(Person, oocdId, regime, kind, $"PS {_rng.Between(1000, 9999)}", _urn, _rng.Between(1, 3)), offeredAt, Agency.Police);

        var conditional = kind is OocdKind.ConditionalCaution or OocdKind.YouthConditionalCaution or OocdKind.Outcome22DeferredOrDiversionary;
        if ((conditional || kind == OocdKind.CommunityResolution) && _victims.Count > 0)
        {
            var sought = _rng.Chance(0.9);
            var given = sought && _rng.Chance(0.75);
            var remedy = given && _rng.Chance(0.4);
            Emit(new VictimViewsRecorded(Person, oocdId, sought, given, remedy,
                given && !remedy ? "remedy asked for was not appropriate" : null, _victims[0].Id), offeredAt.AddMinutes(-_rng.Range(10, 120)), Agency.Police);
        }

        if (_rng.Chance(0.05))
        {
            Emit(new OocdDeclined(Person, oocdId, "denies the offence"), Hours(offeredAt, 0.1, 2), Agency.Police);
            Charged(Days(offeredAt, 7, 30)); // declined: the case is charged after all
            return;
        }

        var acceptedAt = Hours(offeredAt, 0.1, 1);
        Emit(new OocdAccepted(Person, oocdId, AdmissionMade: kind != OocdKind.Outcome22DeferredOrDiversionary, ConsentGiven: true,
            DocumentSigned: kind is OocdKind.SimpleCaution or OocdKind.ConditionalCaution or OocdKind.YouthCaution or OocdKind.YouthConditionalCaution),
            acceptedAt, Agency.Police);

        var completed = true;
        var lastDone = acceptedAt;
        if (conditional)
        {
            var count = _rng.Between(1, 2);
            for (var c = 1; c <= count; c++)
            {
                var conditionKind = _rng.Pick<ConditionKind>([(ConditionKind.Rehabilitative, 40), (ConditionKind.Reparative, 25),
                    (ConditionKind.Financial, 15), (ConditionKind.Attendance, 20)]);
                var due = UkTime.DateOf(acceptedAt).AddDays(_rng.Between(28, 84));
                int? hours = conditionKind == ConditionKind.Attendance ? _rng.Between(2, 6) : null;
                var provider = conditionKind switch
                {
                    ConditionKind.Rehabilitative => "Cambridgeshire Checkpoint",
                    ConditionKind.Attendance => "victim awareness course",
                    _ => null,
                };
                Emit(new OocdConditionSet(Person, oocdId, $"C{c}", conditionKind, due, hours, provider), Hours(acceptedAt, 0.1, 1), Agency.Police);
                var roll = _rng.NextDouble();
                var dueAt = UkTime.StartOfDay(due);
                if (roll < 0.8)
                {
                    lastDone = Mix.Later(lastDone, Mix.Later(Hours(acceptedAt, 2, 24), dueAt.AddDays(-_rng.Range(1, 20))));
                    Emit(new OocdConditionCompleted(Person, oocdId, $"C{c}"), lastDone, Agency.Police);
                }
                else
                {
                    completed = false;
                    if (roll < 0.9)
                    {
                        Emit(new OocdConditionFailed(Person, oocdId, $"C{c}", "did not attend"), Days(dueAt, 1, 7), Agency.Police);
                    }
                }
            }
        }

        if (completed)
        {
            Emit(new OocdCompleted(Person, oocdId), Hours(lastDone, 0.5, 48), Agency.Police);
        }

        Emit(new CaseConcluded(_urn, CaseOutcome.OutOfCourtDisposal), Hours(acceptedAt, 1, 48), Agency.Police);
        RestorativeJusticeInformation(acceptedAt);
    }

    // ---- duties to victims ----------------------------------------------------------------------------------------

    /// <summary>Tells each victim (who has not opted out of updates) about a trigger, as <see cref="Deliver"/> does.</summary>
    private void Inform(InformedAbout about, DateTimeOffset trigger, int workingDays, Agency by, Func<VictimState, bool>? who = null)
    {
        foreach (var victim in _victims)
        {
            if ((victim.OptedOutAt is { } optedOut && optedOut <= trigger) || who?.Invoke(victim) == false)
            {
                continue;
            }

            Deliver(victim, trigger, workingDays, by, () => new VictimInformed(victim.Id, about, Channel(), _urn));
        }
    }

    /// <summary>
    /// A duty done on time (within hours: inside any deadline of a working day or more), late (well past even a
    /// standard victim's deadline) or never — about 70/15/15; some of the nevers leave failed contact attempts.
    /// Returns when it was done, if it was.
    /// </summary>
    private DateTimeOffset? Deliver(VictimState victim, DateTimeOffset trigger, int workingDays, Agency by, Func<Fact> make)
    {
        var roll = _rng.NextDouble();
        DateTimeOffset at;
        if (roll < 0.70)
        {
            at = Hours(trigger, 0.2, 20);
        }
        else if (roll < 0.85)
        {
            at = Days(trigger, 2 * workingDays + 6, 2 * workingDays + 20);
        }
        else
        {
            if (_rng.Chance(0.35))
            {
                for (var attempt = _rng.Between(1, 3); attempt > 0; attempt--)
                {
                    Emit(new ContactAttemptFailed(victim.Id, ContactChannel.Phone, _urn), Days(trigger, 0.1, 4), by);
                }
            }

            return null;
        }

        Emit(make(), at, by);
        return at;
    }

    private ContactChannel Channel() => _rng.Pick(Mix.Channels);

    // ---- emitting and time ----------------------------------------------------------------------------------------

    /// <summary>
    /// Queues a fact for when it would reach us: a little after it happened, and never before what the intake needs
    /// first — the case opened, the victim identified, the person named (on this case or an earlier one).
    /// </summary>
    private DateTimeOffset Emit(Fact fact, DateTimeOffset at, Agency source)
    {
        var arrival = at + Mix.ArrivalDelay(_rng);
        switch (fact)
        {
            case CrimeReported:
                _openedAt = arrival;
                break;
            case ICaseFact:
                arrival = Mix.Later(arrival, _openedAt);
                break;
            case IVictimFact v:
                arrival = Mix.Later(arrival, _victimKnownAt[v.VictimId]);
                break;
            case IPersonFact p when fact is not IIntroducesPerson:
                arrival = Mix.Later(arrival, _world.Person(p.PersonId).KnownSince ??
                                             throw new InvalidOperationException($"{p.PersonId} has not been named on a case"));
                break;
        }

        if (fact is VictimIdentified identified)
        {
            _victimKnownAt[identified.VictimId] = arrival;
        }

        if (fact is ICaseFact or IIntroducesPerson)
        {
            foreach (var id in PersonJourney.PersonIdsOf(fact))
            {
                var person = _world.Person(id);
                person.KnownSince = person.KnownSince is { } known && known <= arrival ? known : arrival;
            }
        }

        var eventId = NameBasedGuid.Create(SyntheticJourneys.Namespace,
            string.Create(CultureInfo.InvariantCulture, $"{_world.Seed}/case/{_number}/{_ordinal++}"));
        _world.Emit(eventId, fact with { OccurredAt = at, Source = source }, arrival);
        return arrival;
    }

    private DateTimeOffset Hours(DateTimeOffset from, double min, double max) => from + TimeSpan.FromHours(_rng.Range(min, max));

    private DateTimeOffset Days(DateTimeOffset from, double min, double max) => from + TimeSpan.FromDays(_rng.Range(min, max));

    /// <summary>Some hours after <paramref name="from"/>, but before <paramref name="before"/> (a listing before its hearing).</summary>
    private DateTimeOffset Between(DateTimeOffset from, DateTimeOffset before, double minHours, double maxHours)
    {
        var at = Hours(from, minHours, maxHours);
        return at < before ? at : from + (before - from) / 2;
    }

    /// <summary>A weekday some days after the UK date of <paramref name="after"/>.</summary>
    private DateOnly CourtDay(DateTimeOffset after, int minDays, int maxDays)
    {
        var day = UkTime.DateOf(after).AddDays(_rng.Between(minDays, maxDays));
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static DateTimeOffset At(DateOnly day, double hour) => UkTime.StartOfDay(day).AddHours(hour);
}
