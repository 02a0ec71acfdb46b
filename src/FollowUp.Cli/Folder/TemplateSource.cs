using System.Text.RegularExpressions;
using FollowUp.Templates;

namespace FollowUp.Cli.Folder;

/// <summary>A template folder as read: <c>templates/&lt;id&gt;/template.yaml</c> and one file per locale and part.</summary>
/// <param name="Id">The folder's name.</param>
/// <param name="Folder">The folder, relative to the root (<c>templates/thank-you</c>).</param>
/// <param name="Meta">template.yaml's fields; null when it is missing or does not read.</param>
/// <param name="PartFiles">Each part's file by the field the API names it (<c>locales.en.html</c>).</param>
/// <param name="Extension">The extension its parts take for its syntax (<c>scriban</c>).</param>
/// <param name="Input">The template as the API would read the same content as JSON; null when it does not read.</param>
internal sealed partial record TemplateSource(string Id, string Folder, YamlFields? Meta, IReadOnlyDictionary<string, string> PartFiles, string Extension, TemplateInput? Input)
{
    public const string MetaFileName = "template.yaml";

    public string MetaFile => $"{Folder}/{MetaFileName}";

    /// <summary>
    /// The API's error for a field, in the file it is about: a part's own file, at the line and column of a parse
    /// error inside it; template.yaml's key for its own fields; the folder for the template as a whole.
    /// </summary>
    public FolderProblem ProblemFor(string field, string reason)
    {
        var parts = field.Split('.', 3);
        if (parts is ["locales", var tag, var part])
        {
            var file = PartFiles.FirstOrDefault(f => f.Key.Equals(field, StringComparison.OrdinalIgnoreCase)).Value ?? $"{Folder}/{tag}.{part}.{Extension}";
            var position = InText().Match(reason);
            return position.Success
                ? new FolderProblem(file, int.Parse(position.Groups[1].ValueSpan, provider: null), int.Parse(position.Groups[2].ValueSpan, provider: null), position.Groups[3].Value)
                : new FolderProblem(file, null, null, reason);
        }

        if (parts is ["locales", var locale])
        {
            var file = PartFiles.FirstOrDefault(f => f.Key.StartsWith($"locales.{locale}.", StringComparison.OrdinalIgnoreCase)).Value ?? Folder + "/";
            return new FolderProblem(file, null, null, $"locale {locale}: {reason}");
        }

        if (field is "locales" or "id" or "body")
        {
            return new FolderProblem(Folder + "/", null, null, field == "body" ? reason : $"{field}: {reason}");
        }

        var at = Meta?.Locate(field);
        return new FolderProblem(MetaFile, at?.Line, at?.Column, $"{field}: {reason}");
    }

    /// <summary>Core's parse errors start with where they are in the text: "line 3, column 7: ...".</summary>
    [GeneratedRegex(@"^line (\d+), column (\d+): (.*)$", RegexOptions.Singleline)]
    private static partial Regex InText();
}
