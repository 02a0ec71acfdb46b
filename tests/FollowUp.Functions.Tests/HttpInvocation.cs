using System.Text;
using FollowUp.Http;
using Microsoft.AspNetCore.Http;

namespace FollowUp.Functions.Tests;

/// <summary>
/// What the worker's ASP.NET Core integration does around an HTTP function: hands it the request, then executes the
/// IResult it returns against the same HttpContext. A request to an /api route carries the harness's API key unless
/// the test says otherwise (<c>apiKey: null</c>).
/// </summary>
public static class HttpInvocation
{
    public static DefaultHttpContext Context(IServiceProvider services, string method, string path, string? contentType = null, string? body = null, string? apiKey = PipelineHarness.ApiKey)
    {
        ArgumentNullException.ThrowIfNull(path);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.Path = path;
        if (apiKey is not null && path.StartsWith("/api/", StringComparison.Ordinal))
        {
            context.Request.Headers[ApiGate.FunctionsKeyHeader] = apiKey;
        }

        context.Response.Body = new MemoryStream();
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.ContentType = contentType;
            context.Request.ContentLength = bytes.Length;
            context.Request.Body = new MemoryStream(bytes);
        }

        return context;
    }

    public static async Task<HttpResponse> ExecuteAsync(this Task<IResult> invocation, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(context);
        var result = await invocation;
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return context.Response;
    }

    public static async Task<string> ReadBodyAsync(this HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Body.Position = 0;
        using var reader = new StreamReader(response.Body, Encoding.UTF8, leaveOpen: true);
        return await reader.ReadToEndAsync();
    }
}
