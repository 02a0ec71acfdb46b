using System.Text.Json;
using System.Text.Json.Nodes;
using FollowUp.Rules;
using FollowUp.Templates;
using FollowUp.Validation;

namespace FollowUp.Cli.Folder;

/// <summary>
/// Rules and templates as their PUT bodies: only the fields the request types have, read from the API's own JSON
/// contract, so that what the server manages (id, version, updatedAt, and anything Core adds that is not input) is
/// never written to a file or compared, and an input field Core adds is carried without a change here.
/// </summary>
internal static class InputShape
{
    private static readonly ScriptLimits Limits = new();

    public static JsonObject OfRule(Rule rule) => Project(rule, typeof(RuleInput));

    public static JsonObject OfTemplate(MessageTemplate template)
    {
        var shape = Project(template, typeof(TemplateInput));

        // Locales in a fixed order, so that two templates with the same content have the same shape.
        if (shape["locales"] is JsonObject locales)
        {
            shape["locales"] = new JsonObject(locales.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => KeyValuePair.Create(l.Key, l.Value?.DeepClone())));
        }

        return shape;
    }

    /// <summary>
    /// The rule as the API would store it if it were PUT now (normalized: defaults filled in, send-window days in
    /// week order), so that a rule stored another way (a seeded default) compares equal to its file.
    /// </summary>
    public static JsonObject NormalizedRule(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var shape = OfRule(rule);
        var input = shape.Deserialize<RuleInput>(FollowUpJson.Options)!;
        return RuleValidator.Validate(rule.Id, input, _ => true, Limits, new FieldErrors()) is { } valid ? OfRule(valid) : shape;
    }

    /// <summary>The template as the API would store it if it were PUT now (locale tags in their normal case).</summary>
    public static JsonObject NormalizedTemplate(MessageTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var shape = OfTemplate(template);
        var input = shape.Deserialize<TemplateInput>(FollowUpJson.Options)!;
        return TemplateValidator.Validate(template.Id, input, new FieldErrors()) is { } valid ? OfTemplate(valid) : shape;
    }

    private static JsonObject Project<T>(T value, Type input)
    {
        var fields = ContractFields.Of(input).Except(ContractFields.ServerSet).ToList();
        var all = JsonSerializer.SerializeToNode(value, FollowUpJson.Options)!.AsObject();
        return new JsonObject(all.Where(p => fields.Contains(p.Key)).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
    }
}
