using FollowUp.Dispatch;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FollowUp.Functions;

/// <summary>
/// Dispatch spread over the app's instances: the timer plans what is due and hands it out as batches on a Storage
/// queue, and every instance the queue scales out to sends the batches it takes. A batch is a hint, not a claim: each
/// message is still claimed before it is sent, so a batch handed out twice costs a look, never a second mail.
/// </summary>
public sealed partial class DispatchFunction(MessageDispatcher dispatcher, ILogger<DispatchFunction> logger)
{
    /// <summary>
    /// The app setting <c>DispatchSchedule</c>, which the Functions host reads for <c>%DispatchSchedule%</c>: a 6-field
    /// NCRONTAB expression (seconds first). infra/ sets it to every five seconds unless the environment says otherwise;
    /// README, Azure Functions, weighs latency against cost. Finding what is due is one read of the directory and one
    /// query per partition due, never a read of what is due later, so a pass with nothing to send is cheap. The name has
    /// no ':' or '__' so that it is the same as an app setting, an environment variable and a configuration key.
    /// </summary>
    public const string Schedule = "%DispatchSchedule%";

    /// <summary>The queue the timer hands batches out on; infra/app/storage.bicep creates it and its poison queue.</summary>
    public const string Queue = "dispatch-batches";

    /// <summary>
    /// The connection both bindings use: <c>DispatchQueue__queueServiceUri</c>, <c>__credential</c> and <c>__clientId</c>
    /// in Azure (the app's identity, as for AzureWebJobsStorage), a connection string under <c>DispatchQueue</c> locally.
    /// Its own name rather than AzureWebJobsStorage, so that the queue can move to another account without touching the host's.
    /// </summary>
    public const string Connection = "DispatchQueue";

    /// <summary>Each string returned is one queue message: one batch, in <see cref="DispatchBatch.ToJson"/>'s form.</summary>
    [Function("Dispatch")]
    [QueueOutput(Queue, Connection = Connection)]
    public async Task<string[]> DispatchAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var batches = await dispatcher.PlanAsync(cancellationToken).ConfigureAwait(false);
        return [.. batches.Select(batch => batch.ToJson())];
    }

    /// <summary>
    /// Sends one batch. A storage failure is left to throw: the queue shows the message again after host.json's
    /// visibilityTimeout, and after maxDequeueCount (5) dequeues moves it to <c>dispatch-batches-poison</c>. Nothing is
    /// lost either way: messages not sent stay due, and the timer hands them out again once
    /// <see cref="DispatchOptions.HandOutLease"/> has passed.
    /// </summary>
    [Function("DispatchBatch")]
    public async Task DispatchBatchAsync([QueueTrigger(Queue, Connection = Connection)] string message, CancellationToken cancellationToken)
    {
        var batch = DispatchBatch.Parse(message);
        if (batch is null)
        {
            // Retrying cannot make it readable, so it is dropped rather than thrown to the poison queue; whatever work
            // it stood for is still due and is handed out again after the lease.
            LogMalformed(logger, message?.Length ?? 0);
            return;
        }

        await dispatcher.DispatchBatchAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a dispatch queue message of {Length} characters that is not a batch; its work stays due and is handed out again")]
    private static partial void LogMalformed(ILogger logger, int length);
}
