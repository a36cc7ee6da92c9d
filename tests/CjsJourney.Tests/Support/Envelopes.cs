using System.Text.Json.Nodes;

namespace CjsJourney.Tests.Support;

/// <summary>Builds submissions the way a partner system would send them: plain JSON.</summary>
public static class Envelopes
{
    public static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    public static JsonObject Of(string type, object data, DateTimeOffset? occurredAt = null, string source = "police",
        Guid? eventId = null, long? expectedVersion = null)
    {
        var envelope = new JsonObject
        {
            ["eventId"] = (eventId ?? Guid.NewGuid()).ToString(),
            ["type"] = type,
            ["occurredAt"] = (occurredAt ?? Monday).ToString("O"),
            ["source"] = source,
            ["data"] = data as JsonNode ?? JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(data)),
        };
        if (expectedVersion is not null)
        {
            envelope["expectedVersion"] = expectedVersion;
        }

        return envelope;
    }

    public static JsonArray Batch(params JsonObject[] envelopes) => new(envelopes.Cast<JsonNode?>().ToArray());

    public static JsonObject CrimeReported(string urn, DateTimeOffset? at = null, string area = "fenland",
        string category = "burglary-residential", string[]? flags = null) =>
        Of("CrimeReported", new JsonObject
        {
            ["urn"] = urn,
            ["offence"] = "Burglary of a dwelling",
            ["offenceCategory"] = category,
            ["flags"] = new JsonArray((flags ?? []).Select(f => (JsonNode?)f).ToArray()),
            ["area"] = area,
            ["reportedAt"] = (at ?? Monday).ToString("O"),
        }, at);

    public static JsonObject SuspectCharged(string urn, string personId = "P-1001", DateTimeOffset? at = null,
        long? expectedVersion = null) =>
        Of("SuspectCharged", new JsonObject
        {
            ["urn"] = urn,
            ["personId"] = personId,
            ["charges"] = new JsonArray(new JsonObject { ["offence"] = "Burglary dwelling and theft", ["offenceCode"] = "TH68001" }),
            ["firstHearing"] = new JsonObject { ["court"] = "Peterborough Magistrates' Court", ["date"] = "2026-12-04" },
        }, at ?? Monday.AddDays(10), expectedVersion: expectedVersion);

    public static string NewUrn() => "35CJ" + Random.Shared.Next(1_000_000, 9_999_999);
}
