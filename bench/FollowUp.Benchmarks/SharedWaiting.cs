namespace FollowUp.Benchmarks;

/// <summary>The waiting messages figures 5 and 6 share: seeded by the first to ask, deleted when the run ends.</summary>
internal sealed class SharedWaiting(string connectionString, BenchmarkOptions options) : IAsyncDisposable
{
    private WaitingMessages? _seeded;

    public async Task<WaitingMessages> GetAsync(CancellationToken cancellationToken)
    {
        if (_seeded is null)
        {
            Console.WriteLine($"  seeding {Stats.Count(options.Waiting)} messages waiting for next month...");
            _seeded = await WaitingMessages.SeedAsync(connectionString, options.Waiting, options.Clients, cancellationToken);
            Console.WriteLine($"  seeded {Stats.Count(_seeded.Count)} messages in {Stats.Count(_seeded.Partitions)} partitions in {Stats.Seconds(_seeded.Elapsed)} = {Stats.Rate(_seeded.Count / _seeded.Elapsed.TotalSeconds)} messages/s");
        }

        return _seeded;
    }

    public async ValueTask DisposeAsync()
    {
        if (_seeded is not null)
        {
            await _seeded.DisposeAsync();
        }
    }
}
