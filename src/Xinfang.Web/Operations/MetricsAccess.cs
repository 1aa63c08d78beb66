using System.Net;
using System.Security.Claims;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Operations;

/// <summary>
/// Who may read /metrics: an administrator acting as one, or a scraper on this machine (loopback, and no
/// forwarding header — a reverse proxy on the same host makes every visitor look local, and it adds
/// X-Forwarded-For). The figures are counts, no personal data; still, queue lengths are internal.
/// </summary>
internal static class MetricsAccess
{
    public static Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        if (IsAdministrator(context.User) || IsLocalScraper(context))
        {
            return next(context);
        }

        context.Response.StatusCode = context.User.Identity?.IsAuthenticated == true ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    private static bool IsAdministrator(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && AccountGate.Of(user) is null
        && Enum.TryParse<StaffRole>(user.FindFirstValue(IdentitySetup.RoleClaim), out var role) && role == StaffRole.Administrator;

    public static bool IsLocalScraper(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
        && !http.Request.Headers.ContainsKey("X-Forwarded-For") && !http.Request.Headers.ContainsKey("Forwarded")
        && !http.Request.Headers.ContainsKey("X-Original-For"); // set by UseForwardedHeaders when it rewrote the address
}
