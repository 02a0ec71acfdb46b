using System.Globalization;
using System.Text.Json.Nodes;
using static FollowUp.SelfHost.Tests.Hostile.HostileJson;

namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>Hostile requests to <c>GET /api/rules</c> and <c>GET|PUT|DELETE /api/rules/{id}</c>.</summary>
internal static class RulesHostileCases
{
    public const string Route = "/api/rules";

    /// <summary>A default rule, there from the first start: replacing it needs If-Match.</summary>
    public const string Existing = "thank-you";

    public static CaseTable All { get; } = Build();

    /// <summary>A valid new rule; each case changes one thing.</summary>
    public static JsonObject Valid() => new()
    {
        ["description"] = "hostile",
        ["trigger"] = "order.placed",
        ["delay"] = "PT1H",
        ["templateId"] = "thank-you",
        ["cancelOn"] = new JsonArray("order.cancelled"),
    };

    private static CaseTable Build()
    {
        var table = new CaseTable();
        Malformed(table);
        Names(table);
        Types(table);
        Values(table);
        Conditions(table);
        RouteIds(table);
        Preconditions(table);
        Protocol(table);
        return table;
    }

    private static void Malformed(CaseTable table)
    {
        var valid = Valid().ToJsonString();
        table.Add(Put("malformed.empty", string.Empty, "body"));
        table.Add(Put("malformed.truncated", valid[..(valid.Length / 2)], "delay"));
        table.Add(Put("malformed.truncated-at-start", "{", "body"));
        table.Add(Put("malformed.trailing-comma", valid[..^1] + ",}", "body"));
        table.Add(Put("malformed.comment", valid[..^1] + "/* c */}", "body"));
        table.Add(Put("malformed.null", "null", "body"));
        table.Add(Put("malformed.array", "[" + valid + "]", "body"));
        table.Add(Put("malformed.number", "42", "body"));
        table.Add(Put("malformed.string", "\"rule\"", "body"));
        table.Add(Put("malformed.nan", Valid().With("enabled", Marker).SpliceValue("NaN"), "enabled"));
        table.Add(Put("malformed.byte-order-mark", "\uFEFF" + valid, "body"));
        table.Add(Put("malformed.nested-1000", Valid().With("coupon", Marker).SpliceValue(string.Concat(Enumerable.Repeat("{\"prefix\":", 1000)) + "1" + new string('}', 1000)), "coupon.prefix"));
        table.Add(Put("duplicate.trigger", Valid().Duplicate(string.Empty, "trigger", "\"deal.lost\""), "trigger"));
        table.Add(Put("duplicate.escaped-trigger", Valid().Duplicate(string.Empty, "tr\\u0069gger", "\"deal.lost\""), "trigger"));
        table.Add(Put("duplicate.case-variant", Valid().Duplicate(string.Empty, "TEMPLATEID", "\"review-request\""), "TEMPLATEID"));
        table.Add(Put("duplicate.in-coupon", Valid().With("coupon", new JsonObject { ["prefix"] = "A-", ["length"] = 8 }).Duplicate("coupon", "prefix", "\"B-\""), "coupon.prefix"));
        table.Add(Put("duplicate.cancel-on", Valid().Duplicate(string.Empty, "cancelOn", "[]"), "cancelOn"));
    }

    private static void Names(CaseTable table)
    {
        table.Add(Put("unknown.template_id", Valid().Without("templateId").With("template_id", "thank-you").ToJsonString(), "template_id"));
        table.Add(Put("unknown.cancel_on", Valid().Without("cancelOn").With("cancel_on", new JsonArray("order.cancelled")).ToJsonString(), "cancel_on"));
        table.Add(Put("unknown.id-in-body", Valid().With("id", "other").ToJsonString(), "id"));
        // What a GET answers may be sent back (and is ignored), but only as a GET answers it.
        table.Add(Put("read-only.version-as-text", Valid().With("version", "7").ToJsonString(), "version"));
        table.Add(Put("read-only.updated-at-not-a-time", Valid().With("updatedAt", "yesterday").ToJsonString(), "updatedAt"));
        table.Add(Put("unknown.in-coupon", Valid().With("coupon", new JsonObject { ["prefix"] = "A-", ["length"] = 8, ["percent"] = 50 }).ToJsonString(), "coupon.percent"));
        table.Add(Put("unknown.proto", Valid().With("__proto__", new JsonObject { ["enabled"] = false }).ToJsonString(), "__proto__"));
        table.Add(Put(
            "unknown.pascal-case-names",
            new JsonObject { ["Trigger"] = "order.placed", ["Delay"] = "PT1H", ["TemplateId"] = "thank-you" }.ToJsonString(),
            "Trigger"));
    }

