using CjsJourney.Cases;
using CjsJourney.Infrastructure;
using CjsJourney.Journeys;
using CjsJourney.Persons;
using CjsJourney.Victims;

namespace CjsJourney.Seeding;

/// <summary>A charged case's way through court, the sentence, and what follows it: custody, licence, probation.</summary>
internal sealed partial class SyntheticCase
{
    // ---- charge and court ---------------------------------------------------------------------------------------

    private void Charged(DateTimeOffset interviewedAt)
    {
        var byCps = _profile.Severity >= 0.3 || _flags.Contains(CrimeFlag.DomesticAbuse) || _flags.Contains(CrimeFlag.Sexual);
        var decidedAt = Hours(interviewedAt, 1, 20);
        if (byCps && _rng.Chance(0.4))
        {
            decidedAt = Days(Bail(interviewedAt, BailKind.PreChargeBail), 7, 90);
        }

        Emit(new ChargingDecisionMade(_urn, Person, byCps ? DecisionMaker.Cps : DecisionMaker.Police, ChargingDecision.Charge),
            decidedAt, byCps ? Agency.Cps : Agency.Police);

        _remanded = Category == OffenceCategory.Homicide ||
                    _rng.Chance(_profile.Severity >= 0.4 || _flags.Contains(CrimeFlag.DomesticAbuse) ? 0.25 : 0.04);
        var chargedAt = decidedAt.AddMinutes(_rng.Range(10, 120));
        var magistrates = Mix.MagistratesCourt(_area);
        var firstDay = _remanded ? CourtDay(chargedAt, 1, 1) : CourtDay(chargedAt, 7, 28);
        Emit(new SuspectCharged(_urn, Person, [new Charge(_offence)], new FirstHearing(magistrates, firstDay)), chargedAt, Agency.Police);
        Inform(InformedAbout.Charge, chargedAt, 5, Agency.Police);
        foreach (var victim in _victims)
        {
            if (_rng.Chance(0.75))
            {
                var offered = Hours(chargedAt, 0.5, 72);
                Emit(new VictimPersonalStatementOffered(victim.Id, _urn), offered, Agency.Police);
                if (_rng.Chance(0.45))
                {
                    Emit(new VictimPersonalStatementMade(victim.Id, _urn), Days(offered, 2, 20), Agency.Police);
                }
            }
        }

        IdentifyWitnesses(decidedAt);

        var firstStart = At(firstDay, _rng.Range(10, 15));
        var firstHearing = Hearing(HearingType.FirstHearing, magistrates, firstStart, Between(chargedAt, firstStart, 1, 20));
        var resultAt = firstStart.AddMinutes(_rng.Range(20, 240));
        if (_remanded)
        {
            Emit(new Remanded(Person, _urn, Mix.Prison), resultAt, Agency.Court);
            _suspect.BusyUntilCase = _world.CaseAfter(_number, 120);
            if (_rng.Chance(0.2))
            {
                BailHearing(magistrates, resultAt);
            }
        }

        if (_rng.Chance(_profile.CrownCourt))
        {
            var crown = Mix.CrownCourt(_area);
            Emit(new SentToCrownCourt(_urn, Person, crown), resultAt, Agency.Court);
            Resulted(firstHearing, HearingType.FirstHearing, HearingOutcome.Effective, resultAt);
            var ptphStart = At(CourtDay(resultAt, 25, 35), 10);
            var ptph = Hearing(HearingType.PleaAndTrialPreparation, crown, ptphStart, Hours(resultAt, 1, 48));
            var pleaAt = ptphStart.AddMinutes(_rng.Range(20, 180));
            PleaAndWhatFollows(ptph, HearingType.PleaAndTrialPreparation, crown, pleaAt, guilty: 0.35, crownCourt: true);
        }
        else
        {
            PleaAndWhatFollows(firstHearing, HearingType.FirstHearing, magistrates, resultAt, guilty: 0.6, crownCourt: false);
        }
    }

