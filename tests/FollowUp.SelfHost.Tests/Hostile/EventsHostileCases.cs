using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FollowUp.Events;
using static FollowUp.SelfHost.Tests.Hostile.HostileJson;

namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>Hostile requests to <c>POST /api/events</c>: structured, batched and binary mode.</summary>
internal static class EventsHostileCases
{
    public const string Route = "/api/events";
    public const string Structured = "application/cloudevents+json";
    public const string Batch = "application/cloudevents-batch+json";

    private const string LoneHigh = "\\ud800";
    private const string LoneLow = "\\udfff";

    public static CaseTable All { get; } = Build();

    private static CaseTable Build()
    {
        var table = new CaseTable();
        Malformed(table);
        Duplicates(table);
        WrongTypes(table);
        Unicode(table);
        KeyBreaking(table);
        Times(table);
        Amounts(table);
        Huge(table);
        Batches(table);
        BinaryMode(table);
        Protocol(table);
        Recent(table);
        return table;
    }

    private static void Malformed(CaseTable table)
    {
        var valid = Order().ToJsonString();
        table.Add(Text("malformed.empty-body", string.Empty, "body"));
        table.Add(Text("malformed.whitespace-only", "  \r\n\t ", "body"));
        table.Add(Text("malformed.truncated-object", "{\"specversion\":\"1.0\",\"id\":", "body"));
        table.Add(Text("malformed.truncated-in-a-string", valid[..(valid.Length / 2)], "body"));
        table.Add(Text("malformed.unclosed-batch", "[" + Order().ToJsonString(), "body", Batch));
        table.Add(Text("malformed.trailing-comma-in-object", Order().ToJsonString()[..^1] + ",}", "body"));
        table.Add(Text("malformed.trailing-comma-in-lines", Order().ReplaceOnce("\"lines\":[", "\"lines\":[1,2,],\"x\":["), "body"));
        table.Add(Text("malformed.block-comment", "/* hostile */" + Order().ToJsonString(), "body"));
        table.Add(Text("malformed.line-comment", "// hostile\n" + Order().ToJsonString(), "body"));
        table.Add(Text("malformed.nan-total", Order().With("data.order.total", Marker).SpliceValue("NaN"), "body"));
        table.Add(Text("malformed.infinity-total", Order().With("data.order.total", Marker).SpliceValue("Infinity"), "body"));
        table.Add(Text("malformed.minus-infinity-price", Order().With("data.order.lines[0].unitPrice", Marker).SpliceValue("-Infinity"), "body"));
        table.Add(Text("malformed.hex-quantity", Order().With("data.order.lines[0].quantity", Marker).SpliceValue("0x10"), "body"));
        table.Add(Text("malformed.leading-zero-quantity", Order().With("data.order.lines[0].quantity", Marker).SpliceValue("02"), "body"));
        table.Add(Text("malformed.plus-sign-total", Order().With("data.order.total", Marker).SpliceValue("+1498"), "body"));
        table.Add(Text("malformed.single-quotes", "{'specversion':'1.0','id':'x','source':'/s','type':'order.placed'}", "body"));
        table.Add(Text("malformed.unquoted-names", "{specversion:\"1.0\",id:\"x\"}", "body"));
        table.Add(Text("malformed.byte-order-mark", "\uFEFF" + Order().ToJsonString(), "body"));
        table.Add(Text("malformed.null", "null", "$"));
        table.Add(Text("malformed.number", "42", "$"));
        table.Add(Text("malformed.string", "\"order.placed\"", "$"));
        table.Add(Text("malformed.true", "true", "$"));
        table.Add(Text("malformed.array-sent-as-one-event", "[" + Order().ToJsonString() + "]", "$"));
        table.Add(Text("malformed.two-documents", Order().ToJsonString() + " " + Order().ToJsonString(), "body"));
        table.Add(Text("malformed.trailing-garbage", Order().ToJsonString() + "x", "body"));
        table.Add(Text("malformed.raw-newline-in-string", Order().With("data.customer.name", Marker).Splice("Kari\nNordmann"), "body"));
        table.Add(Text("malformed.bad-escape", Order().With("data.customer.name", Marker).Splice("\\x41"), "body"));
        table.Add(Text("malformed.short-unicode-escape", Order().With("data.customer.name", Marker).Splice("\\u12"), "body"));
        table.Add(Text("malformed.nul-byte-between-tokens", Order().ToJsonString()[..^1] + "\0}", "body"));
        table.Add(Text("malformed.nested-1000-objects", Order().With("data.extra", Marker).SpliceValue(Nested("{\"a\":", "1", "}", 1000)), "body"));
        table.Add(Text("malformed.nested-1000-arrays", Nested("[", "1", "]", 1000), "body", Batch));
        table.Add(Text("malformed.nested-40-in-data", Order().With("data.extra", Marker).SpliceValue(Nested("[", "1", "]", 40)), "body"));
    }

