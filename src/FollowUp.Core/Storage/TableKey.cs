using System.Text;

namespace FollowUp.Storage;

/// <summary>
/// Turns arbitrary identifiers (event sources are URIs, order ids may hold slashes) into legal, readable
/// PartitionKey/RowKey values. Table keys forbid '/', '\', '#', '?' and control characters; '%' is avoided too
/// because some table endpoints URL-decode keys. Every other character outside a safe set becomes "~XX" per UTF-8 byte,
/// so the mapping is reversible and two different ids never share a key.
/// </summary>
public static class TableKey
{
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && IsSafe((char)rune.Value))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            var written = rune.EncodeToUtf8(bytes);
            for (var i = 0; i < written; i++)
            {
                builder.Append('~').Append(bytes[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    public static string Decode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.Contains('~', StringComparison.Ordinal))
        {
            return key;
        }

        var bytes = new List<byte>(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '~' && i + 2 < key.Length)
            {
                bytes.Add(Convert.ToByte(key.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(key[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsSafe(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.' or ':' or '@' or '+' or '=' or ',';
}
