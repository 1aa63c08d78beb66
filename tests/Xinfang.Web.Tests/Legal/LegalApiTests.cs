using System.Net;
using Xinfang.Web.Tests.AdminPages;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Legal;

/// <summary>
/// Lawyers' opinions, referrals (条例 Art. 37 ¶2), 案审 and typical cases over HTTP on SQLite and PostgreSQL (issue 14):
/// each workflow with bad input refused (nothing saved), another jurisdiction refused, an unpublished case kept off the
/// portal, and a published case holding no personal data.
/// </summary>
public abstract class LegalApiTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private DateOnly Today => DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static Dictionary<string, object?> Letter(string title)
    {
        var letter = AppExtensions.Letter(title + Guid.NewGuid().ToString("N")[..6]);
        letter["content"] = "王建国反映：物业公司今年起每月加收停车管理费两百元，没有任何公示。联系电话13912345678，住杭州市西湖区北山街道1幢101室。";
        return letter;
    }

    [SkippableFact]
    public async Task A_lawyers_opinion_is_recorded_on_an_item_and_shown_to_those_who_see_it()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, _, _) = await registrar.RegisterAsync(Letter("物业乱收费"));

        var (missing, problem) = await registrar.PostAsync("/api/legal/opinions", new { petitionId = id, subject = "Item" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.NotNull(problem["errors"]!["lawyerName"]);
        Assert.NotNull(problem["errors"]!["firm"]);
        Assert.NotNull(problem["errors"]!["text"]);
        Assert.NotNull(problem["errors"]!["givenOn"]);
        var (future, f) = await registrar.PostAsync("/api/legal/opinions", new { petitionId = id, subject = "Item", lawyerName = "李律师", firm = "浙江明理律师事务所", givenOn = Today.AddDays(1), text = "意见" });
        Assert.Equal(HttpStatusCode.BadRequest, future);
        Assert.NotNull(f["errors"]!["givenOn"]);
        var (noSession, s) = await registrar.PostAsync("/api/legal/opinions", new { petitionId = id, subject = "Reception", lawyerName = "李律师", firm = "明理所", givenOn = Today, text = "意见" });
        Assert.Equal(HttpStatusCode.BadRequest, noSession);
        Assert.NotNull(s["errors"]!["receptionSessionId"]);
        var (control, _) = await registrar.PostAsync("/api/legal/opinions", new { petitionId = id, subject = "Item", lawyerName = "李\u0007律师", firm = "明理所", givenOn = Today, text = "意见" });
        Assert.Equal(HttpStatusCode.BadRequest, control);
        Assert.Empty((await registrar.GetAsync($"/api/legal/opinions?petition={id}")).Body.AsArray());

        var (created, opinion) = await registrar.PostAsync("/api/legal/opinions", new
        {
            petitionNumber = number, subject = "Item", lawyerName = "李律师", firm = "浙江明理律师事务所", givenOn = Today.AddDays(-1),
            text = "物业服务企业未经业主大会决定增加收费项目，缺乏合同依据，建议责令退还。",
        });
        Assert.True(created == HttpStatusCode.Created, opinion.ToJsonString());
        Assert.Equal("信访事项办理", opinion["subjectName"]!.GetValue<string>());
        var (_, onItem) = await registrar.GetAsync($"/api/legal/petition/{id}");
        Assert.Single(onItem["opinions"]!.AsArray());
        Assert.Contains("浙江明理律师事务所", await registrar.Client.GetStringAsync($"/petitions/{id}?tab=related"), StringComparison.Ordinal);

        // A leader reads but does not record; a unit that does not hold the item sees none of it.
        var leader = await App.StaffAsync("demo.xihu.leader");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync("/api/legal/opinions", new { petitionId = id, subject = "Item", lawyerName = "李律师", firm = "明理所", givenOn = Today, text = "意见" })).Status);
        var other = await App.StaffAsync("demo.xihu.rsj.handler");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/legal/opinions/{opinion["id"]!.GetValue<Guid>()}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/legal/petition/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync("/api/legal/opinions", new { petitionId = id, subject = "Item", lawyerName = "李律师", firm = "明理所", givenOn = Today, text = "意见" })).Status);
        Assert.DoesNotContain((await other.GetAsync("/api/legal/opinions")).Body.AsArray(), o => o!["petitionId"]!.GetValue<Guid>() == id);
    }

    [SkippableFact]
    public async Task A_petitioner_in_hardship_is_referred_through_the_item_and_the_outcome_recorded_once()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, _, _) = await registrar.RegisterAsync(Letter("拖欠工资"));

        var (noKind, p1) = await registrar.PostAsync("/api/legal/referrals", new { petitionId = id, receivingBody = "西湖区法律援助中心" });
        Assert.Equal(HttpStatusCode.BadRequest, noKind);
        Assert.NotNull(p1["errors"]!["kind"]);
        var (badKind, _) = await registrar.PostAsync("/api/legal/referrals", new { petitionId = id, kind = "Money", receivingBody = "西湖区法律援助中心" });
        Assert.Equal(HttpStatusCode.BadRequest, badKind);
        var (tooOld, p2) = await registrar.PostAsync("/api/legal/referrals", new { petitionId = id, kind = "LegalAid", receivingBody = "西湖区法律援助中心", referredOn = "1999-12-31" });
        Assert.Equal(HttpStatusCode.BadRequest, tooOld);
        Assert.NotNull(p2["errors"]!["referredOn"]);
        Assert.Empty((await registrar.GetAsync($"/api/legal/referrals?petition={id}")).Body.AsArray());

        // 条例 Art. 37 ¶2: 法律援助 / 社会救助 / 司法救助, through the item.
        var (created, referral) = await registrar.PostAsync("/api/legal/referrals", new { petitionNumber = number, kind = "LegalAid", receivingBody = "西湖区法律援助中心", referredOn = Today.AddDays(-2), note = "拟申请劳动仲裁，无力委托律师" });
        Assert.True(created == HttpStatusCode.Created, referral.ToJsonString());
        Assert.Equal("待反馈", referral["outcomeName"]!.GetValue<string>());
        var referralId = referral["id"]!.GetValue<Guid>();
        Assert.Contains((await registrar.GetAsync("/api/legal/referrals?pending=true")).Body.AsArray(), r => r!["id"]!.GetValue<Guid>() == referralId);

        var (early, e) = await registrar.PostAsync($"/api/legal/referrals/{referralId}/outcome", new { outcome = "Accepted", outcomeOn = Today.AddDays(-3) });
        Assert.Equal(HttpStatusCode.BadRequest, early);
        Assert.NotNull(e["errors"]!["outcomeOn"]);
        var supervisor = await App.StaffAsync("demo.xihu.supervisor");
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync($"/api/legal/referrals/{referralId}/outcome", new { outcome = "Accepted" })).Status);
        var other = await App.StaffAsync("demo.xihu.rsj.handler");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/legal/referrals/{referralId}/outcome", new { outcome = "Accepted" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/legal/referrals/{referralId}")).Status);

        var (answered, done) = await registrar.PostAsync($"/api/legal/referrals/{referralId}/outcome", new { outcome = "Assisted", note = "已指派律师" });
        Assert.True(answered == HttpStatusCode.OK, done.ToJsonString());
        Assert.Equal("已援助", done["outcomeName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsync($"/api/legal/referrals/{referralId}/outcome", new { outcome = "NotEligible" })).Status);
        Assert.Equal("Assisted", (await registrar.GetAsync($"/api/legal/referrals/{referralId}")).Body["outcome"]!.GetValue<string>());

        // A voided registration was never a petition: nothing to refer.
        var (voidedId, _, _, _) = await registrar.RegisterAsync(Letter("误登记"));
        await registrar.ActAsync(voidedId, "void", new { reason = "误登记" });
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsync("/api/legal/referrals", new { petitionId = voidedId, kind = "SocialAssistance", receivingBody = "北山街道" })).Status);

        // The referral page records an outcome by form, without JavaScript.
        var (_, second) = await registrar.PostAsync("/api/legal/referrals", new { petitionId = id, kind = "SocialAssistance", receivingBody = "北山街道社会救助服务站" });
        var secondId = second["id"]!.GetValue<Guid>();
        var (posted, _) = await AdminForms.PostAsync(registrar.Client, $"/legal/referrals/{secondId}", "referral-outcome", new Dictionary<string, string> { ["Input.Outcome"] = "NotEligible" });
        Assert.True(posted is HttpStatusCode.SeeOther or HttpStatusCode.OK or HttpStatusCode.Redirect, posted.ToString());
        Assert.Equal("NotEligible", (await registrar.GetAsync($"/api/legal/referrals/{secondId}")).Body["outcome"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_case_review_answers_the_four_points_and_concludes()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, _, _) = await registrar.RegisterAsync(Letter("征地补偿"));
        object Yes(string done) => new { applies = true, done };
        object No() => new { applies = false };

        var (missing, p) = await registrar.PostAsync("/api/case-reviews", new { petitionId = id, reviewers = "陈局长、李科长", reasonable = Yes("已责成补发"), unreasonable = No(), unlawful = No(), conclusion = "MayClose" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.NotNull(p["errors"]!["hardship"]);
        var (undone, p2) = await registrar.PostAsync("/api/case-reviews", new { petitionId = id, reviewers = "陈局长", reasonable = new { applies = true }, unreasonable = No(), hardship = No(), unlawful = No(), conclusion = "MayClose" });
        Assert.Equal(HttpStatusCode.BadRequest, undone);
        Assert.NotNull(p2["errors"]!["reasonable"]);
        var (none, p3) = await registrar.PostAsync("/api/case-reviews", new { petitionId = id, reviewers = "陈局长", reasonable = No(), unreasonable = No(), hardship = No(), unlawful = No(), conclusion = "MayClose" });
        Assert.Equal(HttpStatusCode.BadRequest, none);
        Assert.NotNull(p3["errors"]!["findings"]);
        Assert.Empty((await registrar.GetAsync($"/api/case-reviews?petition={id}")).Body.AsArray());

        var (created, review) = await registrar.PostAsync("/api/case-reviews", new
        {
            petitionNumber = number, reviewers = "陈局长、李科长", reviewedOn = Today, reasonable = Yes("合理部分已责成街道补发补偿款"), unreasonable = Yes("对超出政策部分当面释法"),
            hardship = Yes("已转介社会救助"), unlawful = new { applies = false, done = "不适用时不记录" }, conclusion = "ToJointMeeting",
        });
        Assert.True(created == HttpStatusCode.Created, review.ToJsonString());
        Assert.Equal("提交联席会议", review["conclusionName"]!.GetValue<string>());
        var findings = review["findings"]!.AsArray();
        Assert.Equal(4, findings.Count);
        Assert.Equal("违法行为依法处理", findings[3]!["name"]!.GetValue<string>());
        Assert.Null(findings[3]!["done"]);
        var reviewId = review["id"]!.GetValue<Guid>();
        Assert.Contains("提交联席会议", await registrar.Client.GetStringAsync($"/case-reviews/{reviewId}"), StringComparison.Ordinal);

        var other = await App.StaffAsync("demo.xihu.rsj.handler");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/case-reviews/{reviewId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync("/api/case-reviews", new { petitionId = id, reviewers = "赵", reasonable = Yes("x"), unreasonable = No(), hardship = No(), unlawful = No(), conclusion = "MayClose" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.StaffAsync("demo.xihu.leader")).PostAsync("/api/case-reviews", new { petitionId = id, reviewers = "陈", reasonable = Yes("x"), unreasonable = No(), hardship = No(), unlawful = No(), conclusion = "MayClose" })).Status);

        // The form, without JavaScript.
        var (posted, html) = await AdminForms.PostAsync(registrar.Client, "/case-reviews", "case-review", new Dictionary<string, string>
        {
            ["Input.PetitionNumber"] = number, ["Input.Reviewers"] = "陈局长", ["Input.ReasonableApplies"] = "yes", ["Input.ReasonableDone"] = "已解决",
            ["Input.UnreasonableApplies"] = "no", ["Input.HardshipApplies"] = "no", ["Input.UnlawfulApplies"] = "no", ["Input.Conclusion"] = "ContinueHandling",
        });
        Assert.True(posted is HttpStatusCode.SeeOther or HttpStatusCode.OK or HttpStatusCode.Redirect, posted + html);
        Assert.Equal(2, (await registrar.GetAsync($"/api/case-reviews?petition={id}")).Body.AsArray().Count);
    }

    [SkippableFact]
    public async Task A_typical_case_is_anonymised_and_reaches_the_portal_only_with_consent()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (open, _, _, _) = await registrar.RegisterAsync(Letter("噪音扰民"));
        var (id, number, _, _) = await registrar.RegisterAsync(Letter("停车收费"));
        await registrar.ActAsync(id, "answer", new { answer = "经核实，已责令物业停止收费并退还。" });
        await registrar.ActAsync(id, "serve", new { method = "Post", servedOn = Today, signedByPetitioner = true });
        var clean = new
        {
            petitionId = id, title = "物业擅自加收停车费的依法化解", kind = "Resolution",
            summary = "某小区物业未经业主大会表决加收停车管理费，信访人来信反映后，区住建局核实并责令停止收费、退还费用。", lessons = "收费类矛盾先核实表决程序，整改与公示并举。",
        };

        var (unresolved, u) = await registrar.PostAsync("/api/typical-cases", clean with { petitionId = open });
        Assert.Equal(HttpStatusCode.BadRequest, unresolved);
        Assert.NotNull(u["errors"]!["petitionNumber"]);

        // The draft passes the item's text through the mask; saved as it is, it still names the petitioner and the (masked) phone.
        var (_, draft) = await registrar.GetAsync($"/api/typical-cases/draft?number={number}");
        var summary = draft["summary"]!.GetValue<string>();
        Assert.Contains("139****5678", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", summary, StringComparison.Ordinal);
        var (leaks, l) = await registrar.PostAsync("/api/typical-cases", clean with { summary = summary });
        Assert.Equal(HttpStatusCode.BadRequest, leaks);
        var message = l["errors"]!["summary"]![0]!.GetValue<string>();
        Assert.Contains("电话号码", message, StringComparison.Ordinal);
        Assert.Contains("信访人姓名", message, StringComparison.Ordinal);
        Assert.Contains("信访人住址", message, StringComparison.Ordinal);
        var (idInLessons, _) = await registrar.PostAsync("/api/typical-cases", clean with { lessons = "身份证11010519491231002X" });
        Assert.Equal(HttpStatusCode.BadRequest, idInLessons);
        Assert.DoesNotContain((await registrar.GetAsync("/api/typical-cases")).Body.AsArray(), c => c!["petitionNumber"]?.GetValue<string>() == number);

        var (created, made) = await registrar.PostAsync("/api/typical-cases", clean);
        Assert.True(created == HttpStatusCode.Created, made.ToJsonString());
        var caseId = made["id"]!.GetValue<Guid>();
        Assert.False(made["published"]!.GetValue<bool>());

        // Unpublished: staff of the jurisdiction only — not on the portal, not to another body's staff.
        using var anonymous = App.CreateClient();
        Assert.DoesNotContain(clean.title, await anonymous.GetStringAsync("/guide/cases"), StringComparison.Ordinal);
        Assert.DoesNotContain(clean.title, await anonymous.GetStringAsync("/api/typical-cases/published"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/typical-cases/{caseId}")).StatusCode);
        var other = await App.StaffAsync("demo.xihu.rsj.handler");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/typical-cases/{caseId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/typical-cases/{caseId}/publish", null)).Status);

        // No consent, no publication; a refusal withdraws.
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsync($"/api/typical-cases/{caseId}/publish", null)).Status);
        var (noAnswer, _) = await registrar.PostAsync($"/api/typical-cases/{caseId}/consent", new { consentOn = Today });
        Assert.Equal(HttpStatusCode.BadRequest, noAnswer);
        Assert.Equal(HttpStatusCode.OK, (await registrar.PostAsync($"/api/typical-cases/{caseId}/consent", new { consent = false, consentOn = Today })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await registrar.PostAsync($"/api/typical-cases/{caseId}/publish", null)).Status);
        var (editLeak, _) = await registrar.PostAsync($"/api/typical-cases/{caseId}/edit", new { clean.title, clean.kind, summary = clean.summary + "王建国表示满意。", clean.lessons });
        Assert.Equal(HttpStatusCode.BadRequest, editLeak);
        Assert.Equal(HttpStatusCode.OK, (await registrar.PostAsync($"/api/typical-cases/{caseId}/consent", new { consent = true, consentOn = Today })).Status);
        var (published, pub) = await registrar.PostAsync($"/api/typical-cases/{caseId}/publish", null);
        Assert.True(published == HttpStatusCode.OK, pub.ToJsonString());

        var portal = await anonymous.GetStringAsync("/guide/cases");
        Assert.Contains(clean.title, portal, StringComparison.Ordinal);
        Assert.Contains("区住建局核实", portal, StringComparison.Ordinal);
        foreach (var personal in new[] { "王建国", "13912345678", "139****", "11010519491231002X", "北山街道1幢", number })
        {
            Assert.DoesNotContain(personal, portal, StringComparison.Ordinal);
        }

        var listed = (await anonymous.GetStringAsync("/api/typical-cases/published"));
        Assert.Contains(clean.title, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(number, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString(), listed, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await registrar.PostAsync($"/api/typical-cases/{caseId}/consent", new { consent = false, consentOn = Today })).Status);
        Assert.DoesNotContain(clean.title, await anonymous.GetStringAsync("/guide/cases"), StringComparison.Ordinal);
        Assert.Contains("物业擅自加收停车费", await registrar.Client.GetStringAsync($"/petitions/{id}?tab=related"), StringComparison.Ordinal);
    }
}

public sealed class LegalApiOnSqlite(SqliteFixture fixture) : LegalApiTests(fixture), IClassFixture<SqliteFixture>;

public sealed class LegalApiOnPostgres(PostgresFixture fixture) : LegalApiTests(fixture), IClassFixture<PostgresFixture>;
