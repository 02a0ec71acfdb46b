using FollowUp.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FollowUp.Core.Tests.Http;

public class ApiCallersTests
{
    private static DefaultHttpContext Context(Action<HttpRequest> request)
    {
        var options = new FollowUpOptions();
        options.ApiKeys["ci"] = "ci-key-0123456789abcdef";
        options.ApiKeys["marketing"] = "mk-key-0123456789abcdef";
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton(Options.Create(options)).BuildServiceProvider() };
        request(context.Request);
        return context;
    }

    [Theory]
    [InlineData("x-functions-key", "ci-key-0123456789abcdef", "ci")]
    [InlineData("x-functions-key", "mk-key-0123456789abcdef", "marketing")]
    [InlineData("X-Api-Key", "mk-key-0123456789abcdef", ApiCallers.Unknown)]
    [InlineData("x-functions-key", "some-other-function-key", ApiCallers.Unknown)]
    public void NameOf_AKeyInAHeader_IsTheNameConfiguredForIt(string header, string key, string expected)
    {
        var context = Context(request => request.Headers[header] = key);

        Assert.Equal(expected, ApiCallers.NameOf(context));
    }

    [Fact]
    public void NameOf_AKeyInTheCodeParameter_IsNamedToo()
    {
        var context = Context(request => request.QueryString = new QueryString("?code=ci-key-0123456789abcdef"));

        Assert.Equal("ci", ApiCallers.NameOf(context));
    }

    [Fact]
    public void NameOf_APrincipalNamingItsKey_WinsOverTheHeader()
    {
        var context = Context(request => request.Headers["x-functions-key"] = "ci-key-0123456789abcdef");
        context.User = ApiCallers.PrincipalFor("release-pipeline");

        Assert.Equal("release-pipeline", ApiCallers.NameOf(context));
    }

    [Fact]
    public void NameOf_NoKeyAtAll_IsUnknown()
    {
        Assert.Equal(ApiCallers.Unknown, ApiCallers.NameOf(Context(_ => { })));
    }

    [Fact]
    public void NameOf_AUserSignedInWithEntra_IsEntraAndTheirName()
    {
        var context = Context(request => request.Headers["x-functions-key"] = "ci-key-0123456789abcdef");
        context.User = ApiCallers.PrincipalForEntra("ingrid@tebutikken.example");

        Assert.Equal("entra:ingrid@tebutikken.example", ApiCallers.NameOf(context));
        Assert.True(ApiCallers.IsEntra(context.User));
        Assert.False(ApiCallers.IsEntra(ApiCallers.PrincipalFor("entra:ingrid@tebutikken.example")));
    }

    [Fact]
    public void PrincipalForEntra_AVeryLongName_IsCutAsKeyNamesAre()
    {
        var context = Context(_ => { });
        context.User = ApiCallers.PrincipalForEntra(new string('a', 200) + "@tebutikken.example");

        Assert.Equal(64, ApiCallers.NameOf(context).Length);
    }
}
