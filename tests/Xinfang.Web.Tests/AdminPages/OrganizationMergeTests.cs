using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Administration;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.AdminPages;

/// <summary>
/// Merging two bodies (ADR 0127): 西湖区人社局 (330106RSJ) is merged into 西湖区住建局 (330106ZJJ) on the page. Its open
/// items, its account and its deadline policy move; its closed items and every history line keep naming it; it is
/// kept, marked merged, and its code is never given again; a signed-in account of it acts for the successor at its
/// next request. The bad cases are refused in Chinese and change nothing. Each test class has its own database.
/// </summary>
public abstract class OrganizationMergeTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    [SkippableFact]
    public async Task A_body_is_merged_into_another_and_only_its_open_work_moves()
    {
        var admin = await App.StaffAsync("demo.zj.admin");
        var (rsj, zjj) = (admin.Org("330106RSJ"), admin.Org("330106ZJJ"));

        // A policy of its own moves with it (the successor has none).
        var policy = await admin.Client.PutAsJsonAsync($"/api/admin/policies/{rsj}", new { handling = new { length = 45, unit = "CalendarDays" } });
        Assert.True(policy.IsSuccessStatusCode, await policy.Content.ReadAsStringAsync());

        // Three items forwarded to 人社局, one accepted there; one marked closed directly in the database (a test
        // arrangement: reaching 办结 takes the whole procedure, and only the state matters to the merge).
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter($"合并测试来信{i}"));
            await registrar.ActAsync(id, "forward", new { targetOrganizationId = rsj });
            ids.Add(id);
        }

        var rsjHandler = await App.StaffAsync("demo.xihu.rsj.handler");
        await rsjHandler.ActAsync(ids[0], "accept");
        await App.WithDbAsync(db => db.PetitionsAcrossDeployment.Where(p => p.Id == ids[2]).ExecuteUpdateAsync(u => u.SetProperty(p => p.State, PetitionState.Closed)));
        var historyBefore = await App.WithDbAsync(async db => (await db.PetitionsAcrossDeployment.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync())
            .ToDictionary(p => p.Id, p => string.Join("|", p.History.Select(h => $"{h.Sequence}{h.ActorName}{h.Summary}"))));
        var openBefore = 2;
        var closedBefore = 1;
        var openAtZjj = await App.WithDbAsync(db => db.PetitionsAcrossDeployment.CountAsync(p => p.CurrentOrganizationId == zjj && p.State != PetitionState.Closed));

        // Without the confirmation tick nothing happens.
        var (_, unconfirmed) = await AdminForms.PostAsync(admin.Client, "/admin/organizations", "merge-organization", new Dictionary<string, string>
        {
            ["Merge.Id"] = rsj.ToString(), ["Merge.IntoId"] = zjj.ToString(),
        });
        Assert.Contains("请勾选“我已核对”", AdminForms.TextOf(unconfirmed, "result") ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(openBefore, await App.WithDbAsync(db => db.PetitionsAcrossDeployment.CountAsync(p => p.CurrentOrganizationId == rsj && p.State != PetitionState.Closed)));

        var (status, html) = await AdminForms.PostAsync(admin.Client, "/admin/organizations", "merge-organization", new Dictionary<string, string>
        {
            ["Merge.Id"] = rsj.ToString(), ["Merge.IntoId"] = zjj.ToString(), ["Merge.Confirmed"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, status);
        var result = AdminForms.TextOf(html, "result") ?? string.Empty;
        Assert.Contains($"已将「西湖区人力资源和社会保障局」并入「西湖区住房和城乡建设局」：转入未办结事项 {openBefore} 件、账号 1 个", result, StringComparison.Ordinal);
        Assert.Contains("时限政策", result, StringComparison.Ordinal);
        Assert.Contains("不再使用", AdminForms.TextOf(html, "org-330106RSJ") ?? html, StringComparison.Ordinal);

        await App.WithDbAsync(async db =>
        {
            Assert.Equal(0, await db.PetitionsAcrossDeployment.CountAsync(p => p.CurrentOrganizationId == rsj && p.State != PetitionState.Closed));
            Assert.Equal(closedBefore, await db.PetitionsAcrossDeployment.CountAsync(p => p.CurrentOrganizationId == rsj && p.State == PetitionState.Closed));
            Assert.Equal(openAtZjj + openBefore, await db.PetitionsAcrossDeployment.CountAsync(p => p.CurrentOrganizationId == zjj && p.State != PetitionState.Closed));
            var after = await db.PetitionsAcrossDeployment.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync();
            Assert.All(after, p => Assert.Equal(historyBefore[p.Id], string.Join("|", p.History.Select(h => $"{h.Sequence}{h.ActorName}{h.Summary}"))));
            Assert.Equal(zjj, after.Single(p => p.Id == ids[0]).HandlingOrganizationId);
            Assert.Equal(rsj, after.Single(p => p.Id == ids[2]).CurrentOrganizationId);
            Assert.All(after, p => Assert.Equal(registrar.Org("330106XFJ"), p.RegisteringOrganizationId));
            var merged = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == rsj);
            Assert.Equal(zjj, merged.MergedIntoId);
            Assert.Equal(zjj, merged.ParentId);
            Assert.NotNull(merged.MergedOn);
            Assert.Equal("330106RSJ", merged.Code);
            Assert.Equal(zjj, (await db.Users.SingleAsync(u => u.UserName == "demo.xihu.rsj.handler")).OrganizationId);
            Assert.Null(await db.JurisdictionPolicies.FindAsync(rsj));
            Assert.NotNull(await db.JurisdictionPolicies.FindAsync(zjj));
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Kind == ManageOrganizations.AuditKind && e.Summary.Contains("机构合并")));
            return 0;
        });

        // The moved account's cookie still said 人社局: its next request is rebuilt for 住建局, still signed in.
        var userId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "demo.xihu.rsj.handler").Select(u => u.Id).SingleAsync());
        Assert.True(await App.WithDbAsync(db => db.Set<Identity.StaffSession>().AnyAsync(s => s.UserId == userId && s.EndedAt == null && s.ActiveRole == null)));
        var (next, _) = await rsjHandler.GetAsync($"/api/petitions/{ids[1]}");
        Assert.Equal(HttpStatusCode.OK, next);
        Assert.False(await App.WithDbAsync(db => db.Set<Identity.StaffSession>().AnyAsync(s => s.UserId == userId && s.EndedAt == null && s.ActiveRole == null)));

        // The code is never given again.
        var (again, _) = await admin.PostAsync("/api/admin/organizations", new { parentId = admin.Org("330106XFJ"), code = "330106RSJ", name = "新人社局", divisionCode = "330106", level = "County", kind = "ResponsibleUnit" });
        Assert.Equal(HttpStatusCode.BadRequest, again);

        // Merged once: not again, and nothing merges into it.
        var (twice, twiceBody) = await admin.PostAsync($"/api/admin/organizations/{rsj}/merge", new { intoId = admin.Org("330106ZFW") });
        Assert.Equal(HttpStatusCode.Conflict, twice);
        Assert.Equal("该机构已合并", twiceBody["title"]!.GetValue<string>());
        var (intoMerged, _) = await admin.PostAsync($"/api/admin/organizations/{admin.Org("330106ZFW")}/merge", new { intoId = rsj });
        Assert.Equal(HttpStatusCode.Conflict, intoMerged);
    }

    [SkippableFact]
    public async Task A_merge_into_itself_its_subtree_or_another_level_is_refused_and_changes_nothing()
    {
        var admin = await App.StaffAsync("demo.zj.admin");
        var jw = admin.Org("330106JW");
        var audited = await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Kind == ManageOrganizations.AuditKind));

        var (self, selfBody) = await admin.PostAsync($"/api/admin/organizations/{jw}/merge", new { intoId = jw });
        Assert.Equal(HttpStatusCode.BadRequest, self);
        Assert.Contains("不能把机构并入它自己", Errors(selfBody), StringComparison.Ordinal);

        var (below, belowBody) = await admin.PostAsync($"/api/admin/organizations/{admin.Org("330100XFJ")}/merge", new { intoId = admin.Org("330106XFJ") });
        Assert.Equal(HttpStatusCode.BadRequest, below);
        Assert.Contains("不能把机构并入它的下级机构", Errors(belowBody), StringComparison.Ordinal);

        var (level, levelBody) = await admin.PostAsync($"/api/admin/organizations/{jw}/merge", new { intoId = admin.Org("330100XFJ") });
        Assert.Equal(HttpStatusCode.BadRequest, level);
        Assert.Contains("只能合并同一行政层级的机构", Errors(levelBody), StringComparison.Ordinal);

        var (missing, _) = await admin.PostAsync($"/api/admin/organizations/{jw}/merge", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        var (unknown, _) = await admin.PostAsync($"/api/admin/organizations/{Guid.NewGuid()}/merge", new { intoId = jw });
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        var (top, _) = await admin.PostAsync($"/api/admin/organizations/{admin.Org("330000XFJ")}/merge", new { intoId = admin.Org("330000ZJT") });
        Assert.True(top is HttpStatusCode.Conflict or HttpStatusCode.BadRequest, top.ToString());
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.PostAsync($"/api/admin/organizations/{jw}/merge", new { intoId = admin.Org("330106ZFW") })).Status);

        Assert.Equal(audited, await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Kind == ManageOrganizations.AuditKind)));
        Assert.False(await App.WithDbAsync(db => db.Organizations.AnyAsync(o => o.MergedIntoId != null && o.Id == jw)));
    }

    /// <summary>The field messages of a validation answer, as text (the JSON escapes Chinese).</summary>
    private static string Errors(System.Text.Json.Nodes.JsonNode body) =>
        string.Join(" ", body["errors"]?.AsObject().SelectMany(kv => kv.Value!.AsArray().Select(v => (string?)v)) ?? []);

    [SkippableFact]
    public async Task The_page_sets_a_bodys_document_number_prefix_with_the_apis_rule()
    {
        var admin = await App.StaffAsync("demo.zj.admin");
        var zfw = admin.Org("330106ZFW");
        var (_, bad) = await AdminForms.PostAsync(admin.Client, "/admin/organizations", "set-prefix", new Dictionary<string, string>
        {
            ["Prefix.OrganizationId"] = zfw.ToString(), ["Prefix.Prefix"] = "西 政",
        });
        Assert.Contains("机关代字不能含空格", AdminForms.TextOf(bad, "result") ?? string.Empty, StringComparison.Ordinal);

        var (_, html) = await AdminForms.PostAsync(admin.Client, "/admin/organizations", "set-prefix", new Dictionary<string, string>
        {
            ["Prefix.OrganizationId"] = zfw.ToString(), ["Prefix.Prefix"] = "西政法",
        });
        Assert.Contains("的机关代字设为「西政法」", AdminForms.TextOf(html, "result") ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("西政法", AdminForms.TextOf(html, "prefix-table") ?? string.Empty, StringComparison.Ordinal);
        var (_, listed) = await admin.GetAsync("/api/documents/prefixes");
        Assert.Contains(listed.AsArray(), p => (string?)p!["prefix"] == "西政法" && (Guid?)p["organizationId"] == zfw);

        // Not an administrator: the page says so and the API refuses.
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (_, forged) = await AdminForms.PostAsync(registrar.Client, "/admin/organizations", "set-prefix", new Dictionary<string, string>
        {
            ["Prefix.OrganizationId"] = zfw.ToString(), ["Prefix.Prefix"] = "伪造",
        });
        Assert.DoesNotContain("伪造", forged, StringComparison.Ordinal);
    }
}

public sealed class OrganizationMergeOnSqlite(SqliteFixture fixture) : OrganizationMergeTests(fixture), IClassFixture<SqliteFixture>;

public sealed class OrganizationMergeOnPostgres(PostgresFixture fixture) : OrganizationMergeTests(fixture), IClassFixture<PostgresFixture>;
