using FollowUp.Dispatch;
using FollowUp.Events;
using FollowUp.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>What the tests of the customers' links share: a sent lost-sale survey, and a link's path.</summary>
internal static class CustomerLinkClient
{
    public static string PathOf(string url) => new Uri(url).PathAndQuery;

    public static async Task<string> SendSurveyAsync(SelfHostFactory factory, HttpClient api, string locale = "nb-NO")
    {
        var (_, lost) = await api.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Deal(EventTypes.DealLost, "D-1", locale: locale).ToJsonString(), "application/cloudevents+json");
        factory.Time.Advance(TimeSpan.FromDays(2));
        await factory.Services.GetRequiredService<MessageDispatcher>().DispatchDueAsync();
        return lost!["scheduled"]![0]!["messageId"]!.GetValue<string>();
    }
}
