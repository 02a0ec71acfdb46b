using FollowUp.Events;

namespace FollowUp.Console.Tests;

/// <summary>Finding messages again, and finding one thing after another.</summary>
public sealed class MessagesSearchTests(Chromium chromium) : ConsoleTest(chromium)
{
    private ILocator Find => Page.GetByRole(AriaRole.Button, new() { Name = "Find" });

    [Fact]
    public async Task FindingTheSameOrderAgain_ShowsWhatHappenedSince()
    {
        // The search runs when the address changes; the same search again pushes the same address, and nothing runs.
        await PostEventAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-FA-1"));
        await SignInAsync("messages?orderId=O-FA-1");
        await Assertions.Expect(Page.Locator("article.message").Filter(new() { HasText = "thank-you" })).ToBeVisibleAsync();
        await PostEventAsync(TestEvents.Order(EventTypes.OrderDelivered, "O-FA-1"));

        await Find.ClickAsync();

        await Assertions.Expect(Page.Locator("article.message").Filter(new() { HasText = "review-request" })).ToBeVisibleAsync();
        AssertNoPageErrors();
    }

    [Fact]
    public async Task ASlowSearchThatIsGoneBackFrom_DoesNotReplaceTheResultsOfTheAddressShown()
    {
        // Each search sets the results when it ends, with nothing cancelling the one before: the slower one wins.
        await PostEventAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-RA-1"));
        await PostEventAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-RA-2"));
        await SignInAsync("messages?orderId=O-RA-2");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Order O-RA-2" })).ToBeVisibleAsync();
        var release = new TaskCompletionSource();
        await Page.RouteAsync(url => url.Contains("orderId=O-RA-1", StringComparison.Ordinal), async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await Page.Locator("#find-value").FillAsync("O-RA-1");
        await Find.ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("orderId=O-RA-1"));

        await Page.GoBackAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Order O-RA-2" })).ToBeVisibleAsync();
        var late = Page.WaitForResponseAsync(response => response.Url.Contains("orderId=O-RA-1", StringComparison.Ordinal));
        release.SetResult();
        await late;
        var overwritten = Page.GetByRole(AriaRole.Heading, new() { Name = "Order O-RA-1" });
        try
        {
            await overwritten.WaitForAsync(new() { Timeout = 3000 });
        }
        catch (TimeoutException)
        {
            // Not shown: as it should be.
        }

        Assert.Contains("orderId=O-RA-2", Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(overwritten).ToHaveCountAsync(0);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Order O-RA-2" })).ToBeVisibleAsync();
        AssertNoPageErrors();
    }

    [Fact]
    public async Task ACustomerWithMoreMessagesThanOneGoShows_SaysSoAndShowsTheRestOnAsk()
    {
        // The page reads ten pages a go; here a page holds one message (the page's own requests, to the real host, are
        // asked for one at a time), so twelve orders' follow-ups are more than a go shows.
        var scheduled = await ManyOrdersAsync("c-many");
        await SignInAsync("messages?customerId=c-many");

        var more = More;
        await Assertions.Expect(more).ToContainTextAsync("The first 10 messages found are shown");
        await Assertions.Expect(Page.Locator("article.message")).ToHaveCountAsync(10);

        await more.GetByRole(AriaRole.Button, new() { Name = "Show more" }).ClickAsync();

        await Assertions.Expect(Page.Locator("article.message")).ToHaveCountAsync(scheduled);
        await Assertions.Expect(more).ToHaveCountAsync(0);
        var shown = await Page.Locator("article.message").EvaluateAllAsync<string[]>("all => all.map(a => a.dataset.message)");
        Assert.Equal(scheduled, shown.Distinct().Count());
        await ScreenshotAsync("messages-show-more");
        AssertNoPageErrors();
    }

    private ILocator More => Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "there are more" });

    /// <summary>Waits for the first go to be shown, with more to come, and answers a message that can be cancelled.</summary>
    private async Task<ILocator> FirstGoShownAsync()
    {
        await Assertions.Expect(More).ToContainTextAsync("The first 10 messages found are shown");
        var id = await Page.Locator("article.message").Filter(new() { Has = Page.GetByRole(AriaRole.Button, new() { Name = "Cancel…" }) }).First.GetAttributeAsync("data-message");
        return Page.Locator($"article[data-message='{id}']");
    }

    private async Task<int> ManyOrdersAsync(string customerId)
    {
        var scheduled = 0;
        for (var i = 1; i <= 12; i++)
        {
            var placed = await PostEventAsync(TestEvents.Order(EventTypes.OrderPlaced, $"O-{customerId}-{i}", customerId: customerId));
            scheduled += placed["scheduled"]!.AsArray().Count;
        }

        Assert.True(scheduled > 10, $"{scheduled} scheduled");

        // A page holds one message, so that ten pages (one go) are fewer than the customer has.
        await Page.RouteAsync(url => url.Contains("/api/messages?", StringComparison.Ordinal), route =>
            route.ContinueAsync(new() { Url = route.Request.Url.Replace("limit=100", "limit=1", StringComparison.Ordinal) }));
        return scheduled;
    }

    [Fact]
    public async Task AMessageCancelledWhileShowMoreLoads_StaysCancelled()
    {
        // "Show more" adds what it found to the list as it was when it was asked: a cancel that ended meanwhile is undone
        // on the page, which offers to cancel the message again (and the server then refuses).
        var scheduled = await ManyOrdersAsync("c-mcx");
        var release = new TaskCompletionSource();
        var holding = false;
        await Page.RouteAsync(url => holding && url.Contains("continuationToken=", StringComparison.Ordinal), async route =>
        {
            await release.Task;
            await route.FallbackAsync();
        });
        await SignInAsync("messages?customerId=c-mcx");
        var more = More;
        var message = await FirstGoShownAsync();

        holding = true;
        await more.GetByRole(AriaRole.Button, new() { Name = "Show more" }).ClickAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = "Cancel…" }).ClickAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = "Cancel the message" }).ClickAsync();
        await Assertions.Expect(message.GetByTestId("status")).ToHaveTextAsync("cancelled");
        release.SetResult();

        await Assertions.Expect(Page.Locator("article.message")).ToHaveCountAsync(scheduled);
        await Assertions.Expect(message.GetByTestId("status")).ToHaveTextAsync("cancelled");
        await Assertions.Expect(message.GetByRole(AriaRole.Button, new() { Name = "Cancel…" })).ToHaveCountAsync(0);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task ACancelThatEndsAfterShowMore_KeepsWhatShowMoreBrought()
    {
        // The cancel's answer replaces the list with the one it was asked from, before "Show more" added to it; the token
        // has moved on past what was added, so those messages are gone from the page until a new search.
        var scheduled = await ManyOrdersAsync("c-mcy");
        var release = new TaskCompletionSource();
        await Page.RouteAsync(url => url.EndsWith("/cancel", StringComparison.Ordinal), async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await SignInAsync("messages?customerId=c-mcy");
        var more = More;
        var message = await FirstGoShownAsync();
        await message.GetByRole(AriaRole.Button, new() { Name = "Cancel…" }).ClickAsync();
        var cancelled = Page.WaitForResponseAsync(response => response.Url.EndsWith("/cancel", StringComparison.Ordinal));
        await message.GetByRole(AriaRole.Button, new() { Name = "Cancel the message" }).ClickAsync();

        await more.GetByRole(AriaRole.Button, new() { Name = "Show more" }).ClickAsync();
        await Assertions.Expect(Page.Locator("article.message")).ToHaveCountAsync(scheduled);
        release.SetResult();
        await cancelled;

        await Assertions.Expect(message.GetByTestId("status")).ToHaveTextAsync("cancelled");
        await Assertions.Expect(Page.Locator("article.message")).ToHaveCountAsync(scheduled);
        AssertNoPageErrors();
    }

    [Fact]
    public async Task TheMenusMessagesLink_ShowsThePageWithoutTheSearchBefore()
    {
        await PostEventAsync(TestEvents.Order(EventTypes.OrderPlaced, "O-NL-1"));
        await SignInAsync("messages?orderId=O-NL-1");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Order O-NL-1" })).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Messages" }).ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/messages$"));
        await Assertions.Expect(Page.Locator("article.message")).ToHaveCountAsync(0);
        await Page.GoBackAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Order O-NL-1" })).ToBeVisibleAsync();
        AssertNoPageErrors();
    }
}