    private static void Duplicates(CaseTable table)
    {
        table.Add(Text("duplicate.id", Order().Duplicate(string.Empty, "id", "\"other\""), "body"));
        table.Add(Text("duplicate.type", Order().Duplicate(string.Empty, "type", "\"deal.lost\""), "body"));
        table.Add(Text("duplicate.data", Order().Duplicate(string.Empty, "data", "{}"), "body"));
        table.Add(Text("duplicate.customer-email", Order().Duplicate("data.customer", "email", "\"mallory@example.com\""), "body"));
        table.Add(Text("duplicate.customer-id", Order().Duplicate("data.customer", "id", "\"someone-else\""), "body"));
        table.Add(Text("duplicate.order-id", Order().Duplicate("data.order", "id", "\"A-2\""), "body"));
        table.Add(Text("duplicate.order-total", Order().Duplicate("data.order", "total", "0"), "body"));
        table.Add(Text("duplicate.line-quantity", Order().Duplicate("data.order.lines[0]", "quantity", "1000"), "body"));
        table.Add(Text("duplicate.deal-owner-email", Deal().Duplicate("data.deal.owner", "email", "\"mallory@example.com\""), "body"));
        table.Add(Text("duplicate.escaped-name", Order().Duplicate(string.Empty, "\\u0069d", "\"other\""), "body"));
        table.Add(Text("duplicate.escaped-name-in-customer", Order().Duplicate("data.customer", "em\\u0061il", "\"mallory@example.com\""), "body"));
        table.Add(Text("duplicate.in-a-batch-item", "[" + Order().ToJsonString() + "," + Order().Duplicate(string.Empty, "id", "\"x\"") + "]", "body", Batch));
    }

