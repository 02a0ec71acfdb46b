namespace FollowUp.Templates;

/// <summary>A template could not be rendered for one message; the message fails with <see cref="Exception.Message"/> as its reason.</summary>
public sealed class TemplateRenderException : Exception
{
    public TemplateRenderException()
    {
    }

    public TemplateRenderException(string message)
        : base(message)
    {
    }

    public TemplateRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
