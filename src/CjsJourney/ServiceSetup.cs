using CjsJourney.Cases;
using CjsJourney.Infrastructure;
using CjsJourney.Journeys;
using CjsJourney.Live;
using CjsJourney.Security;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using JasperFx.Resources;
using Marten;
using Weasel.Core;
using Wolverine;
using Wolverine.Http;
using Wolverine.ErrorHandling;
using Wolverine.Marten;

namespace CjsJourney;

/// <summary>The composition of the service: event store, messaging, HTTP, security, live push, health.</summary>
public static class ServiceSetup
{
    public const string SchemaConfigKey = "EventStore:Schema";

    public static WebApplicationBuilder AddCjsJourney(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var connectionString = configuration.GetConnectionString(Database.ConnectionStringName) ?? "";
        var schema = configuration[SchemaConfigKey] ?? "cjs";

        builder.Services.AddSingleton(TimeProvider.System);
        var catalogue = FactCatalogue.FromAssembly(typeof(Fact).Assembly);
        builder.Services.AddSingleton(catalogue);
        builder.Services.AddSingleton(Compliance.WorkingDays.EnglandAndWales);
        builder.Services.AddSingleton<Compliance.VictimsCode>();
        // The Code's data names trigger conditions ("bail-hearing"); their implementations are found by scanning.
        builder.Services.Scan(scan => scan.FromAssemblyOf<Compliance.ITriggerCondition>()
            .AddClasses(classes => classes.AssignableTo<Compliance.ITriggerCondition>())
            .As<Compliance.ITriggerCondition>()
            .WithSingletonLifetime());

        builder.Services.AddMarten(opts =>
            {
                opts.Connection(connectionString);
                opts.DatabaseSchemaName = schema;
                opts.Events.DatabaseSchemaName = schema;
                // Nulls are not stored: read models are mostly unset optional fields, and every byte of a document is
                // unpacked, sent and parsed on each read and rewritten on each change (a missing field reads as null).
                opts.UseSystemTextJsonForSerialization(EnumStorage.AsString,
                    configure: json => json.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);

                // Timestamps ("recorded at") are set by the service as it appends, so inline projections and the stored
                // events agree on them exactly; sequences are still assigned by the database.
                opts.Events.AppendMode = EventAppendMode.Quick;

                // Streams are keyed by URN, victim id or person id; the partner's eventId is the event id.
                opts.Events.StreamIdentity = StreamIdentity.AsString;
                opts.Events.EnableUniqueIndexOnEventId = true;
                opts.Events.MetadataConfig.CorrelationIdEnabled = true;
                opts.Events.MetadataConfig.CausationIdEnabled = true;
                opts.Events.MetadataConfig.HeadersEnabled = true;
                opts.Events.MetadataConfig.UserNameEnabled = true;

                // Async projections wake on NOTIFY instead of polling, so live views follow commits in milliseconds.
                opts.Events.UseListenNotifyForEventAppends = true;

                // Events read per page by the daemon (async projections and every rebuild): a case's or a victim's events
                // are spread over months of the log, so larger pages mean each document is rewritten less often. 20,000
                // rebuilt 58% faster than Marten's default of 500 in a 300k-event benchmark run.
                var page = configuration.GetValue("Projections:PageSize", 20_000);
                void Paged(AsyncOptions o) => o.BatchSize = page;
                opts.Projections.Add<CaseSummaryProjection>(ProjectionLifecycle.Inline, Paged);
                opts.Projections.Add<Victims.VictimJourneyProjection>(ProjectionLifecycle.Inline, Paged);
                opts.Projections.Add<Witnesses.WitnessJourneyProjection>(ProjectionLifecycle.Inline, Paged);
                opts.Projections.Add<Persons.PersonJourneyProjection>(ProjectionLifecycle.Inline, Paged);
                opts.Projections.Add<Iom.IomMemberProjection>(ProjectionLifecycle.Inline, Paged);
                opts.Projections.Add<Auditing.HistoryReadProjection>(ProjectionLifecycle.Inline, Paged);
                opts.Projections.Add<Compliance.EntitlementRecordProjection>(ProjectionLifecycle.Inline, Paged);
                opts.Projections.Add<Compliance.ComplianceBucketProjection>(ProjectionLifecycle.Async, Paged);
                opts.Projections.Add<Oocd.OocdRegisterProjection>(ProjectionLifecycle.Inline, Paged);
                opts.Projections.Add<Oocd.ScrutinySampleProjection>(ProjectionLifecycle.Inline, Paged);
                opts.Schema.For<Oocd.OocdRegisterEntry>().Index(x => x.OfferedOn);
                opts.Schema.For<Persons.PersonJourney>().Duplicate(x => x.IomEverSelected);
                opts.Schema.For<Iom.IomMember>()
                    .Duplicate(x => x.EverSelected)
                    .Duplicate(x => x.Active)
                    .Duplicate(x => x.LastDecisionAt)
                    .Duplicate(x => x.Merged);
                // The worklist filters on status and agency and pages by due: real columns, and one index on (status, due)
                // so counting and paging the open ones never walks the millions already settled.
                opts.Schema.For<Compliance.EntitlementRecord>()
                    .Index(x => x.VictimId)
                    .Duplicate(x => x.Status)
                    .Duplicate(x => x.DueUtc)
                    .Duplicate(x => x.Responsible);
                opts.Policies.ForAllDocuments(mapping =>
                {
                    if (mapping.DocumentType == typeof(Compliance.EntitlementRecord))
                    {
                        mapping.AddIndex("status", "due_utc");
                    }
                });
                opts.Schema.For<Compliance.ComplianceBucket>().Index(x => x.Month);
                // What an IOM record needs of each of a member's cases, readable without unpacking the case's document.
                opts.Schema.For<CaseSummary>()
                    .Duplicate(x => x.ReportedAtUtc)
                    .Duplicate(x => x.OffenceCategory);
                opts.Projections.Add<CaseloadProjection>(ProjectionLifecycle.Async, Paged);
            })
            .UseLightweightSessions()
            // Wolverine elects one node to run each async projection (works on one node or many; never HotCold,
            // which needs the patched advisory-lock package: see README, Dependencies).
            .IntegrateWithWolverine(integration => integration.UseWolverineManagedEventSubscriptionDistribution = true)
            // The Victims' Code judge sees the facts its rules name, one at a time in the order they were recorded.
            .ProcessEventsWithWolverineHandlersInStrictOrder(Compliance.VictimsCodeHandler.SubscriptionName, subscription =>
            {
                foreach (var fact in Compliance.VictimsCode.FactsReferenced())
                {
                    subscription.IncludeType(catalogue.Find(fact)!.ClrType);
                }
            })
            // Each out-of-court disposal condition gets a durable overdue check at the end of its due date.
            .ProcessEventsWithWolverineHandlersInStrictOrder(Oocd.OocdConditionSetHandler.SubscriptionName,
                subscription => subscription.IncludeType<Persons.OocdConditionSet>())
            .ApplyAllDatabaseChangesOnStartup();

        builder.Host.UseWolverine(opts =>
        {
            opts.Policies.AutoApplyTransactions();
            // A judgement and a deadline check on the same victim at once: the loser re-reads and tries again. After a
            // bulk load many checks on one victim fall due together, so a check that keeps losing is rescheduled
            // (durably) rather than dropped.
            opts.OnException<JasperFx.ConcurrencyException>()
                .RetryWithCooldown(TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250),
                    TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1))
                .Then.ScheduleRetry(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2));
            // A clock check that finds its flag already raised by a redelivered twin: nothing left to do.
            opts.OnException<Marten.Exceptions.ExistingStreamIdCollisionException>().Discard();
            opts.Policies.UseDurableLocalQueues();
            opts.RouteLiveNotices();
            // Victims' Code deadline checks are durable scheduled messages: look for due ones every second.
            opts.Durability.ScheduledJobPollingTime = TimeSpan.FromSeconds(1);
            // Several nodes on one database: how soon a dead node's agents (projections, subscriptions) move elsewhere.
            if (configuration.GetValue<int?>("Cluster:HealthCheckSeconds") is { } healthCheck)
            {
                opts.Durability.HealthCheckPollingTime = TimeSpan.FromSeconds(healthCheck);
            }

