using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FollowUp.Testing;

/// <summary>
/// A small HTTP server on loopback that speaks SendGrid's v3 mail-send API (POST /v3/mail/send with a bearer key),
/// records every request, and answers each with the next scripted response (202 with an X-Message-Id by default).
/// The real SendGrid client talks to it.
/// </summary>
public sealed class FakeSendGridServer : IAsyncDisposable
{
    public const string ApiKey = "SG.test-key";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeSendGridResponse> _script = new();
    private readonly ConcurrentQueue<SentMail> _received = new();
    private int _counter;

    private FakeSendGridServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<SentMail> Received => _received.ToArray();

    public IReadOnlyList<SentMail> Accepted => _received.Where(mail => mail.Accepted).ToArray();

    /// <summary>The answer when nothing is queued (202 by default); a delay here makes every send take that long.</summary>
    public FakeSendGridResponse Default { get; set; } = FakeSendGridResponse.Accepted;

    public static async Task<FakeSendGridServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeSendGridServer(app);
        app.MapPost("/v3/mail/send", server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>Queues answers for the next requests, in order; after them, requests are accepted.</summary>
    public void Enqueue(params FakeSendGridResponse[] responses)
    {
        foreach (var response in responses)
        {
            _script.Enqueue(response);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false) as JsonObject;
        var authorization = context.Request.Headers.Authorization.ToString();
        if (body is null || authorization != "Bearer " + ApiKey)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            _received.Enqueue(new SentMail(body ?? [], authorization, 401, null));
            return;
        }

        var response = _script.TryDequeue(out var scripted) ? scripted : Default;
        if (response.Delay is { } delay)
        {
            await Task.Delay(delay, TimeProvider.System, context.RequestAborted).ConfigureAwait(false);
        }

        var status = (int)response.Status;
        string? id = null;
        if (status is >= 200 and < 300)
        {
            id = "sg-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-Message-Id"] = id;
        }
        else
        {
            if (response.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }

            context.Response.ContentType = "application/json";
        }

        _received.Enqueue(new SentMail(body, authorization, status, id));
        context.Response.StatusCode = status;
        if (id is null)
        {
            await context.Response.WriteAsync($$"""{"errors":[{"message":"scripted {{status}}","field":null,"help":null}]}""").ConfigureAwait(false);
        }
    }
}
