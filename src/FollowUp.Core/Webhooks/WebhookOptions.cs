namespace FollowUp.Webhooks;

/// <summary><c>FollowUp:Webhooks</c>: how outbound webhooks reach their receivers.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "FollowUp:Webhooks";

    /// <summary>
    /// Whether a receiver may be on a private or loopback network (10/8, 172.16/12, 192.168/16, 127/8, link-local, ::1,
    /// fc00::/7): off, so that an API key cannot make FollowUp post into the network it runs in.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Whether a receiver's URL may be plain http (for a receiver on this machine, with <see cref="AllowPrivateNetworks"/>).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>How long a receiver has to answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a delivery is retried before it is given up, and how long a subscription may fail before it is switched off.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(24);
}
