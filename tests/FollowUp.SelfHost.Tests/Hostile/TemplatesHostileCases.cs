using System.Globalization;
using System.Text.Json.Nodes;
using FollowUp.Events;
using static FollowUp.SelfHost.Tests.Hostile.HostileJson;

namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>Hostile requests to <c>GET /api/templates</c>, <c>GET|PUT /api/templates/{id}</c> and <c>POST /api/templates/{id}/preview</c>.</summary>
internal static class TemplatesHostileCases
{
    public const string Route = "/api/templates";

    /// <summary>A default template, there from the first start.</summary>
    public const string Existing = "thank-you";

    public const string Preview = Route + "/" + Existing + "/preview";

    public const string TestSend = Route + "/" + Existing + "/test-send";

    public static CaseTable All { get; } = Build();

    public static JsonObject Valid() => new()
    {
        ["description"] = "hostile",
        ["syntax"] = "scriban",
        ["locales"] = new JsonObject
        {
            ["en"] = Content("Thanks, {{ customer.first_name }}", "<p>Order {{ order.id }}</p>", "Order {{ order.id }}"),
            ["nb"] = Content("Takk, {{ customer.first_name }}", "<p>Ordre {{ order.id }}</p>", "Ordre {{ order.id }}"),
        },
    };

    private static CaseTable Build()
    {
        var table = new CaseTable();
        Malformed(table);
        Parts(table);
        Locales(table);
        RouteIds(table);
        Previews(table);
        TestSends(table);
        Protocol(table);
        return table;
    }

    private static JsonObject Content(string subject, string html, string text) => new() { ["subject"] = subject, ["html"] = html, ["text"] = text };

    private static void Malformed(CaseTable table)
    {
        var valid = Valid().ToJsonString();
        table.Add(Put("malformed.empty", string.Empty, "body"));
        table.Add(Put("malformed.truncated", valid[..(valid.Length / 2)], "locales.en"));
        table.Add(Put("malformed.truncated-at-start", "{", "body"));
        table.Add(Put("malformed.trailing-comma", valid[..^1] + ",}", "body"));
        table.Add(Put("malformed.null", "null", "body"));
        table.Add(Put("malformed.array", "[" + valid + "]", "body"));
        table.Add(Put("malformed.number", "1e999", "body"));
        table.Add(Put("unknown.top-level-subject", Valid().With("subject", "Hi").ToJsonString(), "subject"));
        table.Add(Put("unknown.in-a-locale", Valid().With("locales.en.body", "Hi").ToJsonString(), "locales.en.body"));
        table.Add(Put("unknown.layout_id", Valid().With("layout_id", "base").ToJsonString(), "layout_id"));
        table.Add(Put("duplicate.locale", Valid().Duplicate("locales", "en", Content("a", "a", "a").ToJsonString()), "locales.en"));
        table.Add(Put("duplicate.subject", Valid().Duplicate("locales.nb", "subject", "\"x\""), "locales.nb.subject"));
        table.Add(Put("duplicate.syntax", Valid().Duplicate(string.Empty, "syntax", "\"liquid\""), "syntax"));
        table.Add(Put("types.syntax-razor", Valid().With("syntax", "razor").ToJsonString(), "syntax"));
        table.Add(Put("types.syntax-number", Valid().With("syntax", 1).ToJsonString(), "syntax"));
        table.Add(Put("types.syntax-two", Valid().With("syntax", "scriban,liquid").ToJsonString(), "syntax"));
        table.Add(Put("types.syntax-capitalised", Valid().With("syntax", "Liquid").ToJsonString(), "syntax"));
        table.Add(Put("types.kind-two", Valid().With("kind", "message,layout").ToJsonString(), "kind"));
        table.Add(Put("types.locales-array", Valid().With("locales", new JsonArray()).ToJsonString(), "locales"));
        table.Add(Put("types.locale-string", Valid().With("locales.en", "Hi").ToJsonString(), "locales.en"));
        table.Add(Put("types.subject-number", Valid().With("locales.en.subject", 1).ToJsonString(), "locales.en.subject"));
        table.Add(Put("types.description-object", Valid().With("description", new JsonObject()).ToJsonString(), "description"));
    }

