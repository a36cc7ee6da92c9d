using CjsJourney.Journeys;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace CjsJourney.Ingestion;

public sealed record CatalogueEntry(string Type, string Stream, string KeyField, bool OpensStream,
    IReadOnlyList<FieldDescription> Fields);

/// <summary>
/// <c>GET /api/events/catalogue</c>: every fact type a partner may submit, the stream it goes on and its fields, read
/// from the same schema that checks submissions (so it cannot drift from what is accepted).
/// </summary>
public static class GetCatalogue
{
    [WolverineGet("/api/events/catalogue", OperationId = "GetEventCatalogue")]
    [ProducesResponseType<IReadOnlyList<CatalogueEntry>>(StatusCodes.Status200OK)]
    public static IReadOnlyList<CatalogueEntry> Get(FactCatalogue catalogue) =>
        catalogue.Types
            .Select(t => new CatalogueEntry(t.Name, t.Stream.ToString().ToLowerInvariant(), t.KeyField, t.StartsStream, t.Fields))
            .ToList();
}
