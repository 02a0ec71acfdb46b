using System.Text.RegularExpressions;
using Scriban;
using Scriban.Syntax;

namespace FollowUp.Templates;

/// <summary>
/// Runs a Scriban evaluation under a time budget: Scriban checks the context's cancellation token between
/// statements and its regex timeout inside each regular expression. Both are wall-clock by nature — they bound CPU,
/// they decide nothing about when a message is sent.
/// </summary>
internal static class ScriptBudget
{
    /// <param name="context">The evaluation's context; its token and regex timeout are set here.</param>
    /// <param name="deadline">Cancelled when the budget is spent; several evaluations may share it.</param>
    /// <param name="budget">The budget, for the message.</param>
    /// <param name="regexTimeout">The longest one regular expression may run.</param>
    /// <param name="evaluate">The evaluation.</param>
    /// <exception cref="ScriptBudgetExceededException">The evaluation ran over the budget or a regex over its timeout.</exception>
    public static T Run<T>(TemplateContext context, TimeSpan budget, TimeSpan regexTimeout, Func<T> evaluate, CancellationToken deadline)
    {
        context.CancellationToken = deadline;
        context.RegexTimeOut = regexTimeout;
        try
        {
            deadline.ThrowIfCancellationRequested();
            return evaluate();
        }
        catch (Exception ex) when (deadline.IsCancellationRequested && ex is ScriptAbortException or OperationCanceledException)
        {
            throw new ScriptBudgetExceededException($"took longer than its budget of {budget.TotalMilliseconds:0} ms");
        }
        catch (Exception ex) when (IsRegexTimeout(ex))
        {
            throw new ScriptBudgetExceededException($"a regular expression took longer than {regexTimeout.TotalMilliseconds:0} ms");
        }
    }

    private static bool IsRegexTimeout(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is RegexMatchTimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
