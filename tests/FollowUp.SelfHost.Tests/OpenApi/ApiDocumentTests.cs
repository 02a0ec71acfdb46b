using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FollowUp.Events;
using FollowUp.OpenApi;
using FollowUp.SelfHost.Tests.Api;
using FollowUp.Testing;
using Microsoft.AspNetCore.Routing;

namespace FollowUp.SelfHost.Tests.OpenApi;

public class ApiDocumentTests
{
    /// <summary>Routes the document leaves out on purpose: itself, the self-host's reference page over it, and the console's files.</summary>
    private static bool IsDescription(string route) =>
        route is "openapi/v1.json" or WebConsole.ConsoleEndpoints.Route || route.StartsWith("scalar", StringComparison.Ordinal);

    [Fact]
    public async Task Document_IsServedAnonymouslyAsOpenApi31()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("3.1", (string?)document["openapi"], StringComparison.Ordinal);
        Assert.Equal("FollowUp", (string?)document["info"]!["title"]);
    }

    [Fact]
    public async Task Document_DescribesEverySelfHostRoute_AndNoOther()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        var document = await ApiDocument.ReadAsync(factory.CreateClient());

        var served = factory.Endpoints
            .Where(endpoint => !IsDescription(endpoint.RoutePattern.RawText!.TrimStart('/')))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => $"{method} /{endpoint.RoutePattern.RawText!.TrimStart('/')}"))
            .Order(StringComparer.Ordinal);
        var described = document.Operations.Select(operation => $"{operation.Method} {operation.Path}").Order(StringComparer.Ordinal);

        Assert.Equal(served, described);
    }

    [Fact]
    public async Task Document_OperationIds_AreTheEndpointNames()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        var document = await ApiDocument.ReadAsync(factory.CreateClient());
        var names = factory.Endpoints
            .Where(endpoint => !IsDescription(endpoint.RoutePattern.RawText!.TrimStart('/')))
            .Select(endpoint => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)
            .Order(StringComparer.Ordinal);

        Assert.Equal(names, document.Operations.Select(operation => (string?)operation.Operation["operationId"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Document_ApiRoutes_RequireAKey_AndPublicRoutesDoNot()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        var document = await ApiDocument.ReadAsync(factory.CreateClient());
        var schemes = document.Json["components"]!["securitySchemes"]!;

        Assert.Equal("X-Api-Key", (string?)schemes[FollowUpOpenApi.ApiKeyScheme]!["name"]);
        Assert.Equal("header", (string?)schemes[FollowUpOpenApi.ApiKeyScheme]!["in"]);
        Assert.Equal("x-functions-key", (string?)schemes[FollowUpOpenApi.FunctionKeyScheme]!["name"]);
        Assert.All(document.Operations, operation =>
        {
            var security = operation.Operation["security"]?.AsArray().SelectMany(requirement => requirement!.AsObject().Select(pair => pair.Key)).ToList() ?? [];
            if (operation.Path.StartsWith("/api/", StringComparison.Ordinal))
            {
                Assert.Equal([FollowUpOpenApi.ApiKeyScheme, FollowUpOpenApi.FunctionKeyScheme], security);
                Assert.NotNull(operation.Operation["responses"]!["401"]);
            }
            else
            {
                Assert.Empty(security);
            }
        });
    }

    [Fact]
    public async Task Document_EveryOperation_HasASummaryAndAnExampleOfItsSuccess()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        var document = await ApiDocument.ReadAsync(factory.CreateClient());

        Assert.All(document.Operations, operation =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)operation.Operation["summary"]), $"{operation.Method} {operation.Path} has no summary");
            var jsonSuccess = operation.Operation["responses"]!.AsObject()
                .Where(response => response.Key.StartsWith('2') && response.Value?["content"]?["application/json"] is not null)
                .ToList();
            Assert.All(jsonSuccess, response => Assert.NotNull(response.Value!["content"]!["application/json"]!["examples"]));
            if (operation.Operation["requestBody"]?["content"]?["application/json"] is { } request)
            {
                Assert.NotNull(request["examples"]);
            }
        });
    }

    [Fact]
    public async Task Document_DescribesTheTemplateModel_AsTheLintKnowsIt()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        var document = await ApiDocument.ReadAsync(factory.CreateClient());

        var model = document.Json["components"]!["schemas"]!["TemplateModel"]!["properties"]!;
        Assert.Equal("string", model["customer"]!["properties"]!["first_name"]!["type"]!.GetValue<string>());
        Assert.Equal("array", model["order"]!["properties"]!["lines"]!["type"]!.GetValue<string>());
        Assert.NotNull(model["order"]!["properties"]!["lines"]!["items"]!["properties"]!["unit_price"]);
        Assert.StartsWith("(Templates only.)", model["unsubscribe_url"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Document_Examples_ValidateAgainstTheirSchemas()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        var document = await ApiDocument.ReadAsync(factory.CreateClient());
        var examples = document.Examples().ToList();
        var failures = new List<string>();

        foreach (var (where, value, schema) in examples)
        {
            var errors = JsonSchemas.Errors(await JsonSchemas.FromDocumentAsync(document.Json, schema), value);
            failures.AddRange(errors.Select(error => $"{where}: {error}"));
        }

        Assert.True(examples.Count > 40, $"Only {examples.Count} examples.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Document_EveryEnum_ListsTheNamesTheApiTakes()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        var document = await ApiDocument.ReadAsync(factory.CreateClient());
        var schemas = document.Json["components"]!["schemas"]!.AsObject();
        var enums = typeof(FollowUpJson).Assembly.GetExportedTypes().Where(type => type.IsEnum && schemas.ContainsKey(type.Name)).ToList();

        Assert.Contains(typeof(Rules.MessageCategory), enums);
        foreach (var type in enums)
        {
            var names = Enum.GetNames(type).Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName);
            var listed = schemas[type.Name]!["enum"]?.AsArray().Select(name => (string?)name);
            Assert.True(listed is not null && listed.SequenceEqual(names), $"{type.Name}: {schemas[type.Name]!.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Document_Schemas_RefuseWhatTheApiRefuses()
    {
        // The example check means something only if a schema can fail: a misspelt field, a wrong enum, a missing field.
        await using var factory = await SelfHostFactory.CreateAsync();
        var document = await ApiDocument.ReadAsync(factory.CreateClient());
        var rule = await JsonSchemas.FromDocumentAsync(document.Json, new JsonObject { ["$ref"] = "#/components/schemas/RuleInput" });
        var message = await JsonSchemas.FromDocumentAsync(document.Json, new JsonObject { ["$ref"] = "#/components/schemas/MessageView" });
        var cloudEvent = await JsonSchemas.FromDocumentAsync(document.Json, new JsonObject { ["$ref"] = "#/components/schemas/CloudEvent" });
        var placed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(JsonSchemas.Root, "examples", "order.placed.json")))!;
        placed["data"]!["customer"]!.AsObject().Remove("email");

        Assert.Empty(JsonSchemas.Errors(rule, JsonNode.Parse("""{ "trigger": "order.placed", "delay": "PT1H", "templateId": "thank-you" }""")!));
        Assert.NotEmpty(JsonSchemas.Errors(rule, JsonNode.Parse("""{ "trigger": "order.placed", "template_id": "thank-you" }""")!));
        Assert.NotEmpty(JsonSchemas.Errors(message, JsonNode.Parse("""{ "id": "m", "status": "lost" }""")!));
        Assert.Empty(JsonSchemas.Errors(rule, JsonNode.Parse("""{ "trigger": "order.placed", "delay": "PT1H", "templateId": "thank-you", "category": "feedback", "phase": "lostSale" }""")!));
        Assert.NotEmpty(JsonSchemas.Errors(rule, JsonNode.Parse("""{ "trigger": "order.placed", "delay": "PT1H", "templateId": "thank-you", "category": "Feedback" }""")!));
        Assert.NotEmpty(JsonSchemas.Errors(rule, JsonNode.Parse("""{ "trigger": "order.placed", "delay": "PT1H", "templateId": "thank-you", "phase": "purchase,waiting" }""")!));
        Assert.NotEmpty(JsonSchemas.Errors(cloudEvent, placed));
    }

    private static async Task<string> ScheduleMessageAsync(HttpClient client, string orderId)
    {
        var (_, result) = await client.SendAsync(HttpMethod.Post, "/api/events", TestEvents.Order(EventTypes.OrderPlaced, orderId).ToJsonString(), "application/cloudevents+json");
        return result!["scheduled"]!.AsArray().Single(m => m!["ruleId"]!.GetValue<string>() == "thank-you")!["messageId"]!.GetValue<string>();
    }

    /// <summary>An answer that needs a person, on the alert list as the change feed puts it there.</summary>
    private static async Task<string> RaiseAlertAsync(SelfHostFactory factory, string name)
    {
        var id = Messages.MessageIds.For(factory.Time.GetUtcNow(), Messages.MessageIds.Hash("lost-sale-survey", SubjectKind.Deal, "c-" + name, "D-" + name));
        var message = new Messages.MessageEntity { RowKey = id, RuleId = "lost-sale-survey", CustomerId = "c-" + name, SubjectKind = nameof(SubjectKind.Deal), SubjectId = "D-" + name, Answer = "service", AnsweredAt = factory.Time.GetUtcNow(), AnsweredIndex = 3 };
        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Alerts.AlertOutbox>(factory.Services).RaiseAsync(message, "the answer 'service', one rule lost-sale-survey alerts on", null);
        return id;
    }

    [Fact]
    public async Task Document_RequestExamples_AreAcceptedByTheApi()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var document = await ApiDocument.ReadAsync(client);
        var sent = 0;

        foreach (var (method, path, operation) in document.Operations)
        {
            foreach (var (mediaType, media) in operation["requestBody"]?["content"]?.AsObject() ?? [])
            {
                foreach (var (name, example) in media!["examples"]?.AsObject() ?? [])
                {
                    // Each example on a path of its own (a new rule or template is created, never replaced); a
                    // message's on a message scheduled for it.
                    var id = path.StartsWith("/api/templates/{id}/preview", StringComparison.Ordinal) || path.StartsWith("/api/templates/{id}/test-send", StringComparison.Ordinal) ? "thank-you"
                        : path.StartsWith("/api/messages/{id}", StringComparison.Ordinal) ? await ScheduleMessageAsync(client, name)
                        : path.StartsWith("/api/alerts/{id}", StringComparison.Ordinal) ? await RaiseAlertAsync(factory, name)
                        : "example-" + name;
                    var target = path.Replace("{id}", id, StringComparison.Ordinal).Replace("{address}", $"example-{name}@example.com", StringComparison.Ordinal);
                    if (path == "/api/suppressions/{address}" && method == "DELETE")
                    {
                        // A removal needs an address on the list.
                        await client.SendAsync(HttpMethod.Put, target, """{"reason":"to be removed by the example"}""");
                    }

                    var sentBody = example!["value"]!.ToJsonString();
                    using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(target, UriKind.Relative))
                    {
                        Content = new StringContent(sentBody, Encoding.UTF8, mediaType),
                    };
                    if (path == "/webhooks/sendgrid")
                    {
                        // Signed as SendGrid signs it; the example's message is not one of this instance's.
                        var (signature, timestamp) = factory.SendGrid.SignWebhook(sentBody, factory.Time.GetUtcNow());
                        request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature", signature);
                        request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
                    }

                    using var response = await client.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    Assert.True(response.IsSuccessStatusCode, $"{method} {target} ({mediaType}) '{name}' answered {(int)response.StatusCode}: {body}");
                    sent++;
                }
            }
        }

        Assert.True(sent >= 15, $"Only {sent} request examples.");
    }

    [Fact]
    public async Task Document_EventBody_IsTheRepositorysSchema()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        var document = await ApiDocument.ReadAsync(factory.CreateClient());
        var file = JsonNode.Parse(await File.ReadAllTextAsync(JsonSchemas.EventSchemaPath))!;
        var described = document.Json["components"]!["schemas"]!;

        Assert.Equal("#/components/schemas/CloudEvent", (string?)document.Operation("PostEvents")["requestBody"]!["content"]!["application/cloudevents+json"]!["schema"]!["$ref"]);
        Assert.Equal((string?)file["description"], (string?)described["CloudEvent"]!["description"]);
        Assert.All(file["$defs"]!.AsObject(), definition => Assert.NotNull(described[definition.Key]));
        Assert.Equal(
            JsonSchemas.ExampleFiles.Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal),
            document.Operation("PostEvents")["requestBody"]!["content"]!["application/cloudevents+json"]!["examples"]!.AsObject().Select(pair => pair.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Document_IsTheSameBytesAsTheSharedDescription()
    {
        // What the Functions host serves is ApiDescription's output too: one source for both hosts.
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateClient();

        var served = await client.GetByteArrayAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(await ApiDescription.GenerateAsync(CancellationToken.None), served);
    }
}
