using System.Text.Json;
using FollowUp.Templates;

namespace FollowUp.Http;

/// <summary>
/// The body of <c>POST /api/templates/{id}/test-send</c>: where the test goes (required), and as for a preview, the
/// locale, a CloudEvent to render with (else a sample event for the template's trigger), and unsaved content to try.
/// </summary>
public sealed record TemplateTestSendRequest(string? To, string? Locale, JsonElement? Event, TemplateInput? Template);
