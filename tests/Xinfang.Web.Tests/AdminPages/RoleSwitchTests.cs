using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Administration;
using Xinfang.Web.Identity;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Security;

namespace Xinfang.Web.Tests.AdminPages;

/// <summary>
/// More than one role per person (ADR 0126): the person acts in one role at a time, switched on /account/role;
/// the switch changes what is allowed and ends nothing; only held roles can be chosen; a role taken away by an
/// administrator stops at the person's next request; history names the person and the role acted in.
/// demo.xihu.deputy (黄副局长) holds 领导 (primary) and 登记人员.
/// </summary>
public abstract class RoleSwitchTests(AppFixture fixture)
{
    private const string Deputy = "demo.xihu.deputy";

    private XinfangApp App => fixture.App;

    private static async Task<(HttpStatusCode Status, string? Location, string Html)> SwitchAsync(HttpClient client, string role)
    {
        var html = await client.GetStringAsync("/account/role");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        Assert.True(token.Success, "no antiforgery token on /account/role");
        var response = await client.PostAsync("/account/role", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "switch-role",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Role"] = role,
        }));
        // The page redirects with an absolute address (NavigationManager): compare its path.
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : null;
        return (response.StatusCode, location, await response.Content.ReadAsStringAsync());
    }

    private Task<(string Id, string? ActiveRole)[]> SessionsAsync() => App.WithDbAsync(async db =>
    {
        var id = await db.Users.Where(u => u.UserName == Deputy).Select(u => u.Id).SingleAsync();
        return (await db.Set<StaffSession>().Where(s => s.UserId == id && s.EndedAt == null).ToListAsync())
            .Select(s => (s.Id, s.ActiveRole?.ToString())).ToArray();
    });

    private Task<string?> StampAsync() => App.WithDbAsync(db => db.Users.Where(u => u.UserName == Deputy).Select(u => u.SecurityStamp).SingleAsync());

    [SkippableFact]
    public async Task A_switch_changes_what_is_allowed_and_ends_nothing()
    {
        var deputy = await App.StaffAsync(Deputy);
        var stamp = await StampAsync();
        var before = await SessionsAsync();

        // Signed in as the primary role, 领导: the figures are home; registering is not a leader's.
        var header = await deputy.Client.GetStringAsync("/account/role");
        Assert.Contains("当前身份：领导", AdminForms.TextOf(header, "current-role") ?? string.Empty, StringComparison.Ordinal);
        var (refused, _) = await deputy.PostAsync("/api/petitions", AppExtensions.Letter());
        Assert.Equal(HttpStatusCode.Forbidden, refused);

        var (status, location, _) = await SwitchAsync(deputy.Client, "Registrar");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("/workbench", location);
        var (id, _, _, petition) = await deputy.RegisterAsync(AppExtensions.Letter("兼任登记的副局长登记的来信"));
        Assert.NotEqual(Guid.Empty, id);
        // History names the person and the role acted in.
        Assert.Contains(petition["history"]!.AsArray(), h => (string?)h!["actorName"] == "黄副局长（登记人员）");
        Assert.Contains("当前身份：登记人员", AdminForms.TextOf(await deputy.Client.GetStringAsync("/account/role"), "current-role") ?? string.Empty, StringComparison.Ordinal);

        // Same session, same stamp, the session's row records the role.
        var after = await SessionsAsync();
        Assert.Equal(before.Select(s => s.Id).Order(), after.Select(s => s.Id).Order());
        Assert.Contains(after, s => s.ActiveRole == "Registrar");
        Assert.Equal(stamp, await StampAsync());

        // Back to 领导: the leader's home, registering refused again.
        var (_, back, _) = await SwitchAsync(deputy.Client, "Leader");
        Assert.Equal("/statistics", back);
        Assert.Equal(HttpStatusCode.Forbidden, (await deputy.PostAsync("/api/petitions", AppExtensions.Letter())).Status);
    }

    [SkippableFact]
    public async Task Only_a_role_held_can_be_chosen()
    {
        var deputy = await App.StaffAsync(Deputy);
        foreach (var role in new[] { "Administrator", "Handler", "Bogus", "6" })
        {
            var (status, _, html) = await SwitchAsync(deputy.Client, role);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.NotNull(AdminForms.TextOf(html, "result"));
        }

        var (_, _, refused) = await SwitchAsync(deputy.Client, "Administrator");
        Assert.Contains("您不具有「管理员」身份", refused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await deputy.GetAsync("/api/admin/accounts")).Status);

        // Someone with one role has nothing to switch to, and no switch link in the header.
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        Assert.Null(AdminForms.TextOf(await registrar.Client.GetStringAsync("/account/role"), "current-role"));
        Assert.Contains("您只具有一种身份", await registrar.Client.GetStringAsync("/account/role"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_role_taken_away_stops_at_the_next_request_and_the_rules_of_the_set_hold()
    {
        var admin = await App.StaffAsync("demo.zj.admin");
        var deputy = await App.StaffAsync(Deputy);
        await SwitchAsync(deputy.Client, "Registrar");
        var stamp = await StampAsync();
        try
        {
            var (status, body) = await Put(admin, $"/api/admin/accounts/{Deputy}/roles", new { roles = new[] { "Leader" } });
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("领导", body["roleNames"]!.GetValue<string>());

            // No wait for the minute's security-stamp check: the very next request acts as 领导, still signed in.
            Assert.Equal(HttpStatusCode.Forbidden, (await deputy.PostAsync("/api/petitions", AppExtensions.Letter())).Status);
            var page = await deputy.Client.GetAsync("/statistics");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal(stamp, await StampAsync());
            Assert.Contains(await SessionsAsync(), s => s.ActiveRole == "Leader");
            var (_, _, html) = await SwitchAsync(deputy.Client, "Registrar");
            Assert.Contains("您不具有「登记人员」身份", html, StringComparison.Ordinal);

            // At least one role; an administrator keeps their own administrator role; unknown names are refused.
            Assert.Equal(HttpStatusCode.BadRequest, (await Put(admin, $"/api/admin/accounts/{Deputy}/roles", new { roles = Array.Empty<string>() })).Status);
            var (self, selfBody) = await Put(admin, "/api/admin/accounts/demo.zj.admin/roles", new { roles = new[] { "Leader" } });
            Assert.Equal(HttpStatusCode.Conflict, self);
            Assert.Equal("不能取消自己的管理员角色", selfBody["title"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.BadRequest, (await Put(admin, $"/api/admin/accounts/{Deputy}/roles", new { roles = new object[] { 99 } })).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await Put(admin, "/api/admin/accounts/no.such.user/roles", new { roles = new[] { "Leader" } })).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await Put(deputy, $"/api/admin/accounts/{Deputy}/roles", new { roles = new[] { "Leader", "Administrator" } })).Status);
        }
        finally
        {
            // The page gives the role back (checkboxes), and it is in the audit trail.
            var (_, done) = await AdminForms.PostAsync(admin.Client, $"/admin/users?edit={Deputy}", "account-roles", new Dictionary<string, string>
            {
                ["RolesForm.UserName"] = Deputy,
                ["RolesForm.Roles[Leader]"] = "on",
                ["RolesForm.Roles[Registrar]"] = "on",
            });
            Assert.Contains("已修改账号 demo.xihu.deputy 的角色：领导、登记人员", done, StringComparison.Ordinal);
        }

        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Kind == ManageAccounts.AuditKind && e.Summary.Contains("修改角色"))));
        var (_, back, _) = await SwitchAsync(deputy.Client, "Registrar");
        Assert.Equal("/workbench", back);
        await SwitchAsync(deputy.Client, "Leader");
    }

    private static async Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode Body)> Put(Staff staff, string url, object body)
    {
        var response = await staff.Client.PutAsJsonAsync(url, body, XinfangApp.Json);
        return (response.StatusCode, await Staff.ReadAsync(response));
    }
}

