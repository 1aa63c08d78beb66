using System.Net;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Ownership;

/// <summary>
/// 改派 and 撤回 of a 包案 over HTTP on SQLite and PostgreSQL (issue 14): the 杭州市 bureau gives a city item (outside
/// the 西湖区 leaders' jurisdiction) to 陈局长, reassigns it to 黄副局长 — who then reads the item while 陈局长 no longer
/// does — and withdraws it; the history stays, every step is audited, the item's 办理过程 shows the steps, and the
/// withdrawn 包案 leaves the owned and open counts and the rate (counted apart as 撤回). One with an outcome is final.
/// </summary>
public abstract class OwnershipReassignApiTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private static Dictionary<string, object?> Letter(string title)
    {
        var letter = AppExtensions.Letter(title);
        letter["content"] = $"{title}。小区门口的道路长期积水，雨天无法通行，多次反映未解决。";
        return letter;
    }

    private static string LeaderId(System.Text.Json.Nodes.JsonNode leaders, string name) =>
        leaders.AsArray().Single(l => l!["name"]!.GetValue<string>() == name)!["id"]!.GetValue<string>();

    [SkippableFact]
    public async Task The_bureau_reassigns_then_withdraws_and_only_the_current_leader_reads_the_item()
    {
        var city = await App.StaffAsync("demo.hz.registrar");
        var chen = await App.StaffAsync("demo.xihu.leader");
        var huang = await App.StaffAsync("demo.xihu.deputy");
        var year = App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;
        var figuresUrl = $"/api/ownership/figures?organization={city.Org("330100XFJ")}&from={year}-01-01&to={year}-12-31";
        var before = (await city.GetAsync(figuresUrl)).Body;
        var (id, number, _, _) = await city.RegisterAsync(Letter("城东路段积水" + Guid.NewGuid().ToString("N")[..6]));
        var leaders = (await city.GetAsync("/api/ownership/leaders")).Body;
        var (chenId, huangId) = (LeaderId(leaders, "陈局长"), LeaderId(leaders, "黄副局长"));
        var (created, owned) = await city.PostAsync("/api/ownership", new { petitionId = id, leaderId = chenId, plan = "一个月内协调市政部门疏通排水" });
        Assert.True(created == HttpStatusCode.Created, owned.ToJsonString());
        var ownershipId = owned["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.OK, (await chen.PostAsync($"/api/ownership/{ownershipId}/milestones", new { title = "现场查看", dueOn = $"{year}-12-31" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await chen.GetAsync($"/api/petitions/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await huang.GetAsync($"/api/petitions/{id}")).Status);

        // Refused: no reason, the same leader, an unknown leader (400, Chinese, nothing changed); the leader himself (403); a unit (404).
        var (noReason, p1) = await city.PostAsync($"/api/ownership/{ownershipId}/reassign", new { leaderId = huangId });
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.Contains("理由", p1["errors"]!["reason"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var (same, p2) = await city.PostAsync($"/api/ownership/{ownershipId}/reassign", new { leaderId = chenId, reason = "调整" });
        Assert.Equal(HttpStatusCode.BadRequest, same);
        Assert.NotNull(p2["errors"]!["leaderId"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await city.PostAsync($"/api/ownership/{ownershipId}/reassign", new { leaderId = "nobody", reason = "调整" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await chen.PostAsync($"/api/ownership/{ownershipId}/reassign", new { leaderId = huangId, reason = "我调走了" })).Status);
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        Assert.Equal(HttpStatusCode.NotFound, (await handler.PostAsync($"/api/ownership/{ownershipId}/withdraw", new { reason = "撤回" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await city.PostAsync($"/api/ownership/{Guid.NewGuid()}/withdraw", new { reason = "撤回" })).Status);

        var (reassigned, moved) = await city.PostAsync($"/api/ownership/{ownershipId}/reassign", new { leaderId = huangId, reason = "陈局长岗位调整" });
        Assert.True(reassigned == HttpStatusCode.OK, moved.ToJsonString());
        Assert.Equal("黄副局长", moved["leaderName"]!.GetValue<string>());
        var handover = moved["handovers"]!.AsArray().Single()!;
        Assert.Equal(("陈局长", "黄副局长", "陈局长岗位调整"), (handover["fromLeaderName"]!.GetValue<string>(), handover["toLeaderName"]!.GetValue<string>(), handover["reason"]!.GetValue<string>()));
        Assert.Single(moved["milestones"]!.AsArray());

        // The one authorization entry point: the new leader reads the item and records; the old one no longer does.
        Assert.Equal(HttpStatusCode.OK, (await huang.GetAsync($"/api/petitions/{id}")).Status);
        Assert.Contains(number, await huang.Client.GetStringAsync("/ownership/mine"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await huang.PostAsync($"/api/ownership/{ownershipId}/notes", new { text = "已接手，约市政部门现场查看" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await chen.GetAsync($"/api/petitions/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await chen.GetAsync($"/api/ownership/{ownershipId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await chen.PostAsync($"/api/ownership/{ownershipId}/notes", new { text = "进展" })).Status);
        Assert.DoesNotContain(number, await chen.Client.GetStringAsync("/ownership/mine"), StringComparison.Ordinal);

        // The item's 办理过程 shows the 包案 steps with their days.
        var process = await city.Client.GetStringAsync($"/petitions/{id}?tab=process");
        Assert.Contains("ownership-steps", process, StringComparison.Ordinal);
        Assert.Contains("改派包案", process, StringComparison.Ordinal);
        Assert.Contains("陈局长 → 黄副局长", System.Net.WebUtility.HtmlDecode(process), StringComparison.Ordinal);
        Assert.Contains("包案进展", process, StringComparison.Ordinal);
        Assert.Contains("包案节点", process, StringComparison.Ordinal);
        Assert.DoesNotContain("ownership-steps", await city.Client.GetStringAsync($"/petitions/{id}"), StringComparison.Ordinal);

        var (noWhy, _) = await city.PostAsync($"/api/ownership/{ownershipId}/withdraw", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noWhy);
        var (withdrawn, ended) = await city.PostAsync($"/api/ownership/{ownershipId}/withdraw", new { reason = "该事项已纳入市级专项整治" });
        Assert.True(withdrawn == HttpStatusCode.OK, ended.ToJsonString());
        Assert.Equal("已撤回", ended["statusName"]!.GetValue<string>());
        Assert.False(ended["open"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, (await city.PostAsync($"/api/ownership/{ownershipId}/withdraw", new { reason = "再撤" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await city.PostAsync($"/api/ownership/{ownershipId}/reassign", new { leaderId = chenId, reason = "再派" })).Status);
        // Withdrawn, no leader reads the item through it any longer; the item is free for a new 包案.
        Assert.Equal(HttpStatusCode.NotFound, (await huang.GetAsync($"/api/petitions/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await huang.PostAsync($"/api/ownership/{ownershipId}/outcome", new { outcome = "Resolved", note = "化解" })).Status);
        Assert.Contains("撤回包案", await city.Client.GetStringAsync($"/petitions/{id}?tab=process"), StringComparison.Ordinal);

        var trail = await App.WithDbAsync(db => db.Set<Xinfang.Web.Audit.AuditEntry>()
            .Where(a => a.Kind == Xinfang.Web.Ownership.OwnershipDesk.AuditKind && a.Subject == number).OrderBy(a => a.Sequence).Select(a => a.Summary).ToListAsync());
        Assert.StartsWith("安排领导包案", trail[0], StringComparison.Ordinal);
        Assert.Contains("改派领导包案：陈局长 → 黄副局长（陈局长岗位调整）", trail);
        Assert.Contains("撤回领导包案：黄副局长（该事项已纳入市级专项整治）", trail);
        Assert.Equal(5, trail.Count); // assigned, milestone, reassigned, note, withdrawn — the refused steps not

        // By hand, 杭州市 in the year: the withdrawn 包案 is neither owned nor open, and counts 1 withdrawn; the rate is untouched.
        var after = (await city.GetAsync(figuresUrl)).Body;
        Assert.Equal(before["owned"]!.GetValue<int>(), after["owned"]!.GetValue<int>());
        Assert.Equal(before["open"]!.GetValue<int>(), after["open"]!.GetValue<int>());
        Assert.Equal(before["withdrawn"]!.GetValue<int>() + 1, after["withdrawn"]!.GetValue<int>());
        Assert.Equal(before["resolved"]!.GetValue<int>() + before["unresolved"]!.GetValue<int>(), after["resolved"]!.GetValue<int>() + after["unresolved"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Created, (await city.PostAsync("/api/ownership", new { petitionId = id, leaderId = chenId, plan = "重新包案" })).Status);
    }

    [SkippableFact]
    public async Task A_resolved_ownership_is_neither_reassigned_nor_withdrawn_and_a_reassigned_one_counts_once()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var chen = await App.StaffAsync("demo.xihu.leader");
        var year = App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;
        var figuresUrl = $"/api/ownership/figures?organization={registrar.Org("330106XFJ")}&from={year}-01-01&to={year}-12-31";
        var before = (await registrar.GetAsync(figuresUrl)).Body;
        var leaders = (await registrar.GetAsync("/api/ownership/leaders")).Body;
        var (id, _, _, _) = await registrar.RegisterAsync(Letter("村委会账目不公开" + Guid.NewGuid().ToString("N")[..6]));
        var (_, owned) = await registrar.PostAsync("/api/ownership", new { petitionId = id, leaderId = LeaderId(leaders, "陈局长"), plan = "督促街道公开账目" });
        var ownershipId = owned["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.OK, (await registrar.PostAsync($"/api/ownership/{ownershipId}/reassign", new { leaderId = LeaderId(leaders, "黄副局长"), reason = "分工调整" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await registrar.PostAsync($"/api/ownership/{ownershipId}/reassign", new { leaderId = LeaderId(leaders, "陈局长"), reason = "分工再调整" })).Status);
        var (resolved, done) = await chen.PostAsync($"/api/ownership/{ownershipId}/outcome", new { outcome = "Resolved", note = "账目已公开" });
        Assert.True(resolved == HttpStatusCode.OK, done.ToJsonString());
        Assert.Equal(2, done["handovers"]!.AsArray().Count);

        var (r1, p1) = await registrar.PostAsync($"/api/ownership/{ownershipId}/reassign", new { leaderId = LeaderId(leaders, "黄副局长"), reason = "再调整" });
        Assert.Equal(HttpStatusCode.Conflict, r1);
        Assert.Contains("不能改派", p1["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var (r2, p2) = await registrar.PostAsync($"/api/ownership/{ownershipId}/withdraw", new { reason = "撤回" });
        Assert.Equal(HttpStatusCode.Conflict, r2);
        Assert.Contains("不能撤回", p2["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // Two handovers, one 包案: owned once, resolved once.
        var after = (await registrar.GetAsync(figuresUrl)).Body;
        Assert.Equal(before["owned"]!.GetValue<int>() + 1, after["owned"]!.GetValue<int>());
        Assert.Equal(before["resolved"]!.GetValue<int>() + 1, after["resolved"]!.GetValue<int>());
    }
}

public sealed class OwnershipReassignApiOnSqlite(SqliteFixture fixture) : OwnershipReassignApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class OwnershipReassignApiOnPostgres(PostgresFixture fixture) : OwnershipReassignApiTests(fixture), IClassFixture<PostgresFixture>;
