namespace FollowUp.Sending;

public sealed class SendGridOptions
{
    public const string SectionName = "FollowUp:SendGrid";

    /// <summary>SendGrid API key. When empty, messages are written to <see cref="OutboxPath"/> instead of being sent.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The v3 API's base address (default <c>https://api.sendgrid.com</c>); tests point it at a local server.</summary>
    public string BaseUrl { get; set; } = "https://api.sendgrid.com";

    /// <summary>The verified sender address. Required when <see cref="ApiKey"/> is set.</summary>
    public string FromEmail { get; set; } = "followup@example.com";

    /// <summary>The sender's display name (default <c>FollowUp</c>); templates see it as <c>sender.name</c>.</summary>
    public string FromName { get; set; } = "FollowUp";

    /// <summary>Seconds to wait for SendGrid before counting the attempt as failed (default 30).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Folder for .eml files when sending is off (default <c>outbox</c> under the working directory).</summary>
    public string OutboxPath { get; set; } = "outbox";

    /// <summary>
    /// The Event Webhook's verification key (SendGrid: Settings → Mail Settings → Event Webhook → Signed Event Webhook),
    /// base64 as SendGrid shows it. Without it, <c>POST /webhooks/sendgrid</c> takes nothing.
    /// </summary>
    public string? WebhookPublicKey { get; set; }

    /// <summary>How old a signed webhook request may be, by its timestamp (default 5 minutes): older ones are refused as replays.</summary>
    public TimeSpan WebhookMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);
}
