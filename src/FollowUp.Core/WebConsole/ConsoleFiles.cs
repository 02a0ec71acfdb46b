using System.Collections.Frozen;

namespace FollowUp.WebConsole;

/// <summary>The built console, read once from the resources FollowUp.Core embeds (see its project file).</summary>
internal static class ConsoleFiles
{
    private const string Prefix = "FollowUp.Console/";

    private static readonly Lazy<FrozenDictionary<string, ConsoleFile>> Files = new(Load);

    public static ConsoleFile? Find(string path) => Files.Value.GetValueOrDefault(path);

    public static IEnumerable<ConsoleFile> All => Files.Value.Values;

    private static FrozenDictionary<string, ConsoleFile> Load()
    {
        var assembly = typeof(ConsoleFiles).Assembly;
        var files = new Dictionary<string, ConsoleFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(name => name.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            // Resource names keep the folder separator of the machine that built them.
            var path = name[Prefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[path] = new ConsoleFile(path, copy.ToArray());
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