    private static void Types(CaseTable table)
    {
        table.Add(Put("types.trigger-number", Valid().With("trigger", 1).ToJsonString(), "trigger"));
        table.Add(Put("types.trigger-array", Valid().With("trigger", new JsonArray("order.placed")).ToJsonString(), "trigger"));
        table.Add(Put("types.delay-number", Valid().With("delay", 3600).ToJsonString(), "delay"));
        table.Add(Put("types.template-id-object", Valid().With("templateId", new JsonObject()).ToJsonString(), "templateId"));
        table.Add(Put("types.enabled-string", Valid().With("enabled", "yes").ToJsonString(), "enabled"));
        table.Add(Put("types.enabled-number", Valid().With("enabled", 1).ToJsonString(), "enabled"));
        table.Add(Put("types.cancel-on-string", Valid().With("cancelOn", "order.cancelled").ToJsonString(), "cancelOn"));
        table.Add(Put("types.cancel-on-object", Valid().With("cancelOn", new JsonObject { ["0"] = "order.cancelled" }).ToJsonString(), "cancelOn"));
        table.Add(Put("types.cancel-on-number-item", Valid().With("cancelOn", new JsonArray(1)).ToJsonString(), "cancelOn[0]"));
        table.Add(Put("types.coupon-string", Valid().With("coupon", "THANKS-").ToJsonString(), "coupon"));
        table.Add(Put("types.coupon-length-float", Valid().With("coupon", new JsonObject { ["prefix"] = "A-", ["length"] = 8.5m }).ToJsonString(), "coupon.length"));
        table.Add(Put("types.coupon-length-string", Valid().With("coupon", new JsonObject { ["prefix"] = "A-", ["length"] = "12" }).ToJsonString(), "coupon.length"));
        table.Add(Put("types.description-array", Valid().With("description", new JsonArray("a")).ToJsonString(), "description"));
        table.Add(Put("types.condition-bool", Valid().With("condition", true).ToJsonString(), "condition"));
    }

