using System.Globalization;

namespace FollowUp.Benchmarks;

/// <summary>Storage requests counted so far; <see cref="Since"/> an earlier snapshot is what happened in between.</summary>
/// <param name="QueriesByTable">Queries by table name.</param>
internal readonly record struct StorageSnapshot(long Requests, long Queries, IReadOnlyDictionary<string, long> QueriesByTable)
{
    public StorageSnapshot Since(StorageSnapshot before)
    {
        var earlier = before.QueriesByTable;
        return new(
            Requests - before.Requests,
            Queries - before.Queries,
            QueriesByTable.ToDictionary(table => table.Key, table => table.Value - earlier.GetValueOrDefault(table.Key), StringComparer.Ordinal));
    }

    public long QueriesOf(string table) => QueriesByTable.GetValueOrDefault(table);

    /// <summary>E.g. "16.2 storage requests/event (3.1 queries)".</summary>
    public string Per(int items, string item) => items == 0
        ? "no storage requests counted"
        : string.Create(CultureInfo.InvariantCulture, $"{(double)Requests / items:0.0} storage requests/{item} ({(double)Queries / items:0.0#} queries)");
}
