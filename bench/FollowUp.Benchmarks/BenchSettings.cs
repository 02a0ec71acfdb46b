using System.Globalization;
using FollowUp.Testing;

namespace FollowUp.Benchmarks;

internal static class BenchSettings
{
    public const string TablePrefixKey = "FollowUp:Storage:TablePrefix";
    public const string ConnectionStringKey = "FollowUp:Storage:ConnectionString";
    private const string ParallelismKey = "FollowUp:Dispatch:Parallelism";

    /// <summary>The tests' settings (shared Azurite, own tables, fake SendGrid), with the product's dispatch defaults unless told otherwise.</summary>
    public static async Task<Dictionary<string, string?>> CreateAsync(FakeSendGridServer sendGrid, BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = await PipelineHarness.SettingsAsync(sendGrid);
        settings[TablePrefixKey] = "bench" + Guid.NewGuid().ToString("N")[..10];
        settings.Remove(ParallelismKey);
        if (options.Parallelism is { } parallelism)
        {
            settings[ParallelismKey] = parallelism.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }
}
