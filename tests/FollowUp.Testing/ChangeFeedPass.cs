using FollowUp.Alerts;
using FollowUp.Feed;
using FollowUp.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.Testing;

/// <summary>One pass of what the self-host's change-feed loop and the Functions timer run: count and queue, then send alerts and deliver webhooks.</summary>
public static class ChangeFeedPass
{
    public static async Task RunAsync(IServiceProvider services)
    {
        await services.GetRequiredService<ChangeFeed>().RunAsync().ConfigureAwait(false);
        await services.GetRequiredService<AlertSender>().SendDueAsync().ConfigureAwait(false);
        await services.GetRequiredService<WebhookSender>().DeliverDueAsync().ConfigureAwait(false);
    }
}
