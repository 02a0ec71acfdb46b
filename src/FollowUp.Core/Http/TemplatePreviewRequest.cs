using System.Text.Json;
using FollowUp.Templates;

namespace FollowUp.Http;

/// <summary>
/// The body of <c>POST /api/templates/{id}/preview</c>, every part optional: the locale to render, a CloudEvent to
/// render with (else a sample event for the template's trigger), and unsaved template content to try out.
/// </summary>
public sealed record TemplatePreviewRequest(string? Locale, JsonElement? Event, TemplateInput? Template);