    private void IdentifyWitnesses(DateTimeOffset at)
    {
        var n = 0;
        string NextId() => $"W-{(uint)_world.Seed}-{_number + 1:D7}-{++n}";
        foreach (var victim in _victims.Where(_ => _rng.Chance(0.9)))
        {
            victim.WitnessId = NextId();
            Emit(new WitnessIdentified(_urn, victim.WitnessId, WitnessKind.Prosecution, victim.Id), at, Agency.Police);
            _witnesses.Add(victim.WitnessId);
        }

        for (var k = _rng.Between(0, 2); k > 0; k--)
        {
            var id = NextId();
            Emit(new WitnessIdentified(_urn, id, WitnessKind.Prosecution), at, Agency.Police);
            _witnesses.Add(id);
        }

        if (_rng.Chance(0.5))
        {
            var id = NextId();
            Emit(new WitnessIdentified(_urn, id, WitnessKind.Police), at, Agency.Police);
            _witnesses.Add(id);
        }
    }

    private void PleaAndWhatFollows(string hearingId, HearingType type, string court, DateTimeOffset at, double guilty, bool crownCourt)
    {
        var plea = _rng.Chance(guilty) ? Plea.Guilty : Plea.NotGuilty;
        Emit(new PleaEntered(_urn, Person, plea), at, Agency.Court);
        if (plea == Plea.Guilty)
        {
            _hasOutcome = true;
            if (!crownCourt && _rng.Chance(0.55))
            {
                Sentence(at.AddMinutes(_rng.Range(10, 60)));
                Resulted(hearingId, type, HearingOutcome.Effective, at.AddMinutes(_rng.Range(60, 90)));
            }
            else
            {
                Resulted(hearingId, type, HearingOutcome.Adjourned, at.AddMinutes(_rng.Range(10, 30)), "adjourned for a pre-sentence report");
                SentenceHearing(court, at);
            }

            return;
        }

        Resulted(hearingId, type, HearingOutcome.Effective, at.AddMinutes(_rng.Range(10, 30)));
        Trial(court, at, crownCourt ? 120 : 42, crownCourt ? 300 : 112, crownCourt, attempt: 1);
    }

    private void BailHearing(string court, DateTimeOffset after)
    {
        var start = At(CourtDay(after, 3, 10), 10);
        var id = Hearing(HearingType.Bail, court, start, Hours(after, 1, 24));
        var at = start.AddMinutes(_rng.Range(20, 120));
        if (_rng.Chance(0.4))
        {
            _remanded = false;
            Emit(new Released(Person, Mix.Prison, ReleaseKind.OnBail), Hours(at, 2, 8), Agency.Prison);
        }

        Resulted(id, HearingType.Bail, HearingOutcome.Effective, at);
    }

