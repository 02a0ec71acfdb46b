using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace FollowUp.Benchmarks;

/// <summary>
/// Counts the HTTP requests a <see cref="TableServiceClient"/> sends to storage, retries included, and how many of them
/// are queries (a GET of <c>/{table}()</c>, rather than of one entity's key), and of which table.
/// </summary>
internal sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private long _requests;
    private long _queries;
    private readonly ConcurrentDictionary<string, long> _queriesByTable = new(StringComparer.Ordinal);

    public StorageSnapshot Snapshot => new(Interlocked.Read(ref _requests), Interlocked.Read(ref _queries), new Dictionary<string, long>(_queriesByTable, StringComparer.Ordinal));

    /// <summary>A table service client for <paramref name="connectionString"/> that this counter counts.</summary>
    public TableServiceClient CreateClient(string connectionString)
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return new TableServiceClient(connectionString, options);
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref _requests);
        var path = message.Request.Uri.Path;
        if (message.Request.Method == RequestMethod.Get && path.EndsWith("()", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _queries);
            var table = path[(path.LastIndexOf('/') + 1)..^2];
            _queriesByTable.AddOrUpdate(table, 1, (_, count) => count + 1);
        }
    }
}
