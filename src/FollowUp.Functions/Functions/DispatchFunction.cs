using FollowUp.Dispatch;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

public sealed class DispatchFunction(MessageDispatcher dispatcher)
{
    /// <summary>
    /// Every five seconds (NCRONTAB, whose first field is seconds). Finding what is due is one key-range query that
    /// reads nothing due later, so a pass with nothing to send is cheap.
    /// </summary>
    public const string Schedule = "*/5 * * * * *";

    [Function("Dispatch")]
    public Task DispatchAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        dispatcher.DispatchDueAsync(cancellationToken);
}
