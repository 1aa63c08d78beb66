using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Scalar.AspNetCore;

namespace Xinfang.Web.Security;

/// <summary>
/// Safe defaults outside Development (issue 9 finding 5, docs/security.md): a start that would be unsafe
/// is refused with a message naming the setting; cookies are Secure; the API documents need a staff sign-in.
/// Development and the test hosts ("Testing") keep the convenient defaults.
/// </summary>
internal static class ProductionDefaults
{
    public const string ApiDocsPublicSetting = "Xinfang:ApiDocs:Public";
    public const string SecureCookiesSetting = "Xinfang:Cookies:Secure";

    /// <summary>Refuses the start (a <see cref="StartupRefusedException"/>) when keys or hosts are not configured safely.</summary>
    public static void Check(WebApplicationBuilder builder)
    {
        var c = builder.Configuration;
        var env = builder.Environment;
        if (KeyFiles.IsLenient(env))
        {
            return;
        }

        // Keys: all three from configuration, or a key folder outside the data folder (KeyFiles throws otherwise).
        var allKeysConfigured = !string.IsNullOrWhiteSpace(c["Xinfang:Keys:QueryCode"])
            && !string.IsNullOrWhiteSpace(c["Xinfang:Keys:BlindIndex"])
            && c.GetSection("Xinfang:Keys:PersonalData:Keys").GetChildren().Any();
        if (!allKeysConfigured)
        {
            KeyFiles.Folder(c, env);
        }

        // Hosts: a Host header outside the list is answered 400 by the framework's host filtering.
        var hosts = c["AllowedHosts"];
        if (string.IsNullOrWhiteSpace(hosts) || hosts.Split(';').Any(h => h.Trim() == "*"))
        {
            throw new StartupRefusedException(
                "AllowedHosts is not configured (or is \"*\"). Outside Development list the host names the app is reached by, e.g. AllowedHosts=xinfang.example.gov.cn;localhost.");
        }
    }

    /// <summary>Secure cookies: Always outside Development unless <c>Xinfang:Cookies:Secure=SameAsRequest</c> (plain-HTTP test rigs).</summary>
    public static void ConfigureCookies(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[SecureCookiesSetting];
        var policy = Enum.TryParse<CookieSecurePolicy>(configured, ignoreCase: true, out var p)
            ? p
            : KeyFiles.IsLenient(builder.Environment) ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        builder.Services.ConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = policy);
        builder.Services.Configure<AntiforgeryOptions>(o => o.Cookie.SecurePolicy = policy);
    }

    /// <summary>The OpenAPI document and the Scalar reference: public in Development, behind staff sign-in elsewhere unless configured public.</summary>
    public static WebApplication MapXinfangApiDocs(this WebApplication app)
    {
        var openApi = app.MapOpenApi();
        var scalar = app.MapScalarApiReference("/scalar");
        if (!KeyFiles.IsLenient(app.Environment) && !app.Configuration.GetValue(ApiDocsPublicSetting, false))
        {
            openApi.RequireAuthorization();
            scalar.RequireAuthorization();
        }

        return app;
    }
}
