using System.Net;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Security;

namespace Xinfang.Web.Tests.CoHandling;

/// <summary>
/// 主办/协办 over HTTP on SQLite and PostgreSQL (issue 14): the 西湖区 bureau forwards an item to the 住建局 (主办) and names the
/// 人社局 协办; the 人社局 reads the item (the one authorization rule: API, page, work list), gives its 意见 and finishes; the lead
/// unit's 处理意见 waits for it (条例 Art. 34: the answer and its 60 days are the lead unit's); a deadline beyond the item's is
/// refused with a Chinese 400; the accused body is never 协办 (Art. 30 ¶3); a body not involved cannot see the item.
/// </summary>
public abstract class CoHandlingApiTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private DateOnly Today => DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static Dictionary<string, object?> Letter(string title)
    {
        var letter = AppExtensions.Letter(title);
        letter["content"] = $"{title}。小区拆迁补偿款迟迟未发放，社保关系也未转接，请有关部门协调解决。";
        return letter;
    }

    [SkippableFact]
    public async Task A_co_handler_reads_the_item_gives_its_opinion_and_the_lead_unit_answers_on_it()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var lead = await App.StaffAsync("demo.xihu.zjj.handler");
        var co = await App.StaffAsync("demo.xihu.rsj.handler");
        var outsider = await App.StaffAsync("demo.beishan.handler");
        var (id, number, _, _) = await registrar.RegisterAsync(Letter("拆迁补偿与社保转接" + Guid.NewGuid().ToString("N")[..6]));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        await lead.ActAsync(id, "accept");
        await lead.ActAsync(id, "route", new { route = "Investigate" });

        // Before it is named, the 人社局 cannot see the item.
        Assert.Equal(HttpStatusCode.NotFound, (await co.GetAsync($"/api/petitions/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await co.GetAsync($"/api/petitions/{id}/co-handlers")).Status);

        // Art. 34: the 60 days are the lead unit's — a 协办 deadline after the item's answer deadline is refused (400, Chinese).
        var (late, problem) = await registrar.PostAsync($"/api/petitions/{id}/co-handlers", new { organizationId = registrar.Org("330106RSJ"), task = "核实社保转接", dueOn = Today.AddDays(200) });
        Assert.Equal(HttpStatusCode.BadRequest, late);
        Assert.Contains("第三十四条", problem["errors"]!["dueOn"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        // Only the bureau names 协办; the lead unit is not its own 协办.
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostAsync($"/api/petitions/{id}/co-handlers", new { organizationId = registrar.Org("330106RSJ"), task = "核实", dueOn = Today.AddDays(5) })).Status);
        var (self, selfProblem) = await registrar.PostAsync($"/api/petitions/{id}/co-handlers", new { organizationId = registrar.Org("330106ZJJ"), task = "核实", dueOn = Today.AddDays(5) });
        Assert.Equal(HttpStatusCode.BadRequest, self);
        Assert.NotNull(selfProblem["errors"]!["organizationId"]);

        var (created, task) = await registrar.PostAsync($"/api/petitions/{id}/co-handlers", new { organizationId = registrar.Org("330106RSJ"), task = "核实信访人社保关系转接情况", dueOn = Today.AddDays(10) });
        Assert.True(created == HttpStatusCode.Created, task.ToJsonString());
        var taskId = task["id"]!.GetValue<Guid>();
        Assert.Equal("协办待反馈", task["statusName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsync($"/api/petitions/{id}/co-handlers", new { organizationId = registrar.Org("330106RSJ"), task = "再派", dueOn = Today.AddDays(10) })).Status);

        // Named, the 人社局 reads the item through the one rule — API, page and its work list — read-only.
        Assert.Equal(HttpStatusCode.OK, (await co.GetAsync($"/api/petitions/{id}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await co.PostAsync($"/api/petitions/{id}/draft-decision", Draft)).Status);
        var coPage = await co.Client.GetStringAsync($"/petitions/{id}");
        Assert.Contains("co-handling-feedback", coPage, StringComparison.Ordinal);
        var (listed, waiting) = await co.GetAsync("/api/workbench/items?wait=cohandling");
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Contains(waiting["items"]!.AsArray(), i => i!["number"]!.GetValue<string>() == number);
        var home = (await co.GetAsync("/api/workbench/home")).Body.AsArray();
        Assert.True(home.Single(c => c!["key"]!.GetValue<string>() == "cohandling")!["count"]!.GetValue<int>() >= 1);
        // A body not involved still cannot.
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/petitions/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/petitions/{id}/co-handlers/{taskId}/feedback", new { feedback = "插话" })).Status);
        Assert.DoesNotContain((await outsider.GetAsync("/api/workbench/items?wait=cohandling")).Body["items"]!.AsArray(), i => i!["number"]!.GetValue<string>() == number);

        // The lead unit's 处理意见 waits while the 协办 task is open (409, the unit named).
        var (held, heldProblem) = await lead.PostAsync($"/api/petitions/{id}/draft-decision", Draft);
        Assert.Equal(HttpStatusCode.Conflict, held);
        Assert.Contains("西湖区人力资源和社会保障局", heldProblem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PostAsync($"/api/petitions/{id}/co-handlers/{taskId}/feedback", new { feedback = "代写" })).Status);

        // The 协办 unit's 意见, then 办结.
        var (badText, _) = await co.PostAsync($"/api/petitions/{id}/co-handlers/{taskId}/feedback", new { feedback = "含\u0001控制字符" });
        Assert.Equal(HttpStatusCode.BadRequest, badText);
        var (fed, withFeedback) = await co.PostAsync($"/api/petitions/{id}/co-handlers/{taskId}/feedback", new { feedback = "经核实，社保关系已于本月转入，无欠缴。" });
        Assert.True(fed == HttpStatusCode.OK, withFeedback.ToJsonString());
        var (finished, done) = await co.PostAsync($"/api/petitions/{id}/co-handlers/{taskId}/done", new { });
        Assert.True(finished == HttpStatusCode.OK, done.ToJsonString());
        Assert.Equal("已办结", done["statusName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await co.PostAsync($"/api/petitions/{id}/co-handlers/{taskId}/done", new { })).Status);

        // The lead unit sees the 意见 on the item's page and in the API, and now drafts its answer.
        var leadPage = await lead.Client.GetStringAsync($"/petitions/{id}");
        Assert.Contains("经核实，社保关系已于本月转入，无欠缴。", leadPage, StringComparison.Ordinal);
        var (_, list) = await lead.GetAsync($"/api/petitions/{id}/co-handlers");
        Assert.Equal("经核实，社保关系已于本月转入，无欠缴。", list[0]!["feedback"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsync($"/api/petitions/{id}/draft-decision", Draft)).Status);

        // Every step in the item's history and in the audit trail.
        var item = (await lead.GetAsync($"/api/petitions/{id}")).Body;
        Assert.Equal(3, item["history"]!.AsArray().Count(h => h!["action"]!.GetValue<string>() == "CoHandling"));
        var trail = await App.WithDbAsync(db => db.Set<Xinfang.Web.Audit.AuditEntry>()
            .Where(a => a.Kind == Xinfang.Web.CoHandling.CoHandlingDesk.AuditKind && a.Subject == number).OrderBy(a => a.Sequence).Select(a => a.Summary).ToListAsync());
        Assert.Equal(3, trail.Count);
        Assert.StartsWith("确定协办单位：西湖区人力资源和社会保障局", trail[0], StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_lead_unit_answers_first_only_with_a_reason_and_a_withdrawn_task_ends_the_reading()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var lead = await App.StaffAsync("demo.xihu.zjj.handler");
        var co = await App.StaffAsync("demo.beishan.handler");
        var (id, _, _, _) = await registrar.RegisterAsync(Letter("旧改安置房质量" + Guid.NewGuid().ToString("N")[..6]));
        await registrar.ActAsync(id, "assign", new { targetOrganizationId = registrar.Org("330106ZJJ"), reportDueOn = Today.AddDays(20) });
        await lead.ActAsync(id, "accept");
        await lead.ActAsync(id, "route", new { route = "Investigate" });

        // Art. 22(三): the 交办 report deadline (20 days) is the earlier answer deadline.
        Assert.Equal(HttpStatusCode.BadRequest, (await registrar.PostAsync($"/api/petitions/{id}/co-handlers", new { organizationId = registrar.Org("330106001JD"), task = "现场查看", dueOn = Today.AddDays(21) })).Status);
        var (_, task) = await registrar.PostAsync($"/api/petitions/{id}/co-handlers", new { organizationId = registrar.Org("330106001JD"), task = "现场查看安置房", dueOn = Today.AddDays(20) });
        var taskId = task["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.OK, (await co.GetAsync($"/api/petitions/{id}")).Status);

        Assert.Equal(HttpStatusCode.Conflict, (await lead.PostAsync($"/api/petitions/{id}/draft-decision", Draft)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await lead.PostAsync($"/api/petitions/{id}/co-handlers/{taskId}/proceed", new { reason = " " })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await co.PostAsync($"/api/petitions/{id}/co-handlers/{taskId}/proceed", new { reason = "不是我" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsync($"/api/petitions/{id}/co-handlers/{taskId}/proceed", new { reason = "街道已口头反馈无质量问题，书面意见后补" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsync($"/api/petitions/{id}/draft-decision", Draft)).Status);

        Assert.Equal(HttpStatusCode.Forbidden, (await co.PostAsync($"/api/petitions/{id}/co-handlers/{taskId}/withdraw", new { reason = "不想办" })).Status);
        var (withdrawn, w) = await registrar.PostAsync($"/api/petitions/{id}/co-handlers/{taskId}/withdraw", new { reason = "事项不涉及街道职责" });
        Assert.True(withdrawn == HttpStatusCode.OK, w.ToJsonString());
        Assert.Equal("已撤回", w["statusName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await co.GetAsync($"/api/petitions/{id}")).Status);
    }

    [SkippableFact]
    public async Task An_accusation_is_never_given_to_the_accused_body_as_co_handler()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var accused = await App.StaffAsync("demo.xihu.rsj.handler");
        var letter = Letter("举报区人社局某干部违规审批" + Guid.NewGuid().ToString("N")[..6]);
        letter["category"] = "Accusation";
        letter["purpose"] = "Accusation";
        letter["accused"] = "区人社局某干部";
        letter["accusedOrganizationId"] = registrar.Org("330106RSJ");
        var (id, _, _, _) = await registrar.RegisterAsync(letter);
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106JW") });

        var (refused, problem) = await registrar.PostAsync($"/api/petitions/{id}/co-handlers", new { organizationId = registrar.Org("330106RSJ"), task = "说明情况", dueOn = Today.AddDays(5) });

        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains("第三十条第三款", problem["errors"]!["organizationId"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await accused.GetAsync($"/api/petitions/{id}")).Status);
        // Nor is it offered on the page.
        var page = await registrar.Client.GetStringAsync($"/petitions/{id}");
        var start = page.IndexOf("id=\"co-handling\"", StringComparison.Ordinal);
        var section = page[start..page.IndexOf("</section>", start, StringComparison.Ordinal)];
        Assert.Contains("确定协办单位", section, StringComparison.Ordinal);
        Assert.Contains($"value=\"{registrar.Org("330106ZFW")}\"", section, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{registrar.Org("330106RSJ")}\"", section, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Figures_count_items_with_co_handling_and_tasks_on_time_and_late_as_worked_out_by_hand()
    {
        // 余杭区 (its own jurisdiction, none of the other tests' tasks): two items, three tasks — one done on time, one done
        // late, one left open past its deadline.
        var registrar = await App.StaffAsync("demo.hz.registrar");
        var year = Today.Year;
        var yuhang = registrar.Org("330110XFJ");
        var url = $"/api/co-handling/figures?organization={yuhang}&from={year}-01-01&to={year}-12-31";
        var before = (await registrar.GetAsync(url)).Body;
        Assert.Equal(0, before["named"]!.GetValue<int>());

        var (a, _, _, _) = await registrar.RegisterAsync(Letter("仓前街道征地补偿" + Guid.NewGuid().ToString("N")[..6]));
        var (b, _, _, _) = await registrar.RegisterAsync(Letter("余杭区安置房漏水" + Guid.NewGuid().ToString("N")[..6]));
        await registrar.ActAsync(a, "forward", new { targetOrganizationId = registrar.Org("330110ZJJ") });
        await registrar.ActAsync(b, "forward", new { targetOrganizationId = registrar.Org("330110ZJJ") });
        var t1 = (await registrar.PostAsync($"/api/petitions/{a}/co-handlers", new { organizationId = registrar.Org("330110005JD"), task = "核实", dueOn = Today.AddDays(2) })).Body["id"]!.GetValue<Guid>();
        var t2 = (await registrar.PostAsync($"/api/petitions/{b}/co-handlers", new { organizationId = registrar.Org("330110005JD"), task = "核实", dueOn = Today.AddDays(2) })).Body["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.Created, (await registrar.PostAsync($"/api/petitions/{b}/co-handlers", new { organizationId = registrar.Org("330100RSJ"), task = "核实社保", dueOn = Today.AddDays(2) })).Status);
        // The street office has no demo account: its steps are taken as its staff would, in the database's domain objects.
        await CoHandleAsync(a, t1, late: false);
        App.Advance(TimeSpan.FromDays(3));
        await CoHandleAsync(b, t2, late: true);
        registrar = await App.StaffAsync("demo.hz.registrar");

        var (ok, figures) = await registrar.GetAsync(url);
        Assert.True(ok == HttpStatusCode.OK, figures.ToJsonString());
        // By hand: items 2, tasks 3, on time 1 (t1), late 1 (t2), open past the deadline 1 (人社局 on b); on time 1 ÷ 2 = 50.00 %.
        Assert.Equal(2, figures["items"]!.GetValue<int>());
        Assert.Equal(3, figures["named"]!.GetValue<int>());
        Assert.Equal(1, figures["doneOnTime"]!.GetValue<int>());
        Assert.Equal(1, figures["doneLate"]!.GetValue<int>());
        Assert.Equal(1, figures["overdueOpen"]!.GetValue<int>());
        Assert.Equal(50.00m, figures["onTimeRate"]!.GetValue<decimal>());

        var report = (await registrar.GetAsync($"/api/reports/annual?org={yuhang}&year={year}")).Body["markdown"]!.GetValue<string>();
        Assert.Contains("**主办协办情况**", report, StringComparison.Ordinal);
        Assert.Contains("| 2 | 3 | 1 | 1 | 1 | 50.00% |", report, StringComparison.Ordinal);
        var dashboard = await registrar.Client.GetStringAsync($"/statistics?org={yuhang}&year={year}");
        Assert.Contains("co-handling-figures", dashboard, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_petition_page_names_a_co_handler_and_takes_its_opinion()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var co = await App.StaffAsync("demo.xihu.zfw.handler");
        var (id, _, _, _) = await registrar.RegisterAsync(Letter("邻里纠纷调处" + Guid.NewGuid().ToString("N")[..6]));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });

        // A deadline after the item's (60 days from a 受理 not yet made, Art. 34) is refused on the page too: 400, nothing saved.
        var tooLate = await PagePostAsync(registrar.Client, id, "co-handling-name", new()
        {
            ["Name.OrganizationId"] = registrar.Org("330106ZFW").ToString(), ["Name.Text"] = "参与调处", ["Name.DueOn"] = Today.AddDays(61).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.BadRequest, tooLate.StatusCode);
        Assert.Contains("第三十四条", await tooLate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var named = await PagePostAsync(registrar.Client, id, "co-handling-name", new()
        {
            ["Name.OrganizationId"] = registrar.Org("330106ZFW").ToString(), ["Name.Text"] = "参与调处邻里纠纷", ["Name.DueOn"] = Today.AddDays(7).ToString("yyyy-MM-dd"),
        });
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Contains("已确定协办单位", await named.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var taskId = (await co.GetAsync($"/api/petitions/{id}/co-handlers")).Body[0]!["id"]!.GetValue<Guid>();
        var fed = await PagePostAsync(co.Client, id, "co-handling-feedback", new() { ["Feedback.TaskId"] = taskId.ToString(), ["Feedback.Text"] = "政法委已约谈双方，建议由社区调解。" });
        Assert.Equal(HttpStatusCode.OK, fed.StatusCode);
        var after = await fed.Content.ReadAsStringAsync();
        Assert.Contains("已反馈协办意见", after, StringComparison.Ordinal);
        Assert.Contains("政法委已约谈双方，建议由社区调解。", after, StringComparison.Ordinal);
        Assert.Contains("协办办结", after, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PagePostAsync(HttpClient client, Guid id, string form, Dictionary<string, string> fields)
    {
        var body = new Dictionary<string, string>(fields)
        {
            ["_handler"] = form,
            ["__RequestVerificationToken"] = await SecurityApp.AntiforgeryTokenAsync(client, $"/petitions/{id}"),
        };
        return await client.PostAsync($"/petitions/{id}", new FormUrlEncodedContent(body));
    }

    private Task<int> CoHandleAsync(Guid petitionId, Guid taskId, bool late) => App.WithDbAsync(async db =>
    {
        var petition = await db.PetitionsAcrossDeployment.SingleAsync(p => p.Id == petitionId);
        var task = await db.Set<Xinfang.Domain.CoHandling.CoHandlingTask>().SingleAsync(t => t.Id == taskId);
        var officer = new Xinfang.Domain.Petitions.Actor("u-street", "街道经办", task.OrganizationId);
        task.RecordFeedback(petition, late ? "逾期反馈" : "按期反馈", officer, App.Clock.GetUtcNow());
        task.MarkDone(petition, officer, App.Clock.GetUtcNow());
        return await db.SaveChangesAsync();
    });

    private static readonly object Draft = new { outcome = "Support", petitionerRequest = "发放补偿款并转接社保", facts = "补偿款已审批未发放", reasons = "应按协议发放", legalBasis = "《国有土地上房屋征收与补偿条例》" };
}

public sealed class CoHandlingApiOnSqlite(SqliteFixture fixture) : CoHandlingApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class CoHandlingApiOnPostgres(PostgresFixture fixture) : CoHandlingApiTests(fixture), IClassFixture<PostgresFixture>;
