using System.Text.Json.Nodes;
using FollowUp.Cli.Api;

namespace FollowUp.Cli.Planning;

/// <summary>One write the plan makes.</summary>
/// <param name="Kind">Create, change or delete.</param>
/// <param name="Resource">A rule or a template.</param>
/// <param name="Id">Its id.</param>
/// <param name="ServerVersion">The version the plan read (sent as If-Match); null for a create.</param>
/// <param name="ServerShape">What the server holds, normalized, as read by the plan; null for a create.</param>
/// <param name="Body">What to PUT; null for a delete.</param>
/// <param name="Details">The difference in lines a person reads.</param>
internal sealed record PlannedChange(ChangeKind Kind, ResourceKind Resource, string Id, int? ServerVersion, JsonObject? ServerShape, JsonObject? Body, IReadOnlyList<string> Details)
{
    public string Name => $"{(Resource == ResourceKind.Rule ? "rule" : "template")} {Id}";
}
