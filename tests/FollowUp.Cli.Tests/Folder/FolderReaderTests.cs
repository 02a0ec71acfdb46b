using FollowUp.Cli.Folder;

namespace FollowUp.Cli.Tests.Folder;

public class FolderReaderTests
{
    [Fact]
    public void Read_PartFiles_LoseOneFinalNewlineAndCarriageReturns()
    {
        using var folder = new TestFolder().WithTemplate("note")
            .With("templates/note/en.subject.scriban", "Your order\n")
            .With("templates/note/en.text.scriban", "Line one\r\nLine two {{ unsubscribe_url }}\r\n\r\n");

        var content = FolderReader.Read(folder.Root);

        Assert.Empty(content.Problems);
        var locale = content.Templates.Single().Input!.Locales!["en"]!;
        Assert.Equal("Your order", locale.Subject);
        Assert.Equal("Line one\nLine two {{ unsubscribe_url }}\n", locale.Text);
    }

    [Fact]
    public void Read_RuleFile_IsTheRuleInputWithItsIdFromTheFileName()
    {
        using var folder = new TestFolder().With("rules/welcome-back.yaml", "trigger: order.placed\ndelay: PT2H\ntemplateId: note\nsendWindow: {from: \"09:00\", to: \"20:00\"}\npriority: 3\n");

        var rule = FolderReader.Read(folder.Root).Rules.Single();

        Assert.Equal("welcome-back", rule.Id);
        Assert.Equal("PT2H", rule.Input!.Delay);
        Assert.Equal("09:00", rule.Input.SendWindow!.From);
        Assert.Equal(3, rule.Input.Priority);
    }
}
