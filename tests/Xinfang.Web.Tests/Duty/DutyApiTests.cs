using System.Net;
using Xinfang.Domain.Duty;
using Xinfang.Domain.JointMeetings;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Duty;

/// <summary>
/// Duty work over HTTP on SQLite and PostgreSQL (issue 14): a missing 零报告 shown to the level above and not to a
/// sibling; an urgent report passed up two levels with the times made and read (条例 Art. 25); joint-meeting decisions
/// open, overdue and done; bad input answered 400 in Chinese; other jurisdictions refused; and the 余杭区 annual report
/// stating the figures worked out by hand.
/// </summary>
public abstract class DutyApiTests(AppFixture fixture)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private XinfangApp App => fixture.App;

    private DateOnly Today => DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(Beijing).DateTime);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Moves the clock past today's 16:00 cut-off (the default setting), if it is not already.</summary>
    private void PastCutOff()
    {
        var local = App.Clock.GetUtcNow().ToOffset(Beijing);
        if (local.TimeOfDay < TimeSpan.FromHours(16))
        {
            App.Advance(TimeSpan.FromHours(16) - local.TimeOfDay + TimeSpan.FromMinutes(5));
        }
    }

    [SkippableFact]
    public async Task A_missing_zero_report_shows_to_the_level_above_and_not_to_a_sibling()
    {
        var bureau = await App.StaffAsync("demo.xihu.registrar");
        var name = "两会" + Guid.NewGuid().ToString("N")[..6];

        // Bad input changes nothing and is answered in Chinese.
        var (reversed, problem) = await bureau.PostAsync("/api/duty/periods", new { name, from = Day(Today.AddDays(3)), to = Day(Today) });
        Assert.Equal(HttpStatusCode.BadRequest, reversed);
        Assert.Contains("结束日期", problem["errors"]!["to"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await bureau.PostAsync("/api/duty/periods", new { name = "两会\u0007", from = Day(Today), to = Day(Today) })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await bureau.PostAsync("/api/duty/periods", new { name, from = "1999-01-01", to = Day(Today) })).Status);
        var unit = await App.StaffAsync("demo.xihu.zjj.handler");
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.PostAsync("/api/duty/periods", new { name, from = Day(Today), to = Day(Today) })).Status);

        var (declared, period) = await bureau.PostAsync("/api/duty/periods", new { name, from = Day(Today), to = Day(Today.AddDays(3)) });
        Assert.True(declared == HttpStatusCode.Created, period.ToJsonString());
        var id = period["id"]!.GetValue<Guid>();

        // The 住建局 files a 零报告 and its roster line (an office phone only); a second report the same day is refused.
        var (filed, report) = await unit.PostAsync($"/api/duty/periods/{id}/reports", new { });
        Assert.True(filed == HttpStatusCode.Created, report.ToJsonString());
        Assert.True(report["nothing"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Conflict, (await unit.PostAsync($"/api/duty/periods/{id}/reports", new { situations = "再报" })).Status);
        var (badPhone, phoneProblem) = await unit.PostAsync($"/api/duty/periods/{id}/roster", new { day = Day(Today), officer = "张承办", leader = "刘局长", phone = "找张三" });
        Assert.Equal(HttpStatusCode.BadRequest, badPhone);
        Assert.Contains("值班电话", phoneProblem["errors"]!["phone"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await unit.PostAsync($"/api/duty/periods/{id}/roster", new { day = Day(Today), officer = "张承办", leader = "刘局长", phone = "0571-87000002" })).Status);
        Assert.Contains((await bureau.GetAsync($"/api/duty/periods/{id}/roster")).Body.AsArray(), e => e!["phone"]!.GetValue<string>() == "0571-87000002");

        // A body outside the period's subtree and not above it does not see it.
        var outsider = await App.StaffAsync("demo.hz.zjj.reviewer");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/duty/periods/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/duty/periods/{id}/reports", new { })).Status);

        // Past the cut-off, the 人社局 (no report) is missing — for the bureau above it, and the city above that.
        PastCutOff();
        (bureau, unit) = (await App.StaffAsync("demo.xihu.registrar"), await App.StaffAsync("demo.xihu.zjj.handler"));
        var rsj = bureau.Org("330106RSJ");
        var (_, day) = await bureau.GetAsync($"/api/duty/periods/{id}/days/{Day(Today)}");
        Assert.True(day["due"]!.GetValue<bool>());
        Assert.Contains(day["missing"]!.AsArray(), b => b!["id"]!.GetValue<Guid>() == rsj);
        Assert.DoesNotContain(day["missing"]!.AsArray(), b => b!["id"]!.GetValue<Guid>() == bureau.Org("330106ZJJ"));
        Assert.Contains(day["filed"]!.AsArray(), r => r!["organizationId"]!.GetValue<Guid>() == bureau.Org("330106ZJJ") && r["nothing"]!.GetValue<bool>());
        static bool Lists(System.Text.Json.Nodes.JsonNode missing, Guid period, Guid body) =>
            missing.AsArray().Any(m => m!["periodId"]!.GetValue<Guid>() == period && m["bodies"]!.AsArray().Any(b => b!["id"]!.GetValue<Guid>() == body));
        Assert.True(Lists((await bureau.GetAsync("/api/duty/missing")).Body, id, rsj));
        Assert.True(Lists((await (await App.StaffAsync("demo.hz.registrar")).GetAsync("/api/duty/missing")).Body, id, rsj));
        Assert.Contains("值班日报缺报", await bureau.Client.GetStringAsync("/workbench"), StringComparison.Ordinal);
        // The sibling unit does not: its siblings' reports are not its business.
        Assert.False(Lists((await unit.GetAsync("/api/duty/missing")).Body, id, rsj));
        var (_, siblingDay) = await unit.GetAsync($"/api/duty/periods/{id}/days/{Day(Today)}");
        Assert.Empty(siblingDay["missing"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await bureau.GetAsync($"/api/duty/periods/{id}/days/2026-13-01")).Status);
        var page = await bureau.Client.GetStringAsync($"/duty/{id}");
        Assert.Contains("西湖区人力资源和社会保障局", page, StringComparison.Ordinal);
        Assert.Contains("缺报", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_urgent_report_is_passed_up_two_levels_keeping_the_times_made_and_read()
    {
        var county = await App.StaffAsync("demo.xihu.registrar");
        var (item, number, _, _) = await county.RegisterAsync(AppExtensions.Letter("征迁户拟集体赴省上访" + Guid.NewGuid().ToString("N")[..6]));
        var (empty, problem) = await county.PostAsync("/api/urgent-reports", new { summary = " ", petitionId = item });
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Contains("紧急情况摘要", problem["errors"]!["summary"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsync("/api/urgent-reports", new { summary = "聚集\u0001", petitionId = item })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await county.PostAsync("/api/urgent-reports", new { summary = "聚集", petitionNumber = "NO-SUCH-1" })).Status);

        var madeAt = App.Clock.GetUtcNow();
        var (made, report) = await county.PostAsync("/api/urgent-reports", new { summary = "30余名征迁户拟明日集体赴省上访", petitionId = item, note = "请市局掌握" });
        Assert.True(made == HttpStatusCode.Created, report.ToJsonString());
        var id = report["id"]!.GetValue<Guid>();
        Assert.Equal(county.Org("330100XFJ"), report["currentOrganizationId"]!.GetValue<Guid>());

        // Not yet read; the county cannot pass on what it does not hold; a unit below and a body beside do not see it.
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostAsync($"/api/urgent-reports/{id}/pass-on", new { })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.StaffAsync("demo.xihu.zjj.handler")).GetAsync($"/api/urgent-reports/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.StaffAsync("demo.hz.zjj.reviewer")).PostAsync($"/api/urgent-reports/{id}/read", new { })).Status);

        App.Advance(TimeSpan.FromMinutes(12));
        var city = await App.StaffAsync("demo.hz.registrar");
        var readAt = App.Clock.GetUtcNow();
        Assert.Contains((await city.GetAsync("/api/urgent-reports")).Body.AsArray(), r => r!["id"]!.GetValue<Guid>() == id && r["mayMarkRead"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await city.PostAsync($"/api/urgent-reports/{id}/read", new { })).Status);
        App.Advance(TimeSpan.FromMinutes(8));
        var passedAt = App.Clock.GetUtcNow();
        var (passed, up) = await city.PostAsync($"/api/urgent-reports/{id}/pass-on", new { note = "市局已派员赴现场" });
        Assert.True(passed == HttpStatusCode.OK, up.ToJsonString());
        Assert.Equal(HttpStatusCode.Forbidden, (await city.PostAsync($"/api/urgent-reports/{id}/pass-on", new { })).Status);

        App.Advance(TimeSpan.FromMinutes(5));
        var province = await App.StaffAsync("demo.zj.registrar");
        var provinceReadAt = App.Clock.GetUtcNow();
        var (read, top) = await province.PostAsync($"/api/urgent-reports/{id}/read", new { });
        Assert.True(read == HttpStatusCode.OK, top.ToJsonString());
        var steps = top["steps"]!.AsArray();
        Assert.Equal(2, steps.Count);
        Assert.Equal([county.Org("330106XFJ"), county.Org("330100XFJ")], steps.Select(s => s!["fromOrganizationId"]!.GetValue<Guid>()));
        Assert.Equal([county.Org("330100XFJ"), county.Org("330000XFJ")], steps.Select(s => s!["toOrganizationId"]!.GetValue<Guid>()));
        Assert.Equal(["王登记", "郑登记"], steps.Select(s => s!["reportedBy"]!.GetValue<string>()));
        Assert.Equal(["郑登记", "魏登记"], steps.Select(s => s!["readBy"]!.GetValue<string>()));
        Assert.Equal([madeAt, passedAt], steps.Select(s => s!["reportedAt"]!.GetValue<DateTimeOffset>()));
        Assert.Equal([readAt, provinceReadAt], steps.Select(s => s!["readAt"]!.GetValue<DateTimeOffset>()));
        // The province has nobody above it in the system.
        Assert.Equal(HttpStatusCode.Conflict, (await province.PostAsync($"/api/urgent-reports/{id}/pass-on", new { })).Status);

        // Shown on the item's page (its own component) and listed for the item.
        county = await App.StaffAsync("demo.xihu.registrar");
        Assert.Single((await county.GetAsync($"/api/urgent-reports/petition/{item}")).Body.AsArray());
        var page = await county.Client.GetStringAsync($"/petitions/{item}?tab=related");
        Assert.Contains("30余名征迁户拟明日集体赴省上访", page, StringComparison.Ordinal);
        Assert.Contains("浙江省信访局", await county.Client.GetStringAsync($"/urgent-reports/{id}"), StringComparison.Ordinal);
        Assert.NotEmpty(number);
    }

    [SkippableFact]
    public async Task Joint_meeting_decisions_are_tracked_open_overdue_and_done_by_the_owner_body()
    {
        var bureau = await App.StaffAsync("demo.xihu.registrar");
        var (_, number, _, _) = await bureau.RegisterAsync(AppExtensions.Letter("征地补偿款迟迟未发放" + Guid.NewGuid().ToString("N")[..6]));
        Assert.Equal(HttpStatusCode.BadRequest, (await bureau.PostAsync("/api/joint-meetings", new { heldOn = Day(Today.AddDays(1)), topic = "明天的会" })).Status);
        var (recorded, meeting) = await bureau.PostAsync("/api/joint-meetings", new { heldOn = Day(Today.AddDays(-10)), topic = "征地拆迁信访突出问题" + Guid.NewGuid().ToString("N")[..4] });
        Assert.True(recorded == HttpStatusCode.Created, meeting.ToJsonString());
        var meetingId = meeting["id"]!.GetValue<Guid>();
        var zjj = bureau.Org("330106ZJJ");

        var (outside, p1) = await bureau.PostAsync($"/api/joint-meetings/{meetingId}/decisions", new { text = "核算补偿款", ownerOrganizationId = bureau.Org("330100ZJJ"), dueOn = Day(Today) });
        Assert.Equal(HttpStatusCode.BadRequest, outside);
        Assert.Contains("落实单位", p1["errors"]!["ownerOrganizationId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var (early, p2) = await bureau.PostAsync($"/api/joint-meetings/{meetingId}/decisions", new { text = "核算补偿款", ownerOrganizationId = zjj, dueOn = Day(Today.AddDays(-20)) });
        Assert.Equal(HttpStatusCode.BadRequest, early);
        Assert.NotNull(p2["errors"]!["dueOn"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await bureau.PostAsync($"/api/joint-meetings/{meetingId}/decisions", new { text = "x", ownerOrganizationId = zjj, dueOn = Day(Today), petitionNumbers = new[] { "NO-SUCH-1" } })).Status);

        var (made, decision) = await bureau.PostAsync($"/api/joint-meetings/{meetingId}/decisions",
            new { text = "一周内完成补偿款核算并公示", ownerOrganizationId = zjj, dueOn = Day(Today.AddDays(-3)), petitionNumbers = new[] { number } });
        Assert.True(made == HttpStatusCode.Created, decision.ToJsonString());
        var id = decision["id"]!.GetValue<Guid>();
        Assert.True(decision["overdue"]!.GetValue<bool>());
        Assert.Equal(number, decision["items"]![0]!["number"]!.GetValue<string>());

        // The owner body sees it overdue on its list and home; the item it cannot read is only counted.
        var unit = await App.StaffAsync("demo.xihu.zjj.handler");
        var overdue = (await unit.GetAsync("/api/joint-meetings/decisions?status=overdue")).Body.AsArray();
        var mine = overdue.Single(d => d!["id"]!.GetValue<Guid>() == id)!;
        Assert.Empty(mine["items"]!.AsArray());
        Assert.Equal(1, mine["itemsOutOfView"]!.GetValue<int>());
        Assert.Contains("议定事项逾期未落实", await unit.Client.GetStringAsync("/workbench"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await unit.GetAsync("/api/joint-meetings/decisions?status=maybe")).Status);

        // A sibling unit and another jurisdiction do not see it; nobody but the owner or the bureau reports on it.
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.StaffAsync("demo.xihu.rsj.handler")).PostAsync($"/api/joint-meetings/decisions/{id}/notes", new { text = "进展" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.StaffAsync("demo.hz.zjj.reviewer")).GetAsync($"/api/joint-meetings/{meetingId}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.StaffAsync("demo.xihu.leader")).PostAsync($"/api/joint-meetings/decisions/{id}/notes", new { text = "进展" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await unit.PostAsync($"/api/joint-meetings/decisions/{id}/notes", new { text = "" })).Status);

        Assert.Equal(HttpStatusCode.OK, (await unit.PostAsync($"/api/joint-meetings/decisions/{id}/notes", new { text = "已完成入户调查" })).Status);
        var (completed, done) = await unit.PostAsync($"/api/joint-meetings/decisions/{id}/done", new { text = "补偿款已核算并公示" });
        Assert.True(completed == HttpStatusCode.OK, done.ToJsonString());
        Assert.Equal("已落实", done["statusName"]!.GetValue<string>());
        Assert.False(done["overdue"]!.GetValue<bool>());
        Assert.Equal(2, done["notes"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.Conflict, (await unit.PostAsync($"/api/joint-meetings/decisions/{id}/done", new { text = "再报" })).Status);
        Assert.Contains((await bureau.GetAsync("/api/joint-meetings/decisions?status=done")).Body.AsArray(), d => d!["id"]!.GetValue<Guid>() == id);
        Assert.DoesNotContain((await bureau.GetAsync("/api/joint-meetings/decisions?status=overdue")).Body.AsArray(), d => d!["id"]!.GetValue<Guid>() == id);
    }

    [SkippableFact]
    public async Task The_annual_report_of_a_small_jurisdiction_states_the_figures_worked_out_by_hand()
    {
        // 余杭区 in 2025 (three bodies: the bureau Y, the 住建局 Z and 仓前街道 J; no demo account works there, so the records
        // are made through the domain as those bodies would make them). Read back over HTTP by the city above.
        var city = await App.StaffAsync("demo.hz.registrar");
        var (y, z, j) = (city.Org("330110XFJ"), city.Org("330110ZJJ"), city.Org("330110005JD"));
        var (ya, za, ja) = (new Actor("t", "余登记", y), new Actor("t", "余承办", z), new Actor("t", "仓承办", j));
        static DateTimeOffset At(int month, int day, int hour) => new(2025, month, day, hour, 0, 0, Beijing);
        var cutOff = new TimeOnly(16, 0);
        await App.WithDbAsync(async db =>
        {
            // Special period 10-01..10-03: 3 bodies × 3 days = 9 expected. Y files three 零报告; Z files one with a situation
            // on time and a 零报告 late (17:00); J files none. Filed 5, 零报告 4, late 1, missing 9 − 5 = 4.
            var period = SpecialPeriod.Declare(Guid.NewGuid(), y, "国庆", new(2025, 10, 1), new(2025, 10, 3), ya, At(9, 30, 9));
            db.Add(period);
            foreach (var d in new[] { 1, 2, 3 })
            {
                db.Add(DutyReport.File(Guid.NewGuid(), period, y, null, [], ya, At(10, d, 10), cutOff));
            }

            db.Add(DutyReport.File(Guid.NewGuid(), period, z, "发现1人拟进京", [], za, At(10, 1, 10), cutOff));
            db.Add(DutyReport.File(Guid.NewGuid(), period, z, null, [], za, At(10, 2, 17), cutOff));

            // Meeting 11-03, four decisions: D1 done before its deadline, D2 done after it, D3 open past it at the year's
            // end (overdue), D4 open and due in 2026. Meetings 1, made 4, done 2 (1 late), overdue 1, open in time 1.
            var meeting = JointMeeting.Record(Guid.NewGuid(), y, new(2025, 11, 3), "仓前街道征迁信访问题", ya, At(11, 3, 17));
            var d1 = MeetingDecision.Decide(Guid.NewGuid(), meeting, z, "核实补偿", new(2025, 11, 10), [], ya);
            d1.Complete("已核实", za, At(11, 8, 10));
            var d2 = MeetingDecision.Decide(Guid.NewGuid(), meeting, j, "入户走访", new(2025, 11, 20), [], ya);
            d2.Complete("已走访", ja, At(11, 25, 10));
            var d3 = MeetingDecision.Decide(Guid.NewGuid(), meeting, z, "制定安置方案", new(2025, 12, 10), [], ya);
            var d4 = MeetingDecision.Decide(Guid.NewGuid(), meeting, j, "完成安置", new(2026, 1, 31), [], ya);
            db.AddRange(meeting, d1, d2, d3, d4);

            // Urgent: J → Y (read, then passed on to the city, outside 余杭区); Z → Y (unread). Received at the county
            // level inside 余杭区: 2, read 1; arose in 余杭区: 2.
            var u1 = UrgentReport.Report(Guid.NewGuid(), j, y, "村民聚集", null, null, null, ja, At(10, 2, 11));
            u1.MarkRead(y, ya, At(10, 2, 11).AddMinutes(30));
            u1.PassOn(y, city.Org("330100XFJ"), null, ya, At(10, 2, 12));
            var u2 = UrgentReport.Report(Guid.NewGuid(), z, y, "工地欠薪聚集", null, null, null, za, At(10, 3, 9));
            db.AddRange(u1, u2);
            return await db.SaveChangesAsync();
        });

        var (ok, duty) = await city.GetAsync($"/api/duty/figures?organization={y}&from=2025-01-01&to=2025-12-31");
        Assert.True(ok == HttpStatusCode.OK, duty.ToJsonString());
        Assert.Equal((1, 9, 5, 4, 1, 4, 2), (duty["periods"]!.GetValue<int>(), duty["expected"]!.GetValue<int>(), duty["filed"]!.GetValue<int>(),
            duty["zeroReports"]!.GetValue<int>(), duty["late"]!.GetValue<int>(), duty["missing"]!.GetValue<int>(), duty["urgentReports"]!.GetValue<int>()));
        var meetings = (await city.GetAsync($"/api/joint-meetings/figures?organization={y}&from=2025-01-01&to=2025-12-31")).Body;
        Assert.Equal((1, 4, 2, 1, 1, 1), (meetings["meetings"]!.GetValue<int>(), meetings["made"]!.GetValue<int>(), meetings["done"]!.GetValue<int>(),
            meetings["doneLate"]!.GetValue<int>(), meetings["overdue"]!.GetValue<int>(), meetings["openInTime"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.StaffAsync("demo.xihu.registrar")).GetAsync($"/api/duty/figures?organization={y}")).Status);

        var report = (await city.GetAsync($"/api/reports/annual?org={y}&year=2025")).Body["markdown"]!.GetValue<string>();
        Assert.Contains("**联席会议议定事项落实情况**", report, StringComparison.Ordinal);
        Assert.Contains("| 1 | 4 | 2 | 1 | 1 | 1 |", report, StringComparison.Ordinal);
        Assert.Contains("**特殊时期值班和零报告情况**", report, StringComparison.Ordinal);
        Assert.Contains("| 1 | 9 | 5 | 4 | 1 | 4 |", report, StringComparison.Ordinal);
        Assert.Contains("| 县级 | 2 | 1 |", report, StringComparison.Ordinal);
        var dashboard = await city.Client.GetStringAsync($"/statistics?org={y}&year=2025");
        Assert.Contains("特殊时期值班和零报告情况", dashboard, StringComparison.Ordinal);
        Assert.Contains("联席会议议定事项", dashboard, StringComparison.Ordinal);
    }
}

public sealed class DutyApiOnSqlite(SqliteFixture fixture) : DutyApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class DutyApiOnPostgres(PostgresFixture fixture) : DutyApiTests(fixture), IClassFixture<PostgresFixture>;
