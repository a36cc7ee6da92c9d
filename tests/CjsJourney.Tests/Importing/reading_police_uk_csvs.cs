using CjsJourney.Cases;
using CjsJourney.Importing;
using CjsJourney.Ingestion;
using CjsJourney.Journeys;
using CjsJourney.Persons;

namespace CjsJourney.Tests.Importing;

/// <summary>data.police.uk rows in, checked rows and the facts they become out: pure, no database.</summary>
public class reading_police_uk_csvs
{
    private static readonly FactCatalogue Catalogue = FactCatalogue.FromAssembly(typeof(Fact).Assembly);
    private static readonly PoliceUkRows.Crimes C = PoliceUkRows.Crimes.For("");
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    /// <summary>1 April 2019, 00:00 in BST.</summary>
    private static readonly DateTimeOffset April = new(2019, 3, 31, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public void a_malformed_row_is_skipped_with_its_file_and_line_and_the_rest_are_read()
    {
        var file = PoliceUkRows.Parse(PoliceUkRows.April(C), "2019-04-test-outcomes.csv");

        Assert.Equal(PoliceUkFileKind.Outcomes, file.Kind);
        Assert.Equal(12, file.RowsRead);
        Assert.Equal(9, file.Rows.Count);
        Assert.Equal(
            [
                "2019-04-test-outcomes.csv:7: missing Crime ID",
                "2019-04-test-outcomes.csv:9: wrong column count",
                "2019-04-test-outcomes.csv:11: bad month",
            ],
            file.Skipped.Select(s => $"{s.File}:{s.Line}: {s.Reason}"));
        Assert.Contains("3 columns; an outcomes row has 10", file.Skipped[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void an_exact_duplicate_line_is_the_same_fact_and_is_counted()
    {
        var file = PoliceUkRows.Parse(PoliceUkRows.April(C), "april.csv");

        var duplicate = Assert.Single(file.Rows, r => r.DuplicateOfLine is not null);
        Assert.Equal((4, 3, 1), (duplicate.Line, duplicate.DuplicateOfLine!.Value, duplicate.Occurrence));

        var (crimes, _) = PoliceUkImport.Plan(file, new ImportMemory(), Now);
        var noSuspect = Assert.Single(crimes, c => c.CrimeId == C.NoSuspect);
        Assert.Equal([3], noSuspect.Rows.Select(r => r.Row.Line));
    }

    [Fact]
    public void fields_keep_their_apostrophes_and_quoted_commas()
    {
        var file = PoliceUkRows.Parse(PoliceUkRows.OutcomesHeader + "\n" +
            $"{C.Charged},2019-04,{PoliceUkRows.Force},{PoliceUkRows.Force},-2.59,51.45,\"On or near Queen's Road, Clifton\",E01014540,\"Bristol, City of 023B\",Suspect charged\n",
            "quoted.csv");

        var row = Assert.Single(file.Rows);
        Assert.Equal(("On or near Queen's Road, Clifton", "Bristol, City of 023B"), (row.Location, row.LsoaName));
        Assert.Equal(CspArea.OutsideForceArea, PoliceUkMapping.DistrictOf(row.LsoaName));
        Assert.Equal("On or near St Peter's Road",
            PoliceUkRows.Parse(PoliceUkRows.April(C), "april.csv").Rows.First(r => r.CrimeId == C.Charged).Location);
    }

    [Theory]
    [InlineData("Fenland 010A", CspArea.Fenland)]
    [InlineData("Cambridge 001A", CspArea.Cambridge)]
    [InlineData("East Cambridgeshire 004C", CspArea.EastCambridgeshire)]
    [InlineData("South Cambridgeshire 003B", CspArea.SouthCambridgeshire)]
    [InlineData("Peterborough 017D", CspArea.Peterborough)]
    [InlineData("Huntingdonshire 005C", CspArea.Huntingdonshire)]
    [InlineData("King's Lynn and West Norfolk 001A", CspArea.OutsideForceArea)]
    [InlineData("Central Bedfordshire 012E", CspArea.OutsideForceArea)]
    [InlineData("", CspArea.NotKnown)]
    public void the_district_is_the_lsoa_names_prefix(string lsoaName, CspArea area) =>
        Assert.Equal(area, PoliceUkMapping.DistrictOf(lsoaName));

    [Fact]
    public void a_crime_first_met_in_an_outcomes_file_opens_its_case_with_the_offence_not_known()
    {
        var row = PoliceUkRows.Parse(PoliceUkRows.April(C), "april.csv").Rows[0];

        var facts = PoliceUkMapping.FactsFor(row, opensCase: true);

        var opened = Assert.IsType<CrimeReported>(facts[0].Fact);
        Assert.Equal((C.Charged, PoliceUkMapping.NotKnownOffence, OffenceCategory.NotKnown, CspArea.Peterborough, April, April, Agency.Police),
            (opened.Urn, opened.Offence, opened.OffenceCategory, opened.Area, opened.ReportedAt, opened.OccurredAt, opened.Source));
        var charged = Assert.IsType<SuspectCharged>(facts[1].Fact);
        Assert.Equal(("policeuk-suspect-" + C.Charged, PoliceUkMapping.NotKnownOffence, null, April),
            (charged.PersonId, Assert.Single(charged.Charges).Offence, charged.FirstHearing, charged.OccurredAt));
        // The same row always gives the same ids; the crime is opened under one id whichever row opens it.
        Assert.Equal(facts.Select(f => f.EventId), PoliceUkMapping.FactsFor(row, opensCase: true).Select(f => f.EventId));
        Assert.Equal(facts[0].EventId, PoliceUkMapping.CrimeReportedFor(row with { OutcomeType = "Offender fined", Line = 99 }).EventId);
    }

    [Fact]
    public void each_outcome_type_becomes_the_catalogue_fact_it_honestly_is()
    {
        const string urn = "u";
        Type[] Types(string outcome) => PoliceUkMapping.OutcomeFacts(urn, outcome, "Burglary").Select(f => f.GetType()).ToArray();

        Assert.Equal([typeof(SuspectCharged)], Types("Suspect charged"));
        Assert.Equal([typeof(ChargingDecisionMade), typeof(OocdOffered), typeof(OocdAccepted)], Types("Offender given a caution"));
        Assert.Equal([typeof(ChargingDecisionMade), typeof(OocdOffered), typeof(OocdAccepted)], Types("Local resolution"));
        Assert.Equal([typeof(DecisionNotToInvestigate)], Types("Further investigation is not in the public interest"));
        Assert.Equal([typeof(CaseConcluded)], Types("Investigation complete; no suspect identified"));
        Assert.Equal([typeof(VerdictReached)], Types("Defendant found not guilty"));
        Assert.Equal([typeof(SentToCrownCourt)], Types("Defendant sent to Crown Court"));

        Assert.Equal(ChargingDecision.NoFurtherAction,
            Assert.IsType<ChargingDecisionMade>(PoliceUkMapping.OutcomeFacts(urn, "Unable to prosecute suspect", "x")[0]).Decision);
        Assert.Equal("Formal action is not in the public interest",
            Assert.IsType<ChargingDecisionMade>(PoliceUkMapping.OutcomeFacts(urn, "Formal action is not in the public interest", "x")[0]).Reason);
        Assert.Equal((OocdRegime.AdultFramework, OocdKind.CommunityResolution),
            PoliceUkMapping.OutcomeFacts(urn, "Local resolution", "x").OfType<OocdOffered>().Select(o => (o.Regime, o.Kind)).Single());
        foreach (var (outcome, disposal) in new[]
                 {
                     ("Offender sent to prison", Disposal.ImmediateCustody), ("Offender given suspended prison sentence", Disposal.SuspendedSentence),
                     ("Offender given community sentence", Disposal.CommunityOrder), ("Offender fined", Disposal.Fine),
                     ("Offender given conditional discharge", Disposal.ConditionalDischarge), ("Offender otherwise dealt with", Disposal.OtherwiseDealtWith),
                 })
        {
            Assert.Equal(disposal, Assert.IsType<Sentenced>(Assert.Single(PoliceUkMapping.OutcomeFacts(urn, outcome, "x"))).Disposal);
        }

        foreach (var vague in new[] { "Awaiting court outcome", "Action to be taken by another organisation", "Court case unable to proceed",
                     "Suspect charged as part of another case", "Offender deprived of property", "Offender ordered to pay compensation" })
        {
            var kept = Assert.IsType<OutcomeRecorded>(Assert.Single(PoliceUkMapping.OutcomeFacts(urn, vague, "x")));
            Assert.Equal((vague, "month"), (kept.OutcomeText, kept.Precision));
        }
    }

    [Fact]
    public void a_crimes_rows_are_planned_together_and_a_person_fact_follows_the_case_fact_naming_the_person()
    {
        var (crimes, skipped) = PoliceUkImport.Plan(PoliceUkRows.Parse(PoliceUkRows.April(C), "april.csv"), new ImportMemory(), Now);

        Assert.Empty(skipped);
        Assert.Equal([C.Charged, C.NoSuspect, C.Cautioned, C.OutOfArea, C.Unable, C.Resolved, C.Awaiting], crimes.Select(c => c.CrimeId));
        var charged = crimes[0];
        Assert.Equal([2, 8], charged.Rows.Select(r => r.Row.Line));
        Assert.Equal([typeof(CrimeReported), typeof(SuspectCharged), typeof(Sentenced)],
            charged.Rows.SelectMany(r => r.Facts).Select(f => f.Fact.GetType()));
        Assert.Equal(CspArea.OutsideForceArea, crimes.Single(c => c.CrimeId == C.OutOfArea).Rows[0].Facts.Select(f => f.Fact)
            .OfType<CrimeReported>().Single().Area);
        Assert.Equal(CspArea.NotKnown, crimes.Single(c => c.CrimeId == C.Cautioned).Rows[0].Facts.Select(f => f.Fact)
            .OfType<CrimeReported>().Single().Area);

        // The intake's own rules accept the whole plan as one batch, in this order.
        var submissions = crimes.SelectMany(c => c.Rows).SelectMany(r => r.Facts)
            .Select((f, i) => BulkIntake.ToSubmission(Catalogue, i, f.EventId, f.Fact)).ToList();
        var decision = SubmitFacts.Decide(submissions, new StoreState(new HashSet<Guid>(), new Dictionary<string, long>()));
        Assert.False(decision.Refused, string.Join("; ", BulkIntake.Refusals(decision)));
        Assert.Equal(7 + 8 + 2 + 2, decision.ToAppend.Count); // 7 cases; 8 outcome rows, the caution and the resolution 3 facts each
    }

    [Fact]
    public void a_street_file_opens_cases_with_the_crime_type_and_skips_anti_social_behaviour()
    {
        var memory = new ImportMemory();
        var street = PoliceUkRows.Parse(PoliceUkRows.AprilStreet(C), "2019-04-test-street.csv");

        Assert.Equal(PoliceUkFileKind.Street, street.Kind);
        Assert.Equal(PoliceUkCsv.Reasons.AntiSocialBehaviour, Assert.Single(street.Skipped).Reason);
        var (opened, _) = PoliceUkImport.Plan(street, memory, Now);
        var reports = opened.SelectMany(c => c.Rows).SelectMany(r => r.Facts).Select(f => Assert.IsType<CrimeReported>(f.Fact)).ToList();
        Assert.Equal([(C.Charged, OffenceCategory.ViolenceAndSexualOffences), (C.Burglary, OffenceCategory.BurglaryNotSpecified)],
            reports.Select(r => (r.Urn, r.OffenceCategory)));

        // The outcomes file read after it: the case is not opened again, and the charge carries the crime type.
        var (crimes, _) = PoliceUkImport.Plan(PoliceUkRows.Parse(PoliceUkRows.April(C), "april.csv"), memory, Now);
        var facts = crimes.Single(c => c.CrimeId == C.Charged).Rows.SelectMany(r => r.Facts).Select(f => f.Fact).ToList();
        Assert.DoesNotContain(facts, f => f is CrimeReported);
        Assert.Equal("Violence and sexual offences", facts.OfType<SuspectCharged>().Single().Charges[0].Offence);
    }

    [Fact]
    public void street_files_are_imported_before_outcomes_month_by_month()
    {
        var ordered = PoliceUkImport.Order(["2019-05-cambridgeshire-outcomes.csv", "2019-04-cambridgeshire-outcomes.csv",
            "2019-05-cambridgeshire-street.csv", "2019-04-cambridgeshire-street.csv"]);

        Assert.Equal(["2019-04-cambridgeshire-street.csv", "2019-04-cambridgeshire-outcomes.csv",
            "2019-05-cambridgeshire-street.csv", "2019-05-cambridgeshire-outcomes.csv"], ordered);
    }

    [Fact]
    public void a_month_that_has_not_begun_is_skipped_and_an_unknown_file_says_so()
    {
        var future = PoliceUkRows.Parse(PoliceUkRows.OutcomesHeader + "\n" +
            PoliceUkRows.Outcome(C.Charged, "2027-01", "On or near Mill Road", "Cambridge 001A", "Suspect charged"), "future.csv");
        var (crimes, skipped) = PoliceUkImport.Plan(future, new ImportMemory(), Now);

        Assert.Empty(crimes);
        Assert.Equal("future.csv:2: month in the future", $"{skipped[0].File}:{skipped[0].Line}: {skipped[0].Reason}");

        var stopAndSearch = PoliceUkRows.Parse("Type,Date,Part of a policing operation\nPerson search,2019-04-01,False\n", "stop-and-search.csv");
        Assert.Null(stopAndSearch.Kind);
        Assert.Equal(PoliceUkCsv.Reasons.UnknownHeader, Assert.Single(stopAndSearch.Skipped).Reason);
    }
}
