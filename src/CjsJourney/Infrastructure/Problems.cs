using Microsoft.AspNetCore.Http.HttpResults;

namespace CjsJourney.Infrastructure;

/// <summary>RFC 9457 problem responses that name each offending field, as partner systems need to fix a submission.</summary>
public static class Problems
{
    public static IResult BadRequest(IReadOnlyDictionary<string, string[]> errors) =>
        Of(StatusCodes.Status400BadRequest, "The request was not accepted; nothing was stored.", errors);

    public static IResult Conflict(IReadOnlyDictionary<string, string[]> errors) =>
        Of(StatusCodes.Status409Conflict, "The request conflicts with what is already stored; nothing was stored.", errors);

    public static IResult BadRequest(string field, string message) =>
        BadRequest(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult Of(int status, string title, IReadOnlyDictionary<string, string[]> errors)
    {
        var (field, messages) = errors.First();
        return TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = status,
            Title = title,
            // The first problem in words, so a log line or a human reading the response sees the field at once.
            Detail = $"{field}: {messages[0]}" + (errors.Count > 1 ? $" (and {errors.Count - 1} more)" : ""),
        });
    }
}
