namespace FollowUp.SelfHost;

public sealed class SelfHostOptions
{
    public const string SectionName = "FollowUp:SelfHost";

    /// <summary>
    /// The key every <c>/api</c> request must carry in <c>X-Api-Key</c> (or <c>x-functions-key</c>, as on Azure
    /// Functions). When not configured, a key is generated once and kept in the local state folder.
    /// </summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>
    /// Where the self-host keeps generated keys, the outbox and its Azurite's data; <c>.local</c> in the checkout
    /// when not configured. A second self-host on the same machine needs a folder of its own.
    /// </summary>
    public string? StateFolder { get; set; }
}