    private static void WrongTypes(CaseTable table)
    {
        Add(table, "types.specversion-number", Order().With("specversion", 1.0m), "specversion");
        Add(table, "types.specversion-0.3", Order().With("specversion", "0.3"), "specversion");
        Add(table, "types.id-number", Order().With("id", 42), "id");
        Add(table, "types.id-object", Order().With("id", new JsonObject { ["a"] = 1 }), "id");
        Add(table, "types.id-empty", Order().With("id", string.Empty), "id");
        Add(table, "types.id-whitespace", Order().With("id", " \t "), "id");
        Add(table, "types.id-missing", Order().Without("id"), "id");
        Add(table, "types.source-number", Order().With("source", 7), "source");
        Add(table, "types.source-missing", Order().Without("source"), "source");
        Add(table, "types.source-not-a-uri", Order().With("source", "http://[::1"), "source");
        Add(table, "types.type-array", Order().With("type", new JsonArray("order.placed")), "type");
        Add(table, "types.type-unknown", Order().With("type", "order.teleported"), "type");
        Add(table, "types.type-upper-case", Order().With("type", "ORDER.PLACED"), "type");
        Add(table, "types.type-missing", Order().Without("type"), "type");
        Add(table, "types.datacontenttype-xml", Order().With("datacontenttype", "text/xml"), "datacontenttype");
        Add(table, "types.datacontenttype-number", Order().With("datacontenttype", 1), "datacontenttype");
        Add(table, "types.data-missing", Order().Without("data"), "data");
        Add(table, "types.data-string", Order().With("data", "{}"), "data");
        Add(table, "types.data-array", Order().With("data", new JsonArray()), "data");
        Add(table, "types.data-null", Order().With("data", null), "data");
        Add(table, "types.customer-missing", Order().Without("data.customer"), "data.customer");
        Add(table, "types.customer-string", Order().With("data.customer", "c-1"), "data.customer");
        Add(table, "types.customer-id-number", Order().With("data.customer.id", 42), "data.customer.id");
        Add(table, "types.customer-id-missing", Order().Without("data.customer.id"), "data.customer.id");
        Add(table, "types.customer-id-bool", Order().With("data.customer.id", true), "data.customer.id");
        Add(table, "types.email-array", Order().With("data.customer.email", new JsonArray("kari@example.com")), "data.customer.email");
        Add(table, "types.email-missing", Order().Without("data.customer.email"), "data.customer.email");
        Add(table, "types.email-not-an-address", Order().With("data.customer.email", "not-an-email"), "data.customer.email");
        Add(table, "types.email-without-dot", Order().With("data.customer.email", "kari@localhost"), "data.customer.email");
        Add(table, "types.email-with-display-name", Order().With("data.customer.email", "Kari <kari@example.com>"), "data.customer.email");
        Add(table, "types.email-header-injection", Order().With("data.customer.email", "kari@example.com\r\nBcc: all@example.com"), "data.customer.email");
        Add(table, "types.email-nul", Order().With("data.customer.email", "kari\0@example.com"), "data.customer.email");
        Add(table, "types.email-300-chars", Order().With("data.customer.email", new string('k', 288) + "@example.com"), "data.customer.email");
        Add(table, "types.name-number", Order().With("data.customer.name", 7), "data.customer.name");
        Add(table, "types.name-201-chars", Order().With("data.customer.name", new string('K', 201)), "data.customer.name");
        Add(table, "types.locale-object", Order().With("data.customer.locale", new JsonObject { ["lang"] = "nb" }), "data.customer.locale");
        Add(table, "types.locale-not-bcp47", Order().With("data.customer.locale", "norwegian"), "data.customer.locale");
        Add(table, "types.locale-underscore", Order().With("data.customer.locale", "nb_NO"), "data.customer.locale");
        Add(table, "types.time-zone-unknown", Order().With("data.customer.timeZone", "Mars/Olympus_Mons"), "data.customer.timeZone");
        Add(table, "types.time-zone-path", Order().With("data.customer.timeZone", "../../etc/passwd"), "data.customer.timeZone");
        Add(table, "types.time-zone-number", Order().With("data.customer.timeZone", 1), "data.customer.timeZone");
        Add(table, "types.country-norway", Order().With("data.customer.country", "norway"), "data.customer.country");
        Add(table, "types.country-lower-case", Order().With("data.customer.country", "no"), "data.customer.country");
        Add(table, "types.country-number", Order().With("data.customer.country", 47), "data.customer.country");
        Add(table, "types.consent-yes", Order().With("data.customer.marketingConsent", "yes"), "data.customer.marketingConsent");
        Add(table, "types.consent-one", Order().With("data.customer.marketingConsent", 1), "data.customer.marketingConsent");
        Add(table, "types.order-missing", Order().Without("data.order"), "data.order");
        Add(table, "types.order-string", Order().With("data.order", "A-1"), "data.order");
        Add(table, "types.order-id-number", Order().With("data.order.id", 1001), "data.order.id");
        Add(table, "types.order-id-missing", Order(EventTypes.OrderDelivered).Without("data.order.id"), "data.order.id");
        Add(table, "types.currency-lower-case", Order().With("data.order.currency", "nok"), "data.order.currency");
        Add(table, "types.currency-four-letters", Order().With("data.order.currency", "NOKK"), "data.order.currency");
        Add(table, "types.currency-number", Order().With("data.order.currency", 578), "data.order.currency");
        Add(table, "types.lines-object", Order().With("data.order.lines", new JsonObject { ["0"] = 1 }), "data.order.lines");
        Add(table, "types.lines-missing", Order().Without("data.order.lines"), "data.order.lines");
        Add(table, "types.line-number", Order().With("data.order.lines[0]", 1), "data.order.lines[0]");
        Add(table, "types.line-sku-missing", Order().Without("data.order.lines[0].sku"), "data.order.lines[0].sku");
        Add(table, "types.line-name-501-chars", Order().With("data.order.lines[1].name", new string('n', 501)), "data.order.lines[1].name");
        Add(table, "types.tracking-url-number", Order(EventTypes.OrderDelivered).With("data.order.trackingUrl", 1), "data.order.trackingUrl");
        Add(table, "types.carrier-array", Order(EventTypes.OrderDelivered).With("data.order.carrier", new JsonArray("Posten")), "data.order.carrier");
        Add(table, "types.deal-string-on-order", Order().With("data.deal", "oops"), "data.deal");
        Add(table, "types.deal-object-on-order", Order().With("data.deal", new JsonObject { ["id"] = "D-1" }), "data.deal");
        Add(table, "types.order-on-deal", Deal().With("data.order", new JsonObject { ["id"] = "A-1" }), "data.order");
        Add(table, "types.order-string-on-deal", Deal().With("data.order", "oops"), "data.order");
        Add(table, "types.deal-missing", Deal().Without("data.deal"), "data.deal");
        Add(table, "types.deal-id-number", Deal().With("data.deal.id", 9), "data.deal.id");
        Add(table, "types.deal-title-501-chars", Deal().With("data.deal.title", new string('t', 501)), "data.deal.title");
        Add(table, "types.deal-currency-missing", Deal().Without("data.deal.currency"), "data.deal.currency");
        Add(table, "types.owner-string", Deal().With("data.deal.owner", "Silje Berg"), "data.deal.owner");
        Add(table, "types.owner-email-invalid", Deal().With("data.deal.owner.email", "silje"), "data.deal.owner.email");
        Add(table, "types.owner-name-number", Deal().With("data.deal.owner.name", 5), "data.deal.owner.name");
        Add(table, "types.data-over-24000-chars", Order().With("data.notes", new string('x', 24_001)), "data");
    }