    private void Trial(string court, DateTimeOffset after, int minDays, int maxDays, bool crownCourt, int attempt)
    {
        var day = CourtDay(after, minDays, maxDays);
        var start = At(day, 10);
        var trialId = $"T{++_trials}";
        var listedAt = Hours(after, 0.5, 24);
        Emit(new TrialListed(_urn, trialId, court, day, [Person]), listedAt, Agency.Court);
        WitnessCareListing(trialId, listedAt);
        WarnWitnesses(trialId, listedAt, start);

        if (attempt == 1 && _rng.Chance(0.09))
        {
            var stopped = Mix.Later(Days(listedAt, 7, 60), listedAt).AddHours(1);
            stopped = stopped < start ? stopped : start.AddDays(-1);
            Emit(new CaseDiscontinued(_urn, "evidential test no longer met", Person), stopped, Agency.Cps);
            Inform(InformedAbout.CpsDecision, stopped, 5, Agency.Cps);
            _hasOutcome = true;
            Emit(new CaseConcluded(_urn, CaseOutcome.Discontinued), Hours(stopped, 1, 24), Agency.Cps);
            LeaveRemand(stopped);
            RightToReview(stopped, DecisionMaker.Cps, 0.1);
            return;
        }

        var roll = _rng.NextDouble();
        var (effective, cracked, ineffective) = attempt == 1 ? (0.48, 0.30, 0.17) : (0.7, 0.3, 0.0);
        if (roll >= effective + cracked)
        {
            if (roll < effective + cracked + ineffective)
            {
                Resulted(trialId, HearingType.Trial, HearingOutcome.Ineffective, Hours(start, 1, 4), _rng.Pick(Mix.IneffectiveReasons));
            }
            else
            {
                Resulted(trialId, HearingType.Trial, HearingOutcome.Vacated, start.AddDays(-_rng.Range(1, 5)));
            }

            Trial(court, start, 28, 84, crownCourt, attempt + 1);
            return;
        }

        if (roll >= effective)
        {
            var crackedAt = Hours(start, 0.5, 2);
            if (_rng.Chance(0.7))
            {
                Emit(new PleaEntered(_urn, Person, Plea.Guilty), crackedAt, Agency.Court);
                _hasOutcome = true;
                if (!crownCourt && _rng.Chance(0.5))
                {
                    Sentence(crackedAt.AddMinutes(30));
                    Resulted(trialId, HearingType.Trial, HearingOutcome.Cracked, crackedAt.AddMinutes(45), "late guilty plea");
                }
                else
                {
                    Resulted(trialId, HearingType.Trial, HearingOutcome.Cracked, crackedAt.AddMinutes(15), "late guilty plea");
                    SentenceHearing(court, crackedAt);
                }
            }
            else
            {
                Emit(new VerdictReached(_urn, Person, Verdict.Acquitted), crackedAt, Agency.Court);
                _hasOutcome = true;
                Resulted(trialId, HearingType.Trial, HearingOutcome.Cracked, crackedAt.AddMinutes(15), "prosecution offered no evidence");
                Acquitted(crackedAt);
            }

            return;
        }

        foreach (var witness in _witnesses.Where(_ => _rng.Chance(0.9)))
        {
            Emit(new WitnessAttended(_urn, witness, trialId, (int)_rng.LogUniform(10, 300)), Hours(start, 0, 1), Agency.Court);
        }

        var verdictAt = crownCourt ? Days(start, 1, 4) : Hours(start, 3, 6);
        var guilty = _rng.Chance(0.58);
        Emit(new VerdictReached(_urn, Person, guilty ? Verdict.Guilty : Verdict.NotGuilty), verdictAt, Agency.Court);
        _hasOutcome = true;
        if (guilty && !crownCourt && _rng.Chance(0.5))
        {
            Sentence(verdictAt.AddMinutes(30));
            Resulted(trialId, HearingType.Trial, HearingOutcome.Effective, verdictAt.AddMinutes(45));
            return;
        }

        Resulted(trialId, HearingType.Trial, HearingOutcome.Effective, verdictAt.AddMinutes(10));
        if (guilty)
        {
            SentenceHearing(court, verdictAt);
        }
        else
        {
            Acquitted(verdictAt);
        }
    }

    private void WarnWitnesses(string trialId, DateTimeOffset listedAt, DateTimeOffset start)
    {
        if (_witnesses.Count == 0)
        {
            return;
        }

        var listAt = Days(listedAt, 3, 14);
        Emit(new WitnessListReceived(_urn, _witnesses.ToList(), trialId), listAt, Agency.WitnessCare);
        Inform(InformedAbout.RequiredAsWitness, listAt, 1, Agency.WitnessCare, v => v.WitnessId is not null);
        foreach (var witness in _witnesses)
        {
            Emit(new WitnessWarned(_urn, witness, trialId), Days(listAt, 0.5, 10), Agency.WitnessCare);
        }

        foreach (var victim in _victims.Where(v => v.WitnessId is not null && v.Enhanced && _rng.Chance(0.7)))
        {
            SpecialMeasure[] measures = _flags.Contains(CrimeFlag.Sexual) || _flags.Contains(CrimeFlag.ChildVictim)
                ? [SpecialMeasure.VideoRecordedEvidenceInChief, SpecialMeasure.LiveLink]
                : [SpecialMeasure.ScreenAroundWitnessBox];
            var applied = Days(listAt, 3, 21);
            Emit(new SpecialMeasuresApplied(_urn, victim.WitnessId!, measures), applied, Agency.Cps);
            var decided = Mix.Later(Days(applied, 3, 21), applied);
            decided = decided < start ? decided : applied.AddHours(2);
            if (_rng.Chance(0.85))
            {
                Emit(new SpecialMeasuresGranted(_urn, victim.WitnessId!, measures), decided, Agency.Court);
            }
            else
            {
                Emit(new SpecialMeasuresRefused(_urn, victim.WitnessId!, measures, "not likely to improve the quality of the evidence"),
                    decided, Agency.Court);
            }
        }
    }

