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

/// <summary>Everything one commit changed, as one message: a batch of facts is one notice to send, not hundreds.</summary>
public sealed record ViewsChanged(IReadOnlyList<ViewChanged> Views);

/// <summary>Sends each committed change to the members of its view's group.</summary>
public static class ViewChangedHandler
{
    public const string ClientMethod = "changed";

    public static Task Handle(ViewChanged message, IHubContext<LiveHub> hub, CancellationToken ct) =>
        hub.Clients.Group(LiveViews.Group(message.View, message.Key)).SendAsync(ClientMethod, message, ct);
}

public static class ViewsChangedHandler
{
    public static Task Handle(ViewsChanged message, IHubContext<LiveHub> hub, CancellationToken ct) =>
        Task.WhenAll(message.Views.Select(v => ViewChangedHandler.Handle(v, hub, ct)));
}

/// <summary>Registers the live views by scanning this assembly (Scrutor), and how their notices travel.</summary>
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

    /// <summary>
    /// Notices are published inside the committing transaction and sent only after it commits, but they are hints to
    /// re-read, not records: a buffered (in-memory) local queue carries them, so a batch does not write outbox rows
    /// for them and they reach clients in milliseconds. One lost in a crash costs a client a refresh, nothing more.
    /// </summary>
    public static void RouteLiveNotices(this Wolverine.WolverineOptions opts)
    {
        opts.PublishMessage<ViewChanged>().ToLocalQueue("live").BufferedInMemory();
        opts.PublishMessage<ViewsChanged>().ToLocalQueue("live").BufferedInMemory();
    }
}