    private static void Parts(CaseTable table)
    {
        foreach (var part in new[] { "subject", "html", "text" })
        {
            table.Add(Put($"parse.en-{part}-unclosed-block", Valid().With($"locales.en.{part}", "Hi {{ order.id ").ToJsonString(), $"locales.en.{part}"));
            table.Add(Put($"parse.en-{part}-stray-end", Valid().With($"locales.en.{part}", "Hi {{ end }}").ToJsonString(), $"locales.en.{part}"));
            table.Add(Put($"parse.en-{part}-dangling-member", Valid().With($"locales.en.{part}", "Hi {{ order. }}").ToJsonString(), $"locales.en.{part}"));
            table.Add(Put($"parse.nb-{part}-unclosed-if", Valid().With($"locales.nb.{part}", "{{ if order.total > 1 }}big").ToJsonString(), $"locales.nb.{part}"));
            table.Add(Put($"empty.en-{part}", Valid().With($"locales.en.{part}", " ").ToJsonString(), $"locales.en.{part}"));
            table.Add(Put($"missing.en-{part}", Valid().Without($"locales.en.{part}").ToJsonString(), $"locales.en.{part}"));
            table.Add(Put($"lone-surrogate.en-{part}", Valid().With($"locales.en.{part}", Marker).Splice("\\ud800"), $"locales.en.{part}"));
        }

        table.Add(Put("parse.liquid", Valid().With("syntax", "liquid").With("locales.en.html", "{% if %}").ToJsonString(), "locales.en.html"));
        table.Add(Put("parse.deep-parens", Valid().With("locales.en.html", "{{ " + new string('(', 14_000) + "1" + new string(')', 14_000) + " }}").ToJsonString(), "locales.en.html"));
        table.Add(Put("parse.deep-ifs", Valid().With("locales.en.text", string.Concat(Enumerable.Repeat("{{ if true }}", 2_000))).ToJsonString(), "locales.en.text"));
        table.Add(Put("size.subject-999", Valid().With("locales.en.subject", new string('s', 999)).ToJsonString(), "locales.en.subject"));
        table.Add(Put("size.html-30001", Valid().With("locales.en.html", new string('h', 30_001)).ToJsonString(), "locales.en.html"));
        table.Add(Put("size.description-501", Valid().With("description", new string('d', 501)).ToJsonString(), "description"));
    }

    private static void Locales(CaseTable table)
    {
        var many = Valid();
        var cultures = new[] { "da", "sv", "nn", "fi", "de", "fr", "es", "it", "nl", "pl", "pt", "cs", "hu", "ro", "tr", "el", "ru", "uk", "ja", "ko", "zh", "ar", "he", "hi", "th", "vi", "id", "ms", "is" };
        foreach (var culture in cultures)
        {
            many.With("locales." + culture, Content("a", "a", "a"));
        }

        table.Add(Put("locales.31", many.ToJsonString(), "locales"));
        table.Add(Put("locales.missing-en", Valid().Without("locales.en").ToJsonString(), "locales"));
        table.Add(Put("locales.empty", Valid().With("locales", new JsonObject()).ToJsonString(), "locales"));
        table.Add(Put("locales.missing", Valid().Without("locales").ToJsonString(), "locales"));
        table.Add(Put("locales.null-content", Valid().With("locales.en", null).ToJsonString(), "locales.en"));
        foreach (var tag in new[] { "english", "nb_NO", "x-klingon", "e", "en-", "en--US", "123", "tlh", "en-US-u-ca-buddhist-x-" + new string('a', 20) })
        {
            table.Add(Put("locales.tag." + tag, Valid().With("locales." + tag, Content("a", "a", "a")).ToJsonString(), "locales." + tag));
        }

        table.Add(Put("locales.tag.lone-surrogate", Valid().With("locales.x" + Marker, Content("a", "a", "a")).Splice("\\ud800"), "locales"));
    }