    private static void Values(CaseTable table)
    {
        table.Add(Put("values.trigger-unknown", Valid().With("trigger", "order.teleported").ToJsonString(), "trigger"));
        table.Add(Put("values.trigger-upper-case", Valid().With("trigger", "ORDER.PLACED").ToJsonString(), "trigger"));
        table.Add(Put("values.trigger-missing", Valid().Without("trigger").ToJsonString(), "trigger"));
        table.Add(Put("values.trigger-lone-surrogate", Valid().With("trigger", Marker).Splice("\\ud800"), "trigger"));
        foreach (var delay in new[] { "P1Y", "P1M", "PT", "P", "PT-1H", "P4000D", "P99999999999999999999D", " PT1H", "1h", "PT1H30", "P1.5D", string.Empty })
        {
            table.Add(Put("values.delay." + (delay.Length == 0 ? "empty" : delay.Trim() + (delay.StartsWith(' ') ? "-leading-space" : string.Empty)), Valid().With("delay", delay).ToJsonString(), "delay"));
        }

        foreach (var delay in new[] { "P٣D", "PT١H", "P１D", "P५D", "PT1.٥S" })
        {
            table.Add(Put("values.delay." + delay, Valid().With("delay", delay).ToJsonString(), "delay"));
        }

        // The framework's enum reader takes a comma list (its values' bits together: "service,feedback" is feedback),
        // another case and spaces around the name.
        foreach (var category in new[] { "service,feedback", "service, marketing", "Feedback", " service", "feedback ", "3" })
        {
            table.Add(Put("values.category." + category.Trim().Replace(' ', '-'), Valid().With("category", category).ToJsonString(), "category"));
        }

        table.Add(Put("values.phase-two", Valid().With("phase", "purchase,waiting").ToJsonString(), "phase"));
        table.Add(Put("values.phase-pascal-case", Valid().With("phase", "LostSale").ToJsonString(), "phase"));
        table.Add(Put("values.delay-missing", Valid().Without("delay").ToJsonString(), "delay"));
        table.Add(Put("values.template-missing", Valid().Without("templateId").ToJsonString(), "templateId"));
        table.Add(Put("values.template-unknown", Valid().With("templateId", "no-such-template").ToJsonString(), "templateId"));
        table.Add(Put("values.template-path-traversal", Valid().With("templateId", "../thank-you").ToJsonString(), "templateId"));
        table.Add(Put("values.template-upper-case", Valid().With("templateId", "THANK-YOU").ToJsonString(), "templateId"));
        table.Add(Put("values.template-10k-chars", Valid().With("templateId", new string('t', 10_000)).ToJsonString(), "templateId"));
        table.Add(Put("values.cancel-on-unknown", Valid().With("cancelOn", new JsonArray("order.cancelled", "order.teleported")).ToJsonString(), "cancelOn[1]"));
        table.Add(Put("values.cancel-on-other-subject", Valid().With("cancelOn", new JsonArray("deal.won")).ToJsonString(), "cancelOn[0]"));
        table.Add(Put("values.cancel-on-null-item", Valid().With("cancelOn", new JsonArray((JsonNode?)null)).ToJsonString(), "cancelOn[0]"));
        table.Add(Put("values.cancel-on-eight-items", Valid().With("cancelOn", new JsonArray(Enumerable.Repeat("order.cancelled", 9).Select(s => (JsonNode?)s).ToArray())).ToJsonString(), "cancelOn"));
        table.Add(Lazy(
            "values.cancel-on-976-kib",
            () => Valid().With("cancelOn", Marker).SpliceValue("[" + string.Join(",", Enumerable.Repeat("\"order.teleported-" + new string('x', 80) + "\"", 976 * 1024 / 100)) + "]"),
            "cancelOn"));
        table.Add(Put("values.coupon-prefix-lower-case", Valid().With("coupon", new JsonObject { ["prefix"] = "thanks-", ["length"] = 8 }).ToJsonString(), "coupon.prefix"));
        table.Add(Put("values.coupon-prefix-missing", Valid().With("coupon", new JsonObject { ["length"] = 8 }).ToJsonString(), "coupon.prefix"));
        table.Add(Put("values.coupon-prefix-21-chars", Valid().With("coupon", new JsonObject { ["prefix"] = new string('A', 21), ["length"] = 8 }).ToJsonString(), "coupon.prefix"));
        table.Add(Put("values.coupon-length-5", Valid().With("coupon", new JsonObject { ["prefix"] = "A-", ["length"] = 5 }).ToJsonString(), "coupon.length"));
        table.Add(Put("values.coupon-length-huge", Valid().With("coupon", new JsonObject { ["prefix"] = "A-", ["length"] = int.MaxValue }).ToJsonString(), "coupon.length"));
        table.Add(Put("values.description-501-chars", Valid().With("description", new string('d', 501)).ToJsonString(), "description"));
        table.Add(Lazy("values.description-1-mib", () => Valid().With("description", new string('d', 1024 * 1024)).ToJsonString(), "description"));
        table.Add(Put("values.description-lone-surrogate", Valid().With("description", Marker).Splice("\\udfff"), "description"));
        table.Add(Bytes("values.description-invalid-utf8", Valid().With("description", "a" + Marker).SpliceBytes(0xC3, 0x28), "description"));
    }

    private static void Conditions(CaseTable table)
    {
        string[] conditions =
        [
            "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\" | regex.match \"^(a+)+$\"",
            "customer.order_count ==",
            "{{ order.id",
            "no_such_function(1)",
            "customer.order_count == 3 +",
            "\"\" | string.pad_left 2000000000",
            "(1..1000000000) | array.size",
            "func f; ret f; end; f",
            "for i in 1..100000; end; true",
            new string('(', 900) + "true" + new string(')', 900),
            "x" + new string(' ', 1990) + "== 1 and",
        ];
        foreach (var condition in conditions)
        {
            var name = condition.Length <= 40 ? condition : condition[..30] + "…" + condition.Length.ToString(CultureInfo.InvariantCulture);
            table.Add(Put("condition." + name, Valid().With("condition", condition).ToJsonString(), "condition"));
        }

        table.Add(Put("condition.over-2000-chars", Valid().With("condition", "true" + new string(' ', 1990) + " and true").ToJsonString(), "condition"));
        table.Add(Put("condition.lone-surrogate", Valid().With("condition", "\"" + Marker + "\" == \"x\"").Splice("\\ud800"), "condition"));
    }

