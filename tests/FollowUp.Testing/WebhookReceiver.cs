using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
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
/// A webhook receiver on loopback that checks each request's Standard Webhooks signature as a receiver would (its own
/// code, from the specification, not FollowUp's) and answers 401 to one that does not verify. Answers can be scripted.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<HttpStatusCode> _script = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The secret the signatures are checked with; set it to what FollowUp answered the subscription with.</summary>
    public string? Secret { get; set; }

    public string Url { get; private set; } = string.Empty;

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>Deliveries that verified and were answered 2xx.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => [.. _received.Where(r => r.Verified && r.Status < 300)];

    /// <summary>The answer when nothing is scripted.</summary>
    public HttpStatusCode Default { get; set; } = HttpStatusCode.NoContent;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/followup", receiver.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hooks/followup";
        return receiver;
    }

    public void Enqueue(params HttpStatusCode[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The Standard Webhooks check: any of the space-separated <c>v1,</c> signatures matches the HMAC of <c>id.timestamp.body</c>.</summary>
    public static bool Verify(string secret, string id, string timestamp, string body, string signatures)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(signatures);
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = candidate.IndexOf(',', StringComparison.Ordinal);
            if (comma > 0 && candidate[..comma] == "v1")
            {
                var given = new byte[64];
                if (Convert.TryFromBase64String(candidate[(comma + 1)..], given, out var length) && CryptographicOperations.FixedTimeEquals(given.AsSpan(0, length), expected))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        var id = context.Request.Headers["webhook-id"].ToString();
        var timestamp = context.Request.Headers["webhook-timestamp"].ToString();
        var signature = context.Request.Headers["webhook-signature"].ToString();
        var verified = Secret is not null && id.Length > 0 && long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out _) && Verify(Secret, id, timestamp, body, signature);
        var status = !verified ? HttpStatusCode.Unauthorized : _script.TryDequeue(out var scripted) ? scripted : Default;
        JsonObject? json = null;
        try
        {
            json = JsonNode.Parse(body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        _received.Enqueue(new ReceivedWebhook(id, timestamp, context.Request.ContentType, json, verified, (int)status));
        context.Response.StatusCode = (int)status;
    }
}
