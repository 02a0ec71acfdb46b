using System.Globalization;
using System.Text.Json.Nodes;
using FollowUp.Events;
using FollowUp.Testing;

namespace FollowUp.Benchmarks;

/// <summary>order.placed events, each for its own order and its own customer, so each schedules exactly one thank-you.</summary>
internal static class BenchEvents
{
    public static JsonObject OrderPlaced(string run, int index, DateTimeOffset? time = null)
    {
        var number = index.ToString(CultureInfo.InvariantCulture);
        return TestEvents.Order(EventTypes.OrderPlaced, $"{run}-o{number}", $"{run}-c{number}", $"{run}-c{number}@example.com", time: time);
    }
}
