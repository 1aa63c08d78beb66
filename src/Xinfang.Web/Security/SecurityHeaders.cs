using Microsoft.Net.Http.Headers;

namespace Xinfang.Web.Security;

/// <summary>
/// Headers on every answer, pages and API alike (ADR 0050). The pages are static server rendering
/// with no script at all (no blazor.web.js, no inline handlers), so the policy allows no script;
/// only the API browser at /scalar, a third-party single-page app, gets inline script and style.
/// </summary>
public static class SecurityHeaders
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API browser (Scalar) builds its page with inline script and style.</summary>
    public const string ApiBrowserPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>A downloaded attachment is never a document of this site: no script, no plugins, a unique origin.</summary>
    public const string DownloadPolicy = "default-src 'none'; sandbox; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()";

    public static IApplicationBuilder UseXinfangSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
            {
                headers[HeaderNames.ContentSecurityPolicy] = http.Request.Path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase)
                    ? ApiBrowserPolicy
                    : PagePolicy;
            }

            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers[HeaderNames.XFrameOptions] = "DENY";
            // Addresses of pages carry petition ids and search words: send no Referer anywhere.
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(http);
    });
}
