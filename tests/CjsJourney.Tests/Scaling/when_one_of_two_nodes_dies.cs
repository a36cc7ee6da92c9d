using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using CjsJourney.Tests.Support;

namespace CjsJourney.Tests.Scaling;

/// <summary>
/// Two real service processes on loopback share one database. Wolverine runs each projection and subscription on one
/// of them; when that process is killed (SIGKILL: no goodbye), the other takes its agents over and projections and
/// scheduled deadline checks carry on.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class when_one_of_two_nodes_dies : IAsyncLifetime
{
    private readonly List<Node> _nodes = [];
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync();
        // One node first (it creates the schema and takes every agent), then a second beside it.
        _nodes.Add(await Node.StartAsync(_connectionString, "a"));
        _nodes.Add(await Node.StartAsync(_connectionString, "b"));
    }

    public Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task projections_and_deadline_checks_continue_on_the_survivor()
    {
        // Kill whichever node runs the agents (both, if they were shared).
        var running = new List<Node>();
        foreach (var node in _nodes)
        {
            if ((await node.AgentsAsync()).Count > 0)
            {
                running.Add(node);
            }
        }

        var victim = running.FirstOrDefault() ?? _nodes[0];
        var survivor = _nodes.Single(n => n != victim);
        victim.Kill();

        var ids = SampleIds.New();
        var arrested = new DateTimeOffset(2026, 1, 12, 10, 0, 0, TimeSpan.Zero); // long past: R6-02's deadline has gone
        using var agency = survivor.Client("agency");
        (await agency.PostAsJsonAsync("/api/events", Envelopes.Batch(
            Envelopes.Of("CrimeReported", SampleFacts.All["CrimeReported"](ids), arrested),
            Envelopes.Of("VictimIdentified", SampleFacts.All["VictimIdentified"](ids), arrested),
            Envelopes.Of("SuspectArrested", new JsonObject { ["urn"] = ids.Urn, ["personId"] = ids.PersonId }, arrested)))).EnsureSuccessStatusCode();

        using var board = survivor.Client("board");
        await Eventually.Holds(async () => (await board.GetFromJsonAsync<JsonArray>("/api/caseload?from=2026-01&to=2026-01"))!.Count,
            months => months == 1, TimeSpan.FromSeconds(120), "the async caseload projection runs on the survivor");
        await Eventually.Holds(async () => (await agency.GetFromJsonAsync<JsonArray>($"/api/victims/{ids.VictimId}/entitlements"))!
                .Any(e => (string)e!["entitlementId"]! == "R6-02" && (string)e["status"]! == "breached"),
            breached => breached, TimeSpan.FromSeconds(120), "the Victims' Code subscription and its durable deadline check run on the survivor");
        Assert.NotEmpty(await survivor.AgentsAsync());
    }

    private sealed class Node : IDisposable
    {
        private readonly Process _process;

        private Node(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<Node> StartAsync(string connectionString, string name)
        {
            var port = FreePort();
            var dll = Path.Combine(RepoRoot(), "src", "CjsJourney", "bin", Configuration(), "net10.0", "CjsJourney.dll");
            var start = new ProcessStartInfo("dotnet", [dll])
            {
                WorkingDirectory = Path.GetDirectoryName(dll)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ConnectionStrings__Marten"] = connectionString;
            start.Environment["Auth__SigningKey"] = ServiceFixture.SigningKeyBase64;
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            // Notice a dead node within seconds rather than the production default.
            start.Environment["Cluster__HealthCheckSeconds"] = "2";
            start.Environment["Cluster__StaleNodeSeconds"] = "6";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var node = new Node(process, new Uri($"http://127.0.0.1:{port}"));
            using var http = new HttpClient { BaseAddress = node.Address };
            await Eventually.Holds(async () =>
            {
                try
                {
                    return (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode;
                }
                catch (HttpRequestException)
                {
                    return HttpStatusCode.ServiceUnavailable;
                }
            }, status => status == HttpStatusCode.OK || process.HasExited, TimeSpan.FromSeconds(120), $"node {name} ready");
            return process.HasExited ? throw new InvalidOperationException($"node {name} exited with {process.ExitCode}") : node;
        }

        public HttpClient Client(string role)
        {
            var client = new HttpClient { BaseAddress = Address };
            client.DefaultRequestHeaders.Authorization = new("Bearer", ServiceFixture.TokenFor(role));
            return client;
        }

        public async Task<IReadOnlyList<string>> AgentsAsync()
        {
            using var http = new HttpClient { BaseAddress = Address };
            var report = await http.GetFromJsonAsync<JsonObject>("/health/ready");
            return report!["checks"]!["event-store"]!["data"]!["agentsOnThisNode"]!.AsArray().Select(a => (string)a!).ToList();
        }

        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static string Configuration() =>
            AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? "Release"
                : "Debug";

        private static string RepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CjsJourney.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("CjsJourney.sln not found above the test binaries");
        }
    }
}

/// <summary>Tests that start whole service processes run on their own, not competing with the rest for two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloCollection
{
    public const string Name = "solo";
}
