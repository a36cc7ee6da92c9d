using System.Text.Json.Nodes;

namespace CjsJourney.Tests.Support;

/// <summary>The ids a sample fact refers to.</summary>
public sealed record SampleIds(string Urn, string VictimId, string PersonId, string WitnessId)
{
    public static SampleIds New()
    {
        var n = Guid.NewGuid().ToString("N")[..8];
        return new SampleIds("35CJ" + n, "V-" + n, "P-" + n, "W-" + n);
    }
}

/// <summary>
/// A valid <c>data</c> object for every catalogue type, as a partner would send it. A test checks that every type in
/// the catalogue has one, so a new fact type cannot ship without its happy path and its bad-input tests.
/// </summary>
public static class SampleFacts
{
    public static readonly IReadOnlyDictionary<string, Func<SampleIds, JsonObject>> All =
        new Dictionary<string, Func<SampleIds, JsonObject>>
        {
            // case
            ["CrimeReported"] = i => new() { ["urn"] = i.Urn, ["offence"] = "Assault occasioning actual bodily harm", ["offenceCategory"] = "violence-with-injury", ["flags"] = new JsonArray("domestic-abuse"), ["area"] = "peterborough", ["reportedAt"] = "2026-03-02T10:00:00Z" },
            ["VictimIdentified"] = i => new() { ["urn"] = i.Urn, ["victimId"] = i.VictimId, ["role"] = "direct" },
            ["WitnessIdentified"] = i => new() { ["urn"] = i.Urn, ["witnessId"] = i.WitnessId, ["kind"] = "prosecution", ["victimId"] = i.VictimId },
            ["SuspectIdentified"] = i => new() { ["urn"] = i.Urn, ["personId"] = i.PersonId },
            ["SuspectArrested"] = i => new() { ["urn"] = i.Urn, ["personId"] = i.PersonId, ["custodySuite"] = "Thorpe Wood" },
            ["SuspectInterviewed"] = i => new() { ["urn"] = i.Urn, ["personId"] = i.PersonId, ["underCaution"] = true },
            ["SuspectBailed"] = i => new() { ["urn"] = i.Urn, ["personId"] = i.PersonId, ["kind"] = "pre-charge-bail", ["conditions"] = new JsonArray("no contact with the victim"), ["returnDate"] = "2026-04-01" },
            ["DecisionNotToInvestigate"] = i => new() { ["urn"] = i.Urn, ["reason"] = "no lines of enquiry" },
            ["SuspectReleasedWithoutCharge"] = i => new() { ["urn"] = i.Urn, ["personId"] = i.PersonId, ["reason"] = "insufficient evidence" },
            ["ChargingDecisionMade"] = i => new() { ["urn"] = i.Urn, ["personId"] = i.PersonId, ["decidedBy"] = "cps", ["decision"] = "charge" },
            ["SuspectCharged"] = i => new() { ["urn"] = i.Urn, ["personId"] = i.PersonId, ["charges"] = new JsonArray(new JsonObject { ["offence"] = "Assault occasioning actual bodily harm", ["offenceCode"] = "OF61016" }), ["firstHearing"] = new JsonObject { ["court"] = "Peterborough Magistrates' Court", ["date"] = "2026-04-20" } },
            ["CaseDiscontinued"] = i => new() { ["urn"] = i.Urn, ["reason"] = "evidential test not met", ["personId"] = i.PersonId },
            ["HearingListed"] = i => new() { ["urn"] = i.Urn, ["hearingId"] = "H1", ["hearingType"] = "first-hearing", ["court"] = "Peterborough Magistrates' Court", ["startsAt"] = "2026-04-20T10:00:00+01:00", ["defendants"] = new JsonArray(i.PersonId) },
            ["HearingResulted"] = i => new() { ["urn"] = i.Urn, ["hearingId"] = "H1", ["outcome"] = "adjourned", ["defendants"] = new JsonArray(i.PersonId), ["reasonCode"] = "D3" },
            ["PleaEntered"] = i => new() { ["urn"] = i.Urn, ["personId"] = i.PersonId, ["plea"] = "not-guilty" },
            ["SentToCrownCourt"] = i => new() { ["urn"] = i.Urn, ["personId"] = i.PersonId, ["crownCourt"] = "Cambridge Crown Court" },
            ["TrialListed"] = i => new() { ["urn"] = i.Urn, ["hearingId"] = "T1", ["court"] = "Cambridge Crown Court", ["startsOn"] = "2026-09-07", ["defendants"] = new JsonArray(i.PersonId) },
            ["VerdictReached"] = i => new() { ["urn"] = i.Urn, ["personId"] = i.PersonId, ["verdict"] = "guilty" },
            ["Sentenced"] = i => new() { ["urn"] = i.Urn, ["personId"] = i.PersonId, ["disposal"] = "immediate-custody", ["custodyDays"] = 540, ["ancillaryOrders"] = new JsonArray("restraining-order") },
            ["AppealLodged"] = i => new() { ["urn"] = i.Urn, ["personId"] = i.PersonId, ["against"] = "sentence" },
            ["AppealDetermined"] = i => new() { ["urn"] = i.Urn, ["personId"] = i.PersonId, ["result"] = "dismissed" },
            ["VictimWithdrewSupport"] = i => new() { ["urn"] = i.Urn, ["victimId"] = i.VictimId },
            ["CaseConcluded"] = i => new() { ["urn"] = i.Urn, ["outcome"] = "convicted" },
            ["OutcomeRecorded"] = i => new() { ["urn"] = i.Urn, ["outcomeText"] = "Action to be taken by another organisation", ["precision"] = "month" },
            ["ListingReceivedByWitnessCare"] = i => new() { ["urn"] = i.Urn, ["hearingId"] = "H1" },
            ["ResultReceivedByWitnessCare"] = i => new() { ["urn"] = i.Urn, ["hearingId"] = "H1" },
            ["WitnessListReceived"] = i => new() { ["urn"] = i.Urn, ["witnessIds"] = new JsonArray(i.WitnessId) },
            ["WitnessWarned"] = i => new() { ["urn"] = i.Urn, ["witnessId"] = i.WitnessId, ["hearingId"] = "T1" },
            ["SpecialMeasuresApplied"] = i => new() { ["urn"] = i.Urn, ["witnessId"] = i.WitnessId, ["measures"] = new JsonArray("screen-around-witness-box") },
            ["SpecialMeasuresGranted"] = i => new() { ["urn"] = i.Urn, ["witnessId"] = i.WitnessId, ["measures"] = new JsonArray("screen-around-witness-box") },
            ["SpecialMeasuresRefused"] = i => new() { ["urn"] = i.Urn, ["witnessId"] = i.WitnessId, ["measures"] = new JsonArray("live-link"), ["reason"] = "no suitable room" },
            ["WitnessAttended"] = i => new() { ["urn"] = i.Urn, ["witnessId"] = i.WitnessId, ["hearingId"] = "T1", ["waitedMinutes"] = 150 },
            // victim
            ["EnhancedEligibilityAssessed"] = i => new() { ["victimId"] = i.VictimId, ["grounds"] = new JsonArray("domestic-abuse"), ["decidedBy"] = "PC 1234" },
            ["NeedsAssessed"] = i => new() { ["victimId"] = i.VictimId, ["needs"] = new JsonArray("safety planning") },
            ["ReferredToSupportServices"] = i => new() { ["victimId"] = i.VictimId, ["service"] = "Victim and Witness Hub", ["consentGiven"] = true },
            ["ReferralDeclined"] = i => new() { ["victimId"] = i.VictimId },
            ["VictimInformed"] = i => new() { ["victimId"] = i.VictimId, ["about"] = "charge", ["channel"] = "phone", ["urn"] = i.Urn },
            ["VictimPersonalStatementOffered"] = i => new() { ["victimId"] = i.VictimId },
            ["VictimPersonalStatementMade"] = i => new() { ["victimId"] = i.VictimId },
            ["RestorativeJusticeInformationGiven"] = i => new() { ["victimId"] = i.VictimId },
            ["VictimContactSchemeReferred"] = i => new() { ["victimId"] = i.VictimId, ["urn"] = i.Urn, ["personId"] = i.PersonId },
            ["VictimLiaisonContactMade"] = i => new() { ["victimId"] = i.VictimId },
            ["ComplaintReceived"] = i => new() { ["victimId"] = i.VictimId, ["complaintId"] = "C1", ["against"] = "police" },
            ["ComplaintResponded"] = i => new() { ["victimId"] = i.VictimId, ["complaintId"] = "C1" },
            ["VictimOptedOut"] = i => new() { ["victimId"] = i.VictimId, ["scope"] = "updates" },
            ["ContactAttemptFailed"] = i => new() { ["victimId"] = i.VictimId, ["channel"] = "phone" },
            ["RightToReviewRequested"] = i => new() { ["victimId"] = i.VictimId, ["reviewId"] = "VRR-1", ["of"] = "police", ["urn"] = i.Urn },
            ["RightToReviewAcknowledged"] = i => new() { ["victimId"] = i.VictimId, ["reviewId"] = "VRR-1" },
            ["RightToReviewDecided"] = i => new() { ["victimId"] = i.VictimId, ["reviewId"] = "VRR-1", ["decisionUpheld"] = true },
            ["ContactExceptionRecorded"] = i => new() { ["victimId"] = i.VictimId, ["reason"] = "unsafe-to-contact", ["entitlements"] = new JsonArray("R6-02") },
            // person
            ["IdentifierLinked"] = i => new() { ["personId"] = i.PersonId, ["scheme"] = "pnc", ["value"] = "2019/0123456X" },
            ["IdentifierUnlinked"] = i => new() { ["personId"] = i.PersonId, ["scheme"] = "pnc", ["value"] = "2019/0123456X", ["reason"] = "belongs to another person" },
            ["PersonRecordsMerged"] = i => new() { ["personId"] = i.PersonId, ["mergedPersonId"] = i.PersonId + "-dup" },
            ["PersonRecordsUnmerged"] = i => new() { ["personId"] = i.PersonId, ["mergedPersonId"] = i.PersonId + "-dup", ["reason"] = "different dates of birth" },
            ["Remanded"] = i => new() { ["personId"] = i.PersonId, ["urn"] = i.Urn, ["establishment"] = "HMP Peterborough" },
            ["EnteredCustody"] = i => new() { ["personId"] = i.PersonId, ["establishment"] = "HMP Peterborough", ["basis"] = "sentence" },
            ["Released"] = i => new() { ["personId"] = i.PersonId, ["establishment"] = "HMP Peterborough", ["kind"] = "on-licence", ["licenceEnd"] = "2027-09-01", ["licenceConditions"] = new JsonArray("reside at approved address") },
            ["LicenceConditionBreached"] = i => new() { ["personId"] = i.PersonId, ["condition"] = "reside at approved address" },
            ["Recalled"] = i => new() { ["personId"] = i.PersonId, ["kind"] = "standard", ["reason"] = "failed to reside" },
            ["OocdOffered"] = i => new() { ["personId"] = i.PersonId, ["oocdId"] = "O1", ["regime"] = "adult-framework", ["kind"] = "conditional-caution", ["decisionMaker"] = "Sgt 42", ["urn"] = i.Urn },
            ["OocdAccepted"] = i => new() { ["personId"] = i.PersonId, ["oocdId"] = "O1", ["admissionMade"] = true, ["consentGiven"] = true },
            ["OocdDeclined"] = i => new() { ["personId"] = i.PersonId, ["oocdId"] = "O1" },
            ["OocdConditionSet"] = i => new() { ["personId"] = i.PersonId, ["oocdId"] = "O1", ["conditionId"] = "C1", ["kind"] = "unpaid-work", ["due"] = "2026-05-01", ["hours"] = 10 },
            ["OocdConditionCompleted"] = i => new() { ["personId"] = i.PersonId, ["oocdId"] = "O1", ["conditionId"] = "C1" },
            ["OocdConditionFailed"] = i => new() { ["personId"] = i.PersonId, ["oocdId"] = "O1", ["conditionId"] = "C1" },
            ["OocdCompleted"] = i => new() { ["personId"] = i.PersonId, ["oocdId"] = "O1" },
            ["VictimViewsRecorded"] = i => new() { ["personId"] = i.PersonId, ["oocdId"] = "O1", ["viewsSought"] = true, ["viewsGiven"] = true, ["remedyAttached"] = true },
            ["PathwayNeedIdentified"] = i => new() { ["personId"] = i.PersonId, ["pathway"] = "accommodation" },
            ["PathwayStatusChanged"] = i => new() { ["personId"] = i.PersonId, ["pathway"] = "accommodation", ["status"] = "in-progress" },
            ["AccommodationOnReleaseRecorded"] = i => new() { ["personId"] = i.PersonId, ["accommodation"] = "cas-tier3" },
            ["DutyToReferMade"] = i => new() { ["personId"] = i.PersonId, ["localAuthority"] = "Peterborough City Council" },
            ["MappaManaged"] = i => new() { ["personId"] = i.PersonId, ["category"] = 2, ["level"] = 2 },
            // IOM
            ["IomSelected"] = i => new() { ["personId"] = i.PersonId, ["cohort"] = "fixed", ["selectionScore"] = 42.5, ["scoringMethod"] = "IOM matrix v3", ["panelDate"] = "2026-03-12" },
            ["IomRatingChanged"] = i => new() { ["personId"] = i.PersonId, ["rating"] = "red" },
            ["IomDeselected"] = i => new() { ["personId"] = i.PersonId, ["reason"] = "reduced-offending" },
            ["IomLeadWorkersAssigned"] = i => new() { ["personId"] = i.PersonId, ["policeOfficer"] = "PC 4471", ["probationPractitioner"] = "PP 2210" },
            ["ReleaseDateSet"] = i => new() { ["personId"] = i.PersonId, ["expectedRelease"] = "2026-06-01" },
        };

