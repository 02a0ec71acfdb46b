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

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);
}
