using System.Text;
using System.Text.Json.Nodes;
using FollowUp.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>
/// One self-host (with its own tables) shared by a class of hostile cases. Each case is sent on its own and checked for
/// its exact status, the problem it names, a small answer, and storage exactly as it was before the request.
/// </summary>
public sealed class HostileHost : IAsyncLifetime
{
    /// <summary>No refusal needs more than this, whatever was sent.</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    private SelfHostFactory? _factory;
    private HttpClient? _api;
    private HttpClient? _anonymous;

    public SelfHostFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");

    public FollowUpTables Tables => Factory.Services.GetRequiredService<FollowUpTables>();

    public HttpClient Api => _api ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync()
    {
        _factory = await SelfHostFactory.CreateAsync();
        _api = _factory.CreateApiClient();
        _anonymous = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _api?.Dispose();
        _anonymous?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    internal async Task AssertRefusedAsync(HostileCase hostile)
    {
        var before = await StorageSnapshot.TakeAsync(Tables);
        using var request = new HttpRequestMessage(hostile.Method, new Uri(hostile.Path, UriKind.Relative)) { Content = hostile.Content() };
        foreach (var (name, value) in hostile.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                Assert.True(request.Content?.Headers.TryAddWithoutValidation(name, value), $"Header {name} could not be added.");
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var client = hostile.Anonymous ? _anonymous! : Api;
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        var body = await ReadAtMostAsync(response.Content, MaxAnswerBytes, timeout.Token);
        var text = Encoding.UTF8.GetString(body);
        var after = await StorageSnapshot.TakeAsync(Tables);

        var status = (int)response.StatusCode;
        Assert.True(status == hostile.Status, $"{hostile.Method} {hostile.Path}: expected {hostile.Status}, got {status}: {Shorten(text)}");
        Assert.True(body.Length < MaxAnswerBytes, $"The answer is {body.Length} bytes or more: {Shorten(text)}");
        if (hostile.MediaType is not null)
        {
            Assert.Equal(hostile.MediaType, response.Content.Headers.ContentType?.MediaType);
        }

        if (hostile.MediaType == HostileCase.ProblemJson)
        {
            var problem = JsonNode.Parse(text)!.AsObject();
            Assert.Equal(status, problem["status"]?.GetValue<int>());
            Assert.NotNull(problem["title"]);
            if (status == 400)
            {
                Assert.True(problem["errors"] is JsonObject, $"A 400 names its fields in 'errors': {Shorten(text)}");
            }
        }

        if (hostile.Field is not null)
        {
            var errors = JsonNode.Parse(text)!["errors"]?.AsObject().Select(pair => pair.Key).ToList() ?? [];
            Assert.True(errors.Contains(hostile.Field, StringComparer.Ordinal), $"Expected errors to name '{hostile.Field}', got [{string.Join(", ", errors)}]: {Shorten(text)}");
        }

        Assert.Equal(before, after);
    }

    private static async Task<byte[]> ReadAtMostAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[limit];
        var read = 0;
        while (read < limit)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return buffer[..read];
    }

    private static string Shorten(string text) => text.Length <= 1500 ? text : text[..1500] + "…";
}
