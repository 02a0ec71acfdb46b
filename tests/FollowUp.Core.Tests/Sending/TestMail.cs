using FollowUp.Sending;

namespace FollowUp.Core.Tests.Sending;

internal static class TestMail
{
    public const string To = "kari@example.no";

    public static OutgoingMail Create(string? toName = "Kari Nordmann", string subject = "Takk for handelen", string? replyToEmail = null, string? replyToName = null) =>
        new("m-1", "order-thanks", To, toName, subject, "<p>Hei</p>", "Hei", "https://followup.example/u/token", replyToEmail, replyToName);
}
