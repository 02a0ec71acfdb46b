using FollowUp.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace FollowUp.SelfHost.Hosting;

/// <summary>
/// Storage that does not answer is a 503 the caller can retry on every route, not a 500: every write before the
/// failure is one a retry of the same request completes or repeats harmlessly.
/// </summary>
internal sealed class StorageUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        if (!StorageFailure.Is(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage is unavailable. Try again: a retry completes what was started.",
                Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
                Detail = $"Table Storage answered {StorageFailure.StatusOf(exception)}.",
            },
        }).ConfigureAwait(false);
    }
}
