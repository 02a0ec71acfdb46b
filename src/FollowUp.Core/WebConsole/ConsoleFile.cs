namespace FollowUp.WebConsole;

/// <summary>One file of the built console, as embedded, with its Brotli form made once on first use.</summary>
internal sealed class ConsoleFile(string path, byte[] content)
{
    private byte[]? _brotli;
    private int _compressing;

    public string Path { get; } = path;

    public byte[] Content { get; } = content;

    /// <summary>
    /// A validator from the content, so that a rebuilt console is never served from a stale cache; weak, because the
    /// raw and the Brotli bodies share it.
    /// </summary>
    public string ETag { get; } = "W/\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content).AsSpan(0, 12)) + "\"";

    /// <summary>The hashed build outputs under assets/ never change under their name.</summary>
    public bool Immutable => Path.StartsWith("assets/", StringComparison.Ordinal);

    public string ContentType { get; } = System.IO.Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".json" => "application/json",
        ".woff2" => "font/woff2",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };

    /// <summary>Text compresses to a fraction of its size; the work is done once per file per process.</summary>
    public bool Compressible => ContentType.StartsWith("text/", StringComparison.Ordinal) || ContentType is "image/svg+xml" or "application/json";

    /// <summary>
    /// The Brotli form when it is ready. The first asker starts making it (at the smallest size, which takes a second
    /// or two for the editors' code) off the request path and gets null, so that no visitor waits for it.
    /// </summary>
    public byte[]? BrotliIfReady()
    {
        if (_brotli is { } done)
        {
            return done;
        }

        if (Interlocked.Exchange(ref _compressing, 1) == 0)
        {
            _ = Task.Run(() =>
            {
                using var output = new MemoryStream();
                using (var brotli = new System.IO.Compression.BrotliStream(output, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
                {
                    brotli.Write(Content);
                }

                Volatile.Write(ref _brotli, output.ToArray());
            });
        }

        return null;
    }
}
