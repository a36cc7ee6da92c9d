using CjsJourney.Auditing;
using CjsJourney.Cases;
using CjsJourney.Persons;
using CjsJourney.Security;
using CjsJourney.Victims;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CjsJourney.Dashboards.Audit;

/// <summary>
/// The auditor's page: find a case, person or victim; its facts as a timeline with who sent each, when it happened
/// and when we learned it; a time control to see the state as it stood at any instant. Every view is recorded as a read.
/// </summary>
[Authorize(Roles = $"{Roles.Auditor},{Roles.Admin}")]
public sealed class IndexModel(IDocumentSession session) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Kind { get; set; } = "case";

    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? AsAt { get; set; }

    /// <summary>The position of the time control: how many of the facts were known.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Known { get; set; }

    public string? Problem { get; private set; }

    /// <summary>Every fact recorded, for the time control's scale.</summary>
    public IReadOnlyList<RecordedFact> All { get; private set; } = [];

    public IReadOnlyList<RecordedFact> Facts { get; private set; } = [];

    public DateTimeOffset? ShownAsAt { get; private set; }

    public CaseSummary? Case { get; private set; }

    public PersonJourney? Person { get; private set; }

    public VictimJourney? Victim { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Id))
        {
            return;
        }

        Id = Id.Trim();
        ViewData["Live"] = System.Text.Json.JsonSerializer.Serialize(new[] { new[] { Kind, Id } });
        var asAtText = Known is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : AsAt is { Length: > 0 } local ? FromLocal(local) : null;
        if (!Auditing.AsAt.TryParse(asAtText, out var point))
        {
            Problem = "The time must be a date and time.";
            return;
        }

        var found = Kind switch
        {
            "person" => await Load(HistoryEndpoints.PersonAsync(session, Id, default, ct), HistoryEndpoints.PersonAsync(session, Id, point, ct),
                h => Person = h.State),
            "victim" => await Load(HistoryEndpoints.VictimAsync(session, Id, default, ct), HistoryEndpoints.VictimAsync(session, Id, point, ct),
                h => Victim = h.State),
            _ => await Load(HistoryEndpoints.CaseAsync(session, Id, default, ct), HistoryEndpoints.CaseAsync(session, Id, point, ct),
                h => Case = h.State),
        };
        if (!found)
        {
            Problem = $"No {Kind} with id '{Id}'.";
            return;
        }

        ShownAsAt = point.Instant ?? (Facts.Count > 0 ? Facts[^1].RecordedAt : null);
        HistoryEndpoints.RecordRead(session, User, Kind, Id, asAtText);
        await session.SaveChangesAsync(ct);
    }

    private async Task<bool> Load<T>(Task<History<T>?> everything, Task<History<T>?> asAt, Action<History<T>> show) where T : class
    {
        var all = await everything;
        var then = await asAt;
        if (all is null || then is null)
        {
            return false;
        }

        All = all.Facts;
        Facts = then.Facts;
        show(then);
        return true;
    }

    /// <summary>A datetime-local value is UK local time.</summary>
    private static string FromLocal(string local) =>
        DateTime.TryParse(local, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var dt)
            ? new DateTimeOffset(dt, Infrastructure.UkTime.Zone.GetUtcOffset(dt)).ToString("O")
            : local;
}
