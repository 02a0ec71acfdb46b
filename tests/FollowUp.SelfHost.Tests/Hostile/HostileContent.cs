using System.Net.Http.Headers;
using System.Text;

namespace FollowUp.SelfHost.Tests.Hostile;

/// <summary>Request bodies as a hostile client sends them: any bytes, any Content-Type, with or without a length.</summary>
internal static class HostileContent
{
    public static HttpContent Text(string text, string? contentType) => Bytes(Encoding.UTF8.GetBytes(text), contentType);

    public static HttpContent Bytes(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    /// <summary>
    /// <paramref name="prefix"/>, then <paramref name="unit"/> <paramref name="count"/> times, then
    /// <paramref name="suffix"/>, streamed with no Content-Length (so it goes chunked, and only counting can stop it).
    /// </summary>
    public static HttpContent Chunked(string prefix, string unit, int count, string suffix, string contentType)
    {
        var content = new RepeatingContent(Encoding.UTF8.GetBytes(prefix), Encoding.UTF8.GetBytes(unit), count, Encoding.UTF8.GetBytes(suffix));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private sealed class RepeatingContent(byte[] prefix, byte[] unit, int count, byte[] suffix) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(prefix);
            var block = new byte[unit.Length * 4096];
            for (var i = 0; i < 4096; i++)
            {
                unit.CopyTo(block, i * unit.Length);
            }

            for (var written = 0; written < count; written += 4096)
            {
                var units = Math.Min(4096, count - written);
                await stream.WriteAsync(block.AsMemory(0, units * unit.Length));
            }

            await stream.WriteAsync(suffix);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
