using System.Globalization;
using Azure.Data.Tables;
using FollowUp.Storage;

namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>Every entity of every table of one installation, as sorted text: keys and properties, without Timestamp and ETag.</summary>
internal static class StorageSnapshot
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "odata.etag", "Timestamp", "PartitionKey", "RowKey" };

    public static async Task<IReadOnlyList<string>> TakeAsync(FollowUpTables tables)
    {
        var rows = new List<string>();
        foreach (var table in tables.All)
        {
            await foreach (var entity in table.QueryAsync<TableEntity>())
            {
                var properties = entity.Keys
                    .Where(key => !Ignored.Contains(key))
                    .Order(StringComparer.Ordinal)
                    .Select(key => key + "=" + Text(entity[key]));
                rows.Add($"{table.Name}|{entity.PartitionKey}|{entity.RowKey}|{string.Join(";", properties)}");
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Text(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
