using CjsJourney.Cases;
using CjsJourney.Journeys;
using JasperFx.Events;

namespace CjsJourney.Tests.Cases;

/// <summary>Given the case's facts, the summary is what a reader should see.</summary>
public class projecting_a_case_summary
{
    private static readonly DateTimeOffset Reported = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void a_reported_crime_is_a_case_at_the_reported_stage()
    {
        var summary = CaseSummaryProjection.Create(Recorded(Report("35CJ1"), 1));

        Assert.Equal(CaseStage.Reported, summary.Stage);
        Assert.Equal("case/35CJ1", summary.Id);
        Assert.Equal(CspArea.Huntingdonshire, summary.Area);
        Assert.Empty(summary.Defendants);
    }

    [Fact]
    public void a_charge_records_the_defendant_and_the_first_hearing()
    {
        var summary = CaseSummaryProjection.Create(Recorded(Report("35CJ1"), 1));
        var charged = new SuspectCharged("35CJ1", "P-9", [new Charge("Robbery")],
            new FirstHearing("Cambridge Magistrates' Court", new DateOnly(2026, 3, 20))) { OccurredAt = Reported.AddDays(5) };

        summary = CaseSummaryProjection.Apply(Recorded(charged, 2), summary);

        Assert.Equal(CaseStage.Charged, summary.Stage);
        var defendant = Assert.Single(summary.Defendants);
        Assert.Equal(("P-9", Reported.AddDays(5)), (defendant.PersonId, defendant.ChargedAt));
        Assert.Equal(new NextHearing("Cambridge Magistrates' Court", new DateOnly(2026, 3, 20)), summary.NextHearing);
        Assert.Equal(2, summary.Version);
    }

    [Fact]
    public void a_second_charge_of_the_same_person_replaces_their_charges_rather_than_duplicating_them()
    {
        var summary = CaseSummaryProjection.Create(Recorded(Report("35CJ1"), 1));
        var first = new SuspectCharged("35CJ1", "P-9", [new Charge("Theft")], new FirstHearing("C", new DateOnly(2026, 3, 20)));
        var amended = first with { Charges = [new Charge("Robbery")] };

        summary = CaseSummaryProjection.Apply(Recorded(first, 2), summary);
        summary = CaseSummaryProjection.Apply(Recorded(amended, 3), summary);

        Assert.Equal("Robbery", Assert.Single(Assert.Single(summary.Defendants).Charges).Offence);
    }

    private static CrimeReported Report(string urn) =>
        new(urn, "Robbery of personal property", OffenceCategory.Robbery, [], CspArea.Huntingdonshire, Reported)
        {
            OccurredAt = Reported,
            Source = Agency.Police,
        };

    private static Event<T> Recorded<T>(T fact, long version) where T : Fact => new(fact)
    {
        StreamKey = "case/" + ((ICaseFact)fact).Urn,
        Version = version,
        Timestamp = fact.OccurredAt.AddMinutes(1),
    };
}
