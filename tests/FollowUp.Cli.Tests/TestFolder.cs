namespace FollowUp.Cli.Tests;

/// <summary>A folder of its own under the temp directory, with files written as given, deleted afterwards.</summary>
internal sealed class TestFolder : IDisposable
{
    public TestFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "followup-cli-" + Guid.NewGuid().ToString("N")[..12]);

    public TestFolder With(string file, string text)
    {
        var path = Path.Combine(Root, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public string Read(string file) => File.ReadAllText(Path.Combine(Root, file));

    public bool Exists(string file) => File.Exists(Path.Combine(Root, file)) || Directory.Exists(Path.Combine(Root, file));

    /// <summary>A valid feedback template with an unsubscribe link in every part that needs one.</summary>
    public TestFolder WithTemplate(string id, string subject = "Hi {{ customer.first_name }}", string syntax = "scriban")
    {
        var ext = syntax;
        return With($"templates/{id}/template.yaml", $"description: Test template {id}\nsyntax: {syntax}\n")
            .With($"templates/{id}/en.subject.{ext}", subject + "\n")
            .With($"templates/{id}/en.html.{ext}", "<p>Hello</p>\n<p><a href=\"{{ unsubscribe_url }}\">Unsubscribe</a></p>\n")
            .With($"templates/{id}/en.text.{ext}", "Hello\nUnsubscribe: {{ unsubscribe_url }}\n");
    }

    public TestFolder WithRule(string id, string templateId, string extra = "")
    {
        return With($"rules/{id}.yaml", $"description: Test rule {id}\ntrigger: order.delivered\ndelay: P5D\ntemplateId: {templateId}\ncancelOn: [order.returned]\n{extra}");
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
