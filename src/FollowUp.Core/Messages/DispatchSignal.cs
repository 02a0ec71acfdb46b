namespace FollowUp.Messages;

/// <summary>
/// Lets the scheduler wake a waiting dispatch loop when it schedules something due sooner than the loop planned to
/// look. In-process only: another instance finds the message on its next periodic look.
/// </summary>
public sealed class DispatchSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource<DateTimeOffset> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify(DateTimeOffset dueAt)
    {
        TaskCompletionSource<DateTimeOffset> current;
        lock (_gate)
        {
            current = _next;
            _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        current.TrySetResult(dueAt);
    }

    /// <summary>A task that completes with the due time of the next message scheduled after this call.</summary>
    public Task<DateTimeOffset> NextAsync()
    {
        lock (_gate)
        {
            return _next.Task;
        }
    }
}
