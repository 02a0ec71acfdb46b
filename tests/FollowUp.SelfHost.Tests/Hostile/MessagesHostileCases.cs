using System.Globalization;

namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>Hostile requests to <c>GET /api/messages?…</c> and <c>GET /api/messages/{id}</c>.</summary>
internal static class MessagesHostileCases
{
    public const string Route = "/api/messages";

    public static CaseTable All { get; } = Build();

    private static CaseTable Build()
    {
        var table = new CaseTable();
        (string Query, string Field)[] queries =
        [
            ("status=sent,claimed", "status"), ("status=1", "status"), ("status=bogus", "status"), ("status=sent&status=sent", "status"),
            ("status=%00", "status"), ("status=Scheduled%20", "status"), ("status=" + new string('s', 5_000), "status"),
            ("foo=bar", "foo"), ("CustomerId=c-1", "CustomerId"), ("customerid=c-1", "customerid"), ("customerId[]=c-1", "customerId[]"),
            ("%24filter=PartitionKey%20ne%20%27%27", "$filter"), ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=abc", "limit"), ("limit=-1", "limit"),
            ("limit=1.5", "limit"), ("limit=%2B5", "limit"), ("limit=99999999999", "limit"), ("limit=%D9%A3", "limit"), ("limit=1e2", "limit"),
            ("limit=5&limit=6", "limit"), ("orderId=A-1&dealId=D-1", "dealId"), ("customerId=c-1&orderId=A-1&dealId=D-1", "dealId"),
            ("customerId=" + new string('c', 10_000), "customerId"), ("orderId=" + new string('o', 257), "orderId"),
            ("dealId=" + new string('d', 257), "dealId"), ("continuationToken=" + new string('t', 3_000), "continuationToken"),
            ("customerId=a&customerId=b", "customerId"),
        ];
        foreach (var (query, field) in queries)
        {
            var name = query.Length > 60 ? query[..30] + "…" + query.Length.ToString(CultureInfo.InvariantCulture) : query;
            table.Add(new HostileCase("list." + name, HttpMethod.Get, Route + "?" + query, 400) { Field = field });
        }

        string[] ids =
        [
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "0123456789abcdef0123456789abcdef0", "0123456789abcdef0123456789abcde", "0123456789ABCDEF0123456789ABCDEF",
            LinkTokens.UnknownMessage, "%F0%9F%A6%84", "..%2F..%2Fetc", new string('f', 10_000), "0123456789abcdef%200123456789abcdef",
            "0123456789abcdef0123456789abcde%C3%A9",
        ];
        foreach (var id in ids)
        {
            var name = id.Length > 40 ? id.Length.ToString(CultureInfo.InvariantCulture) + "-chars" : id;
            table.Add(new HostileCase("get." + name, HttpMethod.Get, Route + "/" + id, 404));
        }

        table.Add(new HostileCase("method.post-list", HttpMethod.Post, Route, 405) { Content = () => HostileContent.Text("{}", "application/json"), MediaType = null });
        table.Add(new HostileCase("method.delete-list", HttpMethod.Delete, Route, 405) { MediaType = null });
        table.Add(new HostileCase("method.put-message", HttpMethod.Put, Route + "/" + LinkTokens.UnknownMessage, 405) { Content = () => HostileContent.Text("{}", "application/json"), MediaType = null });
        table.Add(new HostileCase("method.delete-message", HttpMethod.Delete, Route + "/" + LinkTokens.UnknownMessage, 405) { MediaType = null });
        table.Add(new HostileCase("method.patch-message", HttpMethod.Patch, Route + "/" + LinkTokens.UnknownMessage, 405) { MediaType = null });

        table.Add(new HostileCase("auth.list-without-key", HttpMethod.Get, Route, 401) { Anonymous = true });
        table.Add(new HostileCase("auth.list-with-key-in-query", HttpMethod.Get, Route + "?X-Api-Key=" + SelfHostFactory.ApiKey, 401) { Anonymous = true });
        table.Add(new HostileCase("auth.get-without-key", HttpMethod.Get, Route + "/" + LinkTokens.UnknownMessage, 401) { Anonymous = true });
        table.Add(new HostileCase("auth.get-with-empty-key", HttpMethod.Get, Route + "/" + LinkTokens.UnknownMessage, 401) { Anonymous = true }.Header("X-Api-Key", string.Empty));
        return table;
    }
}
