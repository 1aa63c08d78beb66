using System.Net;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Reception;

/// <summary>
/// 改期 and 取消 of a planned 领导接访 over HTTP on both providers (issue 14): the public 信访公开 page shows the new time
/// with the one it replaced, and a cancelled session marked 已取消; a session that received visitors is not cancelled;
/// bad input answers a Chinese 400 and changes nothing; every step is audited. The fake clock starts 2026-03-10 09:00 (+08:00).
/// </summary>
public abstract class ReceptionChangeApiTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private static Dictionary<string, object?> Plan(string leader, string startsAt) => new()
    {
        ["leaderName"] = leader,
        ["leaderPost"] = "西湖区副区长",
        ["place"] = "西湖区信访局接待大厅",
        ["startsAt"] = startsAt,
        ["kind"] = "Regular",
    };

    [SkippableFact]
    public async Task A_moved_session_shows_its_new_time_and_a_cancelled_one_is_marked_on_the_public_page()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (_, planned) = await registrar.PostAsync("/api/reception/sessions", Plan("冯改期", "2026-03-12T09:00:00+08:00"));
        var id = planned["id"]!.GetValue<Guid>();

        var (noReason, p1) = await registrar.PostAsync($"/api/reception/sessions/{id}/move", new { startsAt = "2026-03-13T15:00:00+08:00" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.Contains("理由", p1["errors"]!["reason"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var (past, p2) = await registrar.PostAsync($"/api/reception/sessions/{id}/move", new { startsAt = "2026-03-09T15:00:00+08:00", reason = "调整" });
        Assert.Equal(HttpStatusCode.BadRequest, past);
        Assert.NotNull(p2["errors"]!["startsAt"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await registrar.PostAsync($"/api/reception/sessions/{id}/move", new { reason = "调整" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await registrar.PostAsync($"/api/reception/sessions/{id}/move", new { startsAt = "2026-03-13T15:00:00+08:00", reason = "调整\u0007" })).Status);
        var leader = await App.StaffAsync("demo.xihu.leader");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync($"/api/reception/sessions/{id}/move", new { startsAt = "2026-03-13T15:00:00+08:00", reason = "调整" })).Status);
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        Assert.Equal(HttpStatusCode.NotFound, (await handler.PostAsync($"/api/reception/sessions/{id}/cancel", new { reason = "取消" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await registrar.PostAsync($"/api/reception/sessions/{Guid.NewGuid()}/cancel", new { reason = "取消" })).Status);

        var (moved, view) = await registrar.PostAsync($"/api/reception/sessions/{id}/move", new { startsAt = "2026-03-13T15:00:00+08:00", place = "西湖区政府三楼会议室", reason = "区长参加防汛会议" });
        Assert.True(moved == HttpStatusCode.OK, view.ToJsonString());
        Assert.Equal("西湖区政府三楼会议室", view["place"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse("2026-03-13T15:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture), view["startsAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("西湖区信访局接待大厅", view["previousPlace"]!.GetValue<string>());
        Assert.Equal("已安排", view["statusName"]!.GetValue<string>());

        var (_, other) = await registrar.PostAsync("/api/reception/sessions", Plan("褚取消", "2026-03-14T09:00:00+08:00"));
        var otherId = other["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.BadRequest, (await registrar.PostAsync($"/api/reception/sessions/{otherId}/cancel", new { reason = "" })).Status);
        var (cancelled, gone) = await registrar.PostAsync($"/api/reception/sessions/{otherId}/cancel", new { reason = "接访领导临时出差" });
        Assert.True(cancelled == HttpStatusCode.OK, gone.ToJsonString());
        Assert.Equal("已取消", gone["statusName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsync($"/api/reception/sessions/{otherId}/cancel", new { reason = "再取消" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsync($"/api/reception/sessions/{otherId}/move", new { startsAt = "2026-03-15T09:00:00+08:00", reason = "改期" })).Status);

        // The public page: the moved session at its new time, marked 已改期 with the time it replaced; the cancelled one marked 已取消, its reason not published.
        var page = System.Net.WebUtility.HtmlDecode(await App.CreateClient().GetStringAsync("/guide/330106XFJ"));
        var movedRow = Row(page, "冯改期");
        Assert.Contains("2026-03-13 15:00", movedRow, StringComparison.Ordinal);
        Assert.Contains("已改期", movedRow, StringComparison.Ordinal);
        Assert.Contains("原定 2026-03-12 09:00", movedRow, StringComparison.Ordinal);
        Assert.Contains("西湖区政府三楼会议室", movedRow, StringComparison.Ordinal);
        var cancelledRow = Row(page, "褚取消");
        Assert.Contains("已取消", cancelledRow, StringComparison.Ordinal);
        Assert.DoesNotContain("出差", page, StringComparison.Ordinal);

        var trail = await App.WithDbAsync(db => db.Set<Xinfang.Web.Audit.AuditEntry>().Where(a => a.SubjectId == id.ToString() || a.SubjectId == otherId.ToString())
            .OrderBy(a => a.Sequence).Select(a => a.Summary).ToListAsync());
        Assert.Contains("接访改期：冯改期，原定2026-03-12 09:00，西湖区信访局接待大厅，改为2026-03-13 15:00，西湖区政府三楼会议室（区长参加防汛会议）", trail);
        Assert.Contains(trail, t => t.StartsWith("取消领导接访：褚取消", StringComparison.Ordinal) && t.Contains("接访领导临时出差", StringComparison.Ordinal));
        Assert.Equal(4, trail.Count); // two plans, one move, one cancellation — the refused steps not
    }

    [SkippableFact]
    public async Task A_session_that_received_a_visitor_cannot_be_cancelled_and_a_cancelled_one_registers_none()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (_, planned) = await registrar.PostAsync("/api/reception/sessions", Plan("卫接待", "2026-03-10T14:00:00+08:00"));
        var id = planned["id"]!.GetValue<Guid>();
        var (registered, visitor) = await registrar.PostAsync($"/api/reception/sessions/{id}/visitors", AppExtensions.Letter("村道塌陷无人修复"));
        Assert.True(registered == HttpStatusCode.Created, visitor.ToJsonString());

        var (refused, problem) = await registrar.PostAsync($"/api/reception/sessions/{id}/cancel", new { reason = "取消" });
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Contains("已接待来访人", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsync($"/api/reception/sessions/{id}/move", new { startsAt = "2026-03-11T09:00:00+08:00", reason = "改期" })).Status);
        Assert.Equal("Held", (await registrar.GetAsync($"/api/reception/sessions/{id}")).Body["status"]!.GetValue<string>());

        var (_, today) = await registrar.PostAsync("/api/reception/sessions", Plan("蒋取消", "2026-03-10T08:00:00+08:00"));
        var todayId = today["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.OK, (await registrar.PostAsync($"/api/reception/sessions/{todayId}/cancel", new { reason = "领导临时有会" })).Status);
        var (none, why) = await registrar.PostAsync($"/api/reception/sessions/{todayId}/visitors", AppExtensions.Letter("路灯损坏"));
        Assert.Equal(HttpStatusCode.Conflict, none);
        Assert.Contains("已取消", why["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsync($"/api/reception/sessions/{todayId}/held", null)).Status);
    }

    /// <summary>The public schedule's table row naming the leader.</summary>
    private static string Row(string page, string leader)
    {
        var at = page.IndexOf(leader, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{leader} not on the public page");
        var start = page.LastIndexOf("<tr", at, StringComparison.Ordinal);
        var end = page.IndexOf("</tr>", at, StringComparison.Ordinal);
        return page[start..end];
    }
}

public sealed class ReceptionChangeApiOnSqlite(SqliteFixture fixture) : ReceptionChangeApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ReceptionChangeApiOnPostgres(PostgresFixture fixture) : ReceptionChangeApiTests(fixture), IClassFixture<PostgresFixture>;
