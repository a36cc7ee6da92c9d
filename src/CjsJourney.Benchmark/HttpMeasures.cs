using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CjsJourney.Journeys;
using CjsJourney.Live;
using CjsJourney.Seeding;
using Microsoft.AspNetCore.SignalR.Client;

namespace CjsJourney.Benchmark;

/// <summary>The service measured from outside, as partners, Board members and auditors use it.</summary>
public sealed class HttpMeasures(Uri address, Func<string, string> tokenFor)
{
    private static readonly JsonSerializerOptions Json = ApiJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public HttpClient Client(string role)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokenFor(role));
        return client;
    }

    /// <summary>A fact as a partner sends it.</summary>
    public static JsonObject Envelope(Guid eventId, Fact fact)
    {
        var data = JsonSerializer.SerializeToNode(fact, fact.GetType(), Json)!.AsObject();
        data.Remove("occurredAt");
        data.Remove("source");
        foreach (var empty in data.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            data.Remove(empty);
        }

        return new JsonObject
        {
            ["eventId"] = eventId.ToString(),
            ["type"] = fact.GetType().Name,
            ["occurredAt"] = fact.OccurredAt.ToString("O"),
            ["source"] = JsonNamingPolicy.KebabCaseLower.ConvertName(fact.Source.ToString()),
            ["data"] = data,
        };
    }

    /// <summary>Partners' batches of 100 through POST /api/events, several partners at once; events per second overall.</summary>
    public async Task<(double EventsPerSecond, int Events)> IngestBatchesAsync(int seedBase, int workers, int casesPerWorker)
    {
        var end = DateTimeOffset.UtcNow.AddMinutes(-1);
        var batches = Enumerable.Range(0, workers)
            .Select(w => SyntheticJourneys.Generate(seedBase + w, casesPerWorker, end, TimeSpan.FromDays(60))
                .Select(f => Envelope(f.EventId, f.Fact)).Chunk(100).ToList())
            .ToList();
        var total = batches.Sum(b => b.Sum(c => c.Length));
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(batches.Select(async mine =>
        {
            using var agency = Client("agency");
            foreach (var batch in mine)
            {
                var response = await agency.PostAsJsonAsync("/api/events", new JsonArray(batch.Cast<JsonNode?>().ToArray()));
                response.EnsureSuccessStatusCode();
            }
        }));
        return (total / watch.Elapsed.TotalSeconds, total);
    }

    /// <summary>Single-event posts at a fixed rate: request latency percentiles.</summary>
    public async Task<IReadOnlyList<double>> SingleEventLatencyAsync(int perSecond, TimeSpan duration)
    {
        using var agency = Client("agency");
        var latencies = new ConcurrentBag<double>();
        var pending = new List<Task>();
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < duration; i++)
        {
            var due = interval * i;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed); // pacing the offered load, not waiting for a result
            }

            var envelope = Envelope(Guid.NewGuid(), NewCrime($"BENCH-S-{Guid.NewGuid():N}"));
            pending.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                var response = await agency.PostAsJsonAsync("/api/events", new JsonArray(envelope));
                response.EnsureSuccessStatusCode();
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }));
        }

        await Task.WhenAll(pending);
        return latencies.ToList();
    }

    /// <summary>
    /// A sustained load of new cases (batches of 50, <paramref name="perSecond"/> events a second) with a SignalR client
    /// following a sample of them: from the POST being sent to the "changed" notice arriving.
    /// </summary>
    public async Task<IReadOnlyList<double>> CommitToPushLatencyAsync(int perSecond, TimeSpan duration)
    {
        const int batchSize = 50;
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(address, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(tokenFor("agency")))
            .Build();
        var sentAt = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<double>();
        hub.On<ViewChanged>(ViewChangedHandler.ClientMethod, m =>
        {
            if (m.Key is { } key && sentAt.TryRemove(key, out var sent))
            {
                latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
        });
        await hub.StartAsync();

        using var agency = Client("agency");
        var batchesPerSecond = Math.Max(1, perSecond / batchSize);
        var interval = TimeSpan.FromSeconds(1.0 / batchesPerSecond);
        var pending = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < duration; i++)
        {
            var urns = Enumerable.Range(0, batchSize).Select(_ => $"BENCH-P-{Guid.NewGuid():N}").ToList();
            // Follow five cases of each batch (joining every one would measure the joins, not the pushes).
            var followed = urns.Take(5).ToList();
            foreach (var urn in followed)
            {
                await hub.InvokeAsync("Join", LiveViews.Case, urn);
            }

            var due = interval * i;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var batch = new JsonArray(urns.Select(u => (JsonNode?)Envelope(Guid.NewGuid(), NewCrime(u))).ToArray());
            var sent = Stopwatch.GetTimestamp();
            foreach (var urn in followed)
            {
                sentAt[urn] = sent;
            }

            pending.Add(agency.PostAsJsonAsync("/api/events", batch).ContinueWith(t => t.Result.EnsureSuccessStatusCode(), TaskScheduler.Default));
        }

        await Task.WhenAll(pending);
        var settle = Stopwatch.StartNew();
        while (!sentAt.IsEmpty && settle.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50); // the last notices are in flight; stop after 10 s and count the missing ones
        }

        if (!sentAt.IsEmpty)
        {
            Console.WriteLine($"  {sentAt.Count} followed cases never got a notice");
        }

        return latencies.ToList();
    }

    /// <summary>A 50-fact case replayed as at an instant half way through its history, as an auditor would.</summary>
    public async Task<IReadOnlyList<double>> ReplayLatencyAsync(int requests)
    {
        var urn = $"BENCH-R-{Guid.NewGuid():N}";
        var start = DateTimeOffset.UtcNow.AddDays(-40);
        using var agency = Client("agency");
        var facts = new List<JsonObject> { Envelope(Guid.NewGuid(), NewCrime(urn, start)) };
        facts.AddRange(Enumerable.Range(1, 49).Select(i => Envelope(Guid.NewGuid(),
            new Cases.OutcomeRecorded(urn, $"update {i}") { OccurredAt = start.AddHours(i), Source = Agency.Police })));
        (await agency.PostAsJsonAsync("/api/events", new JsonArray(facts.Take(25).Cast<JsonNode?>().ToArray()))).EnsureSuccessStatusCode();
        await Task.Delay(50); // two recorded instants apart, so "half way" is a real point in time between them
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        (await agency.PostAsJsonAsync("/api/events", new JsonArray(facts.Skip(25).Cast<JsonNode?>().ToArray()))).EnsureSuccessStatusCode();

        using var auditor = Client("auditor");
        var url = $"/api/cases/{urn}/history?asAt={Uri.EscapeDataString(between.ToString("O"))}";
        var check = await auditor.GetFromJsonAsync<JsonObject>(url);
        if (check!["facts"]!.AsArray().Count != 25)
        {
            throw new InvalidOperationException("The replay did not return the 25 facts known at the instant.");
        }

        return await TimeAsync(auditor, url, requests);
    }

    public static async Task<IReadOnlyList<double>> TimeAsync(HttpClient client, string url, int requests, int warmUp = 5)
    {
        for (var i = 0; i < warmUp; i++)
        {
            (await client.GetAsync(new Uri(url, UriKind.Relative))).EnsureSuccessStatusCode();
        }

        var latencies = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return latencies;
    }

    private static Cases.CrimeReported NewCrime(string urn, DateTimeOffset? at = null)
    {
        var when = at ?? DateTimeOffset.UtcNow.AddMinutes(-2);
        return new Cases.CrimeReported(urn, "Theft from the person", Cases.OffenceCategory.TheftFromThePerson, [],
            Cases.CspArea.Cambridge, when)
        {
            OccurredAt = when,
            Source = Agency.Police,
        };
    }
}
