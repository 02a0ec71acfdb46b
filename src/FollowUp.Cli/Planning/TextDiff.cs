namespace FollowUp.Cli.Planning;

/// <summary>A line diff of two texts as unified hunks (<c>@@ line 12</c>, then <c>-</c>, <c>+</c> and context lines).</summary>
internal static class TextDiff
{
    private const int Context = 2;

    /// <summary>Texts longer than this many lines multiplied together are shown as replaced, not diffed.</summary>
    private const long MaxCells = 4_000_000;

    public static IReadOnlyList<string> Lines(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        if ((long)a.Length * b.Length > MaxCells)
        {
            return [$"replaced ({a.Length} lines → {b.Length} lines)"];
        }

        var edits = Edits(a, b);
        var changed = Enumerable.Range(0, edits.Count).Where(k => edits[k].Op != ' ').ToList();
        var shown = new bool[edits.Count];
        foreach (var k in changed)
        {
            for (var c = Math.Max(0, k - Context); c <= Math.Min(edits.Count - 1, k + Context); c++)
            {
                shown[c] = true;
            }
        }

        var output = new List<string>();
        for (var k = 0; k < edits.Count; k++)
        {
            if (!shown[k])
            {
                continue;
            }

            if (k == 0 || !shown[k - 1])
            {
                output.Add($"@@ line {edits[k].Line} @@");
            }

            output.Add($"{edits[k].Op} {edits[k].Text.TrimEnd('\r')}");
        }

        return output;
    }

    /// <summary>The shortest edit by longest common subsequence; each edit with the line it is at in the new text (the old, for a removal).</summary>
    private static List<(char Op, string Text, int Line)> Edits(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var x = a.Length - 1; x >= 0; x--)
        {
            for (var y = b.Length - 1; y >= 0; y--)
            {
                lcs[x, y] = a[x] == b[y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
            }
        }

        var edits = new List<(char, string, int)>();
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (i < a.Length && j < b.Length && a[i] == b[j])
            {
                edits.Add((' ', a[i], j + 1));
                i++;
                j++;
            }
            else if (i < a.Length && (j == b.Length || lcs[i + 1, j] >= lcs[i, j + 1]))
            {
                // Removals before additions, as diff and git show a replaced line.
                edits.Add(('-', a[i], i + 1));
                i++;
            }
            else
            {
                edits.Add(('+', b[j], j + 1));
                j++;
            }
        }

        return edits;
    }
}