    private static void RouteIds(CaseTable table)
    {
        string[] ids = ["Bad%20Id", new string('t', 65), "mal%C3%A9", "Thank-You", "a%2Fb", "_x", "%F0%9F%A6%84"];
        foreach (var id in ids)
        {
            var name = id.Length > 40 ? id.Length.ToString(CultureInfo.InvariantCulture) + "-chars" : id;
            table.Add(new HostileCase("route.put." + name, HttpMethod.Put, Route + "/" + id, 400) { Content = () => Json(Valid().ToJsonString()), Field = "id" });
            table.Add(new HostileCase("route.get." + name, HttpMethod.Get, Route + "/" + id, 404));
            table.Add(new HostileCase("route.preview-saved." + name, HttpMethod.Post, Route + "/" + id + "/preview", 404) { Content = () => Json("{}") });
        }

        table.Add(new HostileCase("route.get.unknown", HttpMethod.Get, Route + "/no-such-template", 404));
        table.Add(new HostileCase("route.put.dot-dot", HttpMethod.Put, Route + "/%2E%2E", 404) { Content = () => Json(Valid().ToJsonString()) });
        table.Add(new HostileCase("route.preview-saved.unknown", HttpMethod.Post, Route + "/no-such-template/preview", 404) { Content = () => Json("{}") });
        table.Add(new HostileCase("route.preview-draft.bad-id", HttpMethod.Post, Route + "/Bad%20Id/preview", 400)
        {
            Content = () => Json(new JsonObject { ["template"] = Valid() }.ToJsonString()),
            Field = "template.id",
        });

        string[] malformed = ["\"vabc\"", "W/\"v1\"", "v1", "\"v1\", \"v2\"", "\"v-1\""];
        foreach (var tag in malformed)
        {
            table.Add(new HostileCase("if-match." + tag, HttpMethod.Put, Route + "/" + Existing, 400) { Content = () => Json(Valid().ToJsonString()), Field = "If-Match" }
                .Header("If-Match", tag));
        }

        table.Add(new HostileCase("precondition.existing-without-if-match", HttpMethod.Put, Route + "/" + Existing, 428) { Content = () => Json(Valid().ToJsonString()) });
        table.Add(new HostileCase("precondition.stale", HttpMethod.Put, Route + "/" + Existing, 412) { Content = () => Json(Valid().ToJsonString()) }.Header("If-Match", "\"v2\""));
        table.Add(new HostileCase("precondition.star-on-missing", HttpMethod.Put, Route + "/" + Id("missing"), 412) { Content = () => Json(Valid().ToJsonString()) }.Header("If-Match", "*"));
    }