    private void SentenceHearing(string court, DateTimeOffset after)
    {
        var start = At(CourtDay(after, 21, 42), 10);
        var id = Hearing(HearingType.Sentence, court, start, Hours(after, 0.5, 24));
        var at = start.AddMinutes(_rng.Range(30, 240));
        Sentence(at);
        Resulted(id, HearingType.Sentence, HearingOutcome.Effective, at.AddMinutes(5));
    }

    private void Acquitted(DateTimeOffset at)
    {
        Emit(new CaseConcluded(_urn, CaseOutcome.Acquitted), Hours(at, 0.5, 24), Agency.Court);
        LeaveRemand(at);
    }

    private void LeaveRemand(DateTimeOffset at)
    {
        if (_remanded)
        {
            _remanded = false;
            Emit(new Released(Person, Mix.Prison, ReleaseKind.FromRemand), Hours(at, 2, 8), Agency.Prison);
        }
    }

    /// <summary>A hearing listed, and the listing's journey through Witness Care to the victims; returns its id.</summary>
    private string Hearing(HearingType type, string court, DateTimeOffset startsAt, DateTimeOffset listedAt)
    {
        var id = $"H{++_hearings}";
        Emit(new HearingListed(_urn, id, type, court, startsAt, [Person]), listedAt, Agency.Court);
        WitnessCareListing(id, listedAt);
        return id;
    }

    private void WitnessCareListing(string hearingId, DateTimeOffset listedAt)
    {
        var roll = _rng.NextDouble();
        if (roll >= 0.95)
        {
            return;
        }

        var at = roll < 0.9 ? Hours(listedAt, 0.5, 30) : Days(listedAt, 3, 10);
        Emit(new ListingReceivedByWitnessCare(_urn, hearingId), at, Agency.WitnessCare);
        Inform(InformedAbout.HearingDetails, at, 1, Agency.WitnessCare);
    }

    /// <summary>
    /// The hearing's result, then the court passing it to Witness Care (within 5 working days, mostly) and Witness
    /// Care telling the victims what the case now has to tell: a bail decision, the outcome, the sentence.
    /// </summary>
    private void Resulted(string hearingId, HearingType type, HearingOutcome outcome, DateTimeOffset at, string? reason = null)
    {
        Emit(new HearingResulted(_urn, hearingId, outcome, [Person], reason), at, Agency.Court);
        var roll = _rng.NextDouble();
        if (roll >= 0.92 || (outcome is HearingOutcome.Ineffective or HearingOutcome.Vacated && roll >= 0.5))
        {
            return;
        }

        var received = roll < 0.8 ? Hours(at, 1, 72) : Days(at, 8, 20);
        Emit(new ResultReceivedByWitnessCare(_urn, hearingId), received, Agency.WitnessCare);
        if (type == HearingType.Bail)
        {
            Inform(InformedAbout.BailOutcome, received, 5, Agency.WitnessCare);
        }

        if (_hasOutcome)
        {
            Inform(InformedAbout.CaseOutcome, received, 1, Agency.WitnessCare);
        }

        if (_sentenced)
        {
            Inform(InformedAbout.Sentence, received, 1, Agency.WitnessCare);
        }
    }