    private static void RouteIds(CaseTable table)
    {
        string[] ids = ["Bad%20Id", new string('r', 65), "r%C3%A9gle", "Thank-You", "-leading-dash", "a%2Fb", "a_b", "%F0%9F%A6%84", "a%5Cb", "%20"];
        foreach (var id in ids)
        {
            var name = id.Length > 40 ? id.Length.ToString(CultureInfo.InvariantCulture) + "-chars" : id;
            table.Add(new HostileCase("route.put." + name, HttpMethod.Put, Route + "/" + id, 400) { Content = () => Json(Valid().ToJsonString()), Field = "id" });
            table.Add(new HostileCase("route.get." + name, HttpMethod.Get, Route + "/" + id, 404));
            table.Add(new HostileCase("route.delete." + name, HttpMethod.Delete, Route + "/" + id, 404));
        }

        table.Add(new HostileCase("route.get.unknown", HttpMethod.Get, Route + "/no-such-rule", 404));
        table.Add(new HostileCase("route.put.dot-dot", HttpMethod.Put, Route + "/%2E%2E", 404) { Content = () => Json(Valid().ToJsonString()) });
        table.Add(new HostileCase("route.get.dot-dot", HttpMethod.Get, Route + "/%2E%2E", 404));
        table.Add(new HostileCase("route.delete.unknown", HttpMethod.Delete, Route + "/no-such-rule", 404));
    }

    private static void Preconditions(CaseTable table)
    {
        string[] malformed = ["\"vabc\"", "W/\"v1\"", "v1", "\"v1\", \"v2\"", "\"\"", "\"v-1\"", "\"v99999999999\"", "\"v1", "*, \"v1\"", "\"V1\"", "\"v 1\"", "\"v١\"", "\"" + new string('v', 10_000) + "\""];
        foreach (var tag in malformed)
        {
            var name = tag.Length > 40 ? tag.Length.ToString(CultureInfo.InvariantCulture) + "-chars" : tag;
            table.Add(new HostileCase("if-match." + name, HttpMethod.Put, Route + "/" + Existing, 400) { Content = () => Json(Valid().ToJsonString()), Field = "If-Match" }
                .Header("If-Match", tag));
        }

        table.Add(new HostileCase("if-match.two-headers", HttpMethod.Put, Route + "/" + Existing, 400) { Content = () => Json(Valid().ToJsonString()), Field = "If-Match" }
            .Header("If-Match", "\"v1\"").Header("If-Match", "\"v2\""));
        table.Add(new HostileCase("precondition.existing-without-if-match", HttpMethod.Put, Route + "/" + Existing, 428) { Content = () => Json(Valid().ToJsonString()) });
        table.Add(new HostileCase("precondition.stale", HttpMethod.Put, Route + "/" + Existing, 412) { Content = () => Json(Valid().ToJsonString()) }.Header("If-Match", "\"v99\""));
        table.Add(new HostileCase("precondition.v0", HttpMethod.Put, Route + "/" + Existing, 412) { Content = () => Json(Valid().ToJsonString()) }.Header("If-Match", "\"v0\""));
        table.Add(new HostileCase("precondition.star-on-missing", HttpMethod.Put, Route + "/" + Id("missing"), 412) { Content = () => Json(Valid().ToJsonString()) }.Header("If-Match", "*"));
        table.Add(new HostileCase("precondition.version-on-missing", HttpMethod.Put, Route + "/" + Id("missing"), 412) { Content = () => Json(Valid().ToJsonString()) }.Header("If-Match", "\"v1\""));
        table.Add(new HostileCase("precondition.invalid-body-and-if-match", HttpMethod.Put, Route + "/" + Existing, 400) { Content = () => Json("{"), Field = "If-Match" }.Header("If-Match", "W/\"v1\""));
    }

