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
    /// <exception cref="ScriptBudgetExceededException">The expression ran over its time budget.</exception>
    public bool IsMet(ScriptObject model, ScriptLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var context = new TemplateContext
        {
            LoopLimit = 1000,
            RecursiveLimit = 20,
            StrictVariables = false,
            EnableRelaxedMemberAccess = true,
        };
        context.PushGlobal(model);
        using var deadline = new CancellationTokenSource(limits.ConditionBudget);
        return ScriptBudget.Run(
            context,
            limits.ConditionBudget,
            limits.RegexTimeout,
            () => context.ToBool(default, _template.Evaluate(context)),
            deadline.Token);
    }
}
