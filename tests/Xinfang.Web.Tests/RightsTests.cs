using System.Net;
using System.Text.Json.Nodes;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Supervision;

namespace Xinfang.Web.Tests;

/// <summary>
/// Issue 10, items 2, 4 and 5 over HTTP on SQLite and PostgreSQL: the petitioner's 复查/复核 rights are
/// never cut off (条例 Arts. 35–36), a unit's way out of a wrong forward is the objection (Art. 23 ¶3),
/// 不再受理 under Art. 36 ¶3 rests on a linked re-reviewed item, and the evaluation status with its
/// 回访 after 不满意 (domain.md §8).
/// </summary>
public abstract class RightsTests(AppFixture fixture)
{
    private const string Registrar = "demo.xihu.registrar";
    private const string Handler = "demo.xihu.zjj.handler";

    private XinfangApp App => fixture.App;

    private Task<Staff> As(string user) => App.StaffAsync(user);

    [SkippableFact]
    public async Task The_bureau_cannot_close_on_the_day_its_answer_is_served_Art_35()
    {
        var (id, _) = await AnsweredByTheBureauAsync("送达当日办结测试");
        var registrar = await As(Registrar);

        var (status, problem) = await registrar.PostAsync($"/api/petitions/{id}/close", new { note = "已答复" });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("review-window-open", problem["code"]!.GetValue<string>());
        Assert.Contains("第三十五条", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Served", (await registrar.GetAsync($"/api/petitions/{id}")).Body.State());
    }

    [SkippableFact]
    public async Task A_review_request_after_the_sweeper_closed_the_item_is_recorded_and_answered_in_writing_Art_35()
    {
        var (id, number, code, servedOn) = await ServedItemAsync("期满后申请复查测试");

        // Day 31: the sweeper closes it as 超期未申请复查; the petitioner's request then still gets a written answer.
        App.GoTo(servedOn.AddDays(31));
        Assert.True((await App.SweepAsync()).ItemsClosed >= 1);
        var registrar = await As(Registrar);
        var answered = await registrar.ActAsync(id, "review", new { reviewOrganizationId = registrar.Org("330100ZJJ"), reasons = "对处理意见不服" });

        Assert.Equal("Closed", answered.State());
        Assert.Equal("超期未申请复查", answered["nationalState"]!.GetValue<string>());
        Assert.Equal("RequestReview", answered["history"]!.AsArray()[^1]!["action"]!.GetValue<string>());
        var progress = await TrackAsync(number, code);
        var notice = progress["documents"]!.AsArray().Single(d => d!["title"]!.GetValue<string>() == "复查申请不予受理告知书")!;
        Assert.Contains("第三十五条", notice["body"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Closing_after_the_review_window_lapsed_closes_the_item_as_not_asked_for()
    {
        var (id, servedOn) = await AnsweredByTheBureauAsync("期满后办结测试");
        App.GoTo(servedOn.AddDays(31));
        var registrar = await As(Registrar);

        var closed = await registrar.ActAsync(id, "close", new { note = "期满未申请复查" });

        Assert.Equal("Closed", closed.State());
        Assert.Equal("超期未申请复查", closed["nationalState"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_unit_cannot_decline_a_forwarded_item_as_not_competent_and_objects_instead()
    {
        var registrar = await As(Registrar);
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("转送不当测试"));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var handler = await As(Handler);

        var (status, problem) = await handler.PostAsync($"/api/petitions/{id}/decline", new { rule = "NotCompetent", reason = "不属于本局职权", whereToGo = "北山街道" });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("not-competent-needs-objection", problem["code"]!.GetValue<string>());
        Assert.Contains("提出异议", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Forwarded", (await handler.GetAsync($"/api/petitions/{id}")).Body.State());
        var objected = await handler.ActAsync(id, "objection", new { detailedReasons = "该道路属于街道管理，不属于本局职权范围，请转北山街道办理。" });
        Assert.Equal("ObjectionRaised", objected.State());
    }

    [SkippableFact]
    public async Task Refusing_again_under_Art_36_needs_a_linked_re_reviewed_item()
    {
        var reReviewed = await ReReviewedItemAsync();
        var (notReReviewed, _, _, _) = await ServedItemAsync("未经复核的初件");
        var registrar = await As(Registrar);
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("同一事实再次来信"));
        var refuse = new Dictionary<string, object?> { ["rule"] = "AfterReReview", ["reason"] = "同一事实和理由已经复核", ["whereToGo"] = "无" };

        var (unlinked, problem) = await registrar.PostAsync($"/api/petitions/{id}/refuse-again", refuse);
        Assert.Equal(HttpStatusCode.Conflict, unlinked);
        Assert.Equal("after-re-review-needs-earlier-item", problem["code"]!.GetValue<string>());

        refuse["earlierItemId"] = notReReviewed;
        var (notReviewed, problem2) = await registrar.PostAsync($"/api/petitions/{id}/refuse-again", refuse);
        Assert.Equal(HttpStatusCode.Conflict, notReviewed);
        Assert.Contains("第三十六条第三款", problem2["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        refuse["earlierItemId"] = Guid.NewGuid();
        var (unknown, problem3) = await registrar.PostAsync($"/api/petitions/{id}/refuse-again", refuse);
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.NotNull(problem3["errors"]!["earlierItemId"]);

        refuse["earlierItemId"] = reReviewed;
        var refused = await registrar.ActAsync(id, "refuse-again", refuse);
        Assert.Equal("RefusedAgain", refused.State());
        Assert.Equal(reReviewed, refused["firstItemId"]!.GetValue<Guid>());
        Assert.Equal("NotEvaluated", refused["evaluationStatus"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task The_evaluation_status_runs_from_pending_to_rated_and_a_dissatisfied_unit_owes_a_return_visit()
    {
        var (id, number, code, servedOn) = await ServedItemAsync("回访测试");
        var registrar = await As(Registrar);
        var (_, before) = await registrar.GetAsync($"/api/petitions/{id}");
        Assert.Equal("Pending", before["evaluationStatus"]!.GetValue<string>());
        Assert.Equal("待评价", (await TrackAsync(number, code))["evaluationStatusName"]!.GetValue<string>());

        var rated = await App.CreateClient().PostAsync("/api/public/rating", Json(new { number, queryCode = code, bureau = "Satisfied", unit = "Dissatisfied", unitReason = "补偿款仍未到位" }));
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        var progress = await TrackAsync(number, code);
        Assert.Equal("已评价", progress["evaluationStatusName"]!.GetValue<string>());
        Assert.False(progress["canRate"]!.GetValue<bool>());

        // The unit rated 不满意 owes the 回访; the bureau (rated 满意) owes none and may not record it.
        var handler = await As(Handler);
        var (_, list) = await handler.GetAsync("/api/return-visits");
        var visit = list.AsArray().Single(v => v!["petitionId"]!.GetValue<Guid>() == id)!;
        Assert.Equal("Unit", visit["ratedBody"]!.GetValue<string>());
        Assert.Equal("补偿款仍未到位", visit["dissatisfiedReason"]!.GetValue<string>());
        Assert.Equal(servedOn, DateOnly.Parse(visit["openedOn"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        var visitId = visit["id"]!.GetValue<Guid>();
        Assert.DoesNotContain((await registrar.GetAsync("/api/return-visits")).Body.AsArray(), v => v!["petitionId"]!.GetValue<Guid>() == id);
        var result = new { visitedOn = servedOn, visitedBy = "局长 刘某", method = "HomeVisit", result = "上门说明补偿款发放进度，承诺两周内到位", petitionerView = "表示理解，等待发放" };
        var (forbidden, _) = await registrar.PostAsync($"/api/return-visits/{visitId}/result", result);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        var (bad, problem) = await handler.PostAsync($"/api/return-visits/{visitId}/result", new { visitedBy = "局长 刘某", result = "已回访" });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.NotNull(problem["errors"]!["visitedOn"]);
        Assert.NotNull(problem["errors"]!["method"]);

        var (ok, recorded) = await handler.PostAsync($"/api/return-visits/{visitId}/result", result);
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.False(recorded["isOpen"]!.GetValue<bool>());
        Assert.Equal("上门回访", recorded["methodName"]!.GetValue<string>());
        Assert.DoesNotContain((await handler.GetAsync("/api/return-visits")).Body.AsArray(), v => v!["id"]!.GetValue<Guid>() == visitId);
        Assert.Contains((await handler.GetAsync("/api/return-visits?open=false")).Body.AsArray(), v => v!["id"]!.GetValue<Guid>() == visitId);
        var (again, _) = await handler.PostAsync($"/api/return-visits/{visitId}/result", result);
        Assert.Equal(HttpStatusCode.Conflict, again);

        var (_, ofItem) = await registrar.GetAsync($"/api/petitions/{id}/return-visits");
        Assert.Equal("表示理解，等待发放", ofItem.AsArray().Single()!["petitionerView"]!.GetValue<string>());
        var page = await handler.Client.GetStringAsync($"/petitions/{id}");
        Assert.Contains("<dd id=\"evaluation-status\">已评价</dd>", page, StringComparison.Ordinal);
        Assert.Contains("上门说明补偿款发放进度", await handler.Client.GetStringAsync($"/petitions/{id}?tab=process"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_rating_after_the_window_is_refused_and_the_status_says_lapsed()
    {
        var (id, number, code, servedOn) = await ServedItemAsync("超期评价测试");
        App.GoTo(servedOn.AddDays(31));

        var late = await App.CreateClient().PostAsync("/api/public/rating", Json(new { number, queryCode = code, bureau = "Satisfied", unit = "Satisfied" }));

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var problem = await Staff.ReadAsync(late);
        Assert.Equal("rating-window-closed", problem["code"]!.GetValue<string>());
        Assert.Contains("超期未评价", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("国信发〔2022〕11号", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("超期未评价", (await TrackAsync(number, code))["evaluationStatusName"]!.GetValue<string>());
        var (_, petition) = await (await As(Registrar)).GetAsync($"/api/petitions/{id}");
        Assert.Equal("Lapsed", petition["evaluationStatus"]!.GetValue<string>());
    }

    /// <summary>Registered at 西湖区信访局, forwarded to its 住建局, handled on route 6 and served today.</summary>
    private async Task<(Guid Id, string Number, string Code, DateOnly ServedOn)> ServedItemAsync(string title)
    {
        var registrar = await As(Registrar);
        var (id, number, code, _) = await registrar.RegisterAsync(AppExtensions.Letter(title));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var handler = await As(Handler);
        await handler.ActAsync(id, "accept");
        await handler.ActAsync(id, "route", new { route = "Investigate" });
        await (await App.StaffAsync("demo.xihu.zjj.head")).ActAsync(id, "decide", new { outcome = "NotSupport", petitionerRequest = "退费", facts = "收费经业主大会表决", reasons = "收费有据", legalBasis = "《物业管理条例》" });
        var today = App.Today();
        await handler.ActAsync(id, "serve", new { method = "InPerson", servedOn = today, signedByPetitioner = true });
        return (id, number, code, today);
    }

    /// <summary>Answered directly by 西湖区信访局 and served today: the bureau holds it and may close it.</summary>
    private async Task<(Guid Id, DateOnly ServedOn)> AnsweredByTheBureauAsync(string title)
    {
        var registrar = await As(Registrar);
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter(title));
        await registrar.ActAsync(id, "answer", new { answer = "经核实，收费标准已公示，符合规定。" });
        var today = App.Today();
        await registrar.ActAsync(id, "serve", new { method = "Post", servedOn = today, signedByPetitioner = true });
        return (id, today);
    }

    /// <summary>An item taken through 复查 and 复核 (条例 Arts. 35–36): its 复核 opinion is served.</summary>
    private async Task<Guid> ReReviewedItemAsync()
    {
        var (id, _, _, today) = await ServedItemAsync("已经复核的初件");
        var registrar = await As(Registrar);
        await registrar.ActAsync(id, "review", new { reviewOrganizationId = registrar.Org("330100ZJJ"), reasons = "对处理意见不服" });
        var reviewer = await As("demo.hz.zjj.reviewer");
        await reviewer.ActAsync(id, "review-opinion", new { opinion = "维持原处理意见", servedOn = today, outcome = "Upheld" });
        await reviewer.ActAsync(id, "re-review", new { reviewOrganizationId = reviewer.Org("330000ZJT"), reasons = "对复查意见不服" });
        var reReviewer = await As("demo.zj.zjt.reviewer");
        var done = await reReviewer.ActAsync(id, "re-review-opinion", new { opinion = "维持复查意见", servedOn = today, afterHearing = false, outcome = "Upheld" });
        Assert.Equal("ReReviewOpinionServed", done.State());
        return id;
    }

    private async Task<JsonNode> TrackAsync(string number, string code)
    {
        var response = await App.CreateClient().PostAsync("/api/public/progress", Json(new { number, queryCode = code }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Staff.ReadAsync(response);
    }

    private static StringContent Json(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, XinfangApp.Json), System.Text.Encoding.UTF8, "application/json");
}

public sealed class RightsOnSqlite(SqliteFixture fixture) : RightsTests(fixture), IClassFixture<SqliteFixture>;

public sealed class RightsOnPostgres(PostgresFixture fixture) : RightsTests(fixture), IClassFixture<PostgresFixture>;
