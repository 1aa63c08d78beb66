using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Administration;
using Xinfang.Web.Audit;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.AdminPages;

/// <summary>
/// The administration pages (issue 13) through the forms a browser without JavaScript posts: users, the organisation
/// tree, holiday calendars and deadline policies, the audit trail and its export, the password page. The pages and
/// the API call the same use cases, so the API's answers are checked beside the pages'; every change is audited.
/// </summary>
public abstract class AdministrationTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private Task<int> AuditCountAsync(string kind) => App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Kind == kind));

    [SkippableFact]
    public async Task An_administrator_creates_a_user_on_the_page_who_must_choose_a_password_before_anything_else()
    {
        var admin = await App.StaffAsync("demo.zj.admin");
        var audited = await AuditCountAsync(ManageAccounts.AuditKind);
        var (status, html) = await AdminForms.PostAsync(admin.Client, "/admin/users", "create-account", new Dictionary<string, string>
        {
            ["Create.UserName"] = "xihu.new.handler",
            ["Create.DisplayName"] = "钱新人",
            ["Create.OrganizationId"] = admin.Org("330106ZJJ").ToString(),
            ["Create.Role"] = "Handler",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("已创建账号 xihu.new.handler", html, StringComparison.Ordinal);
        var temporary = Regex.Match(html, "<code class=\"temporary-password\">([^<]+)</code>").Groups[1].Value;
        Assert.Equal(20, System.Net.WebUtility.HtmlDecode(temporary).Length);
        Assert.Equal(audited + 1, await AuditCountAsync(ManageAccounts.AuditKind));

        // The same name again is refused in Chinese, and nothing more is created.
        var (_, again) = await AdminForms.PostAsync(admin.Client, "/admin/users", "create-account", new Dictionary<string, string>
        {
            ["Create.UserName"] = "xihu.new.handler", ["Create.DisplayName"] = "钱新人", ["Create.OrganizationId"] = admin.Org("330106ZJJ").ToString(), ["Create.Role"] = "Handler",
        });
        Assert.Contains("已被使用", again, StringComparison.Ordinal);

        // The new person signs in with the temporary password: every page sends them to the password page first.
        var client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        (await client.PostAsJsonAsync("/api/auth/login", new { userName = "xihu.new.handler", password = System.Net.WebUtility.HtmlDecode(temporary) })).EnsureSuccessStatusCode();
        var workbench = await client.GetAsync("/workbench");
        Assert.Equal(HttpStatusCode.Redirect, workbench.StatusCode);
        Assert.Equal("/account/password", workbench.Headers.Location?.OriginalString);
        var passwordPage = await client.GetStringAsync("/account/password");
        Assert.Contains("管理员已重置您的密码", passwordPage, StringComparison.Ordinal);

        var (_, weak) = await AdminForms.PostAsync(client, "/account/password", "password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = System.Net.WebUtility.HtmlDecode(temporary), ["Input.NewPassword"] = "short",
        });
        Assert.Contains("新密码至少12位", weak, StringComparison.Ordinal);
        var (_, done) = await AdminForms.PostAsync(client, "/account/password", "password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = System.Net.WebUtility.HtmlDecode(temporary), ["Input.NewPassword"] = "Neuer-Zugang-2026!",
        });
        Assert.Contains("密码已修改", done, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/workbench")).StatusCode);
    }

    [SkippableFact]
    public async Task Disabling_on_the_page_ends_the_sessions_and_the_api_lists_the_same_accounts()
    {
        var admin = await App.StaffAsync("demo.zj.admin");
        var handler = await App.SignInAsync("demo.xihu.rsj.handler");
        Assert.Equal(HttpStatusCode.OK, (await handler.GetAsync("/api/organizations")).StatusCode);

        var (_, html) = await AdminForms.PostAsync(admin.Client, "/admin/users", "account-action", new Dictionary<string, string>
        {
            ["Act.Command"] = "disable:demo.xihu.rsj.handler",
        });
        Assert.Contains("已停用账号 demo.xihu.rsj.handler", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await handler.GetAsync("/api/organizations")).StatusCode);

        var (_, listed) = await admin.GetAsync("/api/admin/accounts?disabled=true");
        Assert.Contains(listed.AsArray(), a => (string?)a!["userName"] == "demo.xihu.rsj.handler");
        var filtered = await admin.Client.GetStringAsync("/admin/users?state=disabled");
        Assert.Contains("demo.xihu.rsj.handler", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("demo.xihu.registrar", filtered, StringComparison.Ordinal);

        var (_, enabled) = await AdminForms.PostAsync(admin.Client, "/admin/users", "account-action", new Dictionary<string, string>
        {
            ["Act.Command"] = "enable:demo.xihu.rsj.handler",
        });
        Assert.Contains("已启用账号", enabled, StringComparison.Ordinal);
        (await App.SignInAsync("demo.xihu.rsj.handler")).Dispose();
    }

    [SkippableFact]
    public async Task Only_administrators_reach_the_administration()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        foreach (var page in new[] { "/admin", "/admin/users", "/admin/organizations", "/admin/calendars", "/admin/policies", "/admin/codes", "/admin/classifier" })
        {
            var html = await registrar.Client.GetStringAsync(page);
            Assert.Contains("只有管理员", html, StringComparison.Ordinal);
        }

        var (forged, forgedHtml) = await AdminForms.PostAsync(registrar.Client, "/admin/users", "account-action", new Dictionary<string, string>
        {
            ["Act.Command"] = "disable:demo.xihu.zjj.handler",
        });
        Assert.Equal(HttpStatusCode.OK, forged);
        Assert.DoesNotContain("已停用", forgedHtml, StringComparison.Ordinal);
        Assert.False(await App.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "demo.xihu.zjj.handler" && u.Disabled)));
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.GetAsync("/api/admin/accounts")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.PostAsync("/api/admin/organizations", new { name = "x" })).Status);
    }

    [SkippableFact]
    public async Task The_organisation_tree_grows_is_renamed_and_moved_but_never_into_a_cycle()
    {
        var admin = await App.StaffAsync("demo.zj.admin");
        var (created, node) = await admin.PostAsync("/api/admin/organizations", new
        {
            parentId = admin.Org("330106XFJ"), code = "330106003JD", name = "西溪街道办事处", divisionCode = "330106003", level = "Township", kind = "ResponsibleUnit",
        });
        Assert.True(created == HttpStatusCode.Created, node.ToJsonString());
        var id = node["id"]!.GetValue<Guid>();
        var (duplicate, problem) = await admin.PostAsync("/api/admin/organizations", new
        {
            parentId = admin.Org("330106XFJ"), code = "330106003JD", name = "重复", divisionCode = "330106003", level = "Township", kind = "ResponsibleUnit",
        });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate);
        Assert.Contains("已被使用", problem.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);

        var (_, renamed) = await AdminForms.PostAsync(admin.Client, "/admin/organizations", "rename-organization", new Dictionary<string, string>
        {
            ["Rename.Id"] = id.ToString(), ["Rename.Name"] = "西溪街道",
        });
        Assert.Contains("已更名为「西溪街道」", renamed, StringComparison.Ordinal);

        // A body under its own sub-body would be a cycle: refused, nothing moves.
        var (_, cycle) = await AdminForms.PostAsync(admin.Client, "/admin/organizations", "move-organization", new Dictionary<string, string>
        {
            ["Move.Id"] = admin.Org("330100XFJ").ToString(), ["Move.ParentId"] = admin.Org("330106XFJ").ToString(),
        });
        Assert.Contains("不能把机构移到它自己或它的下级机构之下", cycle, StringComparison.Ordinal);
        Assert.Equal(admin.Org("330000XFJ"), await App.WithDbAsync(db => db.Organizations.Where(o => o.Code == "330100XFJ").Select(o => o.ParentId).SingleAsync()));

        var (_, moved) = await AdminForms.PostAsync(admin.Client, "/admin/organizations", "move-organization", new Dictionary<string, string>
        {
            ["Move.Id"] = id.ToString(), ["Move.ParentId"] = admin.Org("330110XFJ").ToString(),
        });
        Assert.Contains("已移动「西溪街道」", moved, StringComparison.Ordinal);
        Assert.Equal(admin.Org("330110XFJ"), await App.WithDbAsync(db => db.Organizations.Where(o => o.Id == id).Select(o => o.ParentId).SingleAsync()));
        var tree = await admin.Client.GetStringAsync("/admin/organizations");
        Assert.Contains("西溪街道", tree, StringComparison.Ordinal);
        Assert.Equal(3, await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Kind == ManageOrganizations.AuditKind && e.SubjectId == id.ToString())));
    }

    [SkippableFact]
    public async Task A_policy_in_working_days_and_an_added_holiday_move_an_open_deadline()
    {
        var admin = await App.StaffAsync("demo.zj.admin");
        var registrar = await App.StaffAsync("demo.hz.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("时限政策测试件"));
        Task<DateTime?> DueAsync() => App.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.CurrentDueAtUtc).SingleAsync());

        // 杭州市: the bureau's disposition period as 10 working days (a jurisdiction's own rule).
        var (_, saved) = await AdminForms.PostAsync(admin.Client, "/admin/policies?org=330100XFJ", "policy", new Dictionary<string, string>
        {
            ["org"] = "330100XFJ", ["BureauDisposition"] = "10", ["BureauDisposition.unit"] = "WorkingDays",
        });
        Assert.Contains("时限政策已更新", saved, StringComparison.Ordinal);
        var before = await DueAsync();
        Assert.NotNull(before);

        // A day off on a weekday inside the window (registered 2026-03-10, a Tuesday): the due date moves a day later.
        var (_, added) = await AdminForms.PostAsync(admin.Client, "/admin/calendars?year=2026", "add-day", new Dictionary<string, string>
        {
            ["Day.Date"] = "2026-03-16", ["Day.Kind"] = "Rest", ["Day.Holiday"] = "测试假日",
        });
        Assert.Contains("2026年节假日安排已载入", added, StringComparison.Ordinal);
        Assert.Contains("测试假日", added, StringComparison.Ordinal);
        var after = await DueAsync();
        Assert.Equal(before!.Value.AddDays(1), after);

        // A 班 must be a weekend day: refused in Chinese, nothing changes.
        var (_, refused) = await AdminForms.PostAsync(admin.Client, "/admin/calendars?year=2026", "add-day", new Dictionary<string, string>
        {
            ["Day.Date"] = "2026-03-17", ["Day.Kind"] = "MakeUpWorkingDay", ["Day.Holiday"] = "错误",
        });
        Assert.Contains("未能保存", refused, StringComparison.Ordinal);
        Assert.Equal(after, await DueAsync());
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Kind == Deadlines.ManageDeadlineSettings.AuditKind)) >= 2);

        // Back to the national rule for the other tests of the class.
        await AdminForms.PostAsync(admin.Client, "/admin/policies?org=330100XFJ", "policy", new Dictionary<string, string> { ["org"] = "330100XFJ" });
    }

    [SkippableFact]
    public async Task The_audit_trail_is_filtered_and_exported_and_the_export_is_audited()
    {
        var admin = await App.StaffAsync("demo.zj.admin");
        await App.SignInAsync("demo.xihu.registrar");
        var page = await admin.Client.GetStringAsync($"/admin/audit?kind={AuditKinds.SignIn}&actor=王登记");
        var table = AdminForms.TextOf(page, "audit-entries")!;
        Assert.Contains("王登记", table, StringComparison.Ordinal);
        Assert.DoesNotContain("韩管理", table, StringComparison.Ordinal);
        Assert.Contains("登录", table, StringComparison.Ordinal);

        var bad = await admin.Client.GetStringAsync("/admin/audit?from=2026-13-40");
        Assert.Contains("开始日期格式应为年-月-日", bad, StringComparison.Ordinal);
        var reversed = await admin.Client.GetStringAsync("/admin/audit?from=2026-03-10&to=2026-03-01");
        Assert.Contains("结束日期不能早于开始日期", reversed, StringComparison.Ordinal);

        var exports = await AuditCountAsync(AuditKinds.Export);
        var csv = await admin.Client.GetAsync($"/api/admin/audit/export?format=csv&kind={AuditKinds.SignIn}&actor=王登记");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.Contains("序号", text, StringComparison.Ordinal);
        Assert.Contains("王登记", text, StringComparison.Ordinal);
        Assert.DoesNotContain("韩管理", text, StringComparison.Ordinal);
        var xlsx = await admin.Client.GetAsync("/api/admin/audit/export?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal((byte)'P', (await xlsx.Content.ReadAsByteArrayAsync())[0]); // a zip: the Open XML package
        Assert.Equal(exports + 2, await AuditCountAsync(AuditKinds.Export));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Client.GetAsync("/api/admin/audit/export?format=pdf")).StatusCode);
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.Client.GetAsync("/api/admin/audit/export?format=csv")).StatusCode);
    }

    [SkippableFact]
    public async Task Unknown_addresses_answer_a_Chinese_404_page_and_the_api_keeps_problem_details()
    {
        var anonymous = App.CreateClient();
        foreach (var url in new[] { "/no-such-page", "/guide/NOSUCH", "/admin/no/such" })
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("页面不存在", html, StringComparison.Ordinal);
            Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        }

        var api = await anonymous.GetAsync("/api/no-such-endpoint");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.DoesNotContain("页面不存在", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class AdministrationOnSqlite(SqliteFixture fixture) : AdministrationTests(fixture), IClassFixture<SqliteFixture>;

/// <summary>The same on PostgreSQL: the account filters (Contains on normalised names), the tree's updates, the audit search by date.</summary>
public sealed class AdministrationOnPostgres(PostgresFixture fixture) : AdministrationTests(fixture), IClassFixture<PostgresFixture>;