    private static void Protocol(CaseTable table)
    {
        foreach (var contentType in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded" })
        {
            table.Add(new HostileCase("media." + contentType, HttpMethod.Put, Route + "/" + Id("media"), 415) { Content = () => HostileContent.Text(Valid().ToJsonString(), contentType) });
        }

        table.Add(new HostileCase("huge.over-four-mib-with-length", HttpMethod.Put, Route + "/" + Id("huge"), 413)
        {
            Content = () => Json(Valid().With("description", new string('d', 4 * 1024 * 1024)).ToJsonString()),
            Field = "body",
        });
        table.Add(new HostileCase("huge.twelve-mb-chunked", HttpMethod.Put, Route + "/" + Id("huge"), 413)
        {
            Content = () => HostileContent.Chunked("{\"cancelOn\":[\"x\"", ",\"x\"", 3 * 1024 * 1024, "]}", "application/json"),
            Field = "body",
        });

        table.Add(new HostileCase("method.post-list", HttpMethod.Post, Route, 405) { Content = () => Json(Valid().ToJsonString()), MediaType = null });
        table.Add(new HostileCase("method.put-list", HttpMethod.Put, Route, 405) { Content = () => Json(Valid().ToJsonString()), MediaType = null });
        table.Add(new HostileCase("method.delete-list", HttpMethod.Delete, Route, 405) { MediaType = null });
        table.Add(new HostileCase("method.post-rule", HttpMethod.Post, Route + "/" + Existing, 405) { Content = () => Json(Valid().ToJsonString()), MediaType = null });
        table.Add(new HostileCase("method.post-with-method-override", HttpMethod.Post, Route + "/" + Existing, 405) { MediaType = null }.Header("X-HTTP-Method-Override", "DELETE"));
        table.Add(new HostileCase("method.patch-rule", HttpMethod.Patch, Route + "/" + Existing, 405) { Content = () => Json("{\"enabled\":false}"), MediaType = null });

        table.Add(new HostileCase("auth.list-without-key", HttpMethod.Get, Route, 401) { Anonymous = true });
        table.Add(new HostileCase("auth.get-without-key", HttpMethod.Get, Route + "/" + Existing, 401) { Anonymous = true });
        table.Add(new HostileCase("auth.put-without-key", HttpMethod.Put, Route + "/" + Id("auth"), 401) { Anonymous = true, Content = () => Json(Valid().ToJsonString()) });
        table.Add(new HostileCase("auth.put-with-wrong-key", HttpMethod.Put, Route + "/" + Existing, 401) { Anonymous = true, Content = () => Json(Valid().ToJsonString()) }
            .Header("X-Api-Key", "wrong-key-0123456789").Header("If-Match", "*"));
        table.Add(new HostileCase("auth.delete-without-key", HttpMethod.Delete, Route + "/" + Existing, 401) { Anonymous = true });
        table.Add(new HostileCase("auth.delete-with-wrong-functions-key", HttpMethod.Delete, Route + "/" + Existing, 401) { Anonymous = true }
            .Header("x-functions-key", "wrong-key-0123456789"));
        // A principal header as App Service's built-in authentication writes it, holding the role: forged, since nothing
        // in front of this host wrote it, and so worth nothing.
        table.Add(new HostileCase("auth.delete-with-forged-principal", HttpMethod.Delete, Route + "/" + Existing, 401) { Anonymous = true }
            .Header("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("""{"auth_typ":"aad","claims":[{"typ":"preferred_username","val":"mallory@example.com"},{"typ":"roles","val":"FollowUp.Console"}]}"""))));
    }

    private static HttpContent Json(string text) => HostileContent.Text(text, "application/json");

    private static HostileCase Put(string name, string body, string field) =>
        new(name, HttpMethod.Put, Route + "/" + Id("hostile"), 400) { Content = () => Json(body), Field = field };

    private static HostileCase Lazy(string name, Func<string> body, string field) =>
        new(name, HttpMethod.Put, Route + "/" + Id("hostile"), 400) { Content = () => Json(body()), Field = field };

    private static HostileCase Bytes(string name, byte[] body, string field) =>
        new(name, HttpMethod.Put, Route + "/" + Id("hostile"), 400) { Content = () => HostileContent.Bytes(body, "application/json"), Field = field };
}
