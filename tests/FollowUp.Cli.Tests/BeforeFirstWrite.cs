using System.Net;
using System.Text;

namespace FollowUp.Cli.Tests;

/// <summary>
/// Passes requests to the server, but runs something first when the first write (PUT or DELETE) comes: someone else's
/// edit between the tool's plan and its apply. With <c>refuseWith</c> it answers that write itself, as a server would
/// that refuses it.
/// </summary>
internal sealed class BeforeFirstWrite(HttpMessageHandler server, Func<Task> meanwhile, HttpStatusCode? refuseWith = null) : DelegatingHandler(server)
{
    private int _fired;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            await meanwhile();
            if (refuseWith is { } status)
            {
                return new HttpResponseMessage(status)
                {
                    RequestMessage = request,
                    Content = new StringContent("""{"title":"The rule is not valid.","status":400,"errors":{"delay":["refused for the test"]}}""", Encoding.UTF8, "application/problem+json"),
                };
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
