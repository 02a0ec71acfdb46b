using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>Hostile requests to <c>GET /api/alerts</c> and <c>POST /api/alerts/{id}/resolve</c>.</summary>
internal static class AlertsHostileCases
{
    public const string Route = "/api/alerts";

    /// <summary>A well-formed message id no alert is about.</summary>
    public const string Unknown = "202611230800" + "0123456789abcdef0123456789abcdef";

    public const string Resolve = Route + "/" + Unknown + "/resolve";

    public static CaseTable All { get; } = Build();

    private static string Token(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static CaseTable Build()
    {
        var table = new CaseTable();
        (string Query, string Field)[] queries =
        [
            ("foo=bar", "foo"), ("Status=open", "Status"), ("status=closed", "status"), ("status=OPEN", "status"), ("status=open&status=all", "status"),
            ("status=" + new string('o', 30), "status"), ("from=yesterday", "from"), ("from=2026-13-01", "from"), ("from=2026-11-31", "from"),
            ("to=1700000000", "to"), ("from=2026-11-01T00:00:00Z%00", "from"), ("from=" + new string('2', 41), "from"),
            ("from=2026-11-20&to=2026-11-10", "from"), ("from=2026-11-20&to=2026-11-20", "from"), ("from=2024-01-01&to=2026-01-01", "to"),
            ("from=0001-01-01", "from"), ("to=0001-01-05", "to"), ("to=9999-12-31", "to"), ("limit=0", "limit"), ("limit=501", "limit"), ("limit=x", "limit"),
            ("continuationToken=%21", "continuationToken"), ("continuationToken=" + Token("202611:1|x"), "continuationToken"),
            ("continuationToken=" + Token("209911:" + new string('9', 19) + "|../../etc"), "continuationToken"),
            ("continuationToken=" + Token("2026ab:2520078247417729293|" + Unknown), "continuationToken"),
            ("continuationToken=" + new string('t', 300), "continuationToken"),
            ("%24filter=Status%20eq%20%27Open%27", "$filter"),
        ];
        foreach (var (query, field) in queries)
        {
            var name = query.Length > 60 ? query[..30] + "…" + query.Length.ToString(CultureInfo.InvariantCulture) : query;
            table.Add(new HostileCase("list." + name, HttpMethod.Get, Route + "?" + query, 400) { Field = field });
        }

        string[] ids = ["nope", Unknown[..^1], Unknown.ToUpperInvariant(), Unknown + "0", "%F0%9F%A6%84", new string('f', 5_000), "..%2F..%2Fetc"];
        foreach (var id in ids)
        {
            var name = id.Length > 50 ? id.Length.ToString(CultureInfo.InvariantCulture) + "-chars" : id;
            table.Add(new HostileCase("resolve.id." + name, HttpMethod.Post, Route + "/" + id + "/resolve", 404));
        }

        table.Add(new HostileCase("resolve.unknown-message", HttpMethod.Post, Resolve, 404));
        table.Add(Body("note-1001", "{\"note\":\"" + new string('n', 1001) + "\"}", "note"));
        table.Add(Body("note-number", "{\"note\":1}", "note"));
        table.Add(Body("note-null-byte", "{\"note\":\"a\\u0000b\"}", "note"));
        table.Add(Body("note-lone-surrogate", "{\"note\":\"\\ud800\"}", "note"));
        table.Add(Body("unknown-field", "{\"resolvedBy\":\"someone-else\"}", "resolvedBy"));
        table.Add(Body("status-field", "{\"status\":\"open\"}", "status"));
        table.Add(Body("null", "null", "body"));
        table.Add(Body("array", "[]", "body"));
        table.Add(Body("truncated", "{\"note\":", "note"));
        table.Add(Body("duplicate-note", "{\"note\":\"a\",\"note\":\"b\"}", "note"));
        table.Add(new HostileCase("resolve.text-plain", HttpMethod.Post, Resolve, 415) { Content = () => HostileContent.Text("{}", "text/plain") });
        table.Add(new HostileCase("resolve.twelve-mb-chunked", HttpMethod.Post, Resolve, 413)
        {
            Content = () => HostileContent.Chunked("{\"note\":\"", "nnnnnnnn", 12 * 1024 * 1024 / 8, "\"}", "application/json"),
            Field = "body",
        });
        table.Add(new HostileCase("method.get-resolve", HttpMethod.Get, Resolve, 405) { MediaType = null });
        table.Add(new HostileCase("method.post-list", HttpMethod.Post, Route, 405) { Content = () => HostileContent.Text("{}", "application/json"), MediaType = null });
        table.Add(new HostileCase("method.delete-resolve", HttpMethod.Delete, Resolve, 405) { MediaType = null });
        table.Add(new HostileCase("auth.list-without-key", HttpMethod.Get, Route, 401) { Anonymous = true });
        table.Add(new HostileCase("auth.resolve-without-key", HttpMethod.Post, Resolve, 401) { Anonymous = true });
        return table;
    }

    private static HostileCase Body(string name, string body, string field) =>
        new("resolve." + name, HttpMethod.Post, Resolve, 400) { Content = () => HostileContent.Text(body, "application/json"), Field = field };
}
