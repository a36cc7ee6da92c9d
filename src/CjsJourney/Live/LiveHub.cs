using CjsJourney.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CjsJourney.Live;

/// <summary>
/// A view that clients can follow live: who may follow it, and whether it is about one thing (a case) or the whole
/// partnership (a summary). Views are found by scanning, so a feature adds one beside its read model.
/// </summary>
public interface ILiveView
{
    string Name { get; }

    IReadOnlyCollection<string> Roles { get; }

    bool Keyed { get; }
}

/// <summary>Names of the live views, shared by the publishers and the hub.</summary>
public static class LiveViews
{
    public const string Case = "case";
    public const string Victim = "victim";
    public const string Person = "person";
    public const string Witness = "witness";
    public const string ComplianceSummary = "compliance-summary";
    public const string ComplianceWorklist = "compliance-worklist";
    public const string IomCohort = "iom-cohort";

    public static string Group(string view, string? key) => key is null ? view : $"{view}:{key}";
}

/// <summary>
/// A small "this view changed" notice, published through Wolverine's outbox when the change commits. It carries no
/// personal data and no event content: clients re-read the view with their own token.
/// </summary>
public sealed record ViewChanged(string View, string? Key);

/// <summary>
/// <c>/hubs/live</c>: an authenticated client joins the group of a view its role may see and receives
/// <c>changed</c> messages for it.
/// </summary>
[Authorize]
public sealed class LiveHub(IEnumerable<ILiveView> views) : Hub
{
    public async Task Join(string view, string? key = null)
    {
        var live = Find(view, key);
        await Groups.AddToGroupAsync(Context.ConnectionId, LiveViews.Group(live.Name, key));
    }

    public async Task Leave(string view, string? key = null)
    {
        var live = Find(view, key);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LiveViews.Group(live.Name, key));
    }

    private ILiveView Find(string view, string? key)
    {
        var live = views.FirstOrDefault(v => v.Name == view) ??
                   throw new HubException($"'{view}' is not a live view; views: {string.Join(", ", views.Select(v => v.Name))}");
        if (!live.Roles.Any(role => Context.User?.IsInRole(role) == true))
        {
            throw new HubException($"Your role may not follow '{view}'.");
        }

        if (live.Keyed && string.IsNullOrWhiteSpace(key))
        {
            throw new HubException($"'{view}' needs the id of what to follow.");
        }

        return live;
    }
}

/// <summary>Sends each committed change to the members of its view's group.</summary>
public static class ViewChangedHandler
{
    public const string ClientMethod = "changed";

    public static Task Handle(ViewChanged message, IHubContext<LiveHub> hub, CancellationToken ct) =>
        hub.Clients.Group(LiveViews.Group(message.View, message.Key)).SendAsync(ClientMethod, message, ct);
}

/// <summary>Registers the live views by scanning this assembly (Scrutor).</summary>
public static class LiveRegistration
{
    public static IServiceCollection AddLiveViews(this IServiceCollection services)
    {
        services.AddSignalR();
        services.Scan(scan => scan.FromAssemblyOf<LiveHub>()
            .AddClasses(classes => classes.AssignableTo<ILiveView>())
            .As<ILiveView>()
            .WithSingletonLifetime());
        return services;
    }
}
