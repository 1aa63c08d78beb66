using System.Net;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Deadlines;
using Xinfang.Web.Tests.Infrastructure;
using static Xinfang.Web.Tests.Supervision.SupervisionTestSupport;

namespace Xinfang.Web.Tests.Supervision;

/// <summary>
/// Supervision over HTTP with the fake clock, on SQLite and PostgreSQL: warnings by the sweeper, the
/// supervisors' list, 督办 with reminders and written feedback (条例 Art. 40), execution supervision
/// (Art. 32 ¶2), recommendations (Art. 40 ¶2–4) and joint-meeting measures (Art. 39 ¶3).
/// </summary>
public abstract class SupervisionTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private Task<Staff> As(string user) => App.StaffAsync(user);

    [SkippableFact]
    public async Task The_sweeper_closes_an_item_whose_review_window_lapsed_Art_35()
    {
        var (id, _) = await App.HandlingItemAsync("复查期限届满测试");
        var handler = await As(SupervisionTestSupport.Handler);
        await (await App.StaffAsync("demo.xihu.zjj.head")).ActAsync(id, "decide", new { outcome = "NotSupport", petitionerRequest = "退费", facts = "收费有据", reasons = "不予支持", legalBasis = "《物业管理条例》" });
        var servedOn = App.Today();
        await handler.ActAsync(id, "serve", new { method = "InPerson", servedOn, signedByPetitioner = true });

        // Day 30 after receipt of the reply: still open (the day of receipt is day 0).
        App.GoTo(servedOn.AddDays(30), hour: 20);
        await App.SweepAsync();
        var (_, open) = await (await As(SupervisionTestSupport.Registrar)).GetAsync($"/api/petitions/{id}");
        Assert.Equal("Served", open.State());

        App.GoTo(servedOn.AddDays(31));
        var result = await App.SweepAsync();
        Assert.True(result.ItemsClosed >= 1);
        var (_, closed) = await (await As(SupervisionTestSupport.Registrar)).GetAsync($"/api/petitions/{id}");
        Assert.Equal("Closed", closed.State());
        Assert.Equal("超期未申请复查", closed["nationalState"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task An_item_goes_yellow_red_overdue_is_supervised_reminded_and_closed_by_the_units_written_feedback()
    {
        var (id, handling) = await App.HandlingItemAsync();
        var start = handling.Date("startedOn");
        var due = handling.Date("dueOn");

        // Before 80 % of the period: nothing is recorded for this item.
        App.GoTo(FirstDay(start, due, DeadlineWarning.Yellow).AddDays(-1));
        await App.SweepAsync();
        Assert.Empty(await App.WarningsAsync(id));

        // Yellow, then a second sweep the same day adds nothing.
        App.GoTo(FirstDay(start, due, DeadlineWarning.Yellow));
        Assert.True((await App.SweepAsync()).Swept);
        await App.SweepAsync();
        Assert.Equal([("Handling", due, "Yellow")], await App.WarningsAsync(id));
        var supervisor = await As(Supervisor);
        var (_, yellow) = await supervisor.GetAsync("/api/supervision/warnings");
        Assert.Equal("黄", yellow.Row(id)!["levelName"]!.GetValue<string>());

        App.GoTo(FirstDay(start, due, DeadlineWarning.Red));
        await App.SweepAsync();
        App.GoTo(due.AddDays(1));
        await App.SweepAsync();
        await App.SweepAsync();
        Assert.Equal(["Yellow", "Red", "Overdue"], (await App.WarningsAsync(id)).Select(w => w.Level));

        // Overdue items appear on the supervisors' list (domain.md §6), filtered by level.
        supervisor = await As(Supervisor);
        var (status, overdue) = await supervisor.GetAsync("/api/supervision/warnings?level=Overdue");
        Assert.Equal(HttpStatusCode.OK, status);
        var row = overdue.Row(id)!;
        Assert.Equal("逾期", row["levelName"]!.GetValue<string>());
        Assert.Equal("Handling", row["deadlineKind"]!.GetValue<string>());
        Assert.Equal("西湖区住房和城乡建设局", row["organizationName"]!.GetValue<string>());
        Assert.Null((await supervisor.GetAsync("/api/supervision/warnings?level=Yellow")).Body.Row(id));

        // 督办 for the missed deadline (Art. 40 ¶1, Art. 45(一)), addressed to the unit, 30 days to answer.
        var (created, notice) = await supervisor.PostAsync("/api/supervision/notices", new { petitionId = id, reason = "MissedDeadline", details = "该件已超过办理期限，请说明原因并尽快办结" });
        Assert.Equal(HttpStatusCode.Created, created);
        var noticeId = notice["id"]!.GetValue<Guid>();
        var feedbackDue = notice.Date("feedbackDueOn");
        Assert.Equal(App.Today().AddDays(30), feedbackDue);
        Assert.Equal(supervisor.Org("330106ZJJ"), notice["addressedToOrganizationId"]!.GetValue<Guid>());
        Assert.Contains("督办通知下发", notice["feedbackExplanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, (await supervisor.GetAsync("/api/supervision/warnings?level=Overdue")).Body.Row(id)!["openNotices"]!.GetValue<int>());

        // 催办 by hand.
        var (reminded, withReminder) = await supervisor.PostAsync($"/api/supervision/notices/{noticeId}/reminders", new { text = "请于本周内书面反馈" });
        Assert.True(reminded == HttpStatusCode.OK, withReminder.ToJsonString());
        Assert.False(withReminder["reminders"]![0]!["automatic"]!.GetValue<bool>());

        // On the last feedback day nothing is sent; the day after, the sweeper reminds once.
        App.GoTo(feedbackDue, 20);
        await App.SweepAsync();
        App.GoTo(feedbackDue.AddDays(1));
        Assert.True((await App.SweepAsync()).RemindersSent >= 1);
        await App.SweepAsync();
        supervisor = await As(Supervisor);
        var listed = (await supervisor.GetAsync($"/api/supervision/notices?petitionId={id}")).Body.AsArray().Single()!;
        Assert.True(listed["feedbackOverdue"]!.GetValue<bool>());
        var automatic = listed["reminders"]!.AsArray().Where(r => r!["automatic"]!.GetValue<bool>()).ToList();
        Assert.Single(automatic);
        Assert.Equal(feedbackDue.AddDays(1), automatic[0]!.Date("on"));

        // The unit answers in writing: the notice closes (late), and no more reminders follow.
        var handler = await As(Handler);
        var (answered, closed) = await handler.PostAsync($"/api/supervision/notices/{noticeId}/feedback", new { feedback = "已于本月作出处理意见并送达信访人，超期原因系需补充现场勘查" });
        Assert.Equal(HttpStatusCode.OK, answered);
        Assert.Equal("Answered", closed["status"]!.GetValue<string>());
        Assert.True(closed["answeredLate"]!.GetValue<bool>());
        App.GoTo(feedbackDue.AddDays(2));
        await App.SweepAsync();
        supervisor = await As(Supervisor);
        Assert.Equal(2, (await supervisor.GetAsync($"/api/supervision/notices?petitionId={id}")).Body[0]!["reminders"]!.AsArray().Count);
        var (again, problem) = await supervisor.PostAsync($"/api/supervision/notices/{noticeId}/reminders", new { text = "再催" });
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("supervision.remind-after-feedback", problem["code"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task The_execution_of_a_supported_decision_is_supervised_article_32()
    {
        var (supported, _) = await App.HandlingItemAsync("要求退还多收的停车费");
        var (notSupported, _) = await App.HandlingItemAsync("要求免除全部物业费");
        var handler = await As(Handler);
        await (await App.StaffAsync("demo.xihu.zjj.head")).ActAsync(supported, "decide", new { outcome = "Support", petitionerRequest = "退费", facts = "物业未经表决收费", reasons = "收费缺乏依据", legalBasis = "《物业管理条例》" });
        await handler.ActAsync(supported, "serve", new { method = "InPerson", servedOn = App.Today(), signedByPetitioner = true });
        await (await App.StaffAsync("demo.xihu.zjj.head")).ActAsync(notSupported, "decide", new { outcome = "NotSupport", petitionerRequest = "免费", facts = "收费经业主大会表决", reasons = "收费有据", legalBasis = "《物业管理条例》" });

        var supervisor = await As(Supervisor);
        var (status, notice) = await supervisor.PostAsync("/api/supervision/notices", new { petitionId = supported, reason = "ExecutionOfSupportedDecision", details = "请督促物业公司在十五日内退还多收费用并报告" });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("督促执行支持意见", notice["reasonName"]!.GetValue<string>());

        var (refused, problem) = await supervisor.PostAsync("/api/supervision/notices", new { petitionId = notSupported, reason = "ExecutionOfSupportedDecision", details = "督促执行" });
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Equal("supervision.not-supported", problem["code"]!.GetValue<string>());
        Assert.Contains("第三十二条", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_recommendation_gets_its_adoption_feedback_article_40()
    {
        var supervisor = await As(Supervisor);
        var unit = supervisor.Org("330106ZJJ");
        var (bad, errors) = await supervisor.PostAsync("/api/supervision/recommendations", new { kind = "Accountability", text = "建议追责", addressedToOrganizationId = unit });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal(["consequences", "subject", "subjectName"], errors["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));

        var (created, recommendation) = await supervisor.PostAsync("/api/supervision/recommendations", new { kind = "ImproveWork", text = "建议建立物业收费投诉快速处理机制", addressedToOrganizationId = unit });
        Assert.Equal(HttpStatusCode.Created, created);
        var id = recommendation["id"]!.GetValue<Guid>();
        Assert.Equal(App.Today().AddDays(30), recommendation.Date("feedbackDueOn"));

        var head = await As(UnitHead);
        var (missing, problem) = await head.PostAsync($"/api/supervision/recommendations/{id}/adoption", new { feedback = "" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal(["adoption", "feedback"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        var (ok, adopted) = await head.PostAsync($"/api/supervision/recommendations/{id}/adoption", new { adoption = "PartlyAdopted", feedback = "已建立快速处理机制；收费公示制度需待区里统一部署" });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("部分采纳", adopted["adoptionName"]!.GetValue<string>());
        var (twice, _) = await head.PostAsync($"/api/supervision/recommendations/{id}/adoption", new { adoption = "Adopted", feedback = "全部采纳" });
        Assert.Equal(HttpStatusCode.Conflict, twice);

        var listed = (await supervisor.GetAsync("/api/supervision/recommendations")).Body.AsArray().Single(r => r!["id"]!.GetValue<Guid>() == id)!;
        Assert.Equal("PartlyAdopted", listed["adoption"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_joint_meeting_measure_is_recorded_with_its_reason_article_39()
    {
        var supervisor = await As(Supervisor);
        var unit = supervisor.Org("330106ZJJ");
        var (bad, errors) = await supervisor.PostAsync("/api/supervision/measures", new { kind = "Summons", target = "Leader", targetOrganizationId = unit });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal(["decidedBy", "decidedOn", "leaderName", "reason"], errors["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));

        var (created, measure) = await supervisor.PostAsync("/api/supervision/measures", new
        {
            kind = "ListedSupervision",
            target = "LeadershipTeam",
            targetOrganizationId = unit,
            reason = "信访事项超期率连续两个季度全区最高，履职不力",
            decidedOn = App.Today(),
            decidedBy = "西湖区信访工作联席会议2026年第1次会议",
            rectifyBy = App.Today().AddDays(60),
        });
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("挂牌督办", measure["kindName"]!.GetValue<string>());

        var (future, problem) = await supervisor.PostAsync("/api/supervision/measures", new { kind = "Summons", target = "Leader", targetOrganizationId = unit, leaderName = "刘某（局长）", reason = "履职不力", decidedOn = App.Today().AddDays(1), decidedBy = "联席会议" });
        Assert.Equal(HttpStatusCode.Conflict, future);
        Assert.Equal("measure.decided-in-future", problem["code"]!.GetValue<string>());

        var listed = (await supervisor.GetAsync("/api/supervision/measures")).Body.AsArray().Single(m => m!["id"]!.GetValue<Guid>() == measure["id"]!.GetValue<Guid>())!;
        Assert.Equal("信访事项超期率连续两个季度全区最高，履职不力", listed["reason"]!.GetValue<string>());
        Assert.Equal("西湖区住房和城乡建设局", listed["targetOrganizationName"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Bad_input_names_its_fields_and_only_the_bureaus_supervisors_issue()
    {
        var supervisor = await As(Supervisor);
        var (bad, errors) = await supervisor.PostAsync("/api/supervision/notices", new { reason = "Nonsense" });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("reason", errors.ToJsonString(), StringComparison.Ordinal);
        var (missing, problem) = await supervisor.PostAsync("/api/supervision/notices", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal(["details", "petitionId", "reason"], problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync("/api/supervision/warnings?level=Normal")).Status);

        var (id, _) = await App.HandlingItemAsync();
        var handler = await As(Handler);
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.PostAsync("/api/supervision/notices", new { petitionId = id, reason = "Delay", details = "拖延" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.GetAsync("/api/supervision/warnings")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PostAsync("/api/supervision/notices", new { petitionId = Guid.NewGuid(), reason = "Delay", details = "拖延" })).Status);
        // Not yet overdue: a missed deadline cannot be the reason.
        var (notOverdue, rule) = await supervisor.PostAsync("/api/supervision/notices", new { petitionId = id, reason = "MissedDeadline", details = "超期" });
        Assert.Equal(HttpStatusCode.Conflict, notOverdue);
        Assert.Equal("supervision.not-overdue", rule["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync("/api/supervision/warnings")).StatusCode);
    }

    [SkippableFact]
    public async Task The_supervisors_page_shows_levels_and_open_notices()
    {
        var (id, handling) = await App.HandlingItemAsync("页面测试：道路破损");
        App.GoTo(handling.Date("dueOn").AddDays(1));
        await App.SweepAsync();
        var supervisor = await As(Supervisor);
        await supervisor.PostAsync("/api/supervision/notices", new { petitionId = id, reason = "Delay", details = "请加快办理" });
        var html = await supervisor.Client.GetStringAsync("/supervision");
        Assert.Contains("督办工作台", html, StringComparison.Ordinal);
        Assert.Contains("逾期", html, StringComparison.Ordinal);
        Assert.Contains("页面测试：道路破损", html, StringComparison.Ordinal);
        Assert.Contains("反馈期限", html, StringComparison.Ordinal);
    }
}

public sealed class SupervisionOnSqlite(SqliteFixture fixture) : SupervisionTests(fixture), IClassFixture<SqliteFixture>;

public sealed class SupervisionOnPostgres(PostgresFixture fixture) : SupervisionTests(fixture), IClassFixture<PostgresFixture>;
