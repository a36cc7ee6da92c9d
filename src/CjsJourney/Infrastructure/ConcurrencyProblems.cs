using JasperFx.Events;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace CjsJourney.Infrastructure;

/// <summary>
/// Commit-time conflicts become 409 ProblemDetails: a stream moved past the version the sender expected, a stream
/// opened twice, or the same eventId committed by a concurrent request. Nothing of the request was stored.
/// </summary>
public sealed class ConcurrencyProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception,
        CancellationToken cancellationToken)
    {
        var detail = Describe(exception);
        if (detail is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The request conflicts with a concurrent change; nothing was stored.",
                Detail = detail,
            },
        });
    }

    private static string? Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case JasperFx.ConcurrencyException:
                    return "A stream changed after it was read: re-read it and resubmit. " + e.Message;
                case ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException:
                    return "That stream was opened by another request at the same moment. " + e.Message;
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg:
                    return "A fact with the same id was stored by a concurrent request; resubmit to see it as a duplicate. " +
                           pg.ConstraintName;
            }
        }

        return null;
    }
}
