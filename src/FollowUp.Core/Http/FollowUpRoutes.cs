namespace FollowUp.Http;

/// <summary>The public contract's routes, shared by both hosts so that they cannot drift apart.</summary>
public static class FollowUpRoutes
{
    public const string Events = "api/events";
    public const string RecentEvents = "api/events/recent";
    public const string Rules = "api/rules";
    public const string Rule = "api/rules/{id}";
    public const string RuleDryRun = "api/rules/dry-run";
    public const string RuleVersions = "api/rules/{id}/versions";
    public const string RuleVersion = "api/rules/{id}/versions/{version}";
    public const string RuleVersionRestore = "api/rules/{id}/versions/{version}/restore";
    public const string Replay = "api/replay";
    public const string Templates = "api/templates";
    public const string Template = "api/templates/{id}";
    public const string TemplatePreview = "api/templates/{id}/preview";
    public const string TemplateTestSend = "api/templates/{id}/test-send";
    public const string TemplateVersions = "api/templates/{id}/versions";
    public const string TemplateVersion = "api/templates/{id}/versions/{version}";
    public const string TemplateVersionRestore = "api/templates/{id}/versions/{version}/restore";
    public const string Messages = "api/messages";
    public const string Message = "api/messages/{id}";
    public const string MessageCancel = "api/messages/{id}/cancel";
    public const string MessageContent = "api/messages/{id}/content";
    public const string ReportSummary = "api/reports/summary";
    public const string CustomerExport = "api/customers/{id}/export";
    public const string Customer = "api/customers/{id}";
    public const string Webhooks = "api/webhooks";
    public const string Webhook = "api/webhooks/{id}";
    public const string Alerts = "api/alerts";
    public const string AlertResolve = "api/alerts/{id}/resolve";
    public const string Suppressions = "api/suppressions";
    public const string Suppression = "api/suppressions/{address}";

    /// <summary>Who the caller is, and whether Entra ID sign-in is offered (for the console).</summary>
    public const string Me = "api/me";

    /// <summary>One-click answers: public, protected by the token's signature.</summary>
    public const string Answer = "r/{token}";

    /// <summary>One-click unsubscribe (GET shows a confirmation, POST unsubscribes per RFC 8058): public, signed.</summary>
    public const string Unsubscribe = "u/{token}";

    /// <summary>SendGrid's Event Webhook: public, protected by SendGrid's signature.</summary>
    public const string SendGridWebhook = "webhooks/sendgrid";

    /// <summary>Liveness: the process answers. Public.</summary>
    public const string Health = "health";

    /// <summary>Readiness: storage answers and the settings are valid (503 when not). Public.</summary>
    public const string HealthReady = "health/ready";

    /// <summary>The OpenAPI 3.1 description of every route. Public.</summary>
    public const string OpenApiDocument = "openapi/v1.json";
}
