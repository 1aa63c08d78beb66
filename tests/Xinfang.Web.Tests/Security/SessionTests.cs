using System.Net;
using Xinfang.Web.Identity;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Security;

/// <summary>
/// Server-side sessions (issue 9 finding 6, ADR 0057) with the production defaults: 30-minute idle
/// timeout, two-factor required for administrators, no reuse of the last 5 passwords. A cookie copied
/// before a sign-out, a password change or an idle half hour no longer works, on the very next request.
/// </summary>
public abstract class SessionTests(SessionTests.Fixture fixture)
{
    private const string Password = Administration.DemoData.DemoPassword;

    /// <summary>The defaults the test host otherwise relaxes (an empty setting means the default).</summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>(SecurityFixture.GuardSettings)
    {
        ["Xinfang:Accounts:IdleTimeout"] = string.Empty,
        ["Xinfang:Accounts:TwoFactorRequiredFor"] = string.Empty,
        ["Xinfang:Accounts:PasswordHistory"] = string.Empty,
    };

    public abstract class Fixture(Provider provider) : SecurityFixture(provider, Defaults);

    public sealed class OnSqlite() : Fixture(Provider.Sqlite);

    public sealed class OnPostgres() : Fixture(Provider.Postgres);

    private SecurityApp App => fixture.App;

    private Task<string> CookieAsync(string user, string password = Password) => StaffCookies.SignInAsync(App.Web, user, password);

    private Task<HttpResponseMessage> SendAsync(string cookie, HttpMethod method, string url, object? body = null) =>
        StaffCookies.SendAsync(App.Web, cookie, method, url, body);

    private Task<HttpResponseMessage> GetAsync(string cookie, string url) => SendAsync(cookie, HttpMethod.Get, url);

    [SkippableFact]
    public async Task A_cookie_replayed_after_sign_out_is_refused()
    {
        var cookie = await CookieAsync("demo.xihu.registrar");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(cookie, "/api/organizations")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(cookie, HttpMethod.Post, "/api/auth/logout")).StatusCode);

        // Someone who copied the cookie before the sign-out: refused at once, for the API and the pages.
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(cookie, "/api/organizations")).StatusCode);
        var page = await GetAsync(cookie, "/workbench");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_password_change_ends_the_other_sessions_at_once_and_keeps_this_one()
    {
        var here = await CookieAsync("demo.xihu.leader");
        var elsewhere = await CookieAsync("demo.xihu.leader");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(elsewhere, "/api/organizations")).StatusCode);

        var changed = await SendAsync(here, HttpMethod.Post, "/api/auth/password", new { currentPassword = Password, newPassword = "Leader-new-pass-2026" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        var renewed = changed.Headers.TryGetValues("Set-Cookie", out var set) && set.FirstOrDefault(c => c.StartsWith("xinfang.staff=", StringComparison.Ordinal)) is { } c
            ? c[..c.IndexOf(';', StringComparison.Ordinal)]
            : here;

        // No clock movement: the other session is over on its next request.
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(elsewhere, "/api/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(renewed, "/api/organizations")).StatusCode);
    }

    [SkippableFact]
    public async Task A_session_idle_for_more_than_thirty_minutes_is_signed_out()
    {
        var cookie = await CookieAsync("demo.xihu.zjj.handler");
        App.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(cookie, "/api/organizations")).StatusCode);
        App.Clock.Advance(TimeSpan.FromMinutes(29)); // active 29 minutes ago: still in
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(cookie, "/api/organizations")).StatusCode);

        App.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(cookie, "/api/organizations")).StatusCode);
        // Once ended, it stays ended.
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(cookie, "/api/organizations")).StatusCode);
    }

    [SkippableFact]
    public async Task An_administrator_without_two_factor_can_only_set_it_up()
    {
        var cookie = await CookieAsync("demo.zj.admin");
        var refused = await GetAsync(cookie, "/api/admin/audit/entries");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var body = await Staff.ReadAsync(refused);
        Assert.Equal(AccountGate.TwoFactor, body["code"]!.GetValue<string>());
        Assert.Contains("双因素", body["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(cookie, "/api/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(cookie, HttpMethod.Post, "/api/admin/accounts/demo.xihu.registrar/disable")).StatusCode);
        // Pages send the administrator to the account-security page, which is open to them.
        var page = await GetAsync(cookie, "/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal(AccountGate.SetupPage, page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(cookie, AccountGate.SetupPage)).StatusCode);

        // Setting it up closes the gate.
        var keyAnswer = await SendAsync(cookie, HttpMethod.Post, "/api/auth/2fa/authenticator");
        Assert.Equal(HttpStatusCode.OK, keyAnswer.StatusCode);
        cookie = Renewed(keyAnswer, cookie);
        var sharedKey = (await Staff.ReadAsync(keyAnswer))["sharedKey"]!.GetValue<string>();
        var code = TotpTokenProvider.Code(Base32.Decode(sharedKey), TotpTokenProvider.Step(App.Clock.GetUtcNow()));
        var enabled = await SendAsync(cookie, HttpMethod.Post, "/api/auth/2fa/enable", new { code });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        cookie = Renewed(enabled, cookie);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(cookie, "/api/admin/audit/entries")).StatusCode);
    }

    [SkippableFact]
    public async Task A_recent_password_cannot_be_used_again()
    {
        var cookie = await CookieAsync("demo.xihu.rsj.handler");
        string[] passwords = [Password, "Rsj-handler-2026-a", "Rsj-handler-2026-b", "Rsj-handler-2026-c", "Rsj-handler-2026-d"];
        for (var i = 1; i < passwords.Length; i++)
        {
            var ok = await SendAsync(cookie, HttpMethod.Post, "/api/auth/password", new { currentPassword = passwords[i - 1], newPassword = passwords[i] });
            Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
            cookie = Renewed(ok, cookie);
        }

        // Each of the last five (the current one included) is refused, with a Chinese message naming the field.
        foreach (var old in passwords)
        {
            var refused = await SendAsync(cookie, HttpMethod.Post, "/api/auth/password", new { currentPassword = passwords[^1], newPassword = old });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var errors = (await Staff.ReadAsync(refused))["errors"]!["newPassword"]!.AsArray().Select(e => e!.GetValue<string>());
            Assert.Contains("新密码不能与最近5次使用过的密码相同", errors);
        }

        // A sixth password pushes the oldest out of the history: it may be used again.
        var sixth = await SendAsync(cookie, HttpMethod.Post, "/api/auth/password", new { currentPassword = passwords[^1], newPassword = "Rsj-handler-2026-e" });
        Assert.Equal(HttpStatusCode.NoContent, sixth.StatusCode);
        cookie = Renewed(sixth, cookie);
        var back = await SendAsync(cookie, HttpMethod.Post, "/api/auth/password", new { currentPassword = "Rsj-handler-2026-e", newPassword = Password });
        Assert.Equal(HttpStatusCode.NoContent, back.StatusCode);
    }

    private static string Renewed(HttpResponseMessage response, string cookie) =>
        response.Headers.TryGetValues("Set-Cookie", out var set) && set.FirstOrDefault(c => c.StartsWith("xinfang.staff=", StringComparison.Ordinal)) is { } c
            ? c[..c.IndexOf(';', StringComparison.Ordinal)]
            : cookie;
}

public sealed class SessionsOnSqlite(SessionTests.OnSqlite fixture) : SessionTests(fixture), IClassFixture<SessionTests.OnSqlite>;

public sealed class SessionsOnPostgres(SessionTests.OnPostgres fixture) : SessionTests(fixture), IClassFixture<SessionTests.OnPostgres>;
