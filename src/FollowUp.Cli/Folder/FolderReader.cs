using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FollowUp.Http;
using FollowUp.Rules;
using FollowUp.Templates;
using FollowUp.Validation;

namespace FollowUp.Cli.Folder;

/// <summary>
/// Reads <c>rules/</c> and the template folders under a root. Only those folders are read (the root is usually a
/// repository with other things in it); inside them every file must be one of ours, dot-files (<c>.gitkeep</c>) aside.
/// Fields are read as the API reads JSON, so a wrong type or an unknown field is refused as the API would refuse it.
/// </summary>
internal static partial class FolderReader
{
    public const string RulesFolder = "rules";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Whether the root holds any folder this tool reads: a guard against planning an empty folder into deleting everything.</summary>
    public static bool HasContent(string root) =>
        Directory.Exists(Path.Combine(root, RulesFolder))
        || TemplateFolders.All.Any(f => Directory.Exists(Path.Combine(root, f.Folder)));

    public static FolderContent Read(string root)
    {
        var problems = new List<FolderProblem>();
        var rules = ReadRules(root, problems);
        var templates = new List<TemplateSource>();
        foreach (var (folder, kind) in TemplateFolders.All)
        {
            templates.AddRange(ReadTemplates(root, folder, kind, problems));
        }

        foreach (var repeated in templates.GroupBy(t => t.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new FolderProblem(repeated.Last().Folder + "/", null, null, $"repeats the template id '{repeated.Key}' of {repeated.First().Folder}/: templates of all kinds share one set of ids"));
        }

        return new FolderContent(rules, templates, problems);
    }

    private static List<RuleSource> ReadRules(string root, List<FolderProblem> problems)
    {
        var rules = new List<RuleSource>();
        var folder = Path.Combine(root, RulesFolder);
        if (!Directory.Exists(folder))
        {
            return rules;
        }

        foreach (var path in Entries(folder))
        {
            var file = $"{RulesFolder}/{Path.GetFileName(path)}";
            if (Directory.Exists(path) || !path.EndsWith(".yaml", StringComparison.Ordinal))
            {
                problems.Add(new FolderProblem(file, null, null, "is not a rule file: a rule is rules/<id>.yaml"));
                continue;
            }

            if (ReadText(path, file, problems) is not { } text || YamlReader.Read(text, file, problems) is not { } fields)
            {
                continue;
            }

            var found = new List<FolderProblem>();
            ContractFields.FindUnknown(fields.Json, typeof(RuleInput), fields, file, found, ContractFields.ServerSet);
            var source = new RuleSource(Path.GetFileNameWithoutExtension(path), file, fields, null);
            var input = found.Count == 0 ? Parse<RuleInput>(fields.Json, source.ProblemFor, found) : null;
            problems.AddRange(found);
            rules.Add(source with { Input = input });
        }

        return rules;
    }

    private static List<TemplateSource> ReadTemplates(string root, string folderName, string? kind, List<FolderProblem> problems)
    {
        var templates = new List<TemplateSource>();
        var folder = Path.Combine(root, folderName);
        if (!Directory.Exists(folder))
        {
            return templates;
        }

        foreach (var path in Entries(folder))
        {
            if (!Directory.Exists(path))
            {
                problems.Add(new FolderProblem($"{folderName}/{Path.GetFileName(path)}", null, null, $"is not a template: a template is a folder {folderName}/<id>/ holding {TemplateSource.MetaFileName} and a file per locale and part"));
                continue;
            }

            templates.Add(ReadTemplate(path, $"{folderName}/{Path.GetFileName(path)}", kind, problems));
        }

        return templates;
    }