    private static void Unicode(CaseTable table)
    {
        string[] orderFields =
        [
            "specversion", "id", "source", "type", "time", "datacontenttype",
            "data.customer.id", "data.customer.email", "data.customer.name", "data.customer.locale", "data.customer.timeZone",
            "data.customer.country", "data.order.id", "data.order.currency", "data.order.lines[0].sku", "data.order.lines[0].name",
            "data.order.expectedDeliveryAt", "data.order.trackingUrl", "data.order.carrier", "data.notes",
        ];
        foreach (var field in orderFields)
        {
            table.Add(Text("unicode.lone-high-surrogate." + field, Order().With(field, "a" + Marker + "b").Splice(LoneHigh), field));
        }

        foreach (var field in new[] { "data.deal.id", "data.deal.title", "data.deal.currency", "data.deal.owner.name", "data.deal.owner.email" })
        {
            table.Add(Text("unicode.lone-high-surrogate." + field, Deal().With(field, Marker).Splice(LoneHigh), field));
        }

        foreach (var field in new[] { "id", "data.customer.id", "data.customer.email", "data.order.id", "data.order.lines[1].sku" })
        {
            table.Add(Text("unicode.lone-low-surrogate." + field, Order().With(field, Marker + "z").Splice(LoneLow), field));
        }

        table.Add(Text("unicode.reversed-pair.data.customer.name", Order().With("data.customer.name", Marker).Splice("\\udc00\\ud800"), "data.customer.name"));
        table.Add(Text("unicode.high-then-ascii.data.order.id", Order().With("data.order.id", Marker).Splice("\\ud83dA"), "data.order.id"));
        table.Add(Text("unicode.lone-surrogate-in-extension", Order().With("traceparent", Marker).Splice(LoneHigh), "traceparent"));
        table.Add(Text("unicode.lone-surrogate-in-data-name", Order().With("data.customer.k" + Marker, 1).Splice(LoneHigh), "data.customer"));
        table.Add(Text("unicode.lone-surrogate-in-line-name", Order().With("data.order.lines[0].k" + Marker, 1).Splice(LoneHigh), "data.order.lines[0]"));
        table.Add(Text("unicode.lone-surrogate-in-top-name", Order().With("k" + Marker, 1).Splice(LoneHigh), "body"));
        table.Add(Text("unicode.lone-surrogate-in-batch-item-name", "[" + Order().With("k" + Marker, 1).Splice(LoneHigh) + "]", "[0]", Batch));

        table.Add(Bytes("utf8.ff-in-id", Order().With("id", "a" + Marker).SpliceBytes(0xFF), "id"));
        table.Add(Bytes("utf8.bad-continuation-in-name", Order().With("data.customer.name", "K" + Marker).SpliceBytes(0xC3, 0x28), "data.customer.name"));
        table.Add(Bytes("utf8.overlong-slash-in-order-id", Order().With("data.order.id", "A" + Marker + "B").SpliceBytes(0xC0, 0xAF), "data.order.id"));
        table.Add(Bytes("utf8.encoded-surrogate-in-customer-id", Order().With("data.customer.id", Marker).SpliceBytes(0xED, 0xA0, 0x80), "data.customer.id"));
        table.Add(Bytes("utf8.truncated-sequence-in-email", Order().With("data.customer.email", "kari@example.com" + Marker).SpliceBytes(0xE2, 0x82), "data.customer.email"));
        table.Add(Bytes("utf8.five-byte-sequence-in-sku", Order().With("data.order.lines[0].sku", Marker).SpliceBytes(0xF8, 0x88, 0x80, 0x80, 0x80), "data.order.lines[0].sku"));
        table.Add(Bytes("utf8.above-u10ffff-in-source", Order().With("source", "/shop/" + Marker).SpliceBytes(0xF4, 0x90, 0x80, 0x80), "source"));
        table.Add(Bytes("utf8.invalid-in-data-name", Order().With("data.customer.k" + Marker, 1).SpliceBytes(0xFE), "data.customer"));
    }