    /// <summary>
    /// What must already be true for a fact of each stream to be accepted: the case reported, the victim identified,
    /// the person (and a second record, for merges) named on it, the witness identified.
    /// </summary>
    public static JsonObject[] Preconditions(SampleIds ids) =>
    [
        Envelopes.Of("CrimeReported", All["CrimeReported"](ids), Reported),
        Envelopes.Of("VictimIdentified", All["VictimIdentified"](ids), Reported),
        Envelopes.Of("SuspectCharged", All["SuspectCharged"](ids), Reported.AddDays(8)),
        Envelopes.Of("SuspectIdentified", new JsonObject { ["urn"] = ids.Urn, ["personId"] = ids.PersonId + "-dup" }, Reported.AddDays(1)),
        Envelopes.Of("WitnessIdentified", All["WitnessIdentified"](ids), Reported.AddDays(1)),
    ];

    public static readonly DateTimeOffset Reported = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    /// <summary>When each sample fact happened: after the preconditions, before the sample dates that follow it.</summary>
    public static readonly DateTimeOffset At = new(2026, 3, 15, 12, 0, 0, TimeSpan.Zero);

    public static JsonObject Envelope(string type, SampleIds ids) => Envelopes.Of(type, All[type](ids), At,
        source: type switch
        {
            "ChargingDecisionMade" or "CaseDiscontinued" => "cps",
            _ => "police",
        });
}
