using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Identity;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Reports;

/// <summary>
/// Issue 14, "How it is checked": one small jurisdiction's year — 余杭区, where the demo seeds nothing — is built through the
/// HTTP API as its staff would (reception sessions and their visitors, 包案, a campaign, screening rounds and warnings,
/// mediation sessions with agreements, lawyers' opinions and referrals, a case review, a typical case, 协办 tasks, a joint
/// meeting's decisions, a special period's daily reports and an urgent report), each figure worked out by hand in the
/// comments; then the one annual report of 2026 (Markdown and .docx) and the dashboard must state exactly those numbers.
/// Beside each module's counted records lie ones that must not count: dated outside 2026 (before it, or done after it once
/// the clock has moved into 2027), voided, or of 西湖区 (a body outside 余杭区's subtree), so a wrong period or scope fails.
/// The class's app holds only this test's records in 余杭区 (one test per class).
/// </summary>
public abstract class WholeWorkReportTests(AppFixture fixture)
{
    public static readonly DateTimeOffset Start = new(2026, 12, 20, 9, 0, 0, TimeSpan.FromHours(8));

    private XinfangApp App => fixture.App;

    private DateOnly Today => DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<JsonNode> OkAsync(Staff who, string url, object? body)
    {
        var (status, json) = await who.PostAsync(url, body);
        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Created, $"{url}: {(int)status} {json.ToJsonString()}");
        return json;
    }

    private static async Task<Guid> IdAsync(Staff who, string url, object? body) => (await OkAsync(who, url, body))["id"]!.GetValue<Guid>();

    private static async Task<Guid> ItemAsync(Staff registrar, string title) =>
        (await registrar.RegisterAsync(AppExtensions.Letter(title + Guid.NewGuid().ToString("N")[..6]))).Id;

    /// <summary>余杭区 has no demo accounts: its staff are made here as an administrator would, with the demo password.</summary>
    private async Task AccountsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Web.Data.AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var orgs = await db.Organizations.Where(o => o.Code.StartsWith("330110")).ToDictionaryAsync(o => o.Code, o => o.Id);
        foreach (var (user, name, org, role) in new[]
        {
            ("yh.registrar", "余登记", "330110XFJ", StaffRole.Registrar),
            ("yh.leader", "余区长", "330110XFJ", StaffRole.Leader),
            ("yh.zjj.handler", "余承办", "330110ZJJ", StaffRole.Handler),
            ("yh.street.handler", "仓承办", "330110005JD", StaffRole.Handler),
        })
        {
            var result = await users.CreateAsync(new StaffUser { UserName = user, DisplayName = name, OrganizationId = orgs[org], Role = role, LockoutEnabled = true },
                Web.Administration.DemoData.DemoPassword);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    [SkippableFact]
    public async Task The_annual_report_and_the_dashboard_state_the_whole_years_figures_worked_out_by_hand()
    {
        // The fake clock starts on 2026-12-20 09:00 (+08:00), late in the year: the year's work is done by its end and the clock
        // then moves only a few days into 2027 (a fake clock moved by months fires every periodic timer for each period passed).
        Assert.Equal(new DateOnly(2026, 12, 20), Today);
        await AccountsAsync();
        var admin = await App.StaffAsync("demo.zj.admin");
        // A village under 仓前街道: 余杭区 then has two places to screen (仓前街道 and 葛巷村).
        var (added, village) = await admin.PostAsync("/api/admin/organizations", new
        {
            parentId = admin.Org("330110005JD"), code = "330110005C01", name = "仓前街道葛巷村", divisionCode = "330110005", level = "Village", kind = "ResponsibleUnit",
        });
        Assert.True(added is HttpStatusCode.Created or HttpStatusCode.OK, village.ToJsonString());

        var yh = await App.StaffAsync("yh.registrar");
        var leader = await App.StaffAsync("yh.leader");
        var zjj = await App.StaffAsync("yh.zjj.handler");
        var street = await App.StaffAsync("yh.street.handler");
        var xihu = await App.StaffAsync("demo.xihu.registrar");
        var xihuLeader = await App.StaffAsync("demo.xihu.leader");
        var (yuhang, yhZjj, cangqian) = (yh.Org("330110XFJ"), yh.Org("330110ZJJ"), yh.Org("330110005JD"));

        // ── 领导接访 ──
        object Session(string kind, string startsAt) => new { leaderName = "钱区长", leaderPost = "余杭区副区长", place = "余杭区人民来访接待中心", startsAt, kind, topic = "征地拆迁" };
        async Task<Guid> HeldAsync(Staff who, string kind, string startsAt)
        {
            var id = await IdAsync(who, "/api/reception/sessions", Session(kind, startsAt));
            await OkAsync(who, $"/api/reception/sessions/{id}/held", null);
            return id;
        }

        async Task<Guid> VisitorAsync(Staff who, Guid session, string title, int headCount, bool collective = false)
        {
            var letter = AppExtensions.Letter(title + Guid.NewGuid().ToString("N")[..6]);
            letter["headCount"] = headCount;
            letter["collective"] = collective;
            return (await OkAsync(who, $"/api/reception/sessions/{session}/visitors", letter))["id"]!.GetValue<Guid>();
        }

        // S1 公开接访 today: A (3 people), B (a collective visit of 12), C (5 people, then voided: counts nothing).
        var s1 = await HeldAsync(yh, "Public", "2026-12-20T14:00:00+08:00");
        var visitorA = await VisitorAsync(yh, s1, "仓前街道征地补偿款未发放", 3);
        await VisitorAsync(yh, s1, "安置小区工地夜间施工扰民", 12, collective: true);
        var voided = await VisitorAsync(yh, s1, "重复登记的来访", 5);
        await yh.ActAsync(voided, "void", new { reason = "误登记" });
        // S2 定期接访 yesterday: D (1 person).
        var s2 = await HeldAsync(yh, "Regular", "2026-12-19T10:00:00+08:00");
        await VisitorAsync(yh, s2, "村道破损", 1);
        // Not counted: S3 only planned (not held); S4 held on 2025-12-21 (last year); 西湖区's session (outside the subtree); S5 (2027, below).
        await IdAsync(yh, "/api/reception/sessions", Session("Thematic", "2026-12-22T09:00:00+08:00"));
        var s4 = await HeldAsync(yh, "Visiting", "2025-12-21T09:00:00+08:00");
        await VisitorAsync(yh, s4, "去年下访接待的事项", 4);
        var sx = await HeldAsync(xihu, "Public", "2026-12-20T10:00:00+08:00");
        await VisitorAsync(xihu, sx, "西湖区接访事项", 2);
        // By hand: 2 sessions (定期接访 1, 公开接访 1); 批 = A, B, D = 3; 人次 = 3 + 12 + 1 = 16 (公开 2 批 15 人次, 定期 1 批 1 人次).

        // ── 领导包案 ──
        var leaderId = (await yh.GetAsync("/api/ownership/leaders")).Body.AsArray().Single(l => l!["name"]!.GetValue<string>() == "余区长")!["id"]!.GetValue<string>();
        async Task<Guid> OwnAsync(Staff who, string lead, string title) =>
            await IdAsync(who, "/api/ownership", new { petitionId = await ItemAsync(who, title), leaderId = lead, plan = "十日内约见信访人，会同住建局核实" });
        var o1 = await OwnAsync(yh, leaderId, "征迁补偿标准争议");
        var o2 = await OwnAsync(yh, leaderId, "安置房质量问题");
        var o3 = await OwnAsync(yh, leaderId, "宅基地审批");
        var o4 = await OwnAsync(yh, leaderId, "企业欠薪");
        await OkAsync(leader, $"/api/ownership/{o1}/outcome", new { outcome = "Resolved", note = "补偿已到位，信访人表示满意" });
        await OkAsync(leader, $"/api/ownership/{o2}/outcome", new { outcome = "Resolved", note = "已维修" });
        await OkAsync(leader, $"/api/ownership/{o3}/outcome", new { outcome = "Unresolved", note = "诉求超出政策规定" });
        // o4 stays open in 2026 and is resolved in 2027 (below): open at the year's end, not resolved in it.
        // Not counted: 西湖区's own 包案, resolved (outside the subtree).
        var xihuLeaderId = (await xihu.GetAsync("/api/ownership/leaders")).Body.AsArray().Single(l => l!["name"]!.GetValue<string>() == "陈局长")!["id"]!.GetValue<string>();
        var ox = await OwnAsync(xihu, xihuLeaderId, "西湖区包案事项");
        await OkAsync(xihuLeader, $"/api/ownership/{ox}/outcome", new { outcome = "Resolved", note = "化解" });
        // By hand: 4 owned; 2 化解, 1 未化解, 1 open → 包案化解率 2 ÷ (2 + 1) = 66.67 %.

        // ── 治重化积 ──
        var campaign = await IdAsync(yh, "/api/campaigns", new { name = "2026年治重化积专项工作", kind = "Backlog", startsOn = "2026-01-01", endsOn = "2026-12-31" });
        async Task<Guid> EntryAsync(Staff who, Guid of, string source, string matter, string dueOn, string owner = "余杭区住房和城乡建设局")
        {
            var body = await OkAsync(who, $"/api/campaigns/{of}/entries", new { source, matter, owner, plan = "化解方案", dueOn });
            return body["entries"]!.AsArray().Single(e => e!["matter"]!.GetValue<string>() == matter)!["id"]!.GetValue<Guid>();
        }

        await EntryAsync(yh, campaign, "Central", "事项甲", "2026-12-01");             // no outcome, due before the year's end → 逾期
        var e2 = await EntryAsync(yh, campaign, "Central", "事项乙", "2026-12-31");    // 化解 on 12-20
        var e3 = await EntryAsync(yh, campaign, "Provincial", "事项丙", "2026-12-31"); // 未化解 on 12-19
        var e4 = await EntryAsync(yh, campaign, "LocalCheck", "事项丁", "2026-12-31"); // 化解 only in 2027: open on 12-31, due that day, not late
        var e5 = await EntryAsync(yh, campaign, "LocalCheck", "事项戊", "2026-12-25", "仓前街道办事处"); // 化解 on 12-20
        await OkAsync(yh, $"/api/campaigns/{campaign}/entries/{e2}/outcome", new { outcome = "Resolved", on = "2026-12-20" });
        await OkAsync(yh, $"/api/campaigns/{campaign}/entries/{e3}/outcome", new { outcome = "Unresolved", on = "2026-12-19", reason = "诉求超出政策规定" });
        await OkAsync(yh, $"/api/campaigns/{campaign}/entries/{e5}/outcome", new { outcome = "Resolved", on = "2026-12-20" });
        // Not counted: a campaign of 2025 (its period does not meet 2026) and one of 西湖区 (outside the subtree).
        var old = await IdAsync(yh, "/api/campaigns", new { name = "2025年治重化积专项工作", kind = "Backlog", startsOn = "2025-01-01", endsOn = "2025-12-31" });
        await EntryAsync(yh, old, "Central", "去年的事项", "2025-12-31");
        var xihuCampaign = await IdAsync(xihu, "/api/campaigns", new { name = "西湖区专项工作", kind = "Backlog", startsOn = "2026-01-01", endsOn = "2026-12-31" });
        var ex = await EntryAsync(xihu, xihuCampaign, "Central", "西湖区事项", "2026-06-30");
        await OkAsync(xihu, $"/api/campaigns/{xihuCampaign}/entries/{ex}/outcome", new { outcome = "Resolved", on = "2026-12-20" });
        // By hand, as of 2026-12-31: 1 campaign, 5 entries (中央交办 2, 省交办 1, 市县自查 2); 已化解 2 (乙, 戊), 未化解 1 (丙),
        // 逾期未化解 1 (甲); 化解率 2 ÷ 5 = 40.00 %. By source: 中央交办 2/1/0/1 → 50.00 %, 省交办 1/0/1/0 → 0.00 %, 市县自查 2/1/0/0 → 50.00 %.
        // By unit: 住建局 甲乙丙丁 4/1/1/1 → 25.00 %, 仓前街道 戊 1/1/0/0 → 100.00 %.

        // ── 矛盾纠纷排查和预警 ──
        object Round(Guid body, string from, string to, params object[] findings) =>
            new { organizationId = body, periodFrom = from, periodTo = to, periodLabel = "月度排查", screenedBy = "网格员、村调解员", findings };
        static object Finding(string kind, int found, int resolved = 0, int warnings = 0, int items = 0) =>
            new { kind, found, resolvedOnSpot = resolved, toWarnings = warnings, toItems = items };
        await IdAsync(yh, "/api/screening/rounds", Round(cangqian, "2026-11-01", "2026-11-30", Finding("LandRequisition", 5, 2, 2, 1), Finding("Neighbours", 3, 3)));
        await IdAsync(yh, "/api/screening/rounds", Round(cangqian, "2026-12-01", "2026-12-15", Finding("LabourWages", 4, 1, 1, 1)));
        // Not counted: the demo's 西湖区 rounds of November 2026 (outside the subtree); a round of January 2027 (below).
        object Warning(string level, string summary) => new { summary, place = "仓前街道", kind = "LabourWages", level, expectedPersons = 30 };
        var serious = await IdAsync(yh, "/api/screening/warnings", Warning("Serious", "征地补偿争议，村民拟集体反映"));
        var general = await IdAsync(yh, "/api/screening/warnings", Warning("General", "邻里宅基地界址争议"));
        var major = await IdAsync(yh, "/api/screening/warnings", Warning("Major", "企业停产拖欠工资"));
        foreach (var w in new[] { serious, general, major })
        {
            await OkAsync(yh, $"/api/screening/warnings/{w}/assign", new { responsibleOrganizationId = cangqian });
        }

        await OkAsync(yh, $"/api/screening/warnings/{general}/close", new { outcome = "Resolved", note = "经村调解委员会调解，双方签订协议" });
        // serious is closed five days on, after its 3-day limit (late); major stays open past its limit (overdue at the year's end).
        // Not counted: a warning of 西湖区.
        await IdAsync(xihu, "/api/screening/warnings", Warning("Major", "西湖区某工地噪声扰民"));
        // By hand: rounds 2; places 2, screened 1 (仓前街道) → 排查率 50.00 %; found 5 + 3 + 4 = 12, on the spot 2 + 3 + 1 = 6,
        // to warnings 2 + 0 + 1 = 3, to items 1 + 0 + 1 = 2; warnings raised 3 (重大 1, 较大 1, 一般 1), assigned 3; closed 2, late 1; overdue 1.

        // ── 调解评理 ──
        var (ma, mb, mc) = (await ItemAsync(yh, "物业费争议"), await ItemAsync(yh, "邻里噪音"), await ItemAsync(yh, "拆迁补偿"));
        async Task<Guid> MediateAsync(Staff who, object hold, object[] participants, object? outcome)
        {
            var id = await IdAsync(who, "/api/mediation/sessions", hold);
            if (participants.Length > 0)
            {
                await OkAsync(who, $"/api/mediation/sessions/{id}/participants", new { participants });
            }

            if (outcome is not null)
            {
                await OkAsync(who, $"/api/mediation/sessions/{id}/outcome", outcome);
            }

            return id;
        }

        object Hold(string kind, string heldOn, params Guid[] items) => new { kind, heldOn, place = "余杭区人民调解委员会调解室", petitionIds = items };
        // M1 人民调解 on A and B, a mediator and two lawyers: 达成协议 (调解协议书).
        await MediateAsync(yh, Hold("People", "2026-12-18", ma, mb),
            [new { name = "陈调解", role = "Mediator" }, new { name = "李律师", role = "Lawyer" }, new { name = "钱律师", role = "Lawyer" }],
            new { outcome = "Agreed", note = "一致", agreementKind = "Mediation", agreementTerms = "一、退还多收的物业费。" });
        // M2 信访评理室 视频评理 on B, a deputy: 部分达成 (和解协议书).
        await MediateAsync(yh, new { kind = "Reasoning", mode = "Video", heldOn = "2026-12-19", place = "视频评理室", petitionIds = new[] { mb } },
            [new { name = "周代表", role = "Deputy" }], new { outcome = "PartlyAgreed", note = "部分一致", agreementKind = "Settlement", agreementTerms = "一、夜间停工。" });
        // M3 行政调解 on C, a cadre: 未达成.
        await MediateAsync(yh, Hold("Administrative", "2026-12-19", mc), [new { name = "吴干部", role = "DepartmentCadre" }], new { outcome = "NotAgreed", note = "分歧较大" });
        // Not counted: 西湖区's session (outside the subtree); M4 held in 2027 (below).
        await MediateAsync(xihu, Hold("People", "2026-12-19", await ItemAsync(xihu, "西湖区调解事项")), [new { name = "李律师", role = "Lawyer" }],
            new { outcome = "Agreed", note = "一致", agreementKind = "Mediation", agreementTerms = "一、和解。" });
        // By hand: 3 sessions (人民调解 1, 行政调解 1, 信访评理室 1 — 视频评理 1); items A, B, C = 3; with an outcome 3: 达成 1, 部分 1,
        // 未达成 1 → 达成协议率 1 ÷ 3 = 33.3 %; agreements 2; lawyers in 1 session, 2 人次; deputies in 1 session, 1 人次.

        // ── 律师参与、帮扶救助转介、案审、典型案例 ──
        var (la, lb, lc) = (await ItemAsync(yh, "工伤认定"), await ItemAsync(yh, "困难家庭救助"), await ItemAsync(yh, "停车收费"));
        await yh.ActAsync(lc, "answer", new { answer = "经核实，已责令物业停止收费。" });
        await yh.ActAsync(lc, "serve", new { method = "Post", servedOn = Today, signedByPetitioner = true });
        object Opinion(Guid item, string subject, DateOnly on, Guid? receptionSessionId = null) =>
            new { petitionId = item, subject, lawyerName = "李律师", firm = "浙江明理律师事务所", givenOn = on, text = "建议依法处理。", receptionSessionId };
        await OkAsync(yh, "/api/legal/opinions", Opinion(la, "Item", Today));
        // The lawyer beside the leader at S1 on visitor A's matter.
        await OkAsync(yh, "/api/legal/opinions", Opinion(visitorA, "Reception", Today, s1));
        // Not counted: one recorded by 西湖区; one given in 2027 (below).
        await OkAsync(xihu, "/api/legal/opinions", Opinion(await ItemAsync(xihu, "西湖区律师意见"), "Item", Today));
        var aid = await IdAsync(yh, "/api/legal/referrals", new { petitionId = la, kind = "LegalAid", receivingBody = "余杭区法律援助中心" });
        await OkAsync(yh, $"/api/legal/referrals/{aid}/outcome", new { outcome = "Assisted" });
        await IdAsync(yh, "/api/legal/referrals", new { petitionId = lb, kind = "SocialAssistance", receivingBody = "余杭区民政局" });
        await OkAsync(yh, "/api/case-reviews", new
        {
            petitionId = lc, reviewers = "余区长、李科长", reasonable = new { applies = true, done = "已解决" }, unreasonable = new { applies = false },
            hardship = new { applies = false }, unlawful = new { applies = false }, conclusion = "MayClose",
        });
        var typical = await IdAsync(yh, "/api/typical-cases", new { petitionId = lc, title = "停车收费依法化解", kind = "Resolution", summary = "某小区物业未经表决加收停车费，经核实责令退还。", lessons = "先核实表决程序。" });
        await OkAsync(yh, $"/api/typical-cases/{typical}/consent", new { consent = true });
        await OkAsync(yh, $"/api/typical-cases/{typical}/publish", new { });
        // By hand: opinions 2 (信访事项办理 1, 接访 1); referrals 2 (法律援助 1 已援助, 社会救助 1 待反馈); case reviews 1 (可以办结);
        // typical cases compiled 1, published 1.

        // ── 主办/协办 ──
        var (ca, cb) = (await ItemAsync(yh, "安置房漏水"), await ItemAsync(yh, "征地补偿款核算"));
        await yh.ActAsync(ca, "forward", new { targetOrganizationId = yhZjj });
        await yh.ActAsync(cb, "forward", new { targetOrganizationId = yhZjj });
        var t1 = await IdAsync(yh, $"/api/petitions/{ca}/co-handlers", new { organizationId = cangqian, task = "入户核实漏水情况", dueOn = Today.AddDays(2) });
        await IdAsync(yh, $"/api/petitions/{cb}/co-handlers", new { organizationId = cangqian, task = "核实被征地面积", dueOn = Today.AddDays(2) });
        await OkAsync(street, $"/api/petitions/{ca}/co-handlers/{t1}/feedback", new { feedback = "经入户核实，屋顶防水层破损。" });
        await OkAsync(street, $"/api/petitions/{ca}/co-handlers/{t1}/done", new { });
        // By hand: items 2, tasks 2; done on time 1 (t1), late 0; the other open past its deadline at the year's end → 1;
        // 协办按期办结率 1 ÷ 1 = 100.00 %.

        // ── 联席会议议定事项 ──
        var meeting = await IdAsync(yh, "/api/joint-meetings", new { heldOn = "2026-12-15", topic = "仓前街道征迁信访问题" });
        var d1 = await IdAsync(yh, $"/api/joint-meetings/{meeting}/decisions", new { text = "核实补偿", ownerOrganizationId = yhZjj, dueOn = "2026-12-30" });
        await IdAsync(yh, $"/api/joint-meetings/{meeting}/decisions", new { text = "制定安置方案", ownerOrganizationId = yhZjj, dueOn = "2026-12-22" });
        var d3 = await IdAsync(yh, $"/api/joint-meetings/{meeting}/decisions", new { text = "完成安置", ownerOrganizationId = yhZjj, dueOn = "2027-02-28" });
        await OkAsync(zjj, $"/api/joint-meetings/decisions/{d1}/done", new { text = "已核实，补偿款已发放" });
        // By hand: meetings 1, decisions 3; done 1 (d1, on time); at the year's end d2 open past its deadline (overdue 1) and
        // d3 open within it (done only in 2027: 1).

        // ── 值班和零报告、紧急信访信息报告 ──
        var period = await IdAsync(yh, "/api/duty/periods", new { name = "全国两会期间", from = "2026-12-20", to = "2026-12-22" });
        await OkAsync(yh, $"/api/duty/periods/{period}/reports", new { });
        await OkAsync(zjj, $"/api/duty/periods/{period}/reports", new { situations = "发现1人拟进京反映征地问题，已稳控" });
        await OkAsync(yh, "/api/urgent-reports", new { summary = "30余名征迁户拟明日集体赴省上访", petitionId = cb, note = "请市局掌握" });
        // By hand: 1 special period of 3 days × 4 reporting bodies (bureau, 住建局, 仓前街道, 葛巷村) = 12 expected; filed 2 (one 零报告),
        // none late; missing 12 − 2 = 10. Urgent reports that arose in 余杭区: 1 (sent to the city, outside the subtree).

        // Five days on: the serious warning is closed after its limit.
        App.Advance(TimeSpan.FromDays(5));
        yh = await App.StaffAsync("yh.registrar");
        await OkAsync(yh, $"/api/screening/warnings/{serious}/close", new { outcome = "Unresolved", note = "当事人已向法院起诉" });

        // ── 2027: what happens after the year must not change it ──
        App.Advance(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(8)) - App.Clock.GetUtcNow());
        Assert.Equal(new DateOnly(2027, 1, 4), Today);
        (yh, leader, zjj) = (await App.StaffAsync("yh.registrar"), await App.StaffAsync("yh.leader"), await App.StaffAsync("yh.zjj.handler"));
        await OkAsync(leader, $"/api/ownership/{o4}/outcome", new { outcome = "Resolved", note = "欠薪已清偿" });
        await OkAsync(yh, $"/api/campaigns/{campaign}/entries/{e4}/outcome", new { outcome = "Resolved", on = "2027-01-04" });
        var s5 = await HeldAsync(yh, "Public", "2027-01-04T14:00:00+08:00");
        await VisitorAsync(yh, s5, "新年接访事项", 2);
        await MediateAsync(yh, Hold("People", "2027-01-04", ma), [], new { outcome = "Agreed", note = "一致", agreementKind = "Mediation", agreementTerms = "一、和解。" });
        await OkAsync(zjj, $"/api/joint-meetings/decisions/{d3}/done", new { text = "安置完成" });
        await IdAsync(yh, "/api/screening/rounds", Round(cangqian, "2027-01-01", "2027-01-03", Finding("Other", 7, 7)));
        await OkAsync(yh, "/api/legal/opinions", Opinion(la, "Item", Today));

        // ── The report of 2026 ──
        var markdown = await yh.Client.GetStringAsync("/api/reports/annual/markdown?year=2026");
        var docx = await yh.Client.GetByteArrayAsync("/api/reports/annual/docx?year=2026");
        string docxText;
        List<string> docxRows;
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            var body = word.MainDocumentPart!.Document.Body!;
            docxText = body.InnerText;
            docxRows = body.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableRow>()
                .Select(r => "| " + string.Join(" | ", r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText)) + " |").ToList();
        }

        var dashboard = await yh.Client.GetStringAsync("/statistics?year=2026");
        var dashboardText = WebUtility.HtmlDecode(Regex.Replace(dashboard, "<[^>]+>", " "));
        var dashboardRows = Regex.Matches(dashboard, "<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)
            .Select(m => "| " + string.Join(" | ", Regex.Matches(m.Groups[1].Value, "<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)
                .Select(c => Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(c.Groups[1].Value, "<[^>]+>", " ")), @"\s+", " ").Trim())) + " |").ToList();

        void Sentence(string text)
        {
            Assert.Contains(text, markdown, StringComparison.Ordinal);
            Assert.Contains(text, docxText, StringComparison.Ordinal);
            Assert.Contains(text, dashboardText, StringComparison.Ordinal);
        }

        void Row(string row, bool onDashboard = true)
        {
            Assert.Contains(row, markdown, StringComparison.Ordinal);
            Assert.Contains(row, docxRows);
            if (onDashboard)
            {
                Assert.Contains(row, dashboardRows);
            }
        }

        // 领导接访: 2 sessions, 3 批, 16 人次.
        Sentence("领导接访：各级领导干部接访2场次（定期接访1场次，公开接访1场次），接待群众3批16人次。");
        Row("| 定期接访 | 1 | 1 | 1 |");
        Row("| 公开接访 | 1 | 2 | 15 |");
        Row("| 下访 | 0 | 0 | 0 |");
        Row("| 合计 | 2 | 3 | 16 |");

        // 领导包案: 4 owned, 2 化解, 1 未化解, 1 open at the year's end, 66.67 %.
        Assert.Contains("**领导包案情况**", markdown, StringComparison.Ordinal);
        Row("| 4 | 2 | 1 | 1 | 66.67% | 0 |", onDashboard: false);
        Assert.Contains("| 4 | 2 | 1 | 1 | 66.67% （2 ÷ 3） | 0 |", dashboardRows); // the dashboard's last column: 撤回 (none withdrawn)

        // 治重化积: as of 2026-12-31.
        Sentence("治重化积：开展治理重复信访、化解信访积案专项工作1项，列入清单5件（中央交办2件，省交办1件，市县自查2件），截至2026年12月31日已化解2件，化解率40.00%，逾期未化解1件。");
        Row("| 中央交办 | 2 | 1 | 0 | 1 | 50.00% |");
        Row("| 省交办 | 1 | 0 | 1 | 0 | 0.00% |");
        Row("| 市县自查 | 2 | 1 | 0 | 0 | 50.00% |");
        Row("| 合计 | 5 | 2 | 1 | 1 | 40.00% |");
        Row("| 2026年治重化积专项工作 | 5 | 2 | 1 | 1 | 40.00% |");
        Row("| 余杭区住房和城乡建设局 | 4 | 1 | 1 | 1 | 25.00% |");
        Row("| 仓前街道办事处 | 1 | 1 | 0 | 0 | 100.00% |");
        Assert.DoesNotContain("2025年治重化积专项工作", markdown, StringComparison.Ordinal);

        // 矛盾纠纷排查和预警.
        Sentence("矛盾纠纷排查化解：开展排查2次，排查乡镇（街道）、村（社区）1个，占辖区2个的50.00%（排查率）；排查发现矛盾纠纷12件，就地化解6件，转预警3件，转信访事项2件。" +
            "发出预警3条（重大1条、较大1条、一般1条），已交办3条；办结预警2条（其中逾期办结1条）；期末逾期未办结1条。");
        Row("| 土地征收 | 5 | 2 | 2 | 1 |");
        Row("| 合计 | 12 | 6 | 3 | 2 |");
        Row("| 2 | 50.00% | 3 | 3 | 2 | 1 | 1 |", onDashboard: false);
        Assert.Contains("| 2 | 50.00% （1 ÷ 2） | 3 | 3 | 2 | 1 | 1 |", dashboardRows);

        // 调解评理.
        Sentence("调解评理：开展调解、评理3场次（人民调解1场次，行政调解1场次，信访评理室1场次），涉及信访事项3件；已有结果3场次，其中达成协议1场次、" +
            "部分达成1场次、未达成1场次，达成协议率33.3%；制作调解协议书、和解协议书2份；律师参与1场次2人次，人大代表、政协委员参与1场次1人次。");
        Row("| 人民调解 | 1 | 1 | 0 | 0 |");
        Row("| 行政调解 | 1 | 0 | 0 | 1 |");
        Row("| 信访评理室 | 1 | 0 | 1 | 0 |");
        Row("| 合计 | 3 | 1 | 1 | 1 |");
        Row("| 视频评理 | 1 | 0 | 1 | 0 |");

        // 律师参与、帮扶救助、案审、典型案例.
        Sentence("律师参与和法律援助：律师出具意见2件；对生活困难的信访人转介帮扶救助2件（已受理0件、已援助1件、不符合条件0件、未申请0件、待反馈1件）；案审1件；编写典型案例1件，经信访人同意公开发布1件。");
        Row("| 信访事项办理 | 1 |");
        Row("| 接访 | 1 |");
        Row("| 法律援助 | 1 | 0 | 1 | 0 | 0 | 0 |");
        Row("| 社会救助 | 1 | 0 | 0 | 0 | 0 | 1 |");
        Row("| 合计 | 2 | 0 | 1 | 0 | 0 | 1 |");
        Row("| 可以办结 | 1 |");

        // 主办/协办: 2 items, 2 tasks, 1 on time, 0 late, 1 overdue open, 100.00 %.
        Row("| 2 | 2 | 1 | 0 | 1 | 100.00% |");
        // 联席会议议定事项: 1 meeting, 3 decisions, 1 done (0 late), 1 overdue, 1 open in time.
        Row("| 1 | 3 | 1 | 0 | 1 | 1 |");
        // 值班和零报告: 1 period, 12 expected, 2 filed, 1 零报告, 0 late, 10 missing; 1 urgent report arose here.
        Row("| 1 | 12 | 2 | 1 | 0 | 10 |");
        Row("| 本辖区发生并报告的紧急事项 | 1 | — |");
    }
}

/// <summary>The class's app, its clock starting on 2026-12-20 09:00 (+08:00).</summary>
public sealed class DecemberSqliteFixture() : AppFixture(Provider.Sqlite, start: WholeWorkReportTests.Start);

public sealed class DecemberPostgresFixture() : AppFixture(Provider.Postgres, start: WholeWorkReportTests.Start);

public sealed class WholeWorkReportOnSqlite(DecemberSqliteFixture fixture) : WholeWorkReportTests(fixture), IClassFixture<DecemberSqliteFixture>;

public sealed class WholeWorkReportOnPostgres(DecemberPostgresFixture fixture) : WholeWorkReportTests(fixture), IClassFixture<DecemberPostgresFixture>;
