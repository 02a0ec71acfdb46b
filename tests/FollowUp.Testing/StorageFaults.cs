using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using FollowUp.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FollowUp.Testing;

/// <summary>
/// Makes chosen requests to the real Azurite fail, as Table Storage does when it is overloaded or unreachable: the
/// request is refused before it is sent, with the status a caller would see. Added to the storage client's pipeline
/// before the client's own retries, so the failure reaches the code under test as it would in production once those
/// retries are spent.
/// </summary>
public sealed class StorageFaults : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<Fault> _faults = new();
    private int _injected;

    private readonly ConcurrentQueue<(string Method, string Path)> _paths = new();
    private int _requests;
    private int _reads;

    public int Injected => Volatile.Read(ref _injected);

    /// <summary>Every request the storage client sent (or was refused here), to show what a piece of work costs.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>How many requests (of <paramref name="method"/>, or any) went to the table whose name ends with <paramref name="table"/>.</summary>
    public int RequestsTo(string table, string? method = null) =>
        _paths.Count(request => (method is null || request.Method == method)
            && request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Any(part => part.Split('(')[0].EndsWith(table, StringComparison.Ordinal)));

    /// <summary>The GET requests among <see cref="Requests"/>: point reads and queries.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Replaces the registered table service with one on the same connection string and these faults in its pipeline.</summary>
    public void InstallIn(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton(provider =>
        {
            var options = new TableClientOptions();
            options.AddPolicy(this, HttpPipelinePosition.PerCall);
            return new TableServiceClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString, options);
        }));

    /// <summary>After <paramref name="skip"/> matching requests go through, the next <paramref name="count"/> fail with <paramref name="status"/>.</summary>
    /// <param name="table">The table's name, or its suffix (the prefix differs per test).</param>
    /// <param name="method">PUT, MERGE, POST, GET or DELETE.</param>
    public void Fail(string table, string method, int skip, int count, int status = 503) =>
        _faults.Enqueue(new Fault(table, method, skip, count, status));

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Check(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref _requests);
        var path = message.Request.Uri.Path;
        var method = message.Request.Method.Method;
        if (method == "GET")
        {
            Interlocked.Increment(ref _reads);
        }

        _paths.Enqueue((method, path));

        foreach (var fault in _faults)
        {
            if (fault.Matches(path, method) && fault.Take())
            {
                Interlocked.Increment(ref _injected);
                throw new RequestFailedException(fault.Status, $"Injected storage fault on {method} {path}.", "ServerBusy", null);
            }
        }
    }

    private sealed class Fault(string table, string method, int skip, int count, int status)
    {
        private int _seen;

        public int Status { get; } = status;

        public bool Matches(string path, string requestMethod) =>
            string.Equals(requestMethod, method, StringComparison.OrdinalIgnoreCase)
            && path.Split('/', StringSplitOptions.RemoveEmptyEntries).Any(part => part.Split('(')[0].EndsWith(table, StringComparison.Ordinal));

        /// <summary>Counts this request; true when it is one of those to fail.</summary>
        public bool Take()
        {
            var n = Interlocked.Increment(ref _seen);
            return n > skip && n <= skip + count;
        }
    }
}
