namespace FollowUp.Cli.Tests;

/// <summary>
/// Passes requests to the server, but runs something first when the first write (PUT or DELETE) comes: someone else's
/// edit between the tool's plan and its apply.
/// </summary>
internal sealed class BeforeFirstWrite(HttpMessageHandler server, Func<Task> meanwhile) : DelegatingHandler(server)
{
    private int _fired;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Get && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            await meanwhile();
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
