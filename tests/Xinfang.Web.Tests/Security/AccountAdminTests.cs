using System.Net;
using System.Net.Http.Json;
using Xinfang.Web.Identity;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Security;

/// <summary>
/// Administrators disable accounts and force password resets through the API (issue 9 finding 6): the
/// account's sessions end at once; a disabled account cannot sign in and is answered like a wrong password;
/// after a reset the only thing the staff member can do is choose a new password.
/// </summary>
public abstract class AccountAdminTests(SecurityFixture fixture)
{
    private const string Password = Administration.DemoData.DemoPassword;

    private SecurityApp App => fixture.App;

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string user, string password = Password) =>
        client.PostAsJsonAsync("/api/auth/login", new { userName = user, password });

    [SkippableFact]
    public async Task A_disabled_account_loses_its_session_and_cannot_sign_in_until_enabled()
    {
        var target = App.Client("198.51.100.20");
        Assert.Equal(HttpStatusCode.NoContent, (await LoginAsync(target, "demo.beishan.handler")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await target.GetAsync("/api/organizations")).StatusCode);

        var admin = await App.StaffAsync("demo.zj.admin");
        var (notAdmin, _) = await (await App.StaffAsync("demo.xihu.registrar")).PostAsync("/api/admin/accounts/demo.beishan.handler/disable", null);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin);
        Assert.Equal(HttpStatusCode.OK, (await target.GetAsync("/api/organizations")).StatusCode);

        var (disabled, _) = await admin.PostAsync("/api/admin/accounts/demo.beishan.handler/disable", null);
        Assert.Equal(HttpStatusCode.NoContent, disabled);
        Assert.Equal(HttpStatusCode.Unauthorized, (await target.GetAsync("/api/organizations")).StatusCode);

        // The right password now gets the same answer as a wrong one.
        var right = await LoginAsync(App.Client("198.51.100.21"), "demo.beishan.handler");
        var wrong = await LoginAsync(App.Client("198.51.100.22"), "demo.beishan.handler", "Wrong-password-1");
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        var (a, b) = (await Staff.ReadAsync(wrong), await Staff.ReadAsync(right));
        Assert.Equal(a["title"]!.GetValue<string>(), b["title"]!.GetValue<string>());
        Assert.Equal(a["detail"]!.GetValue<string>(), b["detail"]!.GetValue<string>());

        var (unknown, unknownBody) = await admin.PostAsync("/api/admin/accounts/no.such.user/disable", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("账号不存在", unknownBody["title"]!.GetValue<string>());
        var (self, _) = await admin.PostAsync("/api/admin/accounts/demo.zj.admin/disable", null);
        Assert.Equal(HttpStatusCode.Conflict, self);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/admin/accounts/demo.beishan.handler/enable", null)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await LoginAsync(App.Client("198.51.100.23"), "demo.beishan.handler")).StatusCode);
    }

    [SkippableFact]
    public async Task A_forced_reset_ends_the_sessions_and_the_temporary_password_only_allows_choosing_a_new_one()
    {
        var target = App.Client("198.51.100.30");
        Assert.Equal(HttpStatusCode.NoContent, (await LoginAsync(target, "demo.xihu.jw.handler")).StatusCode);
        var admin = await App.StaffAsync("demo.zj.admin");

        var (status, body) = await admin.PostAsync("/api/admin/accounts/demo.xihu.jw.handler/password-reset", null);
        Assert.Equal(HttpStatusCode.OK, status);
        var temporary = body["temporaryPassword"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Unauthorized, (await target.GetAsync("/api/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(App.Client("198.51.100.31"), "demo.xihu.jw.handler")).StatusCode);

        var client = App.Client("198.51.100.32");
        Assert.Equal(HttpStatusCode.NoContent, (await LoginAsync(client, "demo.xihu.jw.handler", temporary)).StatusCode);
        var gated = await client.GetAsync("/api/organizations");
        Assert.Equal(HttpStatusCode.Forbidden, gated.StatusCode);
        Assert.Equal(AccountGate.Password, (await Staff.ReadAsync(gated))["code"]!.GetValue<string>());

        var changed = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = temporary, newPassword = "Jw-handler-new-2026" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/organizations")).StatusCode);
    }
}

public sealed class AccountAdminOnSqlite(SecuritySqliteFixture fixture) : AccountAdminTests(fixture), IClassFixture<SecuritySqliteFixture>;

public sealed class AccountAdminOnPostgres(SecurityPostgresFixture fixture) : AccountAdminTests(fixture), IClassFixture<SecurityPostgresFixture>;
