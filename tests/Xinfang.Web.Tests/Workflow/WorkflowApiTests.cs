using System.Net;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Statistics;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Workflow;

/// <summary>
/// Issue 13's workflow over HTTP on SQLite and PostgreSQL: a registration corrected and voided (never an 初件 candidate,
/// flagged on its fact row), the 处理意见 drafted and signed off, an extension asked and approved, a leader's 批示
/// turned into a 交办.
/// </summary>
public abstract class WorkflowApiTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private static Dictionary<string, object?> Letter(string title)
    {
        var letter = AppExtensions.Letter(title);
        letter["content"] = $"{title}。物业公司今年起每月加收停车管理费两百元，没有任何公示，请有关部门查处。";
        return letter;
    }

    [SkippableFact]
    public async Task A_mistaken_registration_is_corrected_then_voided_and_is_never_an_earlier_item_again()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var title = "小区电梯长期停运无人维修" + Guid.NewGuid().ToString("N")[..6];
        var (id, _, _, _) = await registrar.RegisterAsync(Letter(title));

        var corrected = await registrar.ActAsync(id, "correct", new
        {
            title = title + "（更正）",
            litigationRelated = true,
            issueLocationCode = "330106",
            petitioners = new[] { new { index = 0, phone = "13700001111" } },
        });
        Assert.Equal(title + "（更正）", corrected["title"]!.GetValue<string>());
        Assert.True(corrected["litigationRelated"]!.GetValue<bool>());
        var entry = corrected["history"]!.AsArray().Last()!;
        Assert.Equal("更正登记", entry["actionName"]!.GetValue<string>());
        var summary = entry["summary"]!.GetValue<string>();
        Assert.Contains("涉法涉诉：否 → 是", summary, StringComparison.Ordinal);
        Assert.Contains("信访人1的联系电话已更正", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("13700001111", summary, StringComparison.Ordinal);
        var audit = await App.WithDbAsync(db => db.Set<Xinfang.Web.Audit.AuditEntry>().AsNoTracking().Where(a => a.SubjectId == id.ToString()).Select(a => a.Summary).ToListAsync());
        Assert.Contains(audit, a => a.Contains("更正登记", StringComparison.Ordinal));

        var (noReason, problem) = await registrar.PostAsync($"/api/petitions/{id}/void", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.NotNull(problem["errors"]!["reason"]);

        var voided = await registrar.ActAsync(id, "void", new { reason = "同一来信重复录入" });
        Assert.Equal("Voided", voided.State());
        Assert.Equal("已作废", voided["stateName"]!.GetValue<string>());
        Assert.Empty(voided["allowedActions"]!.AsArray());
        Assert.Equal("同一来信重复录入", voided["workflow"]!["voided"]!["reason"]!.GetValue<string>());
        var (forward, _) = await registrar.PostAsync($"/api/petitions/{id}/forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        Assert.Equal(HttpStatusCode.Conflict, forward);
        Assert.True(await App.WithDbAsync(db => db.Set<ItemFacts>().AsNoTracking().Where(f => f.PetitionId == id).Select(f => f.Voided).SingleAsync()));

        // The repeat check at registration never offers it, and it cannot be named as the 初件.
        var (analyzed, analysis) = await registrar.PostAsync("/api/petitions/analyze", new { title = title + "（更正）", content = $"{title}。物业公司今年起每月加收停车管理费两百元，没有任何公示，请有关部门查处。", idNumber = "11010519491231002X" });
        Assert.Equal(HttpStatusCode.OK, analyzed);
        Assert.DoesNotContain(analysis["repeats"]!.AsArray(), c => c!["id"]!.GetValue<Guid>() == id);
        var again = Letter(title);
        again["firstItemId"] = id;
        var (linked, linkProblem) = await registrar.PostAsync("/api/petitions", again);
        Assert.Equal(HttpStatusCode.BadRequest, linked);
        Assert.NotNull(linkProblem["errors"]!["firstItemId"]);
    }

    [SkippableFact]
    public async Task The_repeat_check_offers_a_registered_item_until_it_is_voided()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var title = "小区门口占道经营噪音扰民" + Guid.NewGuid().ToString("N")[..6];
        var letter = Letter(title);
        var (id, _, _, _) = await registrar.RegisterAsync(letter);
        var request = new { title, content = (string)letter["content"]!, idNumber = "11010519491231002X" };

        var (_, before) = await registrar.PostAsync("/api/petitions/analyze", request);
        Assert.Contains(before["repeats"]!.AsArray(), c => c!["id"]!.GetValue<Guid>() == id);

        await registrar.ActAsync(id, "void", new { reason = "误登记" });
        var (_, after) = await registrar.PostAsync("/api/petitions/analyze", request);
        Assert.DoesNotContain(after["repeats"]!.AsArray(), c => c!["id"]!.GetValue<Guid>() == id);
    }

    [SkippableFact]
    public async Task Once_forwarded_a_registration_is_neither_corrected_nor_voided()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(Letter("道路积水"));
        await registrar.ActAsync(id, "notify-receipt", new { routeAndProcedure = "转送区住建局办理", onTheSpot = false });

        var (status, problem) = await registrar.PostAsync($"/api/petitions/{id}/void", new { reason = "录错" });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("已有办理记录", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var unit = await App.StaffAsync("demo.xihu.zjj.handler");
        var (byUnit, _) = await unit.PostAsync($"/api/petitions/{id}/correct", new { title = "改标题" });
        Assert.Equal(HttpStatusCode.Forbidden, byUnit);
    }

    private async Task<(Guid Id, Staff Handler, Staff Head)> HandlingAsync(string title)
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(Letter(title));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        await handler.ActAsync(id, "accept");
        await handler.ActAsync(id, "route", new { route = "Investigate" });
        return (id, handler, await App.StaffAsync("demo.xihu.zjj.head"));
    }

    [SkippableFact]
    public async Task The_handler_drafts_and_the_head_returns_then_signs_off_which_issues_it()
    {
        var (id, handler, head) = await HandlingAsync("物业乱收费");
        var draft = new { outcome = "Support", petitionerRequest = "退还停车费", facts = "物业未经表决收费", reasons = "收费缺乏依据", legalBasis = "《物业管理条例》第四十条" };

        var (direct, _) = await handler.PostAsync($"/api/petitions/{id}/decide", draft);
        Assert.Equal(HttpStatusCode.Forbidden, direct);
        var drafted = await handler.ActAsync(id, "draft-decision", draft);
        Assert.Equal("Handling", drafted.State());
        Assert.Equal("张承办", drafted["workflow"]!["draft"]!["draftedBy"]!.GetValue<string>());
        Assert.DoesNotContain(drafted["documents"]!.AsArray(), d => d!["kind"]!.GetValue<string>() == "Decision");
        var (bySelf, _) = await handler.PostAsync($"/api/petitions/{id}/sign-off-decision", new { });
        Assert.Equal(HttpStatusCode.Forbidden, bySelf);

        var returned = await head.ActAsync(id, "return-decision", new { reason = "未写明核实经过" });
        Assert.Equal("未写明核实经过", returned["workflow"]!["draft"]!["returnedBecause"]!.GetValue<string>());
        var (signReturned, _) = await head.PostAsync($"/api/petitions/{id}/sign-off-decision", new { });
        Assert.Equal(HttpStatusCode.Conflict, signReturned);

        await handler.ActAsync(id, "draft-decision", draft with { facts = "经现场核实，物业未经业主大会表决收费" });
        var issued = await head.ActAsync(id, "sign-off-decision", new { });
        Assert.Equal("Decided", issued.State());
        Assert.Contains(issued["documents"]!.AsArray(), d => d!["kind"]!.GetValue<string>() == "Decision" && d["body"]!.GetValue<string>().Contains("经现场核实", StringComparison.Ordinal));
        Assert.Contains("张承办起草，刘局长签发", issued["history"]!.AsArray().Last()!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_handler_asks_for_an_extension_and_only_the_heads_approval_moves_the_clock()
    {
        var (id, handler, head) = await HandlingAsync("噪音扰民");
        var before = HandlingDue((await handler.GetAsync($"/api/petitions/{id}")).Body);

        var (tooLong, _) = await handler.PostAsync($"/api/petitions/{id}/request-extension", new { days = 31, reason = "案情复杂" });
        Assert.Equal(HttpStatusCode.Conflict, tooLong);
        var (noDays, problem) = await handler.PostAsync($"/api/petitions/{id}/request-extension", new { reason = "案情复杂" });
        Assert.Equal(HttpStatusCode.BadRequest, noDays);
        Assert.NotNull(problem["errors"]!["days"]);

        await handler.ActAsync(id, "request-extension", new { days = 5, reason = "再补充材料" });
        var refused = await head.ActAsync(id, "refuse-extension", new { reason = "期限内可以办结" });
        Assert.Equal(before, HandlingDue(refused));
        Assert.Contains("不批准延期5日：期限内可以办结", refused["history"]!.AsArray().Last()!["summary"]!.GetValue<string>(), StringComparison.Ordinal);

        var asked = await handler.ActAsync(id, "request-extension", new { days = 20, reason = "需要委托第三方监测" });
        Assert.Equal(before, HandlingDue(asked));
        Assert.Equal(20, asked["workflow"]!["extensionRequest"]!["days"]!.GetValue<int>());
        var (bySelf, _) = await handler.PostAsync($"/api/petitions/{id}/approve-extension", new { });
        Assert.Equal(HttpStatusCode.Forbidden, bySelf);

        var approved = await head.ActAsync(id, "approve-extension", new { });
        Assert.Equal(before.AddDays(20), HandlingDue(approved));
        Assert.Contains(approved["documents"]!.AsArray(), d => d!["kind"]!.GetValue<string>() == "ExtensionNotice");
        Assert.Null(approved["workflow"]);

        // The policy's number of extensions (one nationally, 条例 Art. 34 [P]) is checked when asked.
        var (again, _) = await handler.PostAsync($"/api/petitions/{id}/request-extension", new { days = 5, reason = "再延" });
        Assert.Equal(HttpStatusCode.Conflict, again);
    }

    /// <summary>The day the handling period (条例 Art. 34) ends, as the item shows it.</summary>
    private static DateOnly HandlingDue(System.Text.Json.Nodes.JsonNode petition) =>
        DateOnly.Parse(petition["deadlines"]!.AsArray().Last(d => d!["kind"]!.GetValue<string>() == "Handling")!["dueOn"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task A_leaders_instruction_is_turned_into_an_assignment_by_the_bureau()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, _, _) = await registrar.RegisterAsync(Letter("学校周边交通拥堵"));
        var (other, otherNumber, _, _) = await (await App.StaffAsync("demo.hz.registrar")).RegisterAsync(Letter("市区公交线路调整"));
        var leader = await App.StaffAsync("demo.xihu.leader");
        var due = DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(20);

        var (byRegistrar, _) = await registrar.PostAsync("/api/instructions", new { petitionNumber = number, text = "请抓紧办理", dueOn = due });
        Assert.Equal(HttpStatusCode.Forbidden, byRegistrar);
        var (elsewhere, _) = await leader.PostAsync("/api/instructions", new { petitionNumber = otherNumber, text = "请抓紧办理", dueOn = due });
        Assert.Equal(HttpStatusCode.NotFound, elsewhere);
        var (noText, problem) = await leader.PostAsync("/api/instructions", new { petitionNumber = number, dueOn = due });
        Assert.Equal(HttpStatusCode.BadRequest, noText);
        Assert.NotNull(problem["errors"]!["text"]);

        var (written, instruction) = await leader.PostAsync("/api/instructions", new { petitionNumber = number, text = "请区住建局牵头，会同交警部门限期解决", dueOn = due });
        Assert.Equal(HttpStatusCode.Created, written);
        var instructionId = instruction["id"]!.GetValue<Guid>();
        var (listed, work) = await registrar.GetAsync("/api/instructions?open=true");
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Contains(work.AsArray(), i => i!["id"]!.GetValue<Guid>() == instructionId);
        var (byHandler, _) = await (await App.StaffAsync("demo.xihu.zjj.handler")).GetAsync("/api/instructions");
        Assert.Equal(HttpStatusCode.Forbidden, byHandler);
        var (onItem, shown) = await registrar.GetAsync($"/api/instructions/petition/{id}");
        Assert.Equal(HttpStatusCode.OK, onItem);
        Assert.Single(shown.AsArray());

        var (assigned, done) = await registrar.PostAsync($"/api/instructions/{instructionId}/assign", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        Assert.True(assigned == HttpStatusCode.OK, done.ToJsonString());
        Assert.Equal("Assigned", done["status"]!.GetValue<string>());
        var petition = (await registrar.GetAsync($"/api/petitions/{id}")).Body;
        Assert.Equal("Assigned", petition.State());
        var history = petition["history"]!.AsArray().Select(h => h!["summary"]!.GetValue<string>()).ToList();
        Assert.Contains(history, h => h.StartsWith("领导批示（陈局长", StringComparison.Ordinal));
        Assert.Contains(history, h => h.Contains("交办", StringComparison.Ordinal) && h.Contains("请区住建局牵头", StringComparison.Ordinal) && h.Contains(due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var (twice, _) = await registrar.PostAsync($"/api/instructions/{instructionId}/assign", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        Assert.Equal(HttpStatusCode.Conflict, twice);
        Assert.NotEqual(Guid.Empty, other);
    }

    [SkippableFact]
    public async Task The_bureau_answers_an_instruction_and_the_item_records_it()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, _, _) = await registrar.RegisterAsync(Letter("路灯不亮"));
        var leader = await App.StaffAsync("demo.xihu.leader");
        var due = DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(10);
        var (_, instruction) = await leader.PostAsync("/api/instructions", new { petitionNumber = number, text = "请了解情况后报我", dueOn = due });

        var (answered, done) = await registrar.PostAsync($"/api/instructions/{instruction["id"]!.GetValue<Guid>()}/answer", new { answer = "已联系街道，三日内修复" });

        Assert.Equal(HttpStatusCode.OK, answered);
        Assert.Equal("已办复", done["statusName"]!.GetValue<string>());
        var history = (await registrar.GetAsync($"/api/petitions/{id}")).Body["history"]!.AsArray();
        Assert.Equal("领导批示", history.Last()!["actionName"]!.GetValue<string>());
        Assert.Contains("已联系街道", history.Last()!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

public sealed class WorkflowApiOnSqlite(SqliteFixture fixture) : WorkflowApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class WorkflowApiOnPostgres(PostgresFixture fixture) : WorkflowApiTests(fixture), IClassFixture<PostgresFixture>;