            if (configuration.GetValue<int?>("Cluster:StaleNodeSeconds") is { } stale)
            {
                opts.Durability.StaleNodeTimeout = TimeSpan.FromSeconds(stale);
            }
            opts.Services.AddResourceSetupOnStartup();
        });

        builder.Services.AddWolverineHttp();
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(
                System.Text.Json.JsonNamingPolicy.KebabCaseLower)));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ConcurrencyProblems>();
        builder.Services.AddOpenApi();

        var signingKey = SigningKey.Resolve(configuration, allowLocal: Database.IsEmbedded(configuration));
        builder.Services.AddCjsAuthentication(signingKey, configuration);
        builder.Services.AddSingleton(new Dashboards.DashboardSettings(
            LocalSignIn: configuration.GetValue<bool?>("Auth:LocalSignIn") ?? (Database.IsEmbedded(configuration) && OidcSettings.From(configuration) is null),
            OpenIdConnect: OidcSettings.From(configuration) is not null));
        builder.Services.AddRazorPages(pages => pages.RootDirectory = "/Dashboards");
        builder.Services.AddLiveViews();
        builder.Services.AddCjsHealthChecks();

        // Local mode: a first start on an empty store loads the demo partnership (Demo:Seed=false to start empty).
        if (Database.IsEmbedded(configuration) && configuration.GetValue("Demo:Seed", true))
        {
            builder.Services.AddHostedService<Seeding.DemoSeeding>();
        }
        return builder;
    }

    public static WebApplication UseCjsJourney(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();

        // Inconsistent rule data stops the service at start-up, not at the first judgement.
        _ = app.Services.GetRequiredService<Compliance.VictimsCode>();

        app.MapCjsHealthChecks();
        app.MapOpenApi();
        app.MapWolverineEndpoints();
        app.MapHub<LiveHub>("/hubs/live");
        app.MapRazorPages();

        if (Database.IsEmbedded(app.Configuration))
        {
            app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
                "Local mode: tokens are signed with the key in {KeyFile}. Get one with: " +
                "dotnet run --project src/CjsJourney -- token --role agency --name \"Your Name\"  " +
                "(roles: {Roles}). Listening on {Urls}; ready at /health/ready.",
                SigningKey.LocalKeyPath(app.Configuration), string.Join(", ", Roles.All),
                string.Join(", ", app.Urls)));
        }

        return app;
    }
}
