using System.Text.Json.Nodes;

namespace FollowUp.OpenApi;

/// <summary>One example of a request or response body: a short name, what it shows, and the JSON.</summary>
public sealed record ApiExample(string Name, string Summary, JsonNode Value);
