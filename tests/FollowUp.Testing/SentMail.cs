using System.Text.Json.Nodes;

namespace FollowUp.Testing;

/// <summary>One request the fake SendGrid received: the v3 mail-send body as sent, and how it was answered.</summary>
public sealed record SentMail(JsonObject Body, string? Authorization, int AnsweredStatus, string? ProviderMessageId)
{
    public bool Accepted => AnsweredStatus is >= 200 and < 300;

    // The SendGrid helper puts custom args and headers on the personalization; the API also accepts them top-level.
    public string? MessageId =>
        (Body["personalizations"]?[0]?["custom_args"]?["followup_message_id"] ?? Body["custom_args"]?["followup_message_id"])?.GetValue<string>();

    public string? To => Body["personalizations"]?[0]?["to"]?[0]?["email"]?.GetValue<string>();

    public string? ReplyTo => Body["reply_to"]?["email"]?.GetValue<string>();

    public string? Subject => Body["subject"]?.GetValue<string>() ?? Body["personalizations"]?[0]?["subject"]?.GetValue<string>();

    public string? Content(string type) =>
        Body["content"]?.AsArray().FirstOrDefault(c => c?["type"]?.GetValue<string>() == type)?["value"]?.GetValue<string>();

    public string? Header(string name) =>
        (Body["personalizations"]?[0]?["headers"]?[name] ?? Body["headers"]?[name])?.GetValue<string>();
}