public sealed class RoleSwitchOnSqlite(SqliteFixture fixture) : RoleSwitchTests(fixture), IClassFixture<SqliteFixture>;

public sealed class RoleSwitchOnPostgres(PostgresFixture fixture) : RoleSwitchTests(fixture), IClassFixture<PostgresFixture>;

/// <summary>Two-factor sign-in is required for every role held, not only the one acted in (ADR 0126).</summary>
public sealed class HeldAdminRoleNeedsTwoFactor(SessionTests.OnSqlite fixture) : IClassFixture<SessionTests.OnSqlite>
{
    [SkippableFact]
    public async Task A_registrar_who_also_holds_the_administrator_role_must_set_up_two_factor()
    {
        var app = fixture.App;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = await users.FindByNameAsync("demo.hz.registrar");
            user!.SetRoles([StaffRole.Registrar, StaffRole.Administrator]);
            Assert.Equal(StaffRole.Registrar, user.Role);
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        var client = app.Client("198.51.100.90");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/auth/login", new { userName = "demo.hz.registrar", password = DemoData.DemoPassword })).StatusCode);
        var refused = await client.GetAsync("/api/organizations");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(AccountGate.TwoFactor, (await Staff.ReadAsync(refused))["code"]!.GetValue<string>());

        // A registrar holding only that role is not asked.
        var plain = app.Client("198.51.100.91");
        Assert.Equal(HttpStatusCode.NoContent, (await plain.PostAsJsonAsync("/api/auth/login", new { userName = "demo.xihu.registrar", password = DemoData.DemoPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync("/api/organizations")).StatusCode);
    }
}
