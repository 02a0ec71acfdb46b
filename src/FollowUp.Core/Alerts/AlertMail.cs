using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FollowUp.Links;
using FollowUp.Messages;

namespace FollowUp.Alerts;

/// <summary>
/// The mail a person gets about an answer that needs them: who answered what to which message, the comment, why it
/// alerts, and a link to the message — short, plain, and with everything needed to pick up the phone.
/// </summary>
public static class AlertMail
{
    /// <summary>The deal owner's address from the message's model, when it is about a deal that has one.</summary>
    public static string? DealOwnerOf(JsonObject model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model["deal"]?["owner"]?["email"] is JsonValue value && value.TryGetValue<string>(out var email) && Validation.Formats.IsEmail(email) ? email : null;
    }

    public static (string Subject, string Html, string Text) Compose(MessageEntity message, JsonObject model, string why, string link)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(model);
        var customer = Text(model["customer"]?["name"]) ?? message.CustomerId;
        var about = message.GetSubjectKind() == Events.SubjectKind.Deal
            ? $"deal {message.SubjectId}{(Text(model["deal"]?["title"]) is { } title ? $" ({title})" : string.Empty)}"
            : $"order {message.SubjectId}";
        var answer = Answer(message);
        var subject = $"Follow-up alert: {customer} answered {answer} ({message.RuleId}, {about})";
        var lines = new List<(string Label, string Value)>
        {
            ("Customer", $"{customer} <{message.Email}>"),
            ("About", about),
            ("Follow-up", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{message.RuleId} (template {message.TemplateId}), sent {message.SentAt:yyyy-MM-dd HH:mm} UTC")),
            ("Answer", answer),
        };
        if (!string.IsNullOrWhiteSpace(message.Comment))
        {
            lines.Add(("Comment", message.Comment));
        }

        lines.Add(("Why this alert", why));
        var text = new StringBuilder()
            .AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{customer} answered {answer}. This needs a person: {why}.")
            .AppendLine();
        foreach (var (label, value) in lines)
        {
            text.Append(label).Append(": ").AppendLine(value);
        }

        text.AppendLine().Append("The message and its whole history: ").AppendLine(link);
        var rows = string.Concat(lines.Select(line =>
            $"<tr><th style=\"text-align:left;vertical-align:top;padding:4px 12px 4px 0;color:#52606d;font-weight:normal\">{Html(line.Label)}</th><td style=\"padding:4px 0;white-space:pre-wrap\">{Html(line.Value)}</td></tr>"));
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body style="margin:0;padding:24px;background:#f5f5f4;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1f2933">
            <div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-top:4px solid #b42318">
            <p style="margin-top:0"><strong>{Html(customer)}</strong> answered <strong>{Html(answer)}</strong>. This needs a person: {Html(why)}.</p>
            <table role="presentation" style="border-collapse:collapse;margin:16px 0">{rows}</table>
            <p><a href="{Html(link)}" style="color:#1f5fc7">Open the message and its whole history</a></p>
            </div>
            </body></html>
            """;
        return (subject, html, text.ToString());
    }

    /// <summary>The answer as the mail's link words said it, with the score when it is one.</summary>
    private static string Answer(MessageEntity message)
    {
        var label = message.GetChoices().FirstOrDefault(c => c.Answer == message.Answer)?.Label;
        var score = AnswerScore.Of(message.Answer) is { } s ? $"{s.Value} of {s.Top}" : null;
        return (label, score) switch
        {
            (not null, _) => $"“{label}”",
            (null, not null) => score,
            _ => $"“{message.Answer}”",
        };
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
