using System.Net;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Identity;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Ownership;

/// <summary>
/// 领导包案 over HTTP on SQLite and PostgreSQL (issue 14): the 杭州市 bureau gives a city item to the 西湖区 leader, who
/// could not read it before and reads it once owning it; milestones, a note and the outcome; 包案化解率 of the
/// jurisdiction worked out by hand, on the API, the dashboard and in the annual report.
/// </summary>
public abstract class OwnershipApiTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private DateOnly Today => DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static Dictionary<string, object?> Letter(string title)
    {
        var letter = AppExtensions.Letter(title);
        letter["content"] = $"{title}。物业公司今年起每月加收停车管理费两百元，没有任何公示，请有关部门查处。";
        return letter;
    }

    [SkippableFact]
    public async Task A_leader_owns_an_item_outside_the_jurisdiction_to_resolution_and_the_rate_is_counted()
    {
        var city = await App.StaffAsync("demo.hz.registrar");
        var leader = await App.StaffAsync("demo.xihu.leader");
        var year = Today.Year;
        var figuresUrl = $"/api/ownership/figures?organization={city.Org("330100XFJ")}&from={year}-01-01&to={year}-12-31";
        // The other test of the class may have given one 西湖区 item (inside 杭州市) to the leader, still open: counted as a baseline.
        var before = (await city.GetAsync(figuresUrl)).Body;
        var (ownedBefore, openBefore) = (before["owned"]!.GetValue<int>(), before["open"]!.GetValue<int>());
        Assert.Equal(0, before["resolved"]!.GetValue<int>() + before["unresolved"]!.GetValue<int>());
        var (id, number, _, _) = await city.RegisterAsync(Letter("城区主干道夜间施工噪音扰民" + Guid.NewGuid().ToString("N")[..6]));

        // Outside the 西湖区 leader's jurisdiction: not readable, not even through the ownership API.
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/petitions/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/api/ownership/petition/{id}")).Status);

        var (listed, leaders) = await city.GetAsync("/api/ownership/leaders");
        Assert.Equal(HttpStatusCode.OK, listed);
        var leaderId = leaders.AsArray().Single(l => l!["name"]!.GetValue<string>() == "陈局长")!["id"]!.GetValue<string>();
        Assert.DoesNotContain(leaders.AsArray(), l => l!["name"]!.GetValue<string>() == "李督办");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync("/api/ownership", new { petitionId = id, leaderId, plan = "自己包" })).Status);

        // A person who holds 领导 as a further role (ADR 0126) is a leader to choose too, not only one whose first role it is.
        await App.WithDbAsync(async db =>
        {
            var supervisor = await db.Users.SingleAsync(u => u.UserName == "demo.xihu.supervisor");
            supervisor.SetRoles([StaffRole.Supervisor, StaffRole.Leader]);
            return await db.SaveChangesAsync();
        });
        var (_, withSecond) = await city.GetAsync("/api/ownership/leaders");
        Assert.Contains(withSecond.AsArray(), l => l!["name"]!.GetValue<string>() == "李督办");
        var (noPlan, problem) = await city.PostAsync("/api/ownership", new { petitionId = id, leaderId });
        Assert.Equal(HttpStatusCode.BadRequest, noPlan);
        Assert.NotNull(problem["errors"]!["plan"]);

        var (created, owned) = await city.PostAsync("/api/ownership", new { petitionNumber = number, leaderId, plan = "十日内约见信访人，会同市住建局核实施工许可" });
        Assert.True(created == HttpStatusCode.Created, owned.ToJsonString());
        var ownershipId = owned["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.Conflict, (await city.PostAsync("/api/ownership", new { petitionId = id, leaderId, plan = "再包一次" })).Status);

        // Owning it, the leader reads the item (the one authorization entry point), read-only.
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/petitions/{id}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync($"/api/petitions/{id}/forward", new { targetOrganizationId = city.Org("330100ZJJ") })).Status);
        var page = await leader.Client.GetStringAsync($"/petitions/{id}");
        Assert.Contains("ownership-badge", page, StringComparison.Ordinal);
        Assert.Contains(number, await leader.Client.GetStringAsync("/ownership/mine"), StringComparison.Ordinal);

        var (early, bad) = await leader.PostAsync($"/api/ownership/{ownershipId}/milestones", new { title = "约见信访人", dueOn = Today.AddDays(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, early);
        Assert.NotNull(bad["errors"]!["dueOn"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await city.PostAsync($"/api/ownership/{ownershipId}/milestones", new { title = "约见", dueOn = Today.AddDays(3) })).Status);
        var (added, withMilestone) = await leader.PostAsync($"/api/ownership/{ownershipId}/milestones", new { title = "约见信访人", dueOn = Today.AddDays(10) });
        Assert.Equal(HttpStatusCode.OK, added);
        var milestoneId = withMilestone["milestones"]![0]!["id"]!.GetValue<Guid>();

        App.Advance(TimeSpan.FromDays(3));
        // Three days on, the sessions have lapsed: sign in again.
        (city, leader) = (await App.StaffAsync("demo.hz.registrar"), await App.StaffAsync("demo.xihu.leader"));
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsync($"/api/ownership/{ownershipId}/milestones/{milestoneId}/done", new { })).Status);
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsync($"/api/ownership/{ownershipId}/notes", new { text = "已约见信访人，施工单位承诺夜间停工" })).Status);
        var (future, _) = await leader.PostAsync($"/api/ownership/{ownershipId}/outcome", new { outcome = "Resolved", outcomeOn = Today.AddDays(1), note = "化解" });
        Assert.Equal(HttpStatusCode.BadRequest, future);
        var (resolved, done) = await leader.PostAsync($"/api/ownership/{ownershipId}/outcome", new { outcome = "Resolved", note = "施工时间调整，信访人表示满意" });
        Assert.True(resolved == HttpStatusCode.OK, done.ToJsonString());
        Assert.Equal("已化解", done["statusName"]!.GetValue<string>());
        Assert.Single(done["notes"]!.AsArray());
        Assert.NotNull(done["milestones"]![0]!["doneOn"]);
        Assert.Equal(HttpStatusCode.Conflict, (await leader.PostAsync($"/api/ownership/{ownershipId}/outcome", new { outcome = "Unresolved", note = "再记" })).Status);
        // Every step is in the audit trail, under the item's number, the refused second outcome not.
        var ownedNumber = done["petitionNumber"]!.GetValue<string>();
        var trail = await App.WithDbAsync(db => db.Set<Xinfang.Web.Audit.AuditEntry>()
            .Where(a => a.Kind == Xinfang.Web.Ownership.OwnershipDesk.AuditKind && a.Subject == ownedNumber).OrderBy(a => a.Sequence).Select(a => a.Summary).ToListAsync());
        Assert.StartsWith("安排领导包案", trail[0], StringComparison.Ordinal);
        Assert.Contains("记录包案结果：化解", trail);
        Assert.DoesNotContain("记录包案结果：未化解", trail);

        // Two more in the 杭州市 jurisdiction: one ends 未化解, one stays open.
        var (second, _, _, _) = await city.RegisterAsync(Letter("老旧小区雨污管网改造拖延" + Guid.NewGuid().ToString("N")[..6]));
        var (third, _, _, _) = await city.RegisterAsync(Letter("公交线路调整不便出行" + Guid.NewGuid().ToString("N")[..6]));
        var (_, o2) = await city.PostAsync("/api/ownership", new { petitionId = second, leaderId, plan = "协调市建委" });
        Assert.Equal(HttpStatusCode.Created, (await city.PostAsync("/api/ownership", new { petitionId = third, leaderId, plan = "协调市交通局" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsync($"/api/ownership/{o2["id"]!.GetValue<Guid>()}/outcome", new { outcome = "Unresolved", note = "资金未落实" })).Status);

        // By hand, 杭州市 in the year: owned 3 more, resolved 1, unresolved 1, open 1 more; 包案化解率 = 1 ÷ (1 + 1) = 50.00 %.
        var (counted, figures) = await city.GetAsync(figuresUrl);
        Assert.True(counted == HttpStatusCode.OK, figures.ToJsonString());
        Assert.Equal(ownedBefore + 3, figures["owned"]!.GetValue<int>());
        Assert.Equal(1, figures["resolved"]!.GetValue<int>());
        Assert.Equal(1, figures["unresolved"]!.GetValue<int>());
        Assert.Equal(openBefore + 1, figures["open"]!.GetValue<int>());
        Assert.Equal(50.00m, figures["resolutionRate"]!.GetValue<decimal>());
        // The 余杭区 jurisdiction has none of them; a body outside the caller's subtree is refused.
        var (other, none) = await city.GetAsync($"/api/ownership/figures?organization={city.Org("330110XFJ")}&from={year}-01-01&to={year}-12-31");
        Assert.Equal(HttpStatusCode.OK, other);
        Assert.Equal(0, none["owned"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/ownership/figures?organization={city.Org("330100XFJ")}")).Status);

        var report = (await city.GetAsync($"/api/reports/annual?org={city.Org("330100XFJ")}&year={year}")).Body["markdown"]!.GetValue<string>();
        Assert.Contains("**领导包案情况**", report, StringComparison.Ordinal);
        Assert.Contains($"| {ownedBefore + 3} | 1 | 1 | {openBefore + 1} | 50.00% | 0 |", report, StringComparison.Ordinal);
        var dashboard = await city.Client.GetStringAsync($"/statistics?org={city.Org("330100XFJ")}&year={year}");
        Assert.Contains("领导包案", dashboard, StringComparison.Ordinal);
        Assert.Contains("50.00%", dashboard, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Only_the_owning_leader_records_and_a_unit_cannot_see_the_ownership()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(Letter("村道路灯损坏" + Guid.NewGuid().ToString("N")[..6]));
        var leaderId = (await registrar.GetAsync("/api/ownership/leaders")).Body.AsArray().Single(l => l!["name"]!.GetValue<string>() == "陈局长")!["id"]!.GetValue<string>();
        var (_, owned) = await registrar.PostAsync("/api/ownership", new { petitionId = id, leaderId, plan = "督促街道一周内修复" });
        var ownershipId = owned["id"]!.GetValue<Guid>();

        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.GetAsync("/api/ownership")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await handler.GetAsync($"/api/ownership/{ownershipId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await handler.PostAsync($"/api/ownership/{ownershipId}/notes", new { text = "进展" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.PostAsync($"/api/ownership/{ownershipId}/outcome", new { outcome = "Resolved", note = "化解" })).Status);
        var (badOutcome, problem) = await (await App.StaffAsync("demo.xihu.leader")).PostAsync($"/api/ownership/{ownershipId}/outcome", new { outcome = "Maybe", note = "化解" });
        Assert.Equal(HttpStatusCode.BadRequest, badOutcome);
        Assert.Contains("化解", problem["errors"]!["outcome"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var (listed, list) = await registrar.GetAsync("/api/ownership?open=true");
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Contains(list.AsArray(), o => o!["id"]!.GetValue<Guid>() == ownershipId);
    }
}

public sealed class OwnershipApiOnSqlite(SqliteFixture fixture) : OwnershipApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class OwnershipApiOnPostgres(PostgresFixture fixture) : OwnershipApiTests(fixture), IClassFixture<PostgresFixture>;
