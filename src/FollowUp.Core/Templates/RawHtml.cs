namespace FollowUp.Templates;

/// <summary>Text a template marked with <c>| raw</c>: written into HTML bodies without escaping.</summary>
public sealed record RawHtml(string Value)
{
    public override string ToString() => Value;
}
