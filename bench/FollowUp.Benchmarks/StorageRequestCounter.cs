using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace FollowUp.Benchmarks;

/// <summary>
/// Counts the HTTP requests a <see cref="TableServiceClient"/> sends to storage, retries included, and how many of them
/// are queries (a GET of <c>/{table}()</c>, rather than of one entity's key).
/// </summary>
internal sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private long _requests;
    private long _queries;

    public StorageSnapshot Snapshot => new(Interlocked.Read(ref _requests), Interlocked.Read(ref _queries));

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
        if (message.Request.Method == RequestMethod.Get && message.Request.Uri.Path.EndsWith("()", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _queries);
        }
    }
}