    private static void KeyBreaking(CaseTable table)
    {
        const string Cjk = "订";
        const string Emoji = "🦄";
        Add(table, "keys.id-257-ascii", Order().With("id", new string('e', 257)), "id");
        Add(table, "keys.customer-id-257-ascii", Order().With("data.customer.id", new string('c', 257)), "data.customer.id");
        Add(table, "keys.order-id-257-ascii", Order().With("data.order.id", new string('o', 257)), "data.order.id");
        Add(table, "keys.deal-id-257-ascii", Deal().With("data.deal.id", new string('d', 257)), "data.deal.id");
        Add(table, "keys.customer-id-100-cjk", Order().With("data.customer.id", string.Concat(Enumerable.Repeat(Cjk, 100))), "data.customer.id");
        Add(table, "keys.order-id-100-emoji", Order().With("data.order.id", string.Concat(Enumerable.Repeat(Emoji, 100))), "data.order.id");
        Add(table, "keys.id-100-emoji", Order().With("id", string.Concat(Enumerable.Repeat(Emoji, 100))), "id");
        Add(table, "keys.deal-id-29-cjk", Deal().With("data.deal.id", string.Concat(Enumerable.Repeat(Cjk, 29))), "data.deal.id");
        Add(table, "keys.id-86-slashes", Order().With("id", new string('/', 86)), "id");
        Add(table, "keys.order-id-86-pipes", Order().With("data.order.id", new string('|', 86)), "data.order.id");
        Add(table, "keys.source-1025-chars", Order().With("source", "/" + new string('s', 1024)), "source");
        Add(table, "keys.source-200-cjk", Order().With("source", "/" + string.Concat(Enumerable.Repeat(Cjk, 200))), "source");
    }

    private static void Times(CaseTable table)
    {
        string[] times =
        [
            "1969-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-23T10:15:00", "yesterday",
            "2026-11-23", "2026-11-23 10:15:00Z", "2026-02-30T00:00:00Z", "2026-11-23T25:00:00Z", "2026-11-23T10:15:00+25:00",
            "9999-12-31T23:59:59-14:00", "1970-01-01T00:00:00+00:01", "-2026-11-23T10:15:00Z", "2026-W48-1T10:15:00Z",
            "1763892900", "2026-11-23T10:15:00Z ",
        ];
        foreach (var time in times)
        {
            Add(table, "time." + time.Trim(), Order().With("time", time), "time");
        }

        Add(table, "time.ten-thousand-chars", Order().With("time", "2026-11-23T10:15:00Z" + new string('0', 9_980)), "time");
        Add(table, "time.number", Order().With("time", 1_763_892_900), "time");
        Add(table, "time.empty", Order().With("time", string.Empty), "time");
        Add(table, "time.delivery-tomorrow", Order().With("data.order.expectedDeliveryAt", "tomorrow"), "data.order.expectedDeliveryAt");
        Add(table, "time.delivery-before-1970", Order().With("data.order.expectedDeliveryAt", "1969-07-20T20:17:40Z"), "data.order.expectedDeliveryAt");
        Add(table, "time.delivery-object", Order().With("data.order.expectedDeliveryAt", new JsonObject()), "data.order.expectedDeliveryAt");
    }

