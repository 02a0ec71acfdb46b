using System.Text;
using System.Text.Json.Nodes;
using FollowUp.Rules;
using FollowUp.Templates;

namespace FollowUp.Cli.Folder;

/// <summary>
/// Writes rules and templates into the folder format, replacing what is there: files of rules and templates that are
/// no longer given are removed, and so are a template's part files it no longer has. Anything else under the root is
/// left alone.
/// </summary>
internal static class FolderWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <returns>The files written and removed, relative to the root.</returns>
    public static (IReadOnlyList<string> Written, IReadOnlyList<string> Removed) Write(string root, IReadOnlyCollection<Rule> rules, IReadOnlyCollection<MessageTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(templates);
        var written = new List<string>();
        var removed = new List<string>();

        var rulesFolder = Path.Combine(root, FolderReader.RulesFolder);
        Directory.CreateDirectory(rulesFolder);
        var ruleFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var file = $"{FolderReader.RulesFolder}/{rule.Id}.yaml";
            WriteFile(root, file, YamlWriter.Write(InputShape.OfRule(rule)), written);
            ruleFiles.Add(file);
        }

        foreach (var stale in Directory.EnumerateFiles(rulesFolder, "*.yaml").Select(f => $"{FolderReader.RulesFolder}/{Path.GetFileName(f)}").Where(f => !ruleFiles.Contains(f)))
        {
            File.Delete(Path.Combine(root, stale));
            removed.Add(stale);
        }

        var templateFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var template in templates.OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            var shape = InputShape.OfTemplate(template);
            var kind = shape[TemplateFolders.KindField]?.GetValue<string>();
            var folder = $"{TemplateFolders.FolderOf(kind)}/{template.Id}";
            templateFolders.Add(folder);
            WriteTemplate(root, folder, shape, FolderReader.Extension(template.Syntax), written, removed);
        }

        foreach (var (folderName, _) in TemplateFolders.All)
        {
            var path = Path.Combine(root, folderName);
            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var stale in Directory.EnumerateDirectories(path).Select(d => $"{folderName}/{Path.GetFileName(d)}").Where(d => !templateFolders.Contains(d)))
            {
                Directory.Delete(Path.Combine(root, stale), recursive: true);
                removed.Add(stale + "/");
            }
        }

        return (written, removed);
    }

    private static void WriteTemplate(string root, string folder, JsonObject shape, string extension, List<string> written, List<string> removed)
    {
        Directory.CreateDirectory(Path.Combine(root, folder));
        var files = new HashSet<string>(StringComparer.Ordinal) { $"{folder}/{TemplateSource.MetaFileName}" };
        var meta = new JsonObject(shape.Where(p => p.Key is not ("locales" or TemplateFolders.KindField)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        WriteFile(root, $"{folder}/{TemplateSource.MetaFileName}", YamlWriter.Write(meta), written);
        foreach (var (locale, content) in shape["locales"]?.AsObject() ?? [])
        {
            foreach (var (part, text) in content!.AsObject())
            {
                var file = $"{folder}/{locale}.{part}.{extension}";
                files.Add(file);

                // One newline the reader takes off again (see FolderReader.WithoutFinalNewline).
                WriteFile(root, file, text!.GetValue<string>() + "\n", written);
            }
        }

        foreach (var stale in Directory.EnumerateFileSystemEntries(Path.Combine(root, folder)).Select(f => $"{folder}/{Path.GetFileName(f)}").Where(f => !files.Contains(f) && !Path.GetFileName(f).StartsWith('.')))
        {
            var path = Path.Combine(root, stale);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }

            removed.Add(stale);
        }
    }

    private static void WriteFile(string root, string file, string text, List<string> written)
    {
        File.WriteAllText(Path.Combine(root, file), text, Utf8);
        written.Add(file);
    }
}
