using FollowUp.Templates;

namespace FollowUp.SelfHost.Tests;

/// <summary>The README's table of the template model names every name the lint knows, so the two cannot drift apart.</summary>
public class ReadmeTemplateModelTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _) in TemplateModelSchema.Paths())
        {
            data.Add(path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Readme_TemplateModelTable_NamesEveryName(string name)
    {
        var readme = File.ReadAllLines(Path.Combine(SelfHost.Storage.RepositoryRoot.Find()!, "README.md"));
        var table = readme.SkipWhile(line => !line.StartsWith("**The template model.**", StringComparison.Ordinal)).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal));

        Assert.Contains(table, line => line.StartsWith($"| `{name}` |", StringComparison.Ordinal));
    }
}