    private static void Amounts(CaseTable table)
    {
        (string Field, string Raw)[] amounts =
        [
            ("data.order.total", "\"1498\""), ("data.order.total", "-1"), ("data.order.total", "1e13"),
            ("data.order.total", "1000000000000.01"), ("data.order.total", "79228162514264337593543950335"),
            ("data.order.total", "79228162514264337593543950336"), ("data.order.total", "1e400"), ("data.order.total", "true"),
            ("data.order.total", "-0.0000001"),
            ("data.order.lines[0].quantity", "1.5"), ("data.order.lines[0].quantity", "-1"), ("data.order.lines[0].quantity", "0"),
            ("data.order.lines[0].quantity", "1e9"), ("data.order.lines[0].quantity", "\"2\""), ("data.order.lines[0].quantity", "1000001"),
            ("data.order.lines[0].quantity", "1e-30"),
            ("data.order.lines[0].unitPrice", "\"12\""), ("data.order.lines[0].unitPrice", "-0.01"), ("data.order.lines[0].unitPrice", "1e13"),
            ("data.order.lines[0].unitPrice", "null"),
        ];
        foreach (var (field, raw) in amounts)
        {
            table.Add(Text($"amount.{field[(field.LastIndexOf('.') + 1)..]}.{raw.Trim('"')}", Order().With(field, Marker).SpliceValue(raw), field));
        }

        table.Add(Text("amount.deal.string", Deal().With("data.deal.amount", "184000").ToJsonString(), "data.deal.amount"));
        table.Add(Text("amount.deal.negative", Deal().With("data.deal.amount", -1).ToJsonString(), "data.deal.amount"));
        table.Add(Text("amount.deal.1e13", Deal().With("data.deal.amount", Marker).SpliceValue("1e13"), "data.deal.amount"));
    }

    private static void Huge(CaseTable table)
    {
        var line = "{\"sku\":\"S\",\"name\":\"N\",\"quantity\":1,\"unitPrice\":1}";
        table.Add(Text("huge.order-with-5000-lines", Order().With("data.order.lines", Marker).SpliceValue("[" + string.Join(",", Enumerable.Repeat(line, 5000)) + "]"), "data"));
        table.Add(Text("huge.order-with-201-lines", Order().With("data.order.lines", Marker).SpliceValue("[" + string.Join(",", Enumerable.Repeat(line, 201)) + "]"), "data.order.lines"));
        table.Add(Lazy("huge.batch-of-600", () => "[" + string.Join(",", Enumerable.Range(0, 600).Select(_ => Order().ToJsonString())) + "]", "body", Batch));
        table.Add(Lazy("huge.batch-of-501", () => "[" + string.Join(",", Enumerable.Range(0, 501).Select(_ => Order().ToJsonString())) + "]", "body", Batch));
        table.Add(Lazy("huge.batch-of-500-invalid", () => "[" + string.Join(",", Enumerable.Range(0, 500).Select(_ => Order().With("type", "order.teleported").ToJsonString())) + "]", "[49].type", Batch));
        table.Add(Lazy(
            "huge.batch-of-500-with-every-field-wrong",
            () => "[" + string.Join(",", Enumerable.Repeat("{\"specversion\":2,\"id\":3,\"source\":4,\"type\":5,\"time\":6,\"datacontenttype\":7,\"data\":8}", 500)) + "]",
            "[0].specversion",
            Batch));
        table.Add(Lazy(
            "huge.four-mib-of-lone-surrogates",
            () => Order().With("data.notes", Marker).SpliceValue("[" + string.Join(",", Enumerable.Repeat("\"" + LoneHigh + "\"", (4 * 1024 * 1024 - 4096) / 9)) + "]"),
            "data.notes[0]"));
        table.Add(Lazy("huge.four-mib-string-in-data", () => Order().With("data.notes", new string('x', 4 * 1024 * 1024 - 4096)).ToJsonString(), "data"));
        table.Add(Lazy("huge.four-mib-of-bad-lines", () => Order().With("data.order.lines", Marker).SpliceValue("[" + string.Join(",", Enumerable.Repeat("\"x\"", (4 * 1024 * 1024 - 4096) / 4)) + "]"), "data"));
        table.Add(new HostileCase("huge.over-four-mib-with-length", HttpMethod.Post, Route, 413)
        {
            Content = () => HostileContent.Text(Order().With("data.notes", new string('x', 4 * 1024 * 1024)).ToJsonString(), Structured),
            Field = "body",
        });
        table.Add(new HostileCase("huge.twelve-mb-chunked-lines", HttpMethod.Post, Route, 413)
        {
            Content = () => HostileContent.Chunked("{\"specversion\":\"1.0\",\"id\":\"big\",\"source\":\"/s\",\"type\":\"order.placed\",\"data\":{\"order\":{\"lines\":[1", ",1", 6 * 1024 * 1024, "]}}}", Structured),
            Field = "body",
        });
        table.Add(new HostileCase("huge.twelve-mb-chunked-batch", HttpMethod.Post, Route, 413)
        {
            Content = () => HostileContent.Chunked("[" + Order().ToJsonString(), "," + Order().ToJsonString(), 12 * 1024 * 1024 / 600, "]", Batch),
            Field = "body",
        });
    }

    private static void Batches(CaseTable table)
    {
        table.Add(Text("batch.empty", "[]", "body", Batch));
        table.Add(Text("batch.object", Order().ToJsonString(), "body", Batch));
        table.Add(Text("batch.numbers", "[1,2,3]", "[2].$", Batch));
        table.Add(Text("batch.nulls", "[null]", "[0].$", Batch));
        table.Add(Text("batch.nested-batch", "[[" + Order().ToJsonString() + "]]", "[0].$", Batch));
        table.Add(Text("batch.string", "\"[]\"", "body", Batch));
        var allInvalid = new JsonArray(
            Order().With("data.customer.email", "nope"),
            Order().Without("id"),
            Order().With("type", "order.teleported"));
        table.Add(Text("batch.all-invalid-names-each", allInvalid.ToJsonString(), "[2].type", Batch));
        table.Add(Text("batch.all-invalid-first", allInvalid.ToJsonString(), "[0].data.customer.email", Batch));
        table.Add(Text("batch.only-item-has-lone-surrogate", "[" + Order().With("id", Marker).Splice(LoneHigh) + "]", "[0].id", Batch));
        table.Add(Text("batch.only-item-deal-on-order", new JsonArray(Order().With("data.deal", "oops")).ToJsonString(), "[0].data.deal", Batch));
        table.Add(Bytes("batch.only-item-invalid-utf8", [.. "["u8, .. Order().With("data.customer.name", "K" + Marker).SpliceBytes(0xFF), .. "]"u8], "[0].data.customer.name", Batch));
    }

    private static void BinaryMode(CaseTable table)
    {
        static HostileCase Binary(string name, string body, string? field, Dictionary<string, string?>? headers = null, string contentType = "application/json", int status = 400)
        {
            var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
            {
                ["ce-specversion"] = "1.0",
                ["ce-id"] = "binary-hostile",
                ["ce-source"] = "/shop/orders",
                ["ce-type"] = EventTypes.OrderPlaced,
            };
            foreach (var (header, value) in headers ?? [])
            {
                all[header] = value;
            }

            return all.Where(pair => pair.Value is not null).Aggregate(
                new HostileCase(name, HttpMethod.Post, Route, status) { Content = () => HostileContent.Text(body, contentType), Field = field },
                (hostile, header) => hostile.Header(header.Key, header.Value!));
        }

        var data = Order()["data"]!.ToJsonString();
        table.Add(Binary("binary.missing-id", data, "id", new() { ["ce-id"] = null }));
        table.Add(Binary("binary.unknown-type", data, "type", new() { ["ce-type"] = "order.teleported" }));
        table.Add(Binary("binary.specversion-0.3", data, "specversion", new() { ["ce-specversion"] = "0.3" }));
        table.Add(Binary("binary.time-yesterday", data, "time", new() { ["ce-time"] = "yesterday" }));
        table.Add(Binary("binary.datacontenttype-xml", data, "datacontenttype", new() { ["ce-datacontenttype"] = "text/xml" }));
        table.Add(Binary("binary.source-2000-chars", data, "source", new() { ["ce-source"] = "/" + new string('s', 2000) }));
        table.Add(Binary("binary.id-257-chars", data, "id", new() { ["ce-id"] = new string('i', 257) }));
        table.Add(Binary("binary.body-array", "[" + data + "]", "data"));
        table.Add(Binary("binary.body-null", "null", "data"));
        table.Add(Binary("binary.body-number", "7", "data"));
        table.Add(Binary("binary.bad-email", Order().With("data.customer.email", "nope")["data"]!.ToJsonString(), "data.customer.email"));
        table.Add(Binary("binary.deal-on-order", Order().With("data.deal", "oops")["data"]!.ToJsonString(), "data.deal"));
        table.Add(Binary("binary.lone-surrogate", ((JsonObject)Order().With("data.customer.name", Marker)["data"]!.DeepClone()).Splice(LoneHigh), "data.customer.name"));
        table.Add(Binary("binary.duplicate-in-body", ((JsonObject)Order()["data"]!.DeepClone()).Duplicate("customer", "id", "\"x\""), "body"));
        table.Add(Binary("binary.malformed-body", "{\"customer\":", "body"));
        table.Add(Binary("binary.text-plain", data, null, contentType: "text/plain", status: 415));
        table.Add(Binary("binary.structured-body-with-ce-headers", Order().ToJsonString(), "data.customer", contentType: Structured));
    }

    private static void Protocol(CaseTable table)
    {
        string[] unsupported = ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/json", "application/cloudevents+xml", "application/octet-stream"];
        foreach (var contentType in unsupported)
        {
            table.Add(new HostileCase("media." + contentType.Split(';')[0], HttpMethod.Post, Route, 415) { Content = () => HostileContent.Text(Order().ToJsonString(), contentType) });
        }

        table.Add(new HostileCase("media.none", HttpMethod.Post, Route, 415) { Content = () => HostileContent.Text(Order().ToJsonString(), null) });
        table.Add(new HostileCase("media.utf-16-body", HttpMethod.Post, Route, 400)
        {
            Content = () => HostileContent.Bytes(Encoding.Unicode.GetBytes(Order().ToJsonString()), Structured + "; charset=utf-16"),
            Field = "body",
        });

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            table.Add(new HostileCase("method." + method, method, Route, 405) { MediaType = null });
        }

        string[][] keys = [[], ["X-Api-Key", "wrong-key-0123456789"], ["X-Api-Key", string.Empty], ["X-Api-Key", SelfHostFactory.ApiKey.ToUpperInvariant()],
            ["X-Api-Key", SelfHostFactory.ApiKey + "x"], ["X-Api-Key", SelfHostFactory.ApiKey[..^1]], ["X-Api-Key", new string('k', 10_000)],
            ["x-functions-key", "wrong-key-0123456789"], ["X-Api-Key", SelfHostFactory.ApiKey + ", wrong"], ["api-key", SelfHostFactory.ApiKey]];
        foreach (var key in keys)
        {
            var name = key.Length == 0 ? "none" : key[0] + "=" + (key[1].Length > 40 ? key[1].Length.ToString(CultureInfo.InvariantCulture) + "-chars" : key[1]);
            var hostile = new HostileCase("auth." + name, HttpMethod.Post, Route, 401) { Anonymous = true, Content = () => HostileContent.Text(Order().ToJsonString(), Structured) };
            table.Add(key.Length == 0 ? hostile : hostile.Header(key[0], key[1]));
        }
    }

    private static void Recent(CaseTable table)
    {
        (string Query, string Field)[] queries =
        [
            ("type=order.paid", "type"), ("type=ORDER.PLACED", "type"), ("type=order.placed%20", "type"), ("type=order.*", "type"),
            ("type=%27%20or%20%27%27%3D%27", "type"), ("type=" + new string('t', 65), "type"), ("type=order.placed&type=deal.lost", "type"),
            ("type=order.placed%00", "type"), ("limit=0", "limit"), ("limit=51", "limit"), ("limit=-1", "limit"), ("limit=abc", "limit"),
            ("limit=1e1", "limit"), ("limit=99999999999", "limit"), ("limit=5&limit=5", "limit"), ("from=2026-11-01", "from"),
            ("customerId=c-1", "customerId"), ("%24top=1000", "$top"),
        ];
        foreach (var (query, field) in queries)
        {
            var name = query.Length > 60 ? query[..30] + "…" + query.Length.ToString(CultureInfo.InvariantCulture) : query;
            table.Add(new HostileCase("recent." + name, HttpMethod.Get, Route + "/recent?" + query, 400) { Field = field });
        }

        table.Add(new HostileCase("recent.post", HttpMethod.Post, Route + "/recent", 405) { Content = () => HostileContent.Text("{}", "application/json"), MediaType = null });
        table.Add(new HostileCase("recent.delete", HttpMethod.Delete, Route + "/recent", 405) { MediaType = null });
        table.Add(new HostileCase("recent.without-key", HttpMethod.Get, Route + "/recent", 401) { Anonymous = true });
    }

    private static void Add(CaseTable table, string name, JsonObject cloudEvent, string field) => table.Add(Text(name, cloudEvent.ToJsonString(), field));

    private static HostileCase Text(string name, string body, string field, string contentType = Structured) =>
        new(name, HttpMethod.Post, Route, 400) { Content = () => HostileContent.Text(body, contentType), Field = field };

    private static HostileCase Lazy(string name, Func<string> body, string field, string contentType = Structured) =>
        new(name, HttpMethod.Post, Route, 400) { Content = () => HostileContent.Text(body(), contentType), Field = field };

    private static HostileCase Bytes(string name, byte[] body, string field, string contentType = Structured) =>
        new(name, HttpMethod.Post, Route, 400) { Content = () => HostileContent.Bytes(body, contentType), Field = field };

    private static string Nested(string open, string inner, string close, int depth) =>
        string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));

    private static string ReplaceOnce(this JsonObject root, string find, string replace)
    {
        var text = root.ToJsonString();
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }
}
