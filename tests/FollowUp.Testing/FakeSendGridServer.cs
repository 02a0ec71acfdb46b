using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
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

    // SendGrid signs its Event Webhook with an account key (ECDSA, P-256, SHA-256); this one stands in for it.
    private readonly ECDsa _webhookKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private FakeSendGridServer(WebApplication app) => _app = app;

    /// <summary>The Event Webhook's verification key, base64 as SendGrid shows it (for <c>FollowUp:SendGrid:WebhookPublicKey</c>).</summary>
    public string WebhookPublicKey => Convert.ToBase64String(_webhookKey.ExportSubjectPublicKeyInfo());

    /// <summary>
    /// Signs an Event Webhook body as SendGrid does: ECDSA over the timestamp followed by the body, the signature DER-encoded
    /// and base64, sent with the timestamp in <c>X-Twilio-Email-Event-Webhook-Signature</c> and <c>-Timestamp</c>.
    /// </summary>
    public (string Signature, string Timestamp) SignWebhook(string body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = _webhookKey.SignData(System.Text.Encoding.UTF8.GetBytes(timestamp + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return (Convert.ToBase64String(signature), timestamp);
    }

    /// <summary>Events as SendGrid posts them: each with its <c>sg_event_id</c>, timestamp, and the message's custom argument.</summary>
    public static JsonObject WebhookEvent(string name, string? messageId, DateTimeOffset at, string? eventId = null) => new()
    {
        ["email"] = "kari@example.com",
        ["timestamp"] = at.ToUnixTimeSeconds(),
        ["event"] = name,
        ["sg_event_id"] = eventId ?? Guid.NewGuid().ToString("N"),
        ["sg_message_id"] = "sg-" + Guid.NewGuid().ToString("N")[..16],
        ["followup_message_id"] = messageId,
        ["category"] = new JsonArray("followup"),
    };

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
        _webhookKey.Dispose();
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
