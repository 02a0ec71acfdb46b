namespace FollowUp.SelfHost;

public sealed class SelfHostOptions
{
    public const string SectionName = "FollowUp:SelfHost";

    /// <summary>
    /// The key every <c>/api</c> request must carry in <c>X-Api-Key</c> (or <c>x-functions-key</c>, as on Azure
    /// Functions). When not configured, a key is generated once and kept in the local state folder.
    /// </summary>
    public string ApiKey { get; set; } = string.Empty;
}
