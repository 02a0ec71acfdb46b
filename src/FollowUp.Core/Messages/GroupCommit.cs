using Azure.Data.Tables;

namespace FollowUp.Messages;

/// <summary>
/// Group commit for the outcomes of sends running side by side: whoever gets to write takes every outcome waiting at
/// that moment and writes them together (<see cref="RowBatches"/>), while the next ones queue behind it. A lone
/// outcome is written at once, so nothing waits longer than one write already in flight.
/// </summary>
internal sealed class GroupCommit(TableClient table)
{
    private readonly Lock _gate = new();
    private List<Item> _waiting = [];
    private bool _writing;

    /// <summary>Writes the row under its ETag together with whatever else is waiting.</summary>
    /// <returns>Null when written (the row's ETag is updated), else why not.</returns>
    public async Task<Exception?> WriteAsync(MessageEntity row)
    {
        var item = new Item(row);
        lock (_gate)
        {
            _waiting.Add(item);
            if (!_writing)
            {
                _writing = true;
                item.Lead.TrySetResult();
            }
        }

        await Task.WhenAny(item.Done.Task, item.Lead.Task).ConfigureAwait(false);
        if (!item.Done.Task.IsCompleted)
        {
            // This one writes everything waiting (its own among it), then hands the writing to whoever queued since:
            // no caller keeps writing others' outcomes for longer than its own takes.
            List<Item> taken;
            lock (_gate)
            {
                taken = _waiting;
                _waiting = [];
            }

            Exception?[] results;
            try
            {
                // Not cancellable: an outcome (above all "sent") must be written once the send happened.
                results = await RowBatches.ReplaceAsync(table, taken.ConvertAll(i => i.Row), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                results = Enumerable.Repeat<Exception?>(ex, taken.Count).ToArray();
            }

            for (var i = 0; i < taken.Count; i++)
            {
                taken[i].Done.TrySetResult(results[i]);
            }

            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _writing = false;
                }
                else
                {
                    _waiting[0].Lead.TrySetResult();
                }
            }
        }

        return await item.Done.Task.ConfigureAwait(false);
    }

    private sealed class Item(MessageEntity row)
    {
        public MessageEntity Row { get; } = row;

        public TaskCompletionSource<Exception?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Lead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
