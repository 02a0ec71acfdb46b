namespace FollowUp.Templates;

public enum TemplateSyntax
{
    Scriban,
    Liquid,
}
