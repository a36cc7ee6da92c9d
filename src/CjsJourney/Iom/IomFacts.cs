using CjsJourney.Journeys;

namespace CjsJourney.Iom;

// Integrated Offender Management membership, on the person's stream: selection (and re-selection), rating, lead
// workers and deselection, each a decision of the multi-agency panel, kept with the method that scored it.

/// <summary>Selected to the IOM cohort by the panel; selecting someone already deselected is a re-selection.</summary>
public sealed record IomSelected(
    string PersonId,
    IomCohort Cohort,
    decimal SelectionScore,
    string ScoringMethod,
    DateOnly PanelDate) : Fact, IPersonFact, IValidatedFact
{
    public IEnumerable<FieldError> Validate()
    {
        if (SelectionScore < 0)
        {
            yield return new FieldError("selectionScore", "cannot be negative");
        }

        if (OccurredAt != default && PanelDate > DateOnly.FromDateTime(OccurredAt.UtcDateTime).AddDays(1))
        {
            yield return new FieldError("panelDate", "cannot be after the selection was recorded");
        }
    }

    public override string Describe() => $"Selected to the {Words.Humanise(Cohort)} cohort (score {SelectionScore}, {ScoringMethod}; panel {PanelDate:yyyy-MM-dd})";
}

public sealed record IomRatingChanged(string PersonId, IomRating Rating, string? Reason = null) : Fact, IPersonFact
{
    public override string Describe() => $"IOM rating {Words.Humanise(Rating)}" + (Reason is null ? "" : $": {Reason}");
}

public sealed record IomDeselected(string PersonId, IomDeselectionReason Reason, string? Detail = null) : Fact, IPersonFact
{
    public override string Describe() => $"Deselected from IOM: {Words.Humanise(Reason)}";
}

/// <summary>The lead police officer and probation practitioner (by collar or staff number, not name).</summary>
public sealed record IomLeadWorkersAssigned(string PersonId, string PoliceOfficer, string ProbationPractitioner)
    : Fact, IPersonFact
{
    public override string Describe() => $"Lead workers: police {PoliceOfficer}, probation {ProbationPractitioner}";
}

/// <summary>The expected release date from custody, as the prison calculates it (and recalculates it).</summary>
public sealed record ReleaseDateSet(string PersonId, DateOnly ExpectedRelease) : Fact, IPersonFact
{
    public override string Describe() => $"Expected release {ExpectedRelease:yyyy-MM-dd}";
}

/// <summary>Fixed: nationally mandated neighbourhood crime; Flex: local priorities; Free: other locally chosen.</summary>
public enum IomCohort
{
    Fixed,
    Flex,
    Free,
}

public enum IomRating
{
    Red,
    Amber,
    Green,
}

public enum IomDeselectionReason
{
    ReducedOffending,
    LongTermCustody,
    MovedOutOfArea,
    TransferredToMappa,
    Deceased,
    NotEngaging,
    Other,
}