    private static TemplateSource ReadTemplate(string path, string folder, string? kind, List<FolderProblem> problems)
    {
        var found = new List<FolderProblem>();
        var metaFile = $"{folder}/{TemplateSource.MetaFileName}";
        YamlFields? meta = null;
        if (!File.Exists(Path.Combine(path, TemplateSource.MetaFileName)))
        {
            found.Add(new FolderProblem(metaFile, null, null, "is missing: it holds the template's description and syntax"));
        }
        else if (ReadText(Path.Combine(path, TemplateSource.MetaFileName), metaFile, found) is { } text && YamlReader.Read(text, metaFile, found) is { } fields)
        {
            meta = fields;
            ContractFields.FindUnknown(fields.Json, typeof(TemplateInput), fields, metaFile, found, [.. ContractFields.ServerSet, "locales", TemplateFolders.KindField]);
        }

        var syntax = SyntaxOf(meta?.Json);
        var extension = syntax is null ? "scriban" : Extension(syntax.Value);
        var parts = ContractFields.Of(typeof(TemplateContentInput));
        var locales = new JsonObject();
        var partFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Entries(path).Where(e => Path.GetFileName(e) != TemplateSource.MetaFileName))
        {
            var file = $"{folder}/{Path.GetFileName(entry)}";
            var name = PartName().Match(Path.GetFileName(entry));
            if (Directory.Exists(entry) || !name.Success || !parts.Contains(name.Groups["part"].Value))
            {
                found.Add(new FolderProblem(file, null, null, $"is not a part of a template: name parts <locale>.<part>.{extension}, the part one of {string.Join(", ", parts)} (such as en.html.{extension})"));
                continue;
            }

            if (syntax is not null && name.Groups["ext"].Value != extension)
            {
                found.Add(new FolderProblem(file, null, null, $"ends in .{name.Groups["ext"].Value}, but {TemplateSource.MetaFileName} says the syntax is {extension}: name it .{extension}"));
                continue;
            }

            if (ReadText(entry, file, found) is not { } text)
            {
                continue;
            }

            var (locale, part) = (name.Groups["locale"].Value, name.Groups["part"].Value);
            var content = locales[locale] as JsonObject ?? new JsonObject();
            locales[locale] = content;
            // A checkout on Windows may turn LF into CRLF; the text is the same, and must compare the same.
            content[part] = WithoutFinalNewline(text.Replace("\r\n", "\n", StringComparison.Ordinal));
            partFiles[$"locales.{locale}.{part}"] = file;
        }

        var source = new TemplateSource(Path.GetFileName(path), folder, meta, partFiles, extension, null);
        TemplateInput? input = null;
        if (found.Count == 0)
        {
            var json = meta?.Json.DeepClone().AsObject() ?? new JsonObject();
            json["locales"] = locales;
            if (kind is not null)
            {
                json[TemplateFolders.KindField] = kind;
            }

            input = Parse<TemplateInput>(json, source.ProblemFor, found);
        }

        problems.AddRange(found);
        return source with { Input = input };
    }

    /// <summary>Reads the fields as the API reads a request body, so that types and values are refused in its words.</summary>
    private static T? Parse<T>(JsonObject json, Func<string, string, FolderProblem> problemFor, List<FolderProblem> problems)
        where T : class
    {
        var errors = new FieldErrors(int.MaxValue);
        var value = ApiResults.ParseJson<T>(JsonSerializer.SerializeToUtf8Bytes(json, FollowUpJson.Options), errors);
        problems.AddRange(errors.ToDictionary().SelectMany(e => e.Value.Select(reason => problemFor(e.Key, reason))));
        return value;
    }

    /// <summary>The syntax template.yaml names, scriban when it names none; null when what it names is not a syntax (the API's error says so).</summary>
    private static TemplateSyntax? SyntaxOf(JsonObject? meta)
    {
        if (meta?["syntax"] is not { } node)
        {
            return TemplateSyntax.Scriban;
        }

        var name = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
        return Enum.GetValues<TemplateSyntax>().Where(s => Extension(s) == name).Select(s => (TemplateSyntax?)s).FirstOrDefault();
    }

    /// <summary>A part's extension is its syntax as the API writes it: <c>scriban</c>, <c>liquid</c>.</summary>
    public static string Extension(TemplateSyntax syntax) => JsonNamingPolicy.CamelCase.ConvertName(syntax.ToString());

    /// <summary>
    /// Editors end a file with a newline, and a subject has none: one final newline is the file's, not the text's.
    /// Export writes one after every part, so text that ends in a newline of its own keeps it.
    /// </summary>
    public static string WithoutFinalNewline(string text) => text.EndsWith('\n') ? text[..^1] : text;

    private static string? ReadText(string path, string file, List<FolderProblem> problems)
    {
        try
        {
            return File.ReadAllText(path, StrictUtf8);
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new FolderProblem(file, null, null, "is not UTF-8 text"));
        }
        catch (IOException ex)
        {
            problems.Add(new FolderProblem(file, null, null, "cannot be read: " + ex.Message));
        }
        catch (UnauthorizedAccessException ex)
        {
            problems.Add(new FolderProblem(file, null, null, "cannot be read: " + ex.Message));
        }

        return null;
    }

    private static IEnumerable<string> Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Where(e => !Path.GetFileName(e).StartsWith('.')).Order(StringComparer.Ordinal);

    [GeneratedRegex(@"^(?<locale>[^.]+)\.(?<part>[^.]+)\.(?<ext>[^.]+)$")]
    private static partial Regex PartName();
}