    // ---- sentence and after -------------------------------------------------------------------------------------

    private void Sentence(DateTimeOffset at)
    {
        var disposal = Category == OffenceCategory.Homicide ? Disposal.ImmediateCustody
            : _rng.Chance(_profile.Severity) ? _rng.Pick(Mix.HighSeveritySentences)
            : _rng.Pick(Mix.LowSeveritySentences);
        int? days = disposal switch
        {
            Disposal.ImmediateCustody when Category == OffenceCategory.Homicide => (int)_rng.Range(5475, 9000),
            Disposal.ImmediateCustody => (int)_rng.LogUniform(28, 120 + 2500 * _profile.Severity),
            Disposal.SuspendedSentence => (int)_rng.LogUniform(28, 730),
            _ => null,
        };
        var orders = new List<AncillaryOrder>();
        if (_flags.Contains(CrimeFlag.DomesticAbuse) && _rng.Chance(0.5))
        {
            orders.Add(AncillaryOrder.RestrainingOrder);
        }

        if (_victims.Count > 0 && _rng.Chance(0.12))
        {
            orders.Add(AncillaryOrder.CompensationOrder);
        }

        if (Category is OffenceCategory.VehicleOffences or OffenceCategory.DeathOrSeriousInjuryByUnlawfulDriving && _rng.Chance(0.5))
        {
            orders.Add(AncillaryOrder.DrivingDisqualification);
        }

        if (_flags.Contains(CrimeFlag.Sexual) && disposal is Disposal.ImmediateCustody or Disposal.SuspendedSentence)
        {
            orders.Add(AncillaryOrder.SexualHarmPreventionOrder);
        }

        if (_suspect.Prolific && _rng.Chance(0.1))
        {
            orders.Add(AncillaryOrder.CriminalBehaviourOrder);
        }

        Emit(new Sentenced(_urn, Person, disposal, days, orders.Count > 0 ? orders : null), at, Agency.Court);
        _sentenced = true;
        _hasOutcome = true;
        Emit(new CaseConcluded(_urn, CaseOutcome.Convicted), Hours(at, 0.5, 48), Agency.Court);

        if (_rng.Chance(0.04))
        {
            Appeal(at);
        }

        var contactScheme = disposal == Disposal.HospitalOrder ||
                            (disposal == Disposal.ImmediateCustody && days >= 365 && Category is OffenceCategory.Homicide
                                or OffenceCategory.DeathOrSeriousInjuryByUnlawfulDriving or OffenceCategory.ViolenceWithInjury
                                or OffenceCategory.ViolenceWithoutInjury or OffenceCategory.StalkingAndHarassment
                                or OffenceCategory.SexualOffences or OffenceCategory.Robbery);
        if (contactScheme)
        {
            foreach (var victim in _victims)
            {
                var referred = Deliver(victim, at, 10, Agency.WitnessCare, () => new VictimContactSchemeReferred(victim.Id, _urn, Person));
                if (referred is { } r)
                {
                    victim.ContactSchemeAt = r;
                    Deliver(victim, r, 20, Agency.Probation, () => new VictimLiaisonContactMade(victim.Id));
                }
            }
        }

        if (!_flags.Contains(CrimeFlag.DomesticAbuse))
        {
            RestorativeJusticeInformation(at);
        }

        switch (disposal)
        {
            case Disposal.ImmediateCustody:
                Custody(at, days!.Value);
                break;
            case Disposal.SuspendedSentence or Disposal.CommunityOrder:
                LeaveRemand(at);
                Probation(at);
                break;
            default:
                LeaveRemand(at);
                break;
        }
    }

