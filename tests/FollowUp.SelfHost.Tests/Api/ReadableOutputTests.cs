using System.Net;

namespace FollowUp.SelfHost.Tests.Api;

/// <summary>What people read in a terminal: JSON as written, and errors in the API's own words.</summary>
public class ReadableOutputTests
{
    [Theory]
    [InlineData("/api/rules/x", """{"trigger":"order.placed","delay":"PT1H","templateId":"thank-you","enabled":"yes"}""", "enabled", "must be true or false")]
    [InlineData("/api/rules/x", """{"trigger":"order.placed","delay":"PT1H","templateId":"thank-you","cancelOn":"order.cancelled"}""", "cancelOn", "must be an array of strings")]
    [InlineData("/api/rules/x", """{"trigger":"order.placed","delay":"PT1H","templateId":"thank-you","cancelOn":[1]}""", "cancelOn[0]", "must be a string")]
    [InlineData("/api/rules/x", """{"trigger":"order.placed","delay":"PT1H","templateId":"thank-you","coupon":{"prefix":"A-","length":"12"}}""", "coupon.length", "must be a whole number")]
    [InlineData("/api/rules/x", """{"trigger":"order.placed","delay":3600,"templateId":"thank-you"}""", "delay", "must be a string")]
    [InlineData("/api/templates/x", """{"syntax":"razor","locales":{"en":{"subject":"Hi","html":"<p>Hi</p>","text":"Hi"}}}""", "syntax", "must be one of \"scriban\", \"liquid\"")]
    [InlineData("/api/templates/x", """{"locales":[]}""", "locales", "must be an object")]
    public async Task Put_WrongJsonType_SaysWhatTheFieldTakesInTheApisWords(string path, string body, string field, string reason)
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();

        var (response, problem) = await client.SendAsync(HttpMethod.Put, path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(reason, problem!["errors"]![field]![0]!.GetValue<string>());
        Assert.DoesNotContain("System.", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_RuleWithQuotesAndComparisons_IsWrittenAsIsNotEscaped()
    {
        await using var factory = await SelfHostFactory.CreateAsync();
        using var client = factory.CreateApiClient();
        var body = """{"trigger":"order.placed","condition":"order.total > 5000 && order.currency == \"NOK\"","delay":"PT1H","templateId":"thank-you"}""";
        await client.SendAsync(HttpMethod.Put, "/api/rules/big", body);

        var text = await client.GetStringAsync(new Uri("/api/rules/big", UriKind.Relative));

        Assert.Contains("order.total > 5000 && order.currency == \\\"NOK\\\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", text, StringComparison.Ordinal);
        var template = await client.GetStringAsync(new Uri("/api/templates/thank-you", UriKind.Relative));
        Assert.Contains("<p>", template, StringComparison.Ordinal);
        Assert.Matches("[æøå]", template);
        Assert.DoesNotContain("\\u00", template, StringComparison.Ordinal);
    }
}
