using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using FollowUp.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FollowUp.Testing;

/// <summary>
/// Another writer's work (another instance, the dispatcher, a provider's event, the webhook sender) made just before a
/// chosen request of the code under test reaches storage, after it read what it is about to write: the interleavings
/// optimistic concurrency has to survive, made deterministic. The other write goes through a client of its own.
/// </summary>
public sealed class StorageInterleave : HttpPipelinePolicy
{
    private Func<string, string, string, bool>? _when;
    private Func<TableServiceClient, Task>? _then;
    private int _left;
    private int _made;
    private string? _connectionString;

    /// <summary>How many times the other write was made.</summary>
    public int Made => Volatile.Read(ref _made);

    /// <summary>Replaces the registered table service with one on the same connection string and this policy in its pipeline.</summary>
    public void InstallIn(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton(provider =>
        {
            _connectionString = provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString;
            var options = new TableClientOptions();
            options.AddPolicy(this, HttpPipelinePosition.PerCall);
            return new TableServiceClient(_connectionString, options);
        }));

    /// <summary>
    /// The next <paramref name="times"/> requests that <paramref name="when"/> (method, path, body) picks are preceded
    /// by <paramref name="then"/>, given a client outside this pipeline.
    /// </summary>
    public void Arm(Func<string, string, string, bool> when, Func<TableServiceClient, Task> then, int times = 1)
    {
        _when = when;
        _then = then;
        Volatile.Write(ref _left, times);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_when is { } when && _then is { } then && Volatile.Read(ref _left) > 0)
        {
            var body = string.Empty;
            if (message.Request.Content is { } content)
            {
                using var buffer = new MemoryStream();
                await content.WriteToAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                body = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            }

            if (when(message.Request.Method.Method, message.Request.Uri.Path, body) && Interlocked.Decrement(ref _left) >= 0)
            {
                await then(new TableServiceClient(_connectionString)).ConfigureAwait(false);
                Interlocked.Increment(ref _made);
            }
        }

        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }
}