    private static void Previews(CaseTable table)
    {
        static JsonObject Draft(string html) => Valid().With("locales.en.html", html).With("locales.nb.html", html);

        table.Add(Post("preview.malformed", "{\"locale\":", "locale"));
        table.Add(Post("preview.malformed-at-start", "{", "body"));
        table.Add(Post("preview.null", "null", "body"));
        table.Add(Post("preview.unknown-field", "{\"foo\":1}", "foo"));
        table.Add(Post("preview.locale-klingon", "{\"locale\":\"klingon\"}", "locale"));
        table.Add(Post("preview.locale-number", "{\"locale\":47}", "locale"));
        table.Add(Post("preview.locale-lone-surrogate", "{\"locale\":\"\\ud800\"}", "locale"));
        table.Add(Post("preview.event-invalid-email", new JsonObject { ["event"] = Order().With("data.customer.email", "nope") }.ToJsonString(), "event.data.customer.email"));
        table.Add(Post("preview.event-number", "{\"event\":42}", "event.$"));
        table.Add(Post("preview.event-deal-on-order", new JsonObject { ["event"] = Order().With("data.deal", "oops") }.ToJsonString(), "event.data.deal"));
        table.Add(Post("preview.event-lone-surrogate", new JsonObject { ["event"] = Order().With("data.customer.name", Marker) }.Splice("\\ud800"), "event.data.customer.name"));
        table.Add(Post("preview.event-lone-surrogate-in-a-name", new JsonObject { ["event"] = Order().With("data.customer.k" + Marker, 1) }.Splice("\\ud800"), "event.data.customer"));
        table.Add(Post("preview.event-duplicate-name", new JsonObject { ["event"] = Order() }.Duplicate("event", "id", "\"x\""), "event"));
        table.Add(Post("preview.event-too-deep", "{\"event\":" + new string('[', 40) + new string(']', 40) + "}", "event"));
        table.Add(Post("preview.event-24001-chars-of-data", new JsonObject { ["event"] = Order().With("data.notes", new string('x', 24_001)) }.ToJsonString(), "event.data"));
        table.Add(Post("preview.event-unknown-type", new JsonObject { ["event"] = Order().With("type", "order.teleported") }.ToJsonString(), "event.type"));
        table.Add(Post("preview.draft-unclosed-block", new JsonObject { ["template"] = Valid().With("locales.en.subject", "{{ order.id ") }.ToJsonString(), "template.locales.en.subject"));
        table.Add(Post("preview.draft-does-not-parse", new JsonObject { ["template"] = Valid().With("locales.en.subject", "{{ if }}") }.ToJsonString(), "template.locales.en.subject"));
        table.Add(Post("preview.draft-missing-en", new JsonObject { ["template"] = Valid().Without("locales.en") }.ToJsonString(), "template.locales"));
        table.Add(Post("preview.draft-unknown-field", new JsonObject { ["template"] = Valid().With("layuot", "x") }.ToJsonString(), "template.layuot"));
        table.Add(Post("preview.draft-missing-layout", new JsonObject { ["template"] = Valid().With("layout", "x") }.ToJsonString(), "template.layout"));
        table.Add(Post("preview.draft-endless-loop", new JsonObject { ["template"] = Draft("{{ for i in 1..100000000 }}x{{ end }}") }.ToJsonString(), "template"));
        table.Add(Post("preview.draft-while-true", new JsonObject { ["template"] = Draft("{{ while true }}x{{ end }}") }.ToJsonString(), "template"));
        table.Add(Post("preview.draft-output-over-limit", new JsonObject { ["template"] = Draft("{{ for i in 1..999 }}{{ \"x\" | string.pad_left 1000 }}{{ end }}") }.ToJsonString(), "template"));
        table.Add(Post("preview.draft-pad-left-2e9", new JsonObject { ["template"] = Draft("{{ \"\" | string.pad_left 2000000000 }}") }.ToJsonString(), "template"));
        table.Add(Post("preview.draft-recursion", new JsonObject { ["template"] = Draft("{{ func f; ret f; end; f }}") }.ToJsonString(), "template"));
        table.Add(Post("preview.draft-catastrophic-regex", new JsonObject { ["template"] = Draft("{{ \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\" | regex.match \"^(a+)+$\" }}") }.ToJsonString(), "template"));
        table.Add(Post("preview.draft-bad-answer", new JsonObject { ["template"] = Draft("{{ answer_url \"no such answer!\" }}") }.ToJsonString(), "template"));
        table.Add(Post("preview.draft-and-bad-event", new JsonObject { ["template"] = Valid().With("syntax", "razor"), ["event"] = Order().With("id", 1) }.ToJsonString(), "template.syntax"));
    }

