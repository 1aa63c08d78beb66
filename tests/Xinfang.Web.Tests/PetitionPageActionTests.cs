using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Security;

namespace Xinfang.Web.Tests;

/// <summary>
/// The action forms of the petition page (/petitions/{id}): one form per action the one rule allows,
/// each acting through the same use-case method as its API (303 back to the page on success); bad
/// input and rule violations re-render with the Chinese message and change nothing; staff who may
/// not act see no form, and a forged post is refused.
/// </summary>
public abstract class PetitionPageActionTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    [SkippableFact]
    public async Task A_registrar_forwards_through_the_page_and_the_unit_handler_accepts_it()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("楼道堆放杂物无人清理"));
        var unit = registrar.Org("330106ZJJ");

        var page = await registrar.Client.GetStringAsync($"/petitions/{id}");
        Assert.Contains("<form method=\"post\" class=\"act\" id=\"act-forward\"", page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{unit}\">西湖区住房和城乡建设局", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"<option value=\"{registrar.Org("330106XFJ")}\"", page, StringComparison.Ordinal); // not to itself
        Assert.Contains("<button type=\"submit\">转送</button>", page, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">交办</button>", page, StringComparison.Ordinal);
        var audited = await App.WithDbAsync(db => db.AuditEntries.CountAsync());
        var forwarded = await PostAsync(registrar.Client, id, "forward", new() { ["Act.TargetOrganizationId"] = unit.ToString(), ["Act.Note"] = "请依法处理" });

        Assert.Equal(HttpStatusCode.SeeOther, forwarded.StatusCode);
        Assert.Equal($"/petitions/{id}", forwarded.Headers.Location?.OriginalString);
        var after = await registrar.Client.GetStringAsync($"/petitions/{id}?tab=process");
        Assert.Contains("已转送", after, StringComparison.Ordinal);
        Assert.Matches(new Regex("<strong>转送</strong> 王登记：转送西湖区住房和城乡建设局（请依法处理）"), after);
        Assert.DoesNotContain("id=\"act-forward\"", after, StringComparison.Ordinal); // the item is with the unit now
        Assert.Equal(PetitionState.Forwarded, await StateAsync(id));
        // The page path writes the same audit trail as the API path (the use case's save).
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.CountAsync()) > audited);

        var handler = await App.SignInAsync("demo.xihu.zjj.handler");
        var unitPage = await handler.GetStringAsync($"/petitions/{id}");
        Assert.Contains("<button type=\"submit\">受理</button>", unitPage, StringComparison.Ordinal);
        var accepted = await PostAsync(handler, id, "accept", []);

        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        var acceptedPage = await handler.GetStringAsync($"/petitions/{id}?tab=process");
        Assert.Contains("已受理", acceptedPage, StringComparison.Ordinal);
        Assert.Matches(new Regex("<strong>受理</strong> 张承办：受理"), acceptedPage);
        Assert.Contains("<button type=\"submit\">确定办理途径</button>", acceptedPage, StringComparison.Ordinal);
        Assert.Equal(PetitionState.Accepted, await StateAsync(id));
    }

    [SkippableTheory]
    [InlineData("demo.xihu.supervisor")]
    [InlineData("demo.xihu.rsj.handler")]
    [InlineData("demo.xihu.zjj.handler")]
    public async Task Staff_who_may_not_act_see_no_form_and_a_forged_post_changes_nothing(string userName)
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("路灯损坏一个月未修"));
        var client = await App.SignInAsync(userName);

        // The supervisor sees the item without a form; a unit it was not sent to gets the Chinese 404 page.
        using var answer = await client.GetAsync($"/petitions/{id}");
        Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{answer.StatusCode}");
        var page = await answer.Content.ReadAsStringAsync();
        Assert.DoesNotContain("class=\"act\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Act.TargetOrganizationId\"", page, StringComparison.Ordinal);

        // A valid token from another page, and a form the page did not render for this user: refused (400).
        var token = await SecurityApp.AntiforgeryTokenAsync(client, "/account/security");
        foreach (var (action, fields) in new (string, Dictionary<string, string>)[]
                 {
                     ("forward", new() { ["Act.TargetOrganizationId"] = registrar.Org("330106ZJJ").ToString() }),
                     ("accept", []),
                     ("decline", new() { ["Act.Rule"] = "NotCompetent", ["Act.Reason"] = "不属于本机关", ["Act.WhereToGo"] = "法院" }),
                 })
        {
            var response = await PostAsync(client, id, action, fields, token);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{action}: {response.StatusCode}");
        }

        Assert.Equal(PetitionState.Registered, await StateAsync(id));
        Assert.Equal(1, await App.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).SelectMany(p => p.History).CountAsync()));
    }

    [SkippableFact]
    public async Task Bad_input_and_a_refused_rule_re_render_with_the_chinese_message_and_change_nothing()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("噪音扰民投诉"));

        var unknown = await PostAsync(registrar.Client, id, "forward", new() { ["Act.TargetOrganizationId"] = Guid.NewGuid().ToString(), ["Act.Note"] = "备注留在表单上" });
        var html = await unknown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Matches(new Regex("<span class=\"field-error\">请选择存在的转送单位</span>"), html);
        Assert.Contains("「转送」未办理：提交的信息有误", html, StringComparison.Ordinal);
        Assert.Contains("value=\"备注留在表单上\"", html, StringComparison.Ordinal);

        var garbled = await (await PostAsync(registrar.Client, id, "forward", new() { ["Act.TargetOrganizationId"] = "西湖区" })).Content.ReadAsStringAsync();
        Assert.Matches(new Regex("<span class=\"field-error\">转送单位无效，请从列表中选择</span>"), garbled);

        var noReason = await (await PostAsync(registrar.Client, id, "decline", new() { ["Act.Rule"] = "NotCompetent", ["Act.Reason"] = " ", ["Act.WhereToGo"] = "区人民法院" })).Content.ReadAsStringAsync();
        Assert.Matches(new Regex("<span class=\"field-error\">理由不能为空</span>"), noReason);

        var noDue = await (await PostAsync(registrar.Client, id, "assign", new() { ["Act.TargetOrganizationId"] = registrar.Org("330106ZJJ").ToString(), ["Act.ReportDueOn"] = "2026-02-30" })).Content.ReadAsStringAsync();
        Assert.Matches(new Regex("<span class=\"field-error\">交办期限格式不正确"), noDue);

        // Not offered, but posted: the domain refuses (409 on the API) and the page shows its message.
        var self = await (await PostAsync(registrar.Client, id, "forward", new() { ["Act.TargetOrganizationId"] = registrar.Org("330106XFJ").ToString() })).Content.ReadAsStringAsync();
        Assert.Contains("「转送」未办理：不能转送或交办给本机关", self, StringComparison.Ordinal);

        Assert.Equal(PetitionState.Registered, await StateAsync(id));
        Assert.Equal(1, await App.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).SelectMany(p => p.History).CountAsync()));
    }

    [SkippableFact]
    public async Task An_accusation_is_never_offered_to_the_accused_unit_or_a_unit_under_it()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var letter = AppExtensions.Letter("举报某局工作人员索要好处费");
        letter["category"] = "Accusation";
        letter["accusedOrganizationId"] = registrar.Org("330106ZJJ");
        var (id, _, _, _) = await registrar.RegisterAsync(letter);

        var page = await registrar.Client.GetStringAsync($"/petitions/{id}");

        Assert.Contains("id=\"act-forward\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"<option value=\"{registrar.Org("330106ZJJ")}\"", page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{registrar.Org("330106RSJ")}\"", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_unit_handles_an_item_through_the_page_and_only_its_head_extends()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("企业排放异味影响居民"));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var handler = await App.SignInAsync("demo.xihu.zjj.handler");
        var head = await App.SignInAsync("demo.xihu.zjj.head");

        await Done(handler, id, "accept", []);
        await Done(handler, id, "chooseroute", new() { ["Act.Route"] = "Investigate" });
        Assert.DoesNotContain("id=\"act-extend\"", await handler.GetStringAsync($"/petitions/{id}"), StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">延期</button>", await head.GetStringAsync($"/petitions/{id}"), StringComparison.Ordinal);

        var tooLong = await (await PostAsync(head, id, "extend", new() { ["Act.Days"] = "31", ["Act.Reason"] = "需要现场监测" })).Content.ReadAsStringAsync();
        Assert.Contains("「延期」未办理：", tooLong, StringComparison.Ordinal);
        var noReason = await (await PostAsync(head, id, "extend", new() { ["Act.Days"] = "10" })).Content.ReadAsStringAsync();
        Assert.Matches(new Regex("<span class=\"field-error\">延期理由不能为空</span>"), noReason);
        Assert.Equal(PetitionState.Handling, await StateAsync(id));

        await Done(head, id, "extend", new() { ["Act.Days"] = "10", ["Act.Reason"] = "需要委托第三方监测" });
        Assert.Matches(new Regex("<strong>延期</strong> 刘局长：延期10日至"), await head.GetStringAsync($"/petitions/{id}?tab=process"));
        // The handler drafts the 处理意见, the head signs it off, which issues it (issue 13).
        Assert.DoesNotContain("id=\"act-decide\"", await handler.GetStringAsync($"/petitions/{id}"), StringComparison.Ordinal);
        await Done(handler, id, "draftdecision", new()
        {
            ["Act.Outcome"] = "Support", ["Act.PetitionerRequest"] = "停止排放异味", ["Act.Facts"] = "经监测超标",
            ["Act.Reasons"] = "责令整改", ["Act.LegalBasis"] = "《大气污染防治法》",
        });
        Assert.Equal(PetitionState.Handling, await StateAsync(id));
        Assert.Contains("经监测超标", await head.GetStringAsync($"/petitions/{id}"), StringComparison.Ordinal);
        await Done(head, id, "signoffdecision", []);
        Assert.Equal(PetitionState.Decided, await StateAsync(id));
        await Done(handler, id, "serve", new() { ["Act.Method"] = "InPerson", ["Act.ServedOn"] = "2026-03-10", ["Act.SignedByPetitioner"] = "true" });

        Assert.Equal(PetitionState.Served, await StateAsync(id));
        Assert.Contains("已送达", await handler.GetStringAsync($"/petitions/{id}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_bureau_answers_directly_and_serves_through_the_page_and_cannot_close_while_the_review_window_runs()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("咨询公租房申请条件"));

        await Done(registrar.Client, id, "answerdirectly", new() { ["Act.Answer"] = "公租房申请条件见区住建局公告。" });
        var today = Xinfang.Domain.Deadlines.DeadlineTime.LocalDate(App.Clock.GetUtcNow());
        await Done(registrar.Client, id, "serve", new() { ["Act.Method"] = "Post", ["Act.ServedOn"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["Act.SignedByPetitioner"] = "true" });

        // 条例 Art. 35: not closed while the petitioner may still ask for 复查; the page says why.
        var refused = await (await PostAsync(registrar.Client, id, "close", new() { ["Act.Note"] = "已答复" })).Content.ReadAsStringAsync();
        Assert.Contains("「办结」未办理：", refused, StringComparison.Ordinal);
        Assert.Contains("第三十五条", refused, StringComparison.Ordinal);
        Assert.Equal(PetitionState.Served, await StateAsync(id));

        // Closing once the window has lapsed is shown over the API (RightsTests): this class's clock stays put.
        var page = await registrar.Client.GetStringAsync($"/petitions/{id}");
        Assert.Contains("<dd id=\"evaluation-status\">待评价</dd>", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_unit_objects_through_the_page_and_the_bureau_rejects_or_approves_it()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var handler = await App.SignInAsync("demo.xihu.zjj.handler");
        var (kept, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("小区道路破损"));
        var (returned, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("背街小巷路面坑洼"));
        const string reasons = "该道路属于街道管理，不属于本局职权范围，请转北山街道办理。";
        foreach (var id in new[] { kept, returned })
        {
            await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
            Assert.Contains("<button type=\"submit\">提出异议</button>", await handler.GetStringAsync($"/petitions/{id}"), StringComparison.Ordinal);
        }

        // Bad input: an empty reason is named beside the field, a vague one is refused by the rule (Art. 23 ¶3).
        var empty = await (await PostAsync(handler, kept, "raiseobjection", new() { ["Act.DetailedReasons"] = " " })).Content.ReadAsStringAsync();
        Assert.Matches(new Regex("<span class=\"field-error\">异议理由不能为空</span>"), empty);
        var vague = await (await PostAsync(handler, kept, "raiseobjection", new() { ["Act.DetailedReasons"] = "不归我们管" })).Content.ReadAsStringAsync();
        Assert.Contains("「提出异议」未办理：异议应当详细说明理由", vague, StringComparison.Ordinal);
        Assert.Equal(PetitionState.Forwarded, await StateAsync(kept));
        Assert.Equal(2, await HistoryCountAsync(kept));

        await Done(handler, kept, "raiseobjection", new() { ["Act.DetailedReasons"] = reasons });
        await Done(handler, returned, "raiseobjection", new() { ["Act.DetailedReasons"] = reasons });
        Assert.Equal(PetitionState.ObjectionRaised, await StateAsync(kept));
        Assert.Matches(new Regex("<strong>提出异议</strong> 张承办：提出异议"), await handler.GetStringAsync($"/petitions/{kept}?tab=process"));
        var bureauPage = await registrar.Client.GetStringAsync($"/petitions/{kept}");
        Assert.Contains("<button type=\"submit\">同意异议</button>", bureauPage, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">不同意异议</button>", bureauPage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"act-approveobjection\"", await handler.GetStringAsync($"/petitions/{kept}"), StringComparison.Ordinal);

        // 不同意 needs a reason: nothing changes without one.
        var noReason = await (await PostAsync(registrar.Client, kept, "rejectobjection", new() { ["Act.Reason"] = "" })).Content.ReadAsStringAsync();
        Assert.Matches(new Regex("<span class=\"field-error\">核实意见不能为空</span>"), noReason);
        Assert.Equal(PetitionState.ObjectionRaised, await StateAsync(kept));

        await Done(registrar.Client, kept, "rejectobjection", new() { ["Act.Reason"] = "属于住建局职责" });
        Assert.Equal(PetitionState.Forwarded, await StateAsync(kept));
        Assert.Matches(new Regex("<strong>不同意异议</strong> 王登记：不同意异议：属于住建局职责"), await registrar.Client.GetStringAsync($"/petitions/{kept}?tab=process"));
        await Done(registrar.Client, returned, "approveobjection", []);
        Assert.Equal(PetitionState.Registered, await StateAsync(returned));
        Assert.Contains("id=\"act-forward\"", await registrar.Client.GetStringAsync($"/petitions/{returned}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_review_and_a_re_review_with_a_hearing_run_through_the_page()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("物业违规收取停车费"));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var unit = await App.StaffAsync("demo.xihu.zjj.handler");
        await unit.ActAsync(id, "accept");
        await unit.ActAsync(id, "route", new { route = "Investigate" });
        await (await App.StaffAsync("demo.xihu.zjj.head")).ActAsync(id, "decide", new { outcome = "NotSupport", petitionerRequest = "退费", facts = "收费经业主大会表决", reasons = "收费有据", legalBasis = "《物业管理条例》" });
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await unit.ActAsync(id, "serve", new { method = "InPerson", servedOn = today, signedByPetitioner = true });

        // The bureau registers the petitioner's written 复查 request; only the unit's 上一级机关 are offered
        // (条例 Art. 35): the county government and the same-line city department — not another city's
        // body, not any other body of a higher level.
        var page = await registrar.Client.GetStringAsync($"/petitions/{id}");
        Assert.Contains("<button type=\"submit\">申请复查</button>", page, StringComparison.Ordinal);
        Assert.Equal([registrar.Org("330106XFJ"), registrar.Org("330100ZJJ")], ReviewOptions(page));
        var sameLevel = await (await PostAsync(registrar.Client, id, "requestreview", new() { ["Act.ReviewOrganizationId"] = registrar.Org("330106RSJ").ToString(), ["Act.Reasons"] = "对处理意见不服" })).Content.ReadAsStringAsync();
        Assert.Contains("复查应当向原办理机关西湖区住房和城乡建设局的上一级机关、单位提出", sameLevel, StringComparison.Ordinal);
        var otherCity = await (await PostAsync(registrar.Client, id, "requestreview", new() { ["Act.ReviewOrganizationId"] = registrar.Org("330200ZJJ").ToString(), ["Act.Reasons"] = "对处理意见不服" })).Content.ReadAsStringAsync();
        Assert.Contains("第三十五条", otherCity, StringComparison.Ordinal);
        Assert.Equal(PetitionState.Served, await StateAsync(id));
        await Done(registrar.Client, id, "requestreview", new() { ["Act.ReviewOrganizationId"] = registrar.Org("330100ZJJ").ToString(), ["Act.Reasons"] = "对处理意见不服" });
        Assert.Equal(PetitionState.UnderReview, await StateAsync(id));

        var reviewer = await App.SignInAsync("demo.hz.zjj.reviewer");
        Assert.Contains("<button type=\"submit\">提出复查意见</button>", await reviewer.GetStringAsync($"/petitions/{id}"), StringComparison.Ordinal);
        var noOpinion = await (await PostAsync(reviewer, id, "issuereviewopinion", new() { ["Act.Opinion"] = "", ["Act.ServedOn"] = today })).Content.ReadAsStringAsync();
        Assert.Matches(new Regex("<span class=\"field-error\">意见不能为空</span>"), noOpinion);
        // stats-reviews (ADR 0084): the outcome is required on the page as in the API.
        Assert.Contains("请选择复查结论", noOpinion, StringComparison.Ordinal);
        Assert.Equal(PetitionState.UnderReview, await StateAsync(id));
        await Done(reviewer, id, "issuereviewopinion", new() { ["Act.Opinion"] = "维持原处理意见", ["Act.ServedOn"] = today, ["Act.Outcome"] = "Upheld" });
        Assert.Equal(PetitionState.ReviewOpinionServed, await StateAsync(id));
        Assert.Contains("复查意见书", await reviewer.GetStringAsync($"/petitions/{id}?tab=documents"), StringComparison.Ordinal);
        Assert.Matches(new Regex("<strong>提出复查意见</strong> [^：]+：提出复查意见：维持原处理意见"), await reviewer.GetStringAsync($"/petitions/{id}?tab=process"));

        // 条例 Art. 36: the 复查 body's own superiors only.
        Assert.Equal([registrar.Org("330100XFJ"), registrar.Org("330000ZJT")], ReviewOptions(await reviewer.GetStringAsync($"/petitions/{id}")));
        await Done(reviewer, id, "requestrereview", new() { ["Act.ReviewOrganizationId"] = registrar.Org("330000ZJT").ToString(), ["Act.Reasons"] = "对复查意见不服" });
        Assert.Equal(PetitionState.UnderReReview, await StateAsync(id));

        var reReviewer = await App.SignInAsync("demo.zj.zjt.reviewer");
        var reReviewPage = await reReviewer.GetStringAsync($"/petitions/{id}");
        Assert.Contains("<button type=\"submit\">听证</button>", reReviewPage, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">提出复核意见</button>", reReviewPage, StringComparison.Ordinal);
        var history = await HistoryCountAsync(id);
        var garbled = await (await PostAsync(reReviewer, id, "recordhearing", new() { ["Act.From"] = "明天", ["Act.To"] = today, ["Act.Summary"] = "公开听证" })).Content.ReadAsStringAsync();
        Assert.Matches(new Regex("<span class=\"field-error\">听证开始日期格式不正确"), garbled);
        var future = await (await PostAsync(reReviewer, id, "recordhearing", new() { ["Act.From"] = today, ["Act.To"] = "2099-01-01", ["Act.Summary"] = "公开听证" })).Content.ReadAsStringAsync();
        Assert.Contains("「听证」未办理：听证结束日期（to）2099-01-01不能晚于今天", future, StringComparison.Ordinal);
        Assert.Equal(history, await HistoryCountAsync(id));

        await Done(reReviewer, id, "recordhearing", new() { ["Act.From"] = today, ["Act.To"] = today, ["Act.Summary"] = "公开听证，律师和人大代表参加" });
        Assert.Matches(new Regex("<strong>听证</strong> [^：]+：听证 " + today), await reReviewer.GetStringAsync($"/petitions/{id}?tab=process"));
        await Done(reReviewer, id, "issuerereviewopinion", new() { ["Act.Opinion"] = "维持复查意见", ["Act.ServedOn"] = today, ["Act.AfterHearing"] = "true", ["Act.Outcome"] = "Upheld" });
        Assert.Equal(PetitionState.ReReviewOpinionServed, await StateAsync(id));
        Assert.Matches(new Regex("<strong>提出复核意见</strong> [^：]+：经听证提出复核意见"), await reReviewer.GetStringAsync($"/petitions/{id}?tab=process"));
    }

    [SkippableFact]
    public async Task A_bureau_refuses_again_through_the_page()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("再次反映已复核终结的征收补偿问题"));
        Assert.Contains("<button type=\"submit\">不再受理</button>", await registrar.Client.GetStringAsync($"/petitions/{id}"), StringComparison.Ordinal);

        var badRule = await (await PostAsync(registrar.Client, id, "refuseagain", new() { ["Act.Rule"] = "99", ["Act.Reason"] = "已复核终结", ["Act.WhereToGo"] = "无" })).Content.ReadAsStringAsync();
        Assert.Matches(new Regex("<span class=\"field-error\">依据无效</span>"), badRule);
        Assert.Equal(PetitionState.Registered, await StateAsync(id));
        Assert.Equal(1, await HistoryCountAsync(id));

        // 条例 Art. 36 ¶3: 不再受理 rests on the re-reviewed 初件, which the form names.
        var unlinked = await (await PostAsync(registrar.Client, id, "refuseagain", new() { ["Act.Rule"] = "AfterReReview", ["Act.Reason"] = "同一事实和理由已经复核终结", ["Act.WhereToGo"] = "无" })).Content.ReadAsStringAsync();
        Assert.Contains("须关联已经复核的初件", unlinked, StringComparison.Ordinal);
        Assert.Equal(PetitionState.Registered, await StateAsync(id));
        var earlier = await ReReviewedItemAsync(registrar);

        await Done(registrar.Client, id, "refuseagain", new() { ["Act.Rule"] = "AfterReReview", ["Act.Reason"] = "同一事实和理由已经复核终结", ["Act.WhereToGo"] = "可依法向人民法院提起诉讼", ["Act.EarlierItemNumber"] = earlier });
        Assert.Equal(PetitionState.RefusedAgain, await StateAsync(id));
        Assert.Contains("不再受理告知书", await registrar.Client.GetStringAsync($"/petitions/{id}?tab=documents"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_unit_head_marks_a_colleague_as_stepping_aside_through_the_page()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("邻里纠纷涉及本局工作人员亲属"));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var handler = await App.SignInAsync("demo.xihu.zjj.handler");
        var head = await App.SignInAsync("demo.xihu.zjj.head");
        var handlerId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "demo.xihu.zjj.handler").Select(u => u.Id).SingleAsync());

        Assert.DoesNotContain("id=\"act-recusal\"", await handler.GetStringAsync($"/petitions/{id}"), StringComparison.Ordinal); // a handler does not record recusals
        var page = await head.GetStringAsync($"/petitions/{id}");
        Assert.Contains("<button type=\"submit\">登记回避</button>", page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{handlerId}\">张承办（承办人）</option>", page, StringComparison.Ordinal);

        var history = await HistoryCountAsync(id);
        var nobody = await (await PostAsync(head, id, "recusal", new() { ["Act.UserId"] = "", ["Act.Reason"] = "与信访人系近亲属" })).Content.ReadAsStringAsync();
        Assert.Contains("「登记回避」未办理：提交的信息有误", nobody, StringComparison.Ordinal);
        Assert.Matches(new Regex("<span class=\"field-error\">回避人员不能为空</span>"), nobody);
        Assert.Contains("与信访人系近亲属</textarea>", nobody, StringComparison.Ordinal);
        Assert.Equal(history, await HistoryCountAsync(id));
        Assert.Contains("id=\"act-accept\"", await handler.GetStringAsync($"/petitions/{id}"), StringComparison.Ordinal);

        await Done(head, id, "recusal", new() { ["Act.UserId"] = handlerId, ["Act.Reason"] = "与信访人系近亲属" });
        Assert.Equal(history + 1, await HistoryCountAsync(id));
        var after = await head.GetStringAsync($"/petitions/{id}?tab=process");
        Assert.Contains("张承办回避（《信访工作条例》第二十八条）", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"<option value=\"{handlerId}\">", after, StringComparison.Ordinal); // already stepped aside
        using var gone = await handler.GetAsync($"/petitions/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode); // out of scope now: the Chinese 404 page, as for an unknown id
        Assert.Contains("信访件不存在", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Each_form_takes_the_day_it_happened_and_the_page_shows_it_beside_the_entry()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var letter = AppExtensions.Letter("纸质收到后补录受理");
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        letter["receivedAt"] = new DateTimeOffset(today.AddDays(-6).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        var (id, _, _, _) = await registrar.RegisterAsync(letter);
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ"), occurredOn = today.AddDays(-5) });
        var handler = await App.SignInAsync("demo.xihu.zjj.handler");

        var page = await handler.GetStringAsync($"/petitions/{id}");
        Assert.Contains("收到日期（发生日期，默认今天） <input type=\"date\" name=\"Act.OccurredOn\"", page, StringComparison.Ordinal);
        Assert.Contains("发生日期（默认今天） <input type=\"date\" name=\"Act.OccurredOn\"", page, StringComparison.Ordinal);

        var history = await HistoryCountAsync(id);
        var future = await (await PostAsync(handler, id, "accept", new() { ["Act.OccurredOn"] = today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })).Content.ReadAsStringAsync();
        Assert.Matches(new Regex("<span class=\"field-error\">发生日期（occurredOn）[0-9-]+不能晚于今天"), future);
        var outside = await (await PostAsync(handler, id, "accept", new() { ["Act.OccurredOn"] = "9999-12-31" })).Content.ReadAsStringAsync();
        Assert.Matches(new Regex("<span class=\"field-error\">发生日期应在2000-01-01至2099-12-31之间"), outside);
        Assert.Equal(history, await HistoryCountAsync(id));

        var receivedOn = today.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await Done(handler, id, "recordreceipt", new() { ["Act.OccurredOn"] = receivedOn });
        var acceptedOn = today.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await Done(handler, id, "accept", new() { ["Act.OccurredOn"] = acceptedOn });
        Assert.Equal(PetitionState.Accepted, await StateAsync(id));
        var after = await handler.GetStringAsync($"/petitions/{id}?tab=process");
        Assert.Matches(new Regex($"<time title=\"发生日期\">{receivedOn}</time> <strong>登记收到</strong> 张承办："), after);
        Assert.Matches(new Regex($"<time title=\"发生日期\">{acceptedOn}</time> <strong>受理</strong> 张承办：受理 <small class=\"muted\">（录入于 {today:yyyy-MM-dd} "), after);
    }

    /// <summary>Posts an action form and insists it was done (303 back to the page).</summary>
    /// <summary>An item handled by 西湖区住建局, then 复查 and 复核 (条例 Arts. 35–36) through the API; returns its number.</summary>
    private async Task<string> ReReviewedItemAsync(Staff registrar)
    {
        var (id, number, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("已经复核的征收补偿问题"));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        await handler.ActAsync(id, "accept");
        await handler.ActAsync(id, "route", new { route = "Investigate" });
        await (await App.StaffAsync("demo.xihu.zjj.head")).ActAsync(id, "decide", new { outcome = "NotSupport", petitionerRequest = "提高补偿", facts = "按标准补偿", reasons = "补偿有据", legalBasis = "《国有土地上房屋征收与补偿条例》" });
        var today = Xinfang.Domain.Deadlines.DeadlineTime.LocalDate(App.Clock.GetUtcNow());
        await handler.ActAsync(id, "serve", new { method = "InPerson", servedOn = today, signedByPetitioner = true });
        await registrar.ActAsync(id, "review", new { reviewOrganizationId = registrar.Org("330100ZJJ"), reasons = "不服处理意见" });
        var reviewer = await App.StaffAsync("demo.hz.zjj.reviewer");
        await reviewer.ActAsync(id, "review-opinion", new { opinion = "维持原处理意见", servedOn = today, outcome = "Upheld" });
        await reviewer.ActAsync(id, "re-review", new { reviewOrganizationId = reviewer.Org("330000ZJT"), reasons = "不服复查意见" });
        var reReviewer = await App.StaffAsync("demo.zj.zjt.reviewer");
        await reReviewer.ActAsync(id, "re-review-opinion", new { opinion = "维持复查意见", servedOn = today, afterHearing = false, outcome = "Upheld" });
        return number;
    }

    private static async Task Done(HttpClient client, Guid id, string action, Dictionary<string, string> fields)
    {
        var response = await PostAsync(client, id, action, fields);
        Assert.True(response.StatusCode == HttpStatusCode.SeeOther, $"{action}: {(int)response.StatusCode} {Regex.Match(await response.Content.ReadAsStringAsync(), "<div class=\"error\"[\\s\\S]*?</div>").Value}");
        Assert.Equal($"/petitions/{id}", response.Headers.Location?.OriginalString);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid id, string action, Dictionary<string, string> fields, string? token = null)
    {
        // Every step that cannot be undone is confirmed on the page (“我已核对，确认办理”); the tests of that check post without it.
        var form = new Dictionary<string, string>(fields)
        {
            ["_handler"] = "act-" + action,
            ["__RequestVerificationToken"] = token ?? await SecurityApp.AntiforgeryTokenAsync(client, $"/petitions/{id}"),
        };
        form.TryAdd("Act.Confirmed", "true");
        return await client.PostAsync($"/petitions/{id}", new FormUrlEncodedContent(form));
    }

    /// <summary>The bodies the page offers for a 复查 or 复核 (the options of its one review-body list).</summary>
    private static List<Guid> ReviewOptions(string page)
    {
        var select = Regex.Match(page, "<select name=\"Act.ReviewOrganizationId\">(.*?)</select>", RegexOptions.Singleline);
        Assert.True(select.Success, "no review-body list on the page");
        return Regex.Matches(select.Groups[1].Value, "<option value=\"([0-9a-f-]{36})\"").Select(m => Guid.Parse(m.Groups[1].Value)).ToList();
    }

    private Task<int> HistoryCountAsync(Guid id) => App.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).SelectMany(p => p.History).CountAsync());

    private Task<PetitionState> StateAsync(Guid id) => App.WithDbAsync(db => db.Petitions.Where(p => p.Id == id).Select(p => p.State).SingleAsync());
}

public sealed class PetitionPageActionsOnSqlite(SqliteFixture fixture) : PetitionPageActionTests(fixture), IClassFixture<SqliteFixture>;

public sealed class PetitionPageActionsOnPostgres(PostgresFixture fixture) : PetitionPageActionTests(fixture), IClassFixture<PostgresFixture>;
