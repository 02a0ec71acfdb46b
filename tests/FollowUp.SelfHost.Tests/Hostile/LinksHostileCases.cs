namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>Hostile requests to the customers' links: <c>GET|POST /r/{token}</c> and <c>GET|POST /u/{token}</c>.</summary>
internal static class LinksHostileCases
{
    public const string Html = "text/html";

    public static CaseTable All { get; } = Build();

    private static CaseTable Build()
    {
        var table = new CaseTable();
        var answer = LinkTokens.Answer();
        var unsubscribe = LinkTokens.Unsubscribe();
        (string Name, string Token)[] invalid =
        [
            ("garbage", "garbage"),
            ("truncated", answer[..^5]),
            ("signature-cut", answer[..(answer.IndexOf('.', StringComparison.Ordinal) + 1)]),
            ("payload-only", answer[..answer.IndexOf('.', StringComparison.Ordinal)]),
            ("signature-only", answer[answer.IndexOf('.', StringComparison.Ordinal)..]),
            ("signature-flipped", answer[..^1] + (answer[^1] == 'A' ? 'B' : 'A')),
            ("other-key", LinkTokens.Sign($"a|{LinkTokens.UnknownMessage}|price", "another-signing-key-0123456789abcdef")),
            ("three-parts", answer + ".AAAA"),
            ("non-base64", "ab$$.cd**"),
            ("600-chars", new string('A', 300) + "." + new string('A', 299)),
            ("10k-chars", new string('A', 5_000) + "." + new string('A', 5_000)),
            ("encoded-slash", "a%2Fb.c"),
            ("signed-bad-answer", LinkTokens.Sign($"a|{LinkTokens.UnknownMessage}|not a valid answer!")),
            ("signed-65-char-answer", LinkTokens.Sign($"a|{LinkTokens.UnknownMessage}|" + new string('x', 65))),
            ("signed-unknown-kind", LinkTokens.Sign($"x|{LinkTokens.UnknownMessage}|price")),
            ("signed-empty-message", LinkTokens.Sign("a||price")),
            ("signed-four-parts", LinkTokens.Sign($"a|{LinkTokens.UnknownMessage}|price|extra")),
            ("signed-two-parts", LinkTokens.Sign($"a|{LinkTokens.UnknownMessage}")),
            ("signed-empty-payload", LinkTokens.Sign(string.Empty)),
        ];
        foreach (var (name, token) in invalid)
        {
            table.Add(Refused("answer." + name, HttpMethod.Get, "/r/" + token));
            table.Add(Refused("answer-confirmed." + name, HttpMethod.Post, "/r/" + token));
            table.Add(Refused("confirm." + name, HttpMethod.Get, "/u/" + token));
            table.Add(Refused("unsubscribe." + name, HttpMethod.Post, "/u/" + token));
        }

        table.Add(Refused("answer.unsubscribe-token", HttpMethod.Get, "/r/" + unsubscribe));
        table.Add(Refused("answer-confirmed.unsubscribe-token", HttpMethod.Post, "/r/" + unsubscribe));
        table.Add(Refused("confirm.answer-token", HttpMethod.Get, "/u/" + answer));
        table.Add(Refused("unsubscribe.answer-token", HttpMethod.Post, "/u/" + answer));
        table.Add(Refused("unsubscribe.signed-with-answer", HttpMethod.Post, "/u/" + LinkTokens.Sign($"u|{LinkTokens.UnknownMessage}|price")));
        table.Add(Refused("answer.garbage-as-html", HttpMethod.Get, "/r/garbage", Html).Header("Accept", "text/html,application/xhtml+xml"));
        table.Add(Refused("unsubscribe.garbage-as-html", HttpMethod.Post, "/u/garbage", Html).Header("Accept", "text/html"));
        table.Add(Refused("unsubscribe.garbage-with-4-mib-form", HttpMethod.Post, "/u/garbage") with
        {
            Content = () => HostileContent.Text("List-Unsubscribe=" + new string('x', 4 * 1024 * 1024), "application/x-www-form-urlencoded"),
        });

        // Genuine signatures over a message that does not exist: nothing to answer, nothing to unsubscribe, nothing written.
        table.Add(new HostileCase("answer.unknown-message", HttpMethod.Get, "/r/" + answer, 404) { Anonymous = true, MediaType = Html });
        table.Add(new HostileCase("unsubscribe.unknown-message", HttpMethod.Post, "/u/" + unsubscribe, 404) { Anonymous = true, MediaType = Html, Content = OneClick });
        table.Add(new HostileCase("answer.unknown-message-padded-token", HttpMethod.Get, "/r/" + answer.Replace(".", "=.", StringComparison.Ordinal), 404) { Anonymous = true, MediaType = Html });
        table.Add(new HostileCase("answer.unknown-ill-formed-message", HttpMethod.Get, "/r/" + LinkTokens.Answer("../../x"), 404) { Anonymous = true, MediaType = Html });
        table.Add(new HostileCase("unsubscribe.unknown-ill-formed-message-with-slashes", HttpMethod.Post, "/u/" + LinkTokens.Unsubscribe("../../x"), 404) { Anonymous = true, MediaType = Html, Content = OneClick });
        table.Add(new HostileCase("unsubscribe.unknown-ill-formed-message", HttpMethod.Post, "/u/" + LinkTokens.Unsubscribe(new string('z', 300)), 404) { Anonymous = true, MediaType = Html, Content = OneClick });

        table.Add(new HostileCase("route.answer-empty", HttpMethod.Get, "/r/", 404) { Anonymous = true, MediaType = null });
        table.Add(new HostileCase("route.unsubscribe-empty", HttpMethod.Post, "/u/", 404) { Anonymous = true, MediaType = null, Content = OneClick });
        foreach (var (method, path) in new[] { (HttpMethod.Put, "/r/x"), (HttpMethod.Delete, "/r/x"), (HttpMethod.Put, "/u/x"), (HttpMethod.Delete, "/u/x"), (HttpMethod.Patch, "/u/x") })
        {
            table.Add(new HostileCase($"method.{method.Method.ToLowerInvariant()}{path.Replace("/x", string.Empty, StringComparison.Ordinal).Replace('/', '-')}", method, path, 405)
            {
                Anonymous = true,
                MediaType = null,
            });
        }

        return table;
    }

    private static FormUrlEncodedContent OneClick() => new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);

    private static HostileCase Refused(string name, HttpMethod method, string path, string mediaType = HostileCase.ProblemJson) => new(name, method, path, 400)
    {
        Anonymous = true,
        MediaType = mediaType,
        Field = mediaType == HostileCase.ProblemJson ? "token" : null,
        Content = method == HttpMethod.Post ? OneClick : () => null,
    };
}