    private static void TestSends(CaseTable table)
    {
        static JsonObject To(string? to) => to is null ? [] : new JsonObject { ["to"] = to };
        static HostileCase Send(string name, string body, string field, string path = TestSend) =>
            new("test-send." + name, HttpMethod.Post, path, 400) { Content = () => Json(body), Field = field };

        table.Add(Send("empty", string.Empty, "body"));
        table.Add(Send("null", "null", "body"));
        table.Add(Send("array", "[{\"to\":\"me@example.com\"}]", "body"));
        table.Add(Send("to-missing", "{}", "to"));
        table.Add(Send("to-blank", To(" ").ToJsonString(), "to"));
        table.Add(Send("to-not-an-address", To("me").ToJsonString(), "to"));
        table.Add(Send("to-display-name", To("Me <me@example.com>").ToJsonString(), "to"));
        table.Add(Send("to-two-addresses", To("me@example.com, you@example.com").ToJsonString(), "to"));
        table.Add(Send("to-header-injection", To("me@example.com\r\nBcc: all@example.com").ToJsonString(), "to"));
        table.Add(Send("to-right-to-left-override", To("\u202Emoc.elpmaxe@em").ToJsonString(), "to"));
        table.Add(Send("to-255", To(new string('m', 243) + "@example.com").ToJsonString(), "to"));
        table.Add(Send("to-number", "{\"to\":7}", "to"));
        table.Add(Send("to-array", "{\"to\":[\"me@example.com\"]}", "to"));
        table.Add(Send("to-duplicate", To("me@example.com").Duplicate(string.Empty, "to", "\"you@example.com\""), "to"));
        table.Add(Send("unknown-cc", To("me@example.com").With("cc", "you@example.com").ToJsonString(), "cc"));
        table.Add(Send("unknown-subject", To("me@example.com").With("subject", "hi").ToJsonString(), "subject"));
        table.Add(Send("locale-klingon", To("me@example.com").With("locale", "klingon").ToJsonString(), "locale"));
        table.Add(Send("event-invalid-email", To("me@example.com").With("event", Order().With("data.customer.email", "nope")).ToJsonString(), "event.data.customer.email"));
        table.Add(Send("draft-does-not-parse", To("me@example.com").With("template", Valid().With("locales.en.subject", "{{ if }}")).ToJsonString(), "template.locales.en.subject"));
        table.Add(Send("draft-partial", To("me@example.com").With("template", Valid().With("kind", "partial")).ToJsonString(), "template.kind"));
        table.Add(Send("draft-endless-loop", To("me@example.com").With("template", Valid().With("locales.en.html", "{{ while true }}x{{ end }}").With("locales.nb.html", "{{ while true }}x{{ end }}")).ToJsonString(), "template"));
        table.Add(Send("saved-layout", To("me@example.com").ToJsonString(), "id", Route + "/default-layout/test-send"));
        table.Add(new HostileCase("test-send.unknown-template", HttpMethod.Post, Route + "/no-such-template/test-send", 404) { Content = () => Json(To("me@example.com").ToJsonString()) });
        table.Add(new HostileCase("test-send.bad-id", HttpMethod.Post, Route + "/Bad%20Id/test-send", 404) { Content = () => Json(To("me@example.com").ToJsonString()) });
        table.Add(new HostileCase("test-send.text-plain", HttpMethod.Post, TestSend, 415) { Content = () => HostileContent.Text(To("me@example.com").ToJsonString(), "text/plain") });
        table.Add(new HostileCase("test-send.twelve-mb-chunked", HttpMethod.Post, TestSend, 413)
        {
            Content = () => HostileContent.Chunked("{\"to\":\"me@example.com\",\"locale\":\"", "llllllll", 12 * 1024 * 1024 / 8, "\"}", "application/json"),
            Field = "body",
        });
        table.Add(new HostileCase("test-send.get", HttpMethod.Get, TestSend, 405) { MediaType = null });
        table.Add(new HostileCase("test-send.without-key", HttpMethod.Post, TestSend, 401) { Anonymous = true, Content = () => Json(To("me@example.com").ToJsonString()) });
    }

