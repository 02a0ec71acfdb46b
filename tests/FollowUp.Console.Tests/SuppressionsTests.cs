using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace FollowUp.Console.Tests;

public class SuppressionsTests(Chromium chromium) : ConsoleTest(chromium)
{
    [Fact]
    public async Task AnAddress_IsAddedWithAReason_FoundAndRemovedWithAReason()
    {
        await SignInAsync("suppressions");
        await Assertions.Expect(Page.GetByText("No address is suppressed.")).ToBeVisibleAsync();

        await Page.GetByLabel("Address", new() { Exact = true }).FillAsync("Ola.Nordmann@Example.com");
        await Page.GetByLabel("Stop").SelectOptionAsync("marketing");
        await Page.GetByLabel("Why", new() { Exact = true }).FillAsync("Asked on the phone for no offers");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();

        var row = Page.Locator("tr[data-key]").Filter(new() { HasText = "ola.nordmann@example.com" });
        await Assertions.Expect(row).ToContainTextAsync("Marketing only");
        await Assertions.Expect(row).ToContainTextAsync("Added by hand");
        await Assertions.Expect(row).ToContainTextAsync("Asked on the phone for no offers");

        await Page.GetByLabel("Address or its start").FillAsync("ola.");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(row).ToBeVisibleAsync();
        await ScreenshotAsync("suppressions");

        await row.GetByRole(AriaRole.Button, new() { Name = "Remove ola.nordmann@example.com" }).ClickAsync();
        await row.GetByLabel("Why it may get mail again").FillAsync("Subscribed again at the counter");
        var removed = await Page.RunAndWaitForResponseAsync(
            () => row.GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync(),
            response => response.Request.Method == "DELETE");
        Assert.Equal(200, removed.Status);

        using var api = Host.CreateApiClient();
        var saved = await api.GetFromJsonAsync<JsonObject>("/api/suppressions/ola.nordmann@example.com");
        Assert.False((bool?)saved!["suppressed"] ?? true);
        Assert.Contains(saved["history"]!.AsArray(), change => (string?)change!["reason"] == "Subscribed again at the counter");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task AddingWithoutAReason_NamesTheField()
    {
        await SignInAsync("suppressions");
        await Page.GetByLabel("Address", new() { Exact = true }).FillAsync("kari@example.com");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();

        await Assertions.Expect(Page.Locator("#suppress-reason-error")).ToContainTextAsync("Say why");
        await Assertions.Expect(Page.GetByLabel("Why", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        AssertNoPageErrors();
    }

    [Fact]
    public async Task RemovingAnAddressJustAdded_DoesNotLeaveTheNoticeThatItGetsNoMail()
    {
        // The add form's "… gets no mail from now on." stays on the page after the address is removed from the list.
        await SignInAsync("suppressions");
        await Page.GetByLabel("Address", new() { Exact = true }).FillAsync("kari.review@example.com");
        await Page.GetByLabel("Why", new() { Exact = true }).FillAsync("Asked by phone");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "gets no mail from now on" })).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Remove kari.review@example.com" }).ClickAsync();
        await Page.GetByLabel("Why it may get mail again").FillAsync("Wants the newsletter again");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "kari.review@example.com" }).GetByRole(AriaRole.Button, new() { Name = "Remove kari.review@example.com" })).ToHaveCountAsync(0);

        await Assertions.Expect(Page.GetByText("gets no mail from now on")).ToHaveCountAsync(0);
        AssertNoPageErrors();
    }
}
