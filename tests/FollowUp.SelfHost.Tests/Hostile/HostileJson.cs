using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FollowUp.Events;

namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>
/// Valid documents to start from, changed at a path, and raw text or bytes spliced in where a JSON writer would refuse
/// to write them (lone surrogates, invalid UTF-8, duplicate names).
/// </summary>
internal static class HostileJson
{
    /// <summary>Stands where raw text or bytes go; it occurs nowhere else.</summary>
    public const string Marker = "Q9MARK9Q";

    private const string DuplicateMarker = "Q9DUPLICATE9Q";
    private static int _next;

    /// <summary>A valid <c>order.placed</c> with ids of its own, so that a case wrongly accepted harms no other case.</summary>
    public static JsonObject Order(string type = EventTypes.OrderPlaced)
    {
        var n = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        return TestEvents.Order(type, "H-" + n, customerId: "hc-" + n, eventId: "hostile-" + n);
    }

    /// <summary>A valid <c>deal.lost</c> with ids of its own.</summary>
    public static JsonObject Deal(string type = EventTypes.DealLost)
    {
        var n = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        return TestEvents.Deal(type, "HD-" + n, customerId: "hd-" + n, eventId: "hostile-" + n);
    }

    /// <summary>An id no other case uses, for rules and templates.</summary>
    public static string Id(string prefix) => prefix + "-" + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);

    /// <summary>Sets (or adds) the value at a path such as <c>data.order.lines[0].quantity</c>.</summary>
    public static JsonObject With(this JsonObject root, string path, JsonNode? value)
    {
        var (parent, name, index) = Locate(root, path);
        if (index is { } i)
        {
            parent[name]!.AsArray()[i] = value;
        }
        else
        {
            parent[name] = value;
        }

        return root;
    }

    public static JsonObject Without(this JsonObject root, string path)
    {
        var (parent, name, index) = Locate(root, path);
        if (index is { } i)
        {
            parent[name]!.AsArray().RemoveAt(i);
        }
        else
        {
            parent.Remove(name);
        }

        return root;
    }

    /// <summary>The document with <see cref="Marker"/> (put there by the caller) replaced by raw JSON text.</summary>
    public static string Splice(this JsonNode root, string raw) => Once(root.ToJsonString(), Marker, raw);

    /// <summary>The document with the string <c>"Q9MARK9Q"</c>, quotes and all, replaced by a raw JSON value such as <c>NaN</c>.</summary>
    public static string SpliceValue(this JsonNode root, string raw) => Once(root.ToJsonString(), $"\"{Marker}\"", raw);

    /// <summary>The document as UTF-8 with <see cref="Marker"/> replaced by raw bytes, such as invalid UTF-8.</summary>
    public static byte[] SpliceBytes(this JsonNode root, params byte[] raw)
    {
        var text = root.ToJsonString();
        var at = text.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(Marker, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException("The marker must occur exactly once.");
        }

        return [.. Encoding.UTF8.GetBytes(text[..at]), .. raw, .. Encoding.UTF8.GetBytes(text[(at + Marker.Length)..])];
    }

    /// <summary>The document with the object at <paramref name="objectPath"/> holding <paramref name="name"/> twice.</summary>
    public static string Duplicate(this JsonObject root, string objectPath, string name, string rawValue)
    {
        var target = objectPath.Length == 0 ? root : Node(root, objectPath).AsObject();
        target[DuplicateMarker] = 0;
        return Once(root.ToJsonString(), $"\"{DuplicateMarker}\":0", $"\"{name}\":{rawValue}");
    }

    private static string Once(string text, string marker, string raw)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(marker, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"'{marker}' must occur exactly once.");
        }

        return string.Concat(text.AsSpan(0, at), raw, text.AsSpan(at + marker.Length));
    }

    private static JsonNode Node(JsonObject root, string path)
    {
        JsonNode node = root;
        foreach (var part in path.Split('.'))
        {
            var (name, index) = Part(part);
            node = node[name] ?? throw new InvalidOperationException($"No '{name}' in {path}.");
            if (index is { } i)
            {
                node = node[i]!;
            }
        }

        return node;
    }

    private static (JsonObject Parent, string Name, int? Index) Locate(JsonObject root, string path)
    {
        var dot = path.LastIndexOf('.');
        var parent = dot < 0 ? root : Node(root, path[..dot]).AsObject();
        var (name, index) = Part(dot < 0 ? path : path[(dot + 1)..]);
        return (parent, name, index);
    }

    private static (string Name, int? Index) Part(string part)
    {
        var bracket = part.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0
            ? (part, null)
            : (part[..bracket], int.Parse(part[(bracket + 1)..^1], CultureInfo.InvariantCulture));
    }
}