    private static void Protocol(CaseTable table)
    {
        table.Add(new HostileCase("media.put-text-plain", HttpMethod.Put, Route + "/" + Id("media"), 415) { Content = () => HostileContent.Text(Valid().ToJsonString(), "text/plain") });
        table.Add(new HostileCase("media.put-xml", HttpMethod.Put, Route + "/" + Id("media"), 415) { Content = () => HostileContent.Text("<template/>", "application/xml") });
        table.Add(new HostileCase("media.preview-text-plain", HttpMethod.Post, Preview, 415) { Content = () => HostileContent.Text("{}", "text/plain") });
        table.Add(new HostileCase("huge.put-over-four-mib-with-length", HttpMethod.Put, Route + "/" + Id("huge"), 413)
        {
            Content = () => Json(Valid().With("description", new string('d', 4 * 1024 * 1024)).ToJsonString()),
            Field = "body",
        });
        table.Add(new HostileCase("huge.put-twelve-mb-chunked", HttpMethod.Put, Route + "/" + Id("huge"), 413)
        {
            Content = () => HostileContent.Chunked("{\"description\":\"", "dddddddd", 12 * 1024 * 1024 / 8, "\"}", "application/json"),
            Field = "body",
        });
        table.Add(new HostileCase("huge.preview-twelve-mb-chunked", HttpMethod.Post, Preview, 413)
        {
            Content = () => HostileContent.Chunked("{\"event\":{\"data\":{\"order\":{\"lines\":[1", ",1", 6 * 1024 * 1024, "]}}}}", "application/json"),
            Field = "body",
        });
        table.Add(new HostileCase("huge.preview-four-mib-of-lone-surrogates", HttpMethod.Post, Preview, 400)
        {
            Content = () => Json("{\"event\":" + Order().With("data.notes", Marker).SpliceValue("[" + string.Join(",", Enumerable.Repeat("\"\\ud800\"", (4 * 1024 * 1024 - 4096) / 9)) + "]") + "}"),
            Field = "event.data.notes[0]",
        });

        table.Add(new HostileCase("method.post-list", HttpMethod.Post, Route, 405) { Content = () => Json(Valid().ToJsonString()), MediaType = null });
        table.Add(new HostileCase("method.patch-template", HttpMethod.Patch, Route + "/" + Existing, 405) { Content = () => Json("{}"), MediaType = null });
        table.Add(new HostileCase("method.post-template", HttpMethod.Post, Route + "/" + Existing, 405) { Content = () => Json("{}"), MediaType = null });
        table.Add(new HostileCase("method.get-preview", HttpMethod.Get, Preview, 405) { MediaType = null });
        table.Add(new HostileCase("method.put-preview", HttpMethod.Put, Preview, 405) { Content = () => Json("{}"), MediaType = null });

        table.Add(new HostileCase("auth.list-without-key", HttpMethod.Get, Route, 401) { Anonymous = true });
        table.Add(new HostileCase("auth.put-without-key", HttpMethod.Put, Route + "/" + Existing, 401) { Anonymous = true, Content = () => Json(Valid().ToJsonString()) }.Header("If-Match", "*"));
        table.Add(new HostileCase("auth.preview-without-key", HttpMethod.Post, Preview, 401) { Anonymous = true, Content = () => Json("{}") });
        table.Add(new HostileCase("auth.preview-with-wrong-key", HttpMethod.Post, Preview, 401) { Anonymous = true, Content = () => Json("{}") }.Header("X-Api-Key", "x"));
    }

    private static HttpContent Json(string text) => HostileContent.Text(text, "application/json");

    private static HostileCase Put(string name, string body, string field) =>
        new(name, HttpMethod.Put, Route + "/" + Id("hostile"), 400) { Content = () => Json(body), Field = field };

    private static HostileCase Post(string name, string body, string field) =>
        new(name, HttpMethod.Post, Preview, 400) { Content = () => Json(body), Field = field };

    private static JsonObject Order() => HostileJson.Order(EventTypes.OrderPlaced);
}
