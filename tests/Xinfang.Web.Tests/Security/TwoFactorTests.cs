using System.Net;
using System.Net.Http.Json;
using Xinfang.Web.Identity;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Security;

/// <summary>
/// Optional TOTP sign-in: enabling it, the second step on the API and the form, wrong and replayed
/// codes, single-use recovery codes; the password policy; a password change ending other sessions.
/// Codes are computed here (RFC 6238) from the shared key at the fake clock's time.
/// </summary>
public abstract class TwoFactorTests(SecurityFixture fixture)
{
    private const string Password = Administration.DemoData.DemoPassword;

    private SecurityApp App => fixture.App;

    private string CodeNow(string sharedKey, int steps = 0) =>
        TotpTokenProvider.Code(Base32.Decode(sharedKey), TotpTokenProvider.Step(App.Clock.GetUtcNow()) + steps);

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string user, string password = Password) =>
        client.PostAsJsonAsync("/api/auth/login", new { userName = user, password });

    /// <summary>Signs in, creates a key, confirms it; returns the key and the recovery codes.</summary>
    private async Task<(string Key, List<string> RecoveryCodes)> EnableAsync(string user)
    {
        var client = App.Client();
        Assert.Equal(HttpStatusCode.NoContent, (await LoginAsync(client, user)).StatusCode);
        var keyAnswer = await client.PostAsync("/api/auth/2fa/authenticator", null);
        Assert.Equal(HttpStatusCode.OK, keyAnswer.StatusCode);
        var key = await Staff.ReadAsync(keyAnswer);
        var sharedKey = key["sharedKey"]!.GetValue<string>();
        Assert.StartsWith("otpauth://totp/", key["otpauthUri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("secret=" + sharedKey.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant(), key["otpauthUri"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/auth/2fa/enable", new { code = "000000" == CodeNow(sharedKey) ? "111111" : "000000" })).StatusCode);
        var enabled = await client.PostAsJsonAsync("/api/auth/2fa/enable", new { code = CodeNow(sharedKey) });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var codes = (await Staff.ReadAsync(enabled))["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(10, codes.Count);
        var status = await Staff.ReadAsync(await client.GetAsync("/api/auth/2fa"));
        Assert.True(status["enabled"]!.GetValue<bool>());
        // The session that enabled it is renewed, not ended.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/organizations")).StatusCode);
        App.Clock.Advance(TimeSpan.FromSeconds(30)); // the confirming code is spent; the next step's code is fresh
        return (sharedKey, codes);
    }

    [SkippableFact]
    public async Task With_two_factor_on_the_password_alone_is_not_enough_and_a_wrong_code_is_refused()
    {
        var (key, _) = await EnableAsync("demo.xihu.zjj.handler");
        var client = App.Client();
        var first = await LoginAsync(client, "demo.xihu.zjj.handler");
        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal("two-factor-required", (await Staff.ReadAsync(first))["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/organizations")).StatusCode);

        var wrong = CodeNow(key) == "123456" ? "654321" : "123456";
        var refused = await client.PostAsJsonAsync("/api/auth/login/2fa", new { code = wrong });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/organizations")).StatusCode);

        var code = CodeNow(key);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/login/2fa", new { code })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/organizations")).StatusCode);

        // The same code, replayed in its window by someone who saw it, is refused.
        var other = App.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(other, "demo.xihu.zjj.handler")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.PostAsJsonAsync("/api/auth/login/2fa", new { code })).StatusCode);
    }

    [SkippableFact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (_, recovery) = await EnableAsync("demo.xihu.rsj.handler");
        var client = App.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "demo.xihu.rsj.handler")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/login/2fa", new { recoveryCode = recovery[0] })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/organizations")).StatusCode);
        Assert.Equal(9, (await Staff.ReadAsync(await client.GetAsync("/api/auth/2fa")))["recoveryCodesLeft"]!.GetValue<int>());

        var again = App.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(again, "demo.xihu.rsj.handler")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.PostAsJsonAsync("/api/auth/login/2fa", new { recoveryCode = recovery[0] })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await again.PostAsJsonAsync("/api/auth/login/2fa", new { recoveryCode = recovery[1] })).StatusCode);
    }

    [SkippableFact]
    public async Task The_sign_in_form_asks_for_the_code_on_its_own_page()
    {
        var (key, _) = await EnableAsync("demo.xihu.zfw.handler");
        var client = App.Client();
        var token = await SecurityApp.AntiforgeryTokenAsync(client, "/login");
        var step1 = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = "demo.xihu.zfw.handler", ["password"] = Password,
        }));
        Assert.Equal("/login/2fa", step1.Headers.Location?.OriginalString);
        token = await SecurityApp.AntiforgeryTokenAsync(client, "/login/2fa");
        var step2 = await client.PostAsync("/account/login/2fa", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["code"] = CodeNow(key),
        }));
        Assert.Equal("/workbench", step2.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/workbench")).StatusCode);
    }

    [SkippableFact]
    public async Task The_setup_page_shows_the_key_and_the_otpauth_uri()
    {
        var client = App.Client();
        Assert.Equal(HttpStatusCode.NoContent, (await LoginAsync(client, "demo.xihu.jw.handler")).StatusCode);
        var token = await SecurityApp.AntiforgeryTokenAsync(client, "/account/security");
        var page = await client.PostAsync("/account/security", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["_handler"] = "new-key",
        }));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("otpauth://totp/", html, StringComparison.Ordinal);
        Assert.Contains("class=\"shared-key\"", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_password_change_needs_a_strong_password_and_ends_the_other_sessions()
    {
        const string user = "demo.beishan.handler";
        var here = App.Client("192.0.2.1");
        var there = App.Client("192.0.2.2");
        Assert.Equal(HttpStatusCode.NoContent, (await LoginAsync(here, user)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await LoginAsync(there, user)).StatusCode);

        foreach (var weak in new[] { "short-A1", "alllowercase-and-long-1", "NoDigitsHere-Really", "NoSymbols12345abc" })
        {
            var r = await here.PostAsJsonAsync("/api/auth/password", new { currentPassword = Password, newPassword = weak });
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            Assert.True((await Staff.ReadAsync(r))["errors"]!.AsObject().ContainsKey("newPassword"), weak);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await here.PostAsJsonAsync("/api/auth/password", new { currentPassword = Password, newPassword = "Beishan-新密码-2026" })).StatusCode);
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await there.GetAsync("/api/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await LoginAsync(App.Client(), user, "Beishan-新密码-2026")).StatusCode);
    }
}

public sealed class TwoFactorOnSqlite(SecuritySqliteFixture fixture) : TwoFactorTests(fixture), IClassFixture<SecuritySqliteFixture>;

public sealed class TwoFactorOnPostgres(SecurityPostgresFixture fixture) : TwoFactorTests(fixture), IClassFixture<SecurityPostgresFixture>;
