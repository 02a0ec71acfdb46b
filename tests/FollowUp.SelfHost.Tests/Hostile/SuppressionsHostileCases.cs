using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using static FollowUp.SelfHost.Tests.Hostile.HostileJson;

namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>Hostile requests to <c>GET /api/suppressions</c> and <c>GET|PUT|DELETE /api/suppressions/{address}</c>.</summary>
internal static class SuppressionsHostileCases
{
    public const string Route = "/api/suppressions";

    /// <summary>An address no case puts on the list.</summary>
    public const string Address = Route + "/nobody@example.com";

    public static CaseTable All { get; } = Build();

    private static CaseTable Build()
    {
        var table = new CaseTable();
        Lists(table);
        Puts(table);
        Deletes(table);
        Protocol(table);
        return table;
    }

    private static JsonObject Valid() => new() { ["scope"] = "everything", ["reason"] = "hostile" };

    private static string Token(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static void Lists(CaseTable table)
    {
        (string Query, string Field)[] queries =
        [
            ("foo=bar", "foo"), ("Q=kari", "Q"), ("%24filter=PartitionKey%20ne%20%27%27", "$filter"), ("q=a&q=b", "q"),
            ("q=" + new string('k', 255), "q"), ("q=%00", "q"), ("q=kari%0A", "q"), ("limit=0", "limit"), ("limit=501", "limit"),
            ("limit=abc", "limit"), ("limit=-1", "limit"), ("limit=1.5", "limit"), ("limit=99999999999", "limit"), ("limit=%D9%A3", "limit"),
            ("limit=5&limit=6", "limit"), ("continuationToken=%21%21%21", "continuationToken"), ("continuationToken=" + Token("é"), "continuationToken"),
            ("continuationToken=" + Token("a\nb"), "continuationToken"), ("continuationToken=" + new string('t', 3_000), "continuationToken"),
            ("continuationToken=a%20b", "continuationToken"),
        ];
        foreach (var (query, field) in queries)
        {
            var name = query.Length > 60 ? query[..30] + "…" + query.Length.ToString(CultureInfo.InvariantCulture) : query;
            table.Add(new HostileCase("list." + name, HttpMethod.Get, Route + "?" + query, 400) { Field = field });
        }
    }

    private static void Puts(CaseTable table)
    {
        string[] addresses = ["not-an-address", "kari", "kari%40", "%40example.com", "kari@example", "Kari%20Nordmann%20%3Ckari@example.com%3E", "kari%09@example.com", new string('k', 250) + "@example.com", "h_" + new string('a', 64), "%E2%80%AE@example.com"];
        foreach (var address in addresses)
        {
            var name = address.Length > 40 ? address.Length.ToString(CultureInfo.InvariantCulture) + "-chars" : address;
            table.Add(new HostileCase("put.address." + name, HttpMethod.Put, Route + "/" + address, 400) { Content = () => Json(Valid().ToJsonString()), Field = "address" });
            // A hash is read by its key, and any address an event could carry can be read (one put there by an unsubscribe).
            if (!address.StartsWith("h_", StringComparison.Ordinal) && !address.StartsWith("%E2", StringComparison.Ordinal))
            {
                table.Add(new HostileCase("get.address." + name, HttpMethod.Get, Route + "/" + address, 400) { Field = "address" });
            }
        }

        table.Add(Put("body.empty", string.Empty, "body"));
        table.Add(Put("body.null", "null", "body"));
        table.Add(Put("body.array", "[" + Valid().ToJsonString() + "]", "body"));
        table.Add(Put("body.truncated", "{\"reason\":", "reason"));
        table.Add(Put("body.missing-reason", "{}", "reason"));
        table.Add(Put("body.blank-reason", Valid().With("reason", "   ").ToJsonString(), "reason"));
        table.Add(Put("body.reason-501", Valid().With("reason", new string('r', 501)).ToJsonString(), "reason"));
        table.Add(Put("body.reason-newline", Valid().With("reason", "line one\nline two").ToJsonString(), "reason"));
        table.Add(Put("body.reason-number", Valid().With("reason", 7).ToJsonString(), "reason"));
        table.Add(Put("body.reason-lone-surrogate", Valid().With("reason", Marker).Splice("\\ud800"), "reason"));
        table.Add(Put("body.duplicate-reason", Valid().Duplicate(string.Empty, "reason", "\"again\""), "reason"));
        table.Add(Put("body.unknown-by", Valid().With("by", "someone-else").ToJsonString(), "by"));
        table.Add(Put("body.unknown-address", Valid().With("address", "other@example.com").ToJsonString(), "address"));
        table.Add(Put("body.scope-all", Valid().With("scope", "all").ToJsonString(), "scope"));
        table.Add(Put("body.scope-number", Valid().With("scope", 2).ToJsonString(), "scope"));
        table.Add(Put("body.scope-nothing", Valid().With("scope", "nothing").ToJsonString(), "scope"));
        table.Add(Put("body.scope-two", Valid().With("scope", "marketing,everything").ToJsonString(), "scope"));
        table.Add(Put("body.scope-null-reason-missing", "{\"scope\":null}", "reason"));
        table.Add(Put("body.too-deep", "{\"reason\":" + new string('[', 40) + new string(']', 40) + "}", "reason"));
    }

    private static void Deletes(CaseTable table)
    {
        table.Add(new HostileCase("delete.address.not-an-address", HttpMethod.Delete, Route + "/not-an-address", 400) { Field = "address" });
        table.Add(new HostileCase("delete.address.short-hash", HttpMethod.Delete, Route + "/h_abc", 400) { Field = "address" });
        table.Add(new HostileCase("get.address.right-to-left-override-not-on-the-list", HttpMethod.Get, Route + "/%E2%80%AEmoc.elpmaxe@kari", 404));
        table.Add(new HostileCase("delete.address.upper-hash", HttpMethod.Delete, Route + "/h_" + new string('A', 64), 400) { Field = "address" });
        table.Add(new HostileCase("delete.reason-in-query-and-body", HttpMethod.Delete, Address + "?reason=one", 400) { Content = () => Json("{\"reason\":\"two\"}"), Field = "reason" });
        table.Add(new HostileCase("delete.reason-501", HttpMethod.Delete, Address + "?reason=" + new string('r', 501), 400) { Field = "reason" });
        table.Add(new HostileCase("delete.reason-newline", HttpMethod.Delete, Address + "?reason=a%0Ab", 400) { Field = "reason" });
        table.Add(new HostileCase("delete.reason-twice", HttpMethod.Delete, Address + "?reason=a&reason=b", 400) { Field = "reason" });
        table.Add(new HostileCase("delete.unknown-parameter", HttpMethod.Delete, Address + "?scope=marketing", 400) { Field = "scope" });
        table.Add(new HostileCase("delete.body-unknown-field", HttpMethod.Delete, Address, 400) { Content = () => Json("{\"why\":\"x\"}"), Field = "why" });
        table.Add(new HostileCase("delete.body-reason-number", HttpMethod.Delete, Address, 400) { Content = () => Json("{\"reason\":1}"), Field = "reason" });
        table.Add(new HostileCase("delete.body-text-plain", HttpMethod.Delete, Address, 415) { Content = () => HostileContent.Text("{}", "text/plain") });
        table.Add(new HostileCase("delete.not-on-the-list", HttpMethod.Delete, Address, 404));
        table.Add(new HostileCase("delete.erased-key-not-on-the-list", HttpMethod.Delete, Route + "/h_" + new string('0', 64), 404));
        table.Add(new HostileCase("get.not-on-the-list", HttpMethod.Get, Address, 404));
    }

    private static void Protocol(CaseTable table)
    {
        table.Add(new HostileCase("media.put-text-plain", HttpMethod.Put, Address, 415) { Content = () => HostileContent.Text(Valid().ToJsonString(), "text/plain") });
        table.Add(new HostileCase("media.put-form", HttpMethod.Put, Address, 415) { Content = () => HostileContent.Text("reason=x", "application/x-www-form-urlencoded") });
        table.Add(new HostileCase("huge.put-over-four-mib-with-length", HttpMethod.Put, Address, 413)
        {
            Content = () => Json(Valid().With("reason", new string('r', 4 * 1024 * 1024)).ToJsonString()),
            Field = "body",
        });
        table.Add(new HostileCase("huge.put-twelve-mb-chunked", HttpMethod.Put, Address, 413)
        {
            Content = () => HostileContent.Chunked("{\"reason\":\"", "rrrrrrrr", 12 * 1024 * 1024 / 8, "\"}", "application/json"),
            Field = "body",
        });
        table.Add(new HostileCase("huge.delete-twelve-mb-chunked", HttpMethod.Delete, Address, 413)
        {
            Content = () => HostileContent.Chunked("{\"reason\":\"", "rrrrrrrr", 12 * 1024 * 1024 / 8, "\"}", "application/json"),
            Field = "body",
        });

        table.Add(new HostileCase("method.post-list", HttpMethod.Post, Route, 405) { Content = () => Json(Valid().ToJsonString()), MediaType = null });
        table.Add(new HostileCase("method.delete-list", HttpMethod.Delete, Route, 405) { MediaType = null });
        table.Add(new HostileCase("method.patch-address", HttpMethod.Patch, Address, 405) { Content = () => Json(Valid().ToJsonString()), MediaType = null });
        table.Add(new HostileCase("method.post-address", HttpMethod.Post, Address, 405) { Content = () => Json(Valid().ToJsonString()), MediaType = null });

        table.Add(new HostileCase("auth.list-without-key", HttpMethod.Get, Route, 401) { Anonymous = true });
        table.Add(new HostileCase("auth.put-without-key", HttpMethod.Put, Address, 401) { Anonymous = true, Content = () => Json(Valid().ToJsonString()) });
        table.Add(new HostileCase("auth.delete-with-wrong-key", HttpMethod.Delete, Address, 401) { Anonymous = true }.Header("X-Api-Key", "x"));
        table.Add(new HostileCase("auth.get-with-key-in-query", HttpMethod.Get, Address + "?X-Api-Key=" + SelfHostFactory.ApiKey, 401) { Anonymous = true });
    }

    private static HttpContent Json(string text) => HostileContent.Text(text, "application/json");

    private static HostileCase Put(string name, string body, string field) =>
        new(name, HttpMethod.Put, Address, 400) { Content = () => Json(body), Field = field };
}
