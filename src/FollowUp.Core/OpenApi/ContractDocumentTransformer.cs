using System.Text.Json.Nodes;
using FollowUp.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

using FollowUp.Templates;

namespace FollowUp.OpenApi;

/// <summary>
/// What the endpoints' metadata cannot say: the document's introduction, the API key schemes, the event body (read as
/// raw JSON by its handler, described by the repository's schema), headers and query parameters that handlers read
/// themselves, and the examples.
/// </summary>
internal sealed class ContractDocumentTransformer : IOpenApiDocumentTransformer
{
    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "FollowUp",
            Version = "v1",
            Description = Introduction,
        };
        document.Servers = [];
        EventSchema.AddTo(document);
        AddSecuritySchemes(document);
        AddTemplateModel(document);
        document.Tags = new HashSet<OpenApiTag>(
        [
            new() { Name = FollowUpEndpoints.EventsTag, Description = "Orders, deliveries and deals coming in from the shop, the carrier and the CRM." },
            new() { Name = FollowUpEndpoints.RulesTag, Description = "Which event starts which message, after what delay, for whom, and what cancels it." },
            new() { Name = FollowUpEndpoints.TemplatesTag, Description = "The messages' subject, HTML and text per locale, in Scriban or Liquid; layouts around them and partials they include. The names a template (or a rule's condition) can use are the `TemplateModel` schema; a name it lacks is a warning in the answer to a save or a preview." },
            new() { Name = FollowUpEndpoints.MessagesTag, Description = "Every message's whole life: the results ledger." },
            new() { Name = FollowUpEndpoints.LinksTag, Description = "The links in the messages: public, each protected by its signed token." },
            new() { Name = FollowUpEndpoints.SignInTag, Description = "Who is calling: a key's name or a user signed in with Microsoft Entra ID (on Azure, when set up)." },
            new() { Name = FollowUpEndpoints.HealthTag, Description = "Probes for a load balancer or an orchestrator: public, and they tell nothing an attacker could use." },
        ]);
        PointPreviewEventAtSchema(document);
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (_, operation) in item.Operations ?? [])
            {
                Describe(document, path, operation);
            }
        }

        return Task.CompletedTask;
    }

    private const string Introduction = """
        Timed, personal follow-ups for a business's orders, deliveries and lost deals. Send events in (`POST /api/events`); rules decide which message each customer gets and when; templates make it personal; every message's whole life is kept (`GET /api/messages`).

        **Authentication.** Every `/api` route needs an API key, sent as `X-Api-Key` (or as `x-functions-key`, or a `code` parameter, as Azure Functions' callers do): on the self-host its own key (in `.local/api-key`) or one of `FollowUp:ApiKeys`; on Azure one of `FollowUp:ApiKeys` (the deployment makes one, `default`, kept in its Key Vault). On Azure, when the deployment is given an app registration, a user signed in with Microsoft Entra ID who holds its app role may call the API too (`GET /api/me` says who is calling and where to sign in). The customers' links, health and this description are public.

        **JSON.** Field names are camelCase; request bodies refuse unknown and repeated field names, so a typo never passes silently. Errors are RFC 9457 problem details (`application/problem+json`) whose `errors` name each bad field. Bodies are limited to 4 MiB.

        **Edits.** Rules and templates carry a version as their `ETag` (`"v3"`). A PUT without `If-Match` only creates; to replace, send back the ETag you read (or `*`).

        The event body is described by the JSON Schema in the repository (`schemas/followup-event.schema.json`), and every example event in `examples/` is one of this document's examples.
        """;

    /// <summary>The template model as a schema (its names in snake_case, as templates write them), for reading, not for requests.</summary>
    private static void AddTemplateModel(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var model = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "What a template can use: the event's data (in snake_case: customer.first_name, order.lines[].unit_price), what FollowUp adds, and — in templates only, not in a rule's condition — the message, the sender, the links and the functions (each described with an example).",
            Properties = TemplateModelSchema.Root.Values.ToDictionary(field => field.Name, ModelSchema, StringComparer.Ordinal),
        };
        document.Components.Schemas["TemplateModel"] = model;
    }

    private static IOpenApiSchema ModelSchema(Templates.ModelField field)
    {
        var description = (field.TemplatesOnly ? "(Templates only.) " : string.Empty) + (field.Type == "function" ? "A function: " : string.Empty) + field.Description;
        var properties = field.Fields.Values.ToDictionary(child => child.Name, ModelSchema, StringComparer.Ordinal);
        return field.Type switch
        {
            "list" => new OpenApiSchema { Type = JsonSchemaType.Array, Description = description, Items = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = properties } },
            "object" => new OpenApiSchema { Type = JsonSchemaType.Object, Description = description, Properties = properties },
            "integer" => new OpenApiSchema { Type = JsonSchemaType.Integer, Description = description },
            "number" => new OpenApiSchema { Type = JsonSchemaType.Number, Description = description },
            "boolean" => new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = description },
            "time" => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = description },
            _ => new OpenApiSchema { Type = JsonSchemaType.String, Description = description },
        };
    }

    private static void AddSecuritySchemes(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
        {
            [FollowUpOpenApi.ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "An API key: the self-host's own (`FollowUp:SelfHost:ApiKey`; generated once into `.local/api-key` when not set) or one of `FollowUp:ApiKeys`.",
            },
            [FollowUpOpenApi.FunctionKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "x-functions-key",
                Description = "The same API key in the header Azure Functions' callers send (both hosts take it).",
            },
        };
    }

    private static void PointPreviewEventAtSchema(OpenApiDocument document)
    {
        if (document.Components?.Schemas is not { } schemas)
        {
            return;
        }

        // Each takes a CloudEvent as a JsonElement, described as any JSON: it is the event schema.
        foreach (var (name, description) in new[]
        {
            (nameof(TemplatePreviewRequest), "A CloudEvent to render with, instead of a sample event for the template's trigger."),
            (nameof(TemplateTestSendRequest), "A CloudEvent to render with, instead of a sample event for the template's trigger."),
            (nameof(RuleDryRunRequest), "The CloudEvent to try the rule with."),
            (nameof(RecentEvent), "The CloudEvent as ingest took it (a time from the future made now)."),
        })
        {
            if (schemas.TryGetValue(name, out var found) && found is OpenApiSchema request && request.Properties is { } properties && properties.ContainsKey("event"))
            {
                properties["event"] = new OpenApiSchema
                {
                    Description = description,
                    AllOf = [new OpenApiSchemaReference(EventSchema.ComponentName, document)],
                };
            }
        }

        schemas.Remove(nameof(System.Text.Json.JsonElement));
    }

    private static void Describe(OpenApiDocument document, string path, OpenApiOperation operation)
    {
        operation.Responses ??= [];
        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            operation.Security =
            [
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(FollowUpOpenApi.ApiKeyScheme, document)] = [] },
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(FollowUpOpenApi.FunctionKeyScheme, document)] = [] },
            ];
            operation.Responses["401"] = Problem(document, "No API key, or not the right one (and no user signed in with Entra ID).");
            operation.Responses["403"] = Problem(document, "Signed in with Microsoft Entra ID, without the app role FollowUp needs (`missingRole` names it).");
        }

        switch (operation.OperationId)
        {
            case "PostEvents":
                DescribeEvents(document, operation);
                break;
            case "GetRule" or "GetTemplate":
                AddHeader(operation, "200", "ETag", "The version read, e.g. \"v3\": send it as If-Match to replace.");
                break;
            case "PutRule" or "PutTemplate":
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "If-Match",
                    In = ParameterLocation.Header,
                    Description = "Absent: create only (428 when it exists). The ETag read (\"v3\"): replace that version (412 when it has changed). `*`: replace whatever exists.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Examples = [JsonValue.Create("\"v3\""), JsonValue.Create("*")] },
                });
                AddHeader(operation, "200", "ETag", "The new version.");
                AddHeader(operation, "201", "ETag", "The new version.");
                AddHeader(operation, "201", "Location", "Where the new resource is.");
                break;
            case "ListMessages":
                DescribeMessageQuery(operation);
                break;
        }

        if (operation.Tags?.Any(tag => tag.Name == FollowUpEndpoints.LinksTag) == true
            && operation.Responses.TryGetValue("400", out var invalid) && invalid is OpenApiResponse { Content: { } invalidContent })
        {
            // A browser (Accept: text/html) gets a page that says the link is broken; anything else the problem.
            invalidContent["text/html"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (response is OpenApiResponse concrete && Describes(status) is { } better && (string.IsNullOrEmpty(concrete.Description) || IsReasonPhrase(concrete.Description, status)))
            {
                concrete.Description = better;
            }
        }

        ApiExamples.AddTo(operation);
    }

    private static void DescribeEvents(OpenApiDocument document, OpenApiOperation operation)
    {
        var single = new OpenApiSchemaReference(EventSchema.ComponentName, document);
        var batch = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            MinItems = 1,
            MaxItems = EventsApi.MaxBatchSize,
            Items = new OpenApiSchemaReference(EventSchema.ComponentName, document),
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "One CloudEvent, a batch of them, or (binary mode, with the ce-* headers) the data alone.",
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                [EventsApi.StructuredContentType] = new() { Schema = single },
                [EventsApi.BatchContentType] = new() { Schema = batch },
                [Json] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Description = "An event (an object), a batch (an array), or with ce-* headers the data of one event.",
                        AnyOf = [single, batch, new OpenApiSchemaReference(EventSchema.DataComponentName, document)],
                    },
                },
            },
        };
        operation.Parameters ??= [];
        foreach (var (name, description) in new[]
        {
            ("ce-specversion", "Binary mode: 1.0. Its presence means the body is the event's data."),
            ("ce-id", "Binary mode: the event's id."),
            ("ce-source", "Binary mode: the event's source."),
            ("ce-type", "Binary mode: the event's type, e.g. order.placed."),
            ("ce-time", "Binary mode: when it happened (RFC 3339)."),
        })
        {
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Header, Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
        }

        if (operation.Responses!.TryGetValue("200", out var okResponse) && okResponse is OpenApiResponse { Content: { } okContent } && okContent.TryGetValue(Json, out var okJson))
        {
            okJson.Schema = new OpenApiSchema
            {
                OneOf = [new OpenApiSchemaReference("IngestResult", document), new OpenApiSchemaReference("EventBatchResponse", document)],
            };
        }

        if (operation.Responses.TryGetValue("503", out var unavailableResponse) && unavailableResponse is OpenApiResponse unavailable)
        {
            unavailable.Content ??= new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal);
            unavailable.Content[ProblemJson] = new OpenApiMediaType { Schema = new OpenApiSchemaReference("ProblemDetails", document) };
        }
    }

    private static void DescribeMessageQuery(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        foreach (var (name, description, schema) in new (string, string, OpenApiSchema)[]
        {
            ("customerId", "Messages to this customer.", Text(Events.EventParser.MaxKeyLength)),
            ("orderId", "Messages following up on this order (with customerId: of that customer only).", Text(Events.EventParser.MaxKeyLength)),
            ("dealId", "Messages following up on this deal; not with orderId.", Text(Events.EventParser.MaxKeyLength)),
            ("status", "Messages in this status.", new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. Enum.GetNames<Messages.MessageStatus>().Select(name => (JsonNode)JsonValue.Create(name.ToLowerInvariant()))],
            }),
            ("limit", $"At most this many per page (default {MessagesApi.DefaultLimit}).", new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1", Maximum = MessagesApi.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), Default = JsonValue.Create(MessagesApi.DefaultLimit) }),
            ("continuationToken", "The previous page's continuationToken, for the next page.", Text(2048)),
        })
        {
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Query, Description = description, Schema = schema });
        }

        static OpenApiSchema Text(int maxLength) => new() { Type = JsonSchemaType.String, MaxLength = maxLength };
    }

    private static OpenApiResponse Problem(OpenApiDocument document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            [ProblemJson] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
        },
    };

    private static void AddHeader(OpenApiOperation operation, string status, string name, string description)
    {
        if (operation.Responses is { } responses && responses.TryGetValue(status, out var found) && found is OpenApiResponse response)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }
    }

    private static bool IsReasonPhrase(string? description, string status) =>
        int.TryParse(status, out var code) && description == ReasonPhrases.GetReasonPhrase(code);

    private static string? Describes(string status) => status switch
    {
        "400" => "Not valid: `errors` names each bad field (at most 50) with what is wrong.",
        "404" => "There is no such resource.",
        "409" => "Someone else created it at the same moment.",
        "412" => "It has changed since you read it: read it again, and send the new ETag.",
        "413" => "The body is over 4 MiB.",
        "415" => "The body is not JSON.",
        "428" => "It exists: send If-Match to replace it.",
        _ => null,
    };
}
