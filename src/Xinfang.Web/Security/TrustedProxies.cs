using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Xinfang.Web.Security;

/// <summary>
/// <c>X-Forwarded-For</c>/<c>-Proto</c> are believed only from the proxies named in configuration
/// (issue 9 finding 7): <c>Xinfang:ForwardedHeaders:KnownProxies</c> (addresses) and
/// <c>Xinfang:ForwardedHeaders:KnownNetworks</c> (CIDR, e.g. 10.0.0.0/8). With none configured the
/// headers are ignored, also when <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> (which would
/// otherwise believe any client). After this, <c>Connection.RemoteIpAddress</c> is the client as far
/// as a trusted proxy says, and <see cref="QueryCodeGuard.ClientAddress"/> is "the client address" for
/// every budget, counter and audit entry.
/// </summary>
internal static class TrustedProxies
{
    public const string Section = "Xinfang:ForwardedHeaders";

    public static void Add(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var proxies = section.GetSection("KnownProxies").GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => IPAddress.TryParse(v, out var ip) ? ip : throw new StartupRefusedException($"{Section}:KnownProxies: '{v}' is not an IP address.")).ToList();
        var networks = section.GetSection("KnownNetworks").GetChildren().Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => System.Net.IPNetwork.TryParse(v, out var n) ? n : throw new StartupRefusedException($"{Section}:KnownNetworks: '{v}' is not a network (CIDR, e.g. 10.0.0.0/8).")).ToList();
        // Runs after the framework's own setup (including the FORWARDEDHEADERS_ENABLED one, which clears the lists).
        builder.Services.PostConfigure<ForwardedHeadersOptions>(o =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var p in proxies)
            {
                o.KnownProxies.Add(p);
            }

            foreach (var n in networks)
            {
                o.KnownIPNetworks.Add(n);
            }

            // Empty lists would mean "trust everyone" to the middleware: without a configured proxy, believe no header.
            o.ForwardedHeaders = proxies.Count + networks.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
        });
    }

    /// <summary>First in the pipeline, so HTTPS detection, rate limits and the audit see the real client.</summary>
    public static void Use(WebApplication app) => app.UseForwardedHeaders();
}
