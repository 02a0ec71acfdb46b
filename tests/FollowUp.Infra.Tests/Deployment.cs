using System.Text.Json.Nodes;

namespace FollowUp.Infra.Tests;

/// <summary>Reads the compiled ARM template: the nested module templates and the resources in them.</summary>
internal static class Deployment
{
    public static JsonObject Module(JsonObject main, string name) =>
        Resources(main).Single(r => r["type"]!.GetValue<string>() == "Microsoft.Resources/deployments" && r["name"]!.GetValue<string>() == name)["properties"]!["template"]!.AsObject();

    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.Select(r => r!.AsObject()),
        JsonObject symbolic => symbolic.Select(pair => pair.Value!.AsObject()),
        _ => [],
    };

    public static IEnumerable<JsonObject> AllResources(JsonObject main) =>
        Resources(main).Concat(Resources(main).Where(r => r["type"]!.GetValue<string>() == "Microsoft.Resources/deployments").SelectMany(r => Resources(r["properties"]!["template"]!.AsObject())));

    public static JsonObject Single(JsonObject main, string type) => AllResources(main).Single(r => r["type"]!.GetValue<string>() == type);

    /// <summary>
    /// A module parameter's value when main.bicep passes a constant (directly or through one of its variables), else null.
    /// </summary>
    public static string? ConstantPassedTo(JsonObject main, string module, string parameter)
    {
        var deployment = Resources(main).Single(r => r["type"]!.GetValue<string>() == "Microsoft.Resources/deployments" && r["name"]!.GetValue<string>() == module);
        var passed = deployment["properties"]!["parameters"]?[parameter]?["value"];
        if (passed is not JsonValue value || value.GetValueKind() != System.Text.Json.JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetValue<string>();
        var variable = System.Text.RegularExpressions.Regex.Match(text, @"^\[variables\('(\w+)'\)\]$");
        return variable.Success
            ? main["variables"]?[variable.Groups[1].Value] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null
            : text.StartsWith('[') ? null : text;
    }

    /// <summary>The function app's settings as (name, value expression), the Key Vault-backed SendGrid key included.</summary>
    public static IReadOnlyList<(string Key, string Value)> AppSettings(JsonObject main)
    {
        var function = Module(main, "function");
        var config = Resources(function).Single(r => r["type"]!.GetValue<string>() == "Microsoft.Web/sites/config");
        var expression = string.Join(" ", Strings(config["properties"]).Concat(Strings(function["variables"])));
        return ArmExpression.CreateObjectPairs(expression).Where(p => p.Key.Length > 0).ToList();
    }

    // The raw strings, not JSON text: serializing would escape the quotes ARM expressions are made of.
    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(pair => Strings(pair.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => [value.GetValue<string>()],
        _ => [],
    };
}
