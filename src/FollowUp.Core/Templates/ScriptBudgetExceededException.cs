namespace FollowUp.Templates;

/// <summary>A rule's condition or a template ran over its time budget (<see cref="ScriptLimits"/>).</summary>
public sealed class ScriptBudgetExceededException : Exception
{
    public ScriptBudgetExceededException()
    {
    }

    public ScriptBudgetExceededException(string message)
        : base(message)
    {
    }

    public ScriptBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
