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

    /// <summary>Each module resource main.bicep deploys, by module name, with its compiled template.</summary>
    public static IEnumerable<(string Module, JsonObject Template)> Modules(JsonObject main) =>
        Resources(main).Where(r => r["type"]!.GetValue<string>() == "Microsoft.Resources/deployments")
            .Select(r => (r["name"]!.GetValue<string>(), r["properties"]!["template"]!.AsObject()));

    /// <summary>The expression (or literal) main.bicep passes to a module's parameter; null when it passes none.</summary>
    public static string? PassedTo(JsonObject main, string module, string parameter)
    {
        var deployment = Resources(main).Single(r => r["type"]!.GetValue<string>() == "Microsoft.Resources/deployments" && r["name"]!.GetValue<string>() == module);
        return deployment["properties"]!["parameters"]?[parameter]?["value"] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? value.GetValue<string>()
            : null;
    }

    /// <summary>
    /// The main.bicep parameter behind a module expression that is exactly one of the module's parameters which main.bicep
    /// fills with exactly one of its own (<c>[parameters('x')]</c> in the module, <c>[parameters('y')]</c> passed): y, else null.
    /// </summary>
    public static string? MainParameterBehind(JsonObject main, string module, string? expression) =>
        ParameterName(expression) is { } moduleParameter ? ParameterName(PassedTo(main, module, moduleParameter)) : null;

    /// <summary>Whether the expression reads the named output of the named module (<c>reference(... 'module' ...).outputs.output.value</c>).</summary>
    public static bool ReadsOutput(string? expression, string module, string output) =>
        expression is not null
        && expression.Contains($"'Microsoft.Resources/deployments', '{module}')", StringComparison.Ordinal)
        && expression.Contains($".outputs.{output}.value", StringComparison.Ordinal);

    /// <summary>The role definition GUID a role assignment grants, read through the module's variables when it names one.</summary>
    public static string? RoleDefinition(JsonObject module, JsonObject assignment)
    {
        var expression = assignment["properties"]!["roleDefinitionId"]!.GetValue<string>();
        var literal = System.Text.RegularExpressions.Regex.Match(expression, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        if (literal.Success)
        {
            return literal.Value;
        }

        var variable = System.Text.RegularExpressions.Regex.Match(expression, @"variables\('(\w+)'\)\)\]$");
        return variable.Success && module["variables"]?[variable.Groups[1].Value] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null;
    }

    /// <summary>infra/main.parameters.json's values as azd reads them, before it substitutes <c>${VAR}</c> and <c>$(command)</c>.</summary>
    public static IReadOnlyDictionary<string, string> ParameterFile()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(Bicep.InfraFolder, "main.parameters.json")))!;
        return file["parameters"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!["value"]!.GetValue<string>(), StringComparer.Ordinal);
    }

    /// <summary>x when the expression is exactly <c>[parameters('x')]</c>, else null.</summary>
    public static string? ParameterName(string? expression) =>
        expression is not null && System.Text.RegularExpressions.Regex.Match(expression, @"^\[parameters\('(\w+)'\)\]$") is { Success: true } match ? match.Groups[1].Value : null;

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