    private void Appeal(DateTimeOffset sentencedAt)
    {
        var lodged = Days(sentencedAt, 7, 27);
        var against = _rng.Pick<AppealAgainst>([(AppealAgainst.Sentence, 60), (AppealAgainst.Conviction, 25), (AppealAgainst.ConvictionAndSentence, 15)]);
        Emit(new AppealLodged(_urn, Person, against), lodged, Agency.Court);
        Inform(InformedAbout.Appeal, lodged, 1, Agency.WitnessCare);
        var determined = Days(lodged, 60, 180);
        var result = _rng.Pick<AppealResult>([(AppealResult.Dismissed, 60), (AppealResult.Allowed, 15), (AppealResult.SentenceVaried, 15), (AppealResult.Abandoned, 10)]);
        Emit(new AppealDetermined(_urn, Person, result), determined, Agency.Court);
        Inform(InformedAbout.Appeal, determined, 1, Agency.WitnessCare);
    }

    /// <summary>Prison, resettlement work, release on licence at the halfway point, and for some a breach and recall.</summary>
    private void Custody(DateTimeOffset sentencedAt, int days)
    {
        var releaseDay = UkTime.DateOf(sentencedAt).AddDays(Math.Max(1, days / 2));
        var licenceEnd = UkTime.DateOf(sentencedAt).AddDays(Math.Max(days, days / 2 + 28));
        var entered = Hours(sentencedAt, 2, 8);
        _remanded = false;
        _suspect.BusyUntilCase = _world.CaseAfter(_number, 120 + days / 2.0);
        Emit(new EnteredCustody(Person, Mix.Prison, CustodyBasis.Sentence, _urn, releaseDay), entered, Agency.Prison);
        if (!_suspect.NomsLinked)
        {
            _suspect.NomsLinked = true;
            var noms = $"A{_rng.Between(1000, 9999)}{(char)('A' + _rng.Between(0, 25))}{(char)('A' + _rng.Between(0, 25))}";
            Emit(new IdentifierLinked(Person, IdentifierScheme.Noms, noms), Hours(entered, 1, 24), Agency.Prison);
        }

        Emit(new Iom.ReleaseDateSet(Person, releaseDay), Days(entered, 1, 5), Agency.Prison);
        if (_flags.Contains(CrimeFlag.Sexual))
        {
            Emit(new MappaManaged(Person, 1, _rng.Chance(0.9) ? 1 : 2), Days(entered, 7, 30), Agency.Probation);
        }
        else if (days >= 365 && _profile.Severity >= 0.45)
        {
            Emit(new MappaManaged(Person, 2, _rng.Pick<int>([(1, 80), (2, 18), (3, 2)])), Days(entered, 7, 30), Agency.Probation);
        }

        var release = At(releaseDay, _rng.Range(9, 12));
        foreach (var pathway in Mix.Pathways(_rng, _rng.Between(2, 4)))
        {
            var identified = Days(entered, 3, 14);
            Emit(new PathwayNeedIdentified(Person, pathway), identified, Agency.Prison);
            Emit(new PathwayStatusChanged(Person, pathway, PathwayStatus.SupportRequired), identified, Agency.Prison);
            var started = Days(identified, 14, 60);
            // Drawn whatever the dates, so the same seed gives the same journeys for any end instant.
            var last = _rng.Pick<PathwayStatus>([(PathwayStatus.Done, 60), (PathwayStatus.SupportDeclined, 10), (PathwayStatus.InProgress, 30)]);
            var lastAt = Mix.Later(started, release.AddDays(-_rng.Range(1, 14)));
            if (started < release)
            {
                Emit(new PathwayStatusChanged(Person, pathway, PathwayStatus.InProgress), started, Agency.Prison);
                if (last != PathwayStatus.InProgress)
                {
                    Emit(new PathwayStatusChanged(Person, pathway, last), lastAt, Agency.Prison);
                }
            }
        }

        var accommodation = _rng.Pick(Mix.Accommodations);
        var recorded = Mix.Later(Hours(entered, 12, 48), release.AddDays(-_rng.Range(14, 56)));
        Emit(new AccommodationOnReleaseRecorded(Person, accommodation), recorded, Agency.Probation);
        if (accommodation is Accommodation.NoFixedAbode or Accommodation.Temporary or Accommodation.CasTier1 or Accommodation.CasTier2 or Accommodation.CasTier3)
        {
            Emit(new DutyToReferMade(Person, Mix.LocalAuthority(_area)), recorded.AddHours(_rng.Range(1, 72)), Agency.Probation);
        }

        foreach (var victim in _victims.Where(v => v.ContactSchemeAt is not null))
        {
            // Told before the release (the entitlement's deadline is the release itself), after it, or never.
            var roll = _rng.NextDouble();
            if (roll < 0.85)
            {
                var told = roll < 0.7 ? Mix.Later(victim.ContactSchemeAt!.Value.AddHours(1), release.AddDays(-_rng.Range(1, 21))) : Days(release, 1, 10);
                Emit(new VictimInformed(victim.Id, InformedAbout.OffenderRelease, Channel(), _urn), told, Agency.Probation);
            }
        }

        var conditions = Mix.LicenceConditions.Where(c => c != "no contact with the victim" || _victims.Count > 0)
            .Where(_ => _rng.Chance(0.6)).Prepend("attend supervision appointments").Distinct().ToList();
        Emit(new Released(Person, Mix.Prison, ReleaseKind.OnLicence, licenceEnd, conditions), release, Agency.Prison);

        if (_rng.Chance(0.25))
        {
            var licenceDays = licenceEnd.DayNumber - releaseDay.DayNumber;
            var breached = Days(release, 7, Math.Max(8, Math.Min(licenceDays - 1, 200)));
            Emit(new LicenceConditionBreached(Person, _rng.Pick(conditions)), breached, Agency.Probation);
            if (_rng.Chance(0.7))
            {
                var fixedTerm = _rng.Chance(0.55);
                var recalled = Days(breached, 1, 7);
                Emit(new Recalled(Person, fixedTerm ? RecallKind.FixedTerm : RecallKind.Standard, "breach of licence conditions"), recalled, Agency.Probation);
                var back = Days(recalled, 0, 3);
                Emit(new EnteredCustody(Person, Mix.Prison, CustodyBasis.Recall, _urn), back, Agency.Prison);
                var again = fixedTerm ? back.AddDays(14) : Days(back, 56, 180);
                var againDay = UkTime.DateOf(again);
                _suspect.BusyUntilCase = _world.CaseAfter(_number, 120 + days / 2.0 + (again - release).TotalDays);
                Emit(againDay.AddDays(1) < licenceEnd
                    ? new Released(Person, Mix.Prison, ReleaseKind.OnLicence, licenceEnd, conditions)
                    : new Released(Person, Mix.Prison, ReleaseKind.EndOfSentence), againDay.AddDays(1) < licenceEnd ? again : At(licenceEnd, 9), Agency.Prison);
            }
        }
    }

    private void Probation(DateTimeOffset sentencedAt)
    {
        if (!_suspect.CrnLinked)
        {
            _suspect.CrnLinked = true;
            Emit(new IdentifierLinked(Person, IdentifierScheme.Crn, $"X{_rng.Between(100000, 999999)}"), Days(sentencedAt, 1, 5), Agency.Probation);
        }

        foreach (var pathway in Mix.Pathways(_rng, _rng.Between(1, 2)))
        {
            var identified = Days(sentencedAt, 5, 20);
            Emit(new PathwayNeedIdentified(Person, pathway), identified, Agency.Probation);
            Emit(new PathwayStatusChanged(Person, pathway, PathwayStatus.InProgress), Days(identified, 1, 30), Agency.Probation);
        }
    }

    private void RestorativeJusticeInformation(DateTimeOffset after)
    {
        foreach (var victim in _victims.Where(_ => _rng.Chance(0.2)))
        {
            Emit(new RestorativeJusticeInformationGiven(victim.Id, _urn), Days(after, 7, 60), Agency.VictimServices);
        }
    }
}
