using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using CjsJourney.Infrastructure;
using CjsJourney.Journeys;
using CjsJourney.Live;
using CjsJourney.Security;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace CjsJourney.Ingestion;

/// <summary>One envelope of a batch, read and checked: the fact, its stream, and what the sender expects.</summary>
public sealed record Submission(int Index, Guid EventId, FactType Type, Fact Fact, string StreamId, long? ExpectedVersion,
    string? CausationId = null)
{
    public string StreamKey => StreamKeys.For(Type.Stream, StreamId);
}

/// <summary>
/// What the store already holds that matters to a batch: its event ids, its streams' versions, and which of the
/// victims and persons it names are already known (identified on a case, or with a record of their own).
/// </summary>
public sealed record StoreState(
    IReadOnlySet<Guid> StoredEventIds,
    IReadOnlyDictionary<string, long> StreamVersions,
    IReadOnlySet<string>? KnownVictims = null,
    IReadOnlySet<string>? KnownPersons = null);

public enum Outcome
{
    Accepted,
    Duplicate,
}

public sealed record SubmissionResult(Guid EventId, Outcome Status, string Stream, string StreamId, long? Version);

/// <summary>The decision on a batch: append these (grouped by stream, in arrival order), or refuse all of it.</summary>
public sealed record IntakeDecision(
    IReadOnlyList<SubmissionResult> Results,
    IReadOnlyList<Submission> ToAppend,
    IReadOnlyDictionary<string, long> ExpectedVersions,
    IReadOnlySet<string> NewStreams,
    IReadOnlyDictionary<string, string[]> BadRequest,
    IReadOnlyDictionary<string, string[]> Conflicts)
{
    public bool Refused => BadRequest.Count > 0 || Conflicts.Count > 0;
}

/// <summary>
/// <c>POST /api/events</c>: partner systems submit facts as a JSON batch of envelope objects,
/// <c>{ eventId, type, occurredAt, source, data, expectedVersion? }</c>. The batch is atomic: every envelope valid →
/// all appended (an eventId already stored is reported <c>duplicate</c> and not appended again); anything invalid →
/// 400 naming the envelope index and field, and nothing is stored.
/// </summary>
public static class SubmitFacts
{
    public const int MaxBatchSize = 1000;

    /// <summary>How far in the future a source clock may be before an occurredAt is refused.</summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    private static readonly string[] EnvelopeFields =
        ["eventId", "type", "occurredAt", "source", "data", "expectedVersion", "causationId"];

    /// <summary>A partner's own id for the batch (or the business process it belongs to), kept on every fact.</summary>
    public const string CorrelationHeader = "X-Correlation-Id";

    [WolverinePost("/api/events", OperationId = "SubmitFacts")]
    [Authorize(Roles = $"{Roles.Agency},{Roles.Admin}")]
    [ProducesResponseType<SubmitResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public static async Task<IResult> Post(HttpRequest request, ClaimsPrincipal user, IDocumentSession session,
        IMessageBus bus, FactCatalogue catalogue, TimeProvider clock, CancellationToken ct)
    {
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest(new Dictionary<string, string[]>
            {
                ["body"] = [$"is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})"],
            });
        }

        using (body)
        {
            var (submissions, errors) = Read(body.RootElement, catalogue, clock.GetUtcNow());
            if (errors.Count > 0)
            {
                return Problems.BadRequest(errors);
            }

            var decision = await DecideAsync(session, submissions, ct);
            if (decision.BadRequest.Count > 0)
            {
                return Problems.BadRequest(decision.BadRequest);
            }

            if (decision.Conflicts.Count > 0)
            {
                return Problems.Conflict(decision.Conflicts);
            }

            session.LastModifiedBy = user.Identity?.Name ?? user.FindFirstValue("sub");
            if (request.Headers[CorrelationHeader] is [{ Length: > 0 and <= 200 } correlationId])
            {
                session.CorrelationId = correlationId;
            }

            Append(session, decision);

            // Held until this transaction commits, then sent: one notice for everything the batch changed.
            await bus.PublishAsync(new ViewsChanged(ChangedViews(decision.ToAppend)));

            return Results.Ok(new SubmitResponse(decision.Results));
        }
    }

