using FollowUp.Dispatch;
using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Functions;

public sealed class DispatchFunction(MessageDispatcher dispatcher)
{
    /// <summary>
    /// The app setting <c>DispatchSchedule</c>, which the Functions host reads for <c>%DispatchSchedule%</c>: a 6-field
    /// NCRONTAB expression (seconds first). infra/ sets it to every five seconds unless the environment says otherwise;
    /// README, Azure Functions, weighs latency against cost. Finding what is due is one key-range query that reads
    /// nothing due later, so a pass with nothing to send is cheap. The name has no ':' or '__' so that it is the same
    /// as an app setting, an environment variable and a configuration key.
    /// </summary>
    public const string Schedule = "%DispatchSchedule%";

    [Function("Dispatch")]
    public Task DispatchAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        dispatcher.DispatchDueAsync(cancellationToken);
}
