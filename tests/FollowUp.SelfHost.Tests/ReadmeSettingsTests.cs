using System.Reflection;
using FollowUp.Dispatch;
using FollowUp.Sending;
using FollowUp.Storage;
using FollowUp.Templates;

namespace FollowUp.SelfHost.Tests;

/// <summary>The README's configuration table names every setting the options classes bind, so the two cannot drift apart.</summary>
public class ReadmeSettingsTests
{
    private static readonly Type[] OptionTypes = [typeof(FollowUpOptions), typeof(StorageOptions), typeof(SendGridOptions), typeof(DispatchOptions), typeof(ScriptLimits), typeof(FollowUp.Messages.CapOptions), typeof(FollowUp.Http.PageOptions), typeof(FollowUp.Webhooks.WebhookOptions), typeof(FollowUp.Alerts.AlertOptions), typeof(ReplayOptions), typeof(FollowUp.Http.AuthOptions), typeof(SelfHostOptions)];

    public static TheoryData<string, string> Settings()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in OptionTypes)
        {
            var section = (string)type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                data.Add(section, property.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void Readme_ConfigurationTable_NamesEverySetting(string section, string name)
    {
        var table = ConfigurationTable();

        Assert.Contains(table, line => line.Contains($"`{section}:{name}`", StringComparison.Ordinal)
            || (line.Contains($"`{section}:", StringComparison.Ordinal) && line.Contains($"`{name}`", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void Readme_ConfigurationTable_GivesEveryDefault(string section, string name)
    {
        var type = OptionTypes.Single(t => (string)t.GetField("SectionName")!.GetValue(null)! == section);
        var value = type.GetProperty(name)!.GetValue(Activator.CreateInstance(type));
        var line = ConfigurationTable().First(l => l.Contains($"`{section}:{name}`", StringComparison.Ordinal)
            || (l.Contains($"`{section}:", StringComparison.Ordinal) && l.Contains($"`{name}`", StringComparison.Ordinal)));

        switch (value)
        {
            case string text when text.Length > 0:
                Assert.Contains(text, line, StringComparison.Ordinal);
                break;
            case int number:
                Assert.Contains(number.ToString(System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
                break;
            case Enum choice:
                Assert.Contains($"`{choice}` (default", line, StringComparison.Ordinal);
                break;
            case TimeSpan:
                // Written for people ("5 min", "100 ms"): the name must be followed by its default in parentheses.
                Assert.Matches($"{name}` \\([^)]+\\)", line);
                break;
        }
    }

    private static List<string> ConfigurationTable()
    {
        var readme = File.ReadAllLines(Path.Combine(SelfHost.Storage.RepositoryRoot.Find()!, "README.md"));
        return readme.SkipWhile(line => line != "## Configuration").Skip(1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal)).ToList();
    }
}
