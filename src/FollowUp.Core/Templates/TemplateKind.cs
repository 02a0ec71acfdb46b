namespace FollowUp.Templates;

/// <summary>What a template is for: a message a rule sends, or a shared piece messages use.</summary>
public enum TemplateKind
{
    /// <summary>A message: a rule sends it; it may sit in a layout.</summary>
    Message,

    /// <summary>A frame around messages (header, footer with the unsubscribe link, brand colours): its HTML and text put the message where they say <c>{{ content }}</c>.</summary>
    Layout,

    /// <summary>A piece any template includes by name: <c>{{ include "footer" }}</c> (Liquid: <c>{% include 'footer' %}</c>).</summary>
    Partial,
}
