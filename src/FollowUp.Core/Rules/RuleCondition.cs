using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;
using FollowUp.Templates;

namespace FollowUp.Rules;

/// <summary>A rule's condition: one Scriban expression, true when it evaluates to a truthy value.</summary>
public sealed class RuleCondition
{
    private readonly Template _template;

    private RuleCondition(Template template) => _template = template;

    public static RuleCondition? Compile(string expression, out string? error)
    {
        var template = ScriptParser.Parse(expression, TemplateSyntax.Scriban, out error, expressionOnly: true);
        return template is null ? null : new RuleCondition(template);
    }

    /// <exception cref="ScriptRuntimeException">The expression failed at run time (an unknown function, a bad operand).</exception>
    public bool IsMet(ScriptObject model)
    {
        var context = new TemplateContext
        {
            LoopLimit = 1000,
            RecursiveLimit = 20,
            StrictVariables = false,
            EnableRelaxedMemberAccess = true,
        };
        context.PushGlobal(model);
        var value = _template.Evaluate(context);
        return context.ToBool(default, value);
    }
}
