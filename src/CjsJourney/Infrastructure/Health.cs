using System.Text.Json;
using Marten;
using Wolverine.Runtime;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CjsJourney.Infrastructure;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the database answers, our schema is in place,
/// Wolverine has started, and the async projection daemon is running (its high-water mark has been recorded).
/// </summary>
public static class Health
{
    private const string Ready = "ready";

    public static IServiceCollection AddCjsHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<EventStoreReadiness>("event-store", tags: [Ready])
            .AddCheck<ReadModelsBuilt>("read-models", tags: [Ready]);
        return services;
    }

    public static WebApplication MapCjsHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready",
                new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = Write })
            .AllowAnonymous();
        return app;
    }

    private static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        }));
    }
}

public sealed class EventStoreReadiness(IDocumentStore store, IHostApplicationLifetime lifetime, IWolverineRuntime wolverine)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("starting: Wolverine and the projection daemon are not running yet");
        }

        try
        {
            await using var session = store.QuerySession();
            var schema = store.Options.Events.DatabaseSchemaName;
            var tables = await session.AdvancedSql.QueryAsync<bool>(
                "select to_regclass(?) is not null and to_regclass(?) is not null", cancellationToken,
                $"{schema}.mt_events", $"{schema}.mt_event_progression");
            if (!tables.Single())
            {
                return HealthCheckResult.Unhealthy("the event store schema is not in place");
            }

            // Wolverine assigns each async projection to one live node (leader election through the database), so
            // the daemon is "running" when this node runs the agents, or some live node holds the assignment.
            var local = wolverine.Agents.AllRunningAgentUris().Where(u => u.Scheme == "event-subscriptions")
                .Select(u => u.ToString()).Order(StringComparer.Ordinal).ToList();
            if (local.Count > 0)
            {
                return HealthCheckResult.Healthy("database, schema, Wolverine and the projection daemon are running",
                    new Dictionary<string, object>
                    {
                        ["projectionAgents"] = local.Count,
                        ["node"] = wolverine.Options.UniqueNodeId,
                        ["agentsOnThisNode"] = local,
                    });
            }

            var running = await session.AdvancedSql.QueryAsync<int>(
                $"select count(*)::int from {schema}.wolverine_node_assignments a join {schema}.wolverine_nodes n " +
                "on n.id = a.node_id where a.id like 'event-subscriptions://%'", cancellationToken);
            return running.Single() == 0
                ? HealthCheckResult.Unhealthy("the async projection daemon has not started yet")
                : HealthCheckResult.Healthy("database, schema, Wolverine and the projection daemon are running",
                    new Dictionary<string, object>
                    {
                        ["projectionAgents"] = running.Single(),
                        ["node"] = wolverine.Options.UniqueNodeId,
                        ["agentsOnThisNode"] = Array.Empty<string>(),
                    });
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("the database does not answer", ex);
        }
    }
}

/// <summary>
/// A read model added by a release is empty on a store that predates it until it is rebuilt from the events. Readiness
/// then says Degraded (still 200: everything else works) and names the command, rather than the IOM cohort quietly
/// showing no one.
/// </summary>
public sealed class ReadModelsBuilt(IDocumentStore store) : IHealthCheck
{
    public const string RebuildIomMembers = "dotnet run --project src/CjsJourney -- projections rebuild -p IomMember";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        try
        {
            await using var session = store.QuerySession();
            var people = await session.Query<Persons.PersonJourney>().CountAsync(p => p.IomEverSelected, cancellationToken);
            var members = await session.Query<Iom.IomMember>().CountAsync(m => m.EverSelected, cancellationToken);
            return members >= people
                ? HealthCheckResult.Healthy("every read model is built")
                : HealthCheckResult.Degraded(
                    $"the IOM member records hold {members} of {people} people ever selected to IOM (a store from before " +
                    $"they existed): run '{RebuildIomMembers}'");
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("the database does not answer", ex);
        }
    }
}
