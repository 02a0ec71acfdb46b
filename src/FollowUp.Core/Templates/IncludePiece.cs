using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace FollowUp.Templates;

/// <summary>
/// <c>include</c> as Scriban's own (through the context's loader, its cache and its recursion limit), except that in an
/// HTML body what a partial writes is markup, already escaped where it wrote values, and must not be escaped again.
/// </summary>
internal sealed class IncludePiece(bool html) : IScriptCustomFunction
{
    public int RequiredParameterCount => 1;

    public int ParameterCount => 1;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.Direct;

    public Type ReturnType => typeof(object);

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        var caller = callerContext ?? context.CurrentNode;
        if (arguments.Count == 0)
        {
            throw new ScriptRuntimeException(caller?.Span ?? context.CurrentSpan, "include takes a partial's id in quotes, e.g. include \"footer\"");
        }

        var path = context.GetTemplatePathFromName(context.ObjectToString(arguments[0]), caller);
        if (path is null)
        {
            return null;
        }

        var rendered = context.RenderTemplate(context.GetOrCreateTemplate(path, caller), arguments, caller);
        return html ? new RawHtml(rendered) : rendered;
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));

    public ScriptParameterInfo GetParameterInfo(int index) =>
        index == 0 ? new ScriptParameterInfo(typeof(string), "partial") : new ScriptParameterInfo(typeof(object), "value");
}
