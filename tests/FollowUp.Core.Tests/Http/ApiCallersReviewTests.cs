using FollowUp.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FollowUp.Core.Tests.Http;

public class ApiCallersReviewTests
{
    private static DefaultHttpContext Context(Action<HttpRequest> request)
    {
        var options = new FollowUpOptions();
        options.ApiKeys["ci"] = "ci-key-0123456789abcdef";
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddSingleton(Options.Create(options)).BuildServiceProvider() };
        request(context.Request);
        return context;
    }

    // On Azure Functions the host checks x-functions-key (or code), never X-Api-Key: a caller let in with the ci key
    // who adds any X-Api-Key header decides what the versions record as the author.
    [Theory]
    [InlineData("not-a-key-at-all")]
    [InlineData("")]
    public void NameOf_TheFunctionKeyTheHostChecked_WinsOverAnUncheckedXApiKey(string other)
    {
        var context = Context(request =>
        {
            request.Headers["x-functions-key"] = "ci-key-0123456789abcdef";
            request.Headers["X-Api-Key"] = other;
        });

        Assert.Equal("ci", ApiCallers.NameOf(context));
    }
}
