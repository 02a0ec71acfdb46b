namespace FollowUp.Webhooks;

/// <summary>A subscription as <c>PUT /api/webhooks/{id}</c> takes it.</summary>
public sealed record WebhookInput
{
    /// <summary>Where events are posted: https (http only where <c>FollowUp:Webhooks:AllowHttp</c> says so).</summary>
    public string? Url { get; init; }

    /// <summary>The event types (see <see cref="WebhookEventTypes.Names"/>), or <c>["*"]</c> for all.</summary>
    public IReadOnlyList<string>? Events { get; init; }

    /// <summary>
    /// The signing secret, <c>whsec_</c> and 24 to 64 bytes in base64 (Standard Webhooks); without one, a new
    /// subscription gets one generated and a changed one keeps its own.
    /// </summary>
    public string? Secret { get; init; }

    public bool? Enabled { get; init; }

    public string? Description { get; init; }
}