    /// <summary>Reads the batch envelope by envelope. Pure: the clock's reading is passed in.</summary>
    public static (IReadOnlyList<Submission> Submissions, IReadOnlyDictionary<string, string[]> Errors) Read(
        JsonElement root, FactCatalogue catalogue, DateTimeOffset now)
    {
        var errors = new ErrorList();
        var submissions = new List<Submission>();

        var batch = root;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("events", out var events))
        {
            batch = events;
        }

        if (batch.ValueKind != JsonValueKind.Array)
        {
            errors.Add("body", "must be a JSON array of event envelopes (or an object with an 'events' array)");
            return (submissions, errors.ToDictionary());
        }

        var count = batch.GetArrayLength();
        if (count == 0)
        {
            errors.Add("body", "the batch is empty");
        }
        else if (count > MaxBatchSize)
        {
            errors.Add("body", $"the batch holds {count} envelopes; at most {MaxBatchSize} are accepted at once");
        }

        var index = 0;
        foreach (var envelope in batch.EnumerateArray())
        {
            if (ReadEnvelope(envelope, index, catalogue, now, errors) is { } submission)
            {
                submissions.Add(submission);
            }

            index++;
        }

        return (submissions, errors.ToDictionary());
    }

    private static Submission? ReadEnvelope(JsonElement envelope, int index, FactCatalogue catalogue,
        DateTimeOffset now, ErrorList errors)
    {
        var at = $"events[{index}]";
        if (envelope.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at, "must be an event envelope object");
            return null;
        }

        var before = errors.Count;
        foreach (var property in envelope.EnumerateObject())
        {
            if (!EnvelopeFields.Contains(property.Name))
            {
                errors.Add($"{at}.{property.Name}", "is not an envelope field (" + string.Join(", ", EnvelopeFields) + ")");
            }
        }

        Guid eventId = default;
        if (Required(envelope, "eventId", at, errors) is { } id &&
            (id.ValueKind != JsonValueKind.String || !Guid.TryParse(id.GetString(), out eventId) || eventId == Guid.Empty))
        {
            errors.Add($"{at}.eventId", "must be a non-empty UUID");
        }

        FactType? type = null;
        if (Required(envelope, "type", at, errors) is { } typeName)
        {
            type = typeName.ValueKind == JsonValueKind.String ? catalogue.Find(typeName.GetString()!) : null;
            if (type is null)
            {
                errors.Add($"{at}.type", $"'{typeName}' is not a known event type; known types: " +
                                         string.Join(", ", catalogue.Types.Select(t => t.Name)));
            }
        }

        DateTimeOffset occurredAt = default;
        if (Required(envelope, "occurredAt", at, errors) is { } occurred)
        {
            if (occurred.ValueKind != JsonValueKind.String || !TryParseInstant(occurred.GetString()!, out occurredAt))
            {
                errors.Add($"{at}.occurredAt", "must be an ISO 8601 instant with an offset, e.g. 2026-03-01T10:15:00Z");
            }
            else if (occurredAt > now + ClockTolerance)
            {
                errors.Add($"{at}.occurredAt", "is in the future");
            }
        }

        Agency source = default;
        if (Required(envelope, "source", at, errors) is { } sourceValue &&
            (sourceValue.ValueKind != JsonValueKind.String || !TryParseAgency(sourceValue.GetString()!, out source)))
        {
            errors.Add($"{at}.source", "must be one of: " +
                                       string.Join(", ", Enum.GetNames<Agency>().Select(JsonNamingPolicy.KebabCaseLower.ConvertName)));
        }

        long? expectedVersion = null;
        if (envelope.TryGetProperty("expectedVersion", out var expected) && expected.ValueKind != JsonValueKind.Null)
        {
            if (expected.ValueKind == JsonValueKind.Number && expected.TryGetInt64(out var v) && v >= 0)
            {
                expectedVersion = v;
            }
            else
            {
                errors.Add($"{at}.expectedVersion", "must be a whole number, 0 or more (the stream's version before this event)");
            }
        }

        string? causationId = null;
        if (envelope.TryGetProperty("causationId", out var causation) && causation.ValueKind != JsonValueKind.Null)
        {
            causationId = causation.ValueKind == JsonValueKind.String ? causation.GetString() : null;
            if (causationId is null or { Length: 0 or > 200 })
            {
                errors.Add($"{at}.causationId", "must be a string of 1 to 200 characters (the id of what caused this fact)");
            }
        }

        var data = Required(envelope, "data", at, errors);
        if (type is null || data is null)
        {
            return null;
        }

        var (fact, dataErrors) = type.Read(data.Value, ApiJson.Options);
        foreach (var error in dataErrors)
        {
            errors.Add(error.Field.Length == 0 ? $"{at}.data" : $"{at}.data.{error.Field}", error.Message);
        }

        if (fact is null || errors.Count > before)
        {
            return null;
        }

        return new Submission(index, eventId, type, fact with { OccurredAt = occurredAt, Source = source },
            type.StreamIdOf(fact), expectedVersion, causationId);
    }

    /// <summary>
    /// Decides a well-formed batch against what is stored: duplicates are reported, not appended; a fact whose
    /// stream does not exist is refused unless its type (or an earlier fact in the batch) opens it; a stream-opening
    /// fact on an existing stream and a stale expectedVersion are conflicts. Pure.
    /// </summary>
    public static IntakeDecision Decide(IReadOnlyList<Submission> submissions, StoreState store)
    {
        var bad = new ErrorList();
        var conflicts = new ErrorList();
        var results = new List<SubmissionResult>();
        var toAppend = new List<Submission>();
        var seenIds = new HashSet<Guid>();
        var versions = new Dictionary<string, long>(store.StreamVersions, StringComparer.Ordinal);
        var newStreams = new HashSet<string>(StringComparer.Ordinal);
        var versionBefore = new Dictionary<string, long>(StringComparer.Ordinal);
        var pinned = new HashSet<string>(StringComparer.Ordinal);
        var knownVictims = new HashSet<string>(store.KnownVictims ?? new HashSet<string>(), StringComparer.Ordinal);
        var knownPersons = new HashSet<string>(store.KnownPersons ?? new HashSet<string>(), StringComparer.Ordinal);

        foreach (var s in submissions)
        {
            var at = $"events[{s.Index}]";
            var stream = s.Type.Stream.ToString().ToLowerInvariant();
            if (store.StoredEventIds.Contains(s.EventId) || !seenIds.Add(s.EventId))
            {
                results.Add(new SubmissionResult(s.EventId, Outcome.Duplicate, stream, s.StreamId, null));
                continue;
            }

            var exists = versions.TryGetValue(s.StreamKey, out var version);
            if (RefuseForStream(s, exists, knownVictims, knownPersons) is { } refusal)
            {
                (refusal.Conflict ? conflicts : bad).Add($"{at}.data.{refusal.Field}", refusal.Message);
                continue;
            }

            if (s.ExpectedVersion is { } expected)
            {
                if (expected != version)
                {
                    conflicts.Add($"{at}.expectedVersion",
                        $"{stream} '{s.StreamId}' is at version {version}, not {expected}; re-read it and resubmit");
                    continue;
                }

                pinned.Add(s.StreamKey);
            }

            if (!exists)
            {
                newStreams.Add(s.StreamKey);
            }

            versionBefore.TryAdd(s.StreamKey, version);
            versions[s.StreamKey] = version + 1;
            toAppend.Add(s);
            results.Add(new SubmissionResult(s.EventId, Outcome.Accepted, stream, s.StreamId, version + 1));
            Learn(s.Fact, knownVictims, knownPersons);
        }

        // Streams the sender pinned with expectedVersion are checked again at commit (Marten's optimistic
        // concurrency), so a concurrent writer between our read and our commit still gets a 409. Others take
        // concurrent appends: facts from different agencies about one case arrive independently.
        var expectedVersions = pinned.Where(key => !newStreams.Contains(key))
            .ToDictionary(key => key, key => versionBefore[key], StringComparer.Ordinal);

        return new IntakeDecision(results, toAppend, expectedVersions, newStreams, bad.ToDictionary(),
            conflicts.ToDictionary());

    }

    private sealed record Refusal(string Field, string Message, bool Conflict = false);

    /// <summary>Why a fact cannot go on its stream now, if it cannot: the stream's rules for its kind.</summary>
    private static Refusal? RefuseForStream(Submission s, bool exists, HashSet<string> knownVictims,
        HashSet<string> knownPersons)
    {
        switch (s.Type.Stream)
        {
            case StreamKind.Case when s.Type.StartsStream && exists:
                return new Refusal("urn", $"case '{s.StreamId}' already exists; {s.Type.Name} opens a new case", Conflict: true);
            case StreamKind.Case when !s.Type.StartsStream && !exists:
                return new Refusal("urn", $"case '{s.StreamId}' does not exist; it must first be opened by CrimeReported");
            case StreamKind.Victim when !knownVictims.Contains(s.StreamId):
                return new Refusal("victimId", $"victim '{s.StreamId}' is not known; identify the victim on a case " +
                                               "first (VictimIdentified)");
            case StreamKind.Person when !knownPersons.Contains(s.StreamId) && s.Fact is not IIntroducesPerson:
                return new Refusal("personId", $"person '{s.StreamId}' is not known; name them on a case first " +
                                               "(SuspectIdentified, SuspectArrested, SuspectCharged …) or link an identifier (IdentifierLinked)");
            case StreamKind.Person when s.Fact is Persons.PersonRecordsMerged m && !knownPersons.Contains(m.MergedPersonId):
                return new Refusal("mergedPersonId", $"person '{m.MergedPersonId}' is not known, so cannot be merged");
            default:
                return null;
        }
    }

    /// <summary>A fact accepted earlier in the batch can make a victim or person known to the facts after it.</summary>
    private static void Learn(Fact fact, HashSet<string> knownVictims, HashSet<string> knownPersons)
    {
        knownVictims.UnionWith(Victims.VictimJourney.VictimIdsOf(fact));
        knownPersons.UnionWith(Persons.PersonJourney.PersonIdsOf(fact));
    }

    /// <summary>
    /// The intake decision against the store as it is: what is already stored is read in two round trips (one batch
    /// query for streams and known people, one for event ids), whatever the batch size. Shared by the HTTP endpoint
    /// and the bulk loaders, so every path into the store keeps the same rules.
    /// </summary>
    public static async Task<IntakeDecision> DecideAsync(IQuerySession session, IReadOnlyList<Submission> submissions,
        CancellationToken ct) =>
        Decide(submissions, await LoadStoreState(session, submissions, ct));

    /// <summary>Appends what a decision accepted (nothing if it refused the batch); the caller commits.</summary>
    public static void Append(IDocumentSession session, IntakeDecision decision)
    {
        if (decision.Refused)
        {
            throw new InvalidOperationException("A refused batch cannot be appended.");
        }

        AppendAccepted(session, decision);
    }

    private static async Task<StoreState> LoadStoreState(IQuerySession session, IReadOnlyList<Submission> submissions,
        CancellationToken ct)
    {
        var ids = submissions.Select(s => s.EventId).Distinct().ToArray();
        var keys = submissions.Select(s => s.StreamKey).Distinct(StringComparer.Ordinal).ToList();

        var victimIds = submissions.Where(s => s.Type.Stream == StreamKind.Victim).Select(s => s.StreamId).Distinct().ToArray();
        var personIds = submissions.Where(s => s.Type.Stream == StreamKind.Person)
            .SelectMany(s => Persons.PersonJourney.PersonIdsOf(s.Fact)).Distinct().ToArray();

        var batch = session.CreateBatchQuery();
        var states = keys.Select(key => batch.Events.FetchStreamState(key)).ToList();
        var victims = batch.Query<Victims.VictimJourney>().Where(v => victimIds.Contains(v.Id)).Select(v => v.Id).ToList();
        var persons = batch.Query<Persons.PersonJourney>().Where(p => personIds.Contains(p.Id)).Select(p => p.Id).ToList();
        await batch.Execute(ct);

        var stored = await session.Events.QueryAllRawEvents()
            .Where(e => ids.Contains(e.Id))
            .Select(e => e.Id)
            .ToListAsync(ct);

        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var state in states)
        {
            if (await state is { } s)
            {
                versions[s.Key!] = s.Version;
            }
        }

        return new StoreState(stored.ToHashSet(), versions, (await victims).ToHashSet(StringComparer.Ordinal),
            (await persons).ToHashSet(StringComparer.Ordinal));
    }

    private static void AppendAccepted(IDocumentSession session, IntakeDecision decision)
    {
        foreach (var stream in decision.ToAppend.GroupBy(s => s.StreamKey, StringComparer.Ordinal))
        {
            var events = stream.Select(s =>
            {
                // The partner's eventId is the event's id: a unique index makes a second copy impossible.
                var e = session.Events.BuildEvent(s.Fact);
                e.Id = s.EventId;
                e.CausationId = s.CausationId;
                return (object)e;
            }).ToArray();

            if (decision.NewStreams.Contains(stream.Key))
            {
                session.Events.StartStream(stream.Key, events);
            }
            else if (decision.ExpectedVersions.TryGetValue(stream.Key, out var before))
            {
                session.Events.Append(stream.Key, before + events.Length, events);
            }
            else
            {
                session.Events.Append(stream.Key, events);
            }
        }
    }

    /// <summary>Every read model a batch changed, once each: the small notices live clients re-read on.</summary>
    public static IReadOnlyList<ViewChanged> ChangedViews(IEnumerable<Submission> appended) => appended
        .SelectMany(s => (IEnumerable<ViewChanged>)
        [
            .. s.Type.Stream == StreamKind.Case ? [new ViewChanged(LiveViews.Case, s.StreamId)] : Array.Empty<ViewChanged>(),
            .. Victims.VictimJourney.VictimIdsOf(s.Fact).Select(id => new ViewChanged(LiveViews.Victim, id)),
            .. Persons.PersonJourney.PersonIdsOf(s.Fact).Select(id => new ViewChanged(LiveViews.Person, id)),
            .. Witnesses.WitnessJourney.WitnessIdsOf(s.Fact).Select(id => new ViewChanged(LiveViews.Witness, id)),
            // The cohort view is built from people's records: any change to a person may move its figures.
            .. Persons.PersonJourney.PersonIdsOf(s.Fact).Take(1).Select(_ => new ViewChanged(LiveViews.IomCohort, null)),
        ])
        .Distinct()
        .ToList();

    private static JsonElement? Required(JsonElement envelope, string name, string at, ErrorList errors)
    {
        if (envelope.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        errors.Add($"{at}.{name}", "is required");
        return null;
    }

    private static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        // An instant must say its offset: "2026-03-01T10:15:00" alone is ambiguous across BST/GMT.
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') ||
                        (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant) &&
               hasOffset && text.Contains('T', StringComparison.Ordinal);
    }

    private static bool TryParseAgency(string text, out Agency agency)
    {
        foreach (var candidate in Enum.GetValues<Agency>())
        {
            if (string.Equals(JsonNamingPolicy.KebabCaseLower.ConvertName(candidate.ToString()), text,
                    StringComparison.OrdinalIgnoreCase))
            {
                agency = candidate;
                return true;
            }
        }

        agency = default;
        return false;
    }
}

public sealed record SubmitResponse(IReadOnlyList<SubmissionResult> Results);

/// <summary>Collects field errors in the order found, several per field allowed.</summary>
internal sealed class ErrorList
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public int Count => _errors.Count;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
