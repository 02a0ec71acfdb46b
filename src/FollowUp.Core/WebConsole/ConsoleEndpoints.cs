using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace FollowUp.WebConsole;

/// <summary>
/// The web console at <c>/console</c>: the same embedded files on both hosts. The files are public, as a login page is;
/// everything the console shows comes from <c>/api</c>, which asks for a key.
/// </summary>
public static class ConsoleEndpoints
{
    public const string Route = "console/{*path}";
    public const string Name = "Console";

    /// <summary>
    /// The console's own page: only its bundled scripts run, its styles are its own file and the style element
    /// CodeMirror adds (named by a nonce made for each answer), it talks only to its own host, and no other site may
    /// frame it.
    /// </summary>
    public static string PagePolicy(string nonce) =>
        $"default-src 'none'; script-src 'self'; style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "frame-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>What the built index.html holds where the nonce goes.</summary>
    private const string NoncePlaceholder = "__CSP_NONCE__";

    /// <summary>
    /// The preview frame shows a mail as a mail client would: its inline styles and remote images, but no script of its
    /// own (only the frame's, which puts the mail in place) and no form. The console loads it sandboxed, without
    /// same-origin, so that nothing in a mail can reach the console or its key.
    /// </summary>
    public const string FramePolicy =
        "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src https: http: data:; font-src https: data:; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    private const string FramePage = "frame.html";
    private const string IndexPage = "index.html";
    private const int MaxPathLength = 512;

    public static IEndpointRouteBuilder MapFollowUpConsole(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // HEAD too: uptime monitors and link checkers ask with it (Kestrel sends the headers and no body).
        app.MapMethods(Route, [HttpMethods.Get, HttpMethods.Head], Serve).WithName(Name).ExcludeFromDescription();
        return app;
    }

    public static IResult Serve(HttpContext context, string? path)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        path ??= string.Empty;

        // "/console" and "/console/" are one page; relative asset paths need the slash.
        if (path.Length == 0 && !request.Path.Value!.EndsWith('/'))
        {
            return Results.Redirect(request.PathBase + "/console/" + request.QueryString, permanent: false);
        }

        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";

        var file = path.Length > MaxPathLength ? null : ConsoleFiles.Find(path);
        if (file is null)
        {
            // A path without an extension is one of the console's own pages (/console/templates/thank-you): the app
            // routes it. A missing file is a plain 404, so that a broken build shows as one.
            var lastSegment = path[(path.LastIndexOf('/') + 1)..];
            file = path.Length <= MaxPathLength && !lastSegment.Contains('.', StringComparison.Ordinal) ? ConsoleFiles.Find(IndexPage) : null;
            if (file is null)
            {
                return TypedResults.Problem(
                    title: "Not found.",
                    // The path is not repeated: it is whatever the asker wrote.
                    detail: ConsoleFiles.Find(IndexPage) is null ? "The console is not built into this host." : "The console has no such file.",
                    statusCode: StatusCodes.Status404NotFound,
                    type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5");
            }
        }

        if (file.Path == IndexPage)
        {
            // A nonce is only worth anything when it is new each time: the page is never cached or revalidated.
            var nonce = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
            headers[HeaderNames.ContentSecurityPolicy] = PagePolicy(nonce);
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers[HeaderNames.CacheControl] = "no-store";
            var page = System.Text.Encoding.UTF8.GetString(file.Content).Replace(NoncePlaceholder, nonce, StringComparison.Ordinal);
            return Results.Bytes(System.Text.Encoding.UTF8.GetBytes(page), file.ContentType);
        }

        if (file.Path == FramePage)
        {
            headers[HeaderNames.ContentSecurityPolicy] = FramePolicy;
            headers[HeaderNames.XFrameOptions] = "SAMEORIGIN";
        }

        if (file.Immutable)
        {
            // The preview frame runs in an opaque origin, from which even its own module script is a cross-origin
            // load. The assets are the public build, the same for everyone: any origin may load them.
            headers[HeaderNames.AccessControlAllowOrigin] = "*";
        }

        headers[HeaderNames.CacheControl] = file.Immutable ? "public, max-age=31536000, immutable" : "no-cache";
        headers[HeaderNames.ETag] = file.ETag;
        headers[HeaderNames.Vary] = HeaderNames.AcceptEncoding;
        if (Matches(request, file.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        if (file.Compressible && AcceptsBrotli(request) && file.BrotliIfReady() is { } brotli)
        {
            headers[HeaderNames.ContentEncoding] = "br";
            return Results.Bytes(brotli, file.ContentType);
        }

        return Results.Bytes(file.Content, file.ContentType);
    }

    /// <summary>Brotli when the asker takes it: named (or <c>*</c>) with a quality above zero, read as RFC 9110 reads it.</summary>
    private static bool AcceptsBrotli(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        var brotli = accepted.FirstOrDefault(coding => coding.Value.Equals("br", StringComparison.OrdinalIgnoreCase))
            ?? accepted.FirstOrDefault(coding => coding.Value.Equals("*", StringComparison.Ordinal));
        return brotli is not null && (brotli.Quality ?? 1) > 0;
    }

    /// <summary>If-None-Match as RFC 9110 13.1.2 has it: <c>*</c>, or a list of tags compared weakly.</summary>
    private static bool Matches(HttpRequest request, string etag)
    {
        var asked = request.GetTypedHeaders().IfNoneMatch;
        if (asked.Count == 0)
        {
            return false;
        }

        var ours = EntityTagHeaderValue.Parse(etag);
        return asked.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(ours, useStrongComparison: false));
    }
}
