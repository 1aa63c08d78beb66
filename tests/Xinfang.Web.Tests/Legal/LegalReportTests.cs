using System.Net;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Legal;

/// <summary>
/// The 西湖区 annual report states the module's figures as worked out by hand (issue 14): a fresh app of its own, so
/// every record counted is one this test made. A 杭州市 record and one dated last year are not counted.
/// </summary>
public abstract class LegalReportTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private DateOnly Today => DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static Dictionary<string, object?> Letter(string title) => AppExtensions.Letter(title + Guid.NewGuid().ToString("N")[..6]);

    [SkippableFact]
    public async Task The_annual_report_states_opinions_referrals_reviews_and_typical_cases_as_counted_by_hand()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var city = await App.StaffAsync("demo.hz.registrar");
        var (a, _, _, _) = await registrar.RegisterAsync(Letter("物业乱收费"));
        var (b, _, _, _) = await registrar.RegisterAsync(Letter("拖欠工资"));
        var (c, _, _, _) = await registrar.RegisterAsync(Letter("停车收费"));
        await registrar.ActAsync(c, "answer", new { answer = "经核实，已责令物业停止收费。" });
        await registrar.ActAsync(c, "serve", new { method = "Post", servedOn = Today, signedByPetitioner = true });
        var lastYear = new DateOnly(Today.Year - 1, 12, 31);

        async Task Ok(Staff who, string url, object body)
        {
            var (status, json) = await who.PostAsync(url, body);
            Assert.True(status is HttpStatusCode.Created or HttpStatusCode.OK, $"{url}: {(int)status} {json.ToJsonString()}");
        }

        object Opinion(Guid item, string subject, DateOnly on) => new { petitionId = item, subject, lawyerName = "李律师", firm = "浙江明理律师事务所", givenOn = on, text = "建议依法处理。" };
        // Opinions this year: on the item's handling 2, on 复查复核 1 (total 3); one dated last year; one by 杭州市 (outside 西湖区).
        await Ok(registrar, "/api/legal/opinions", Opinion(a, "Item", Today));
        await Ok(registrar, "/api/legal/opinions", Opinion(b, "Item", Today.AddDays(-1)));
        await Ok(registrar, "/api/legal/opinions", Opinion(c, "Review", Today));
        await Ok(registrar, "/api/legal/opinions", Opinion(a, "Item", lastYear));
        var (cityItem, _, _, _) = await city.RegisterAsync(Letter("城区道路施工"));
        await Ok(city, "/api/legal/opinions", Opinion(cityItem, "Item", Today));

        // Referrals: 法律援助 2 (one 已援助, one awaiting), 社会救助 1 (不符合条件), 司法救助 0.
        var referred = new List<Guid>();
        foreach (var (item, kind) in new[] { (a, "LegalAid"), (b, "LegalAid"), (b, "SocialAssistance") })
        {
            var (status, json) = await registrar.PostAsync("/api/legal/referrals", new { petitionId = item, kind, receivingBody = "西湖区法律援助中心" });
            Assert.Equal(HttpStatusCode.Created, status);
            referred.Add(json["id"]!.GetValue<Guid>());
        }

        await Ok(registrar, $"/api/legal/referrals/{referred[0]}/outcome", new { outcome = "Assisted" });
        await Ok(registrar, $"/api/legal/referrals/{referred[2]}/outcome", new { outcome = "NotEligible" });
        await Ok(city, "/api/legal/referrals", new { petitionId = cityItem, kind = "JudicialAssistance", receivingBody = "杭州市中级人民法院" });

        // Reviews: 可以办结 1, 提交联席会议 1.
        object Review(Guid item, string conclusion) => new
        {
            petitionId = item, reviewers = "陈局长、李科长", reasonable = new { applies = true, done = "已解决" }, unreasonable = new { applies = false },
            hardship = new { applies = false }, unlawful = new { applies = false }, conclusion,
        };
        await Ok(registrar, "/api/case-reviews", Review(c, "MayClose"));
        await Ok(registrar, "/api/case-reviews", Review(b, "ToJointMeeting"));

        // Typical cases: 2 compiled from the resolved item, 1 published with consent.
        var ids = new List<Guid>();
        foreach (var title in new[] { "停车收费依法化解", "收费公示的经验" })
        {
            var (status, json) = await registrar.PostAsync("/api/typical-cases", new { petitionId = c, title, kind = "Resolution", summary = "某小区物业未经表决加收停车费，经核实责令退还。", lessons = "先核实表决程序。" });
            Assert.Equal(HttpStatusCode.Created, status);
            ids.Add(json["id"]!.GetValue<Guid>());
        }

        await Ok(registrar, $"/api/typical-cases/{ids[0]}/consent", new { consent = true });
        await Ok(registrar, $"/api/typical-cases/{ids[0]}/publish", new { });

        var xihu = registrar.Org("330106XFJ");
        var year = Today.Year;
        var (counted, figures) = await registrar.GetAsync($"/api/legal/figures?organization={xihu}&from={year}-01-01&to={year}-12-31");
        Assert.True(counted == HttpStatusCode.OK, figures.ToJsonString());
        Assert.Equal(3, figures["opinions"]!.AsArray()[^1]!["count"]!.GetValue<int>());
        Assert.Equal(2, figures["casesCompiled"]!.GetValue<int>());

        var report = (await registrar.GetAsync($"/api/reports/annual?org={xihu}&year={year}")).Body["markdown"]!.GetValue<string>();
        Assert.Contains("律师出具意见3件；对生活困难的信访人转介帮扶救助3件（已受理0件、已援助1件、不符合条件1件、未申请0件、待反馈1件）；案审2件；编写典型案例2件，经信访人同意公开发布1件。", report, StringComparison.Ordinal);
        Assert.Contains("**律师意见（按意见针对）**", report, StringComparison.Ordinal);
        Assert.Contains("| 信访事项办理 | 2 |", report, StringComparison.Ordinal);
        Assert.Contains("| 接访 | 0 |", report, StringComparison.Ordinal);
        Assert.Contains("| 复查复核 | 1 |", report, StringComparison.Ordinal);
        Assert.Contains("| 法律援助 | 2 | 0 | 1 | 0 | 0 | 1 |", report, StringComparison.Ordinal);
        Assert.Contains("| 社会救助 | 1 | 0 | 0 | 1 | 0 | 0 |", report, StringComparison.Ordinal);
        Assert.Contains("| 司法救助 | 0 | 0 | 0 | 0 | 0 | 0 |", report, StringComparison.Ordinal);
        Assert.Contains("| 合计 | 3 | 0 | 1 | 1 | 0 | 1 |", report, StringComparison.Ordinal);
        Assert.Contains("| 可以办结 | 1 |", report, StringComparison.Ordinal);
        Assert.Contains("| 继续办理 | 0 |", report, StringComparison.Ordinal);
        Assert.Contains("| 提交联席会议 | 1 |", report, StringComparison.Ordinal);

        // 杭州市 counts its own too: 4 opinions this year, 司法救助 1.
        var (_, cityFigures) = await city.GetAsync($"/api/legal/figures?organization={city.Org("330100XFJ")}&from={year}-01-01&to={year}-12-31");
        Assert.Equal(4, cityFigures["opinions"]!.AsArray()[^1]!["count"]!.GetValue<int>());
        Assert.Equal(1, cityFigures["referrals"]![2]!["referred"]!.GetValue<int>());
        // A body outside the reader's subtree is refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.GetAsync($"/api/legal/figures?organization={city.Org("330100XFJ")}")).Status);

        var dashboard = await registrar.Client.GetStringAsync($"/statistics?org={xihu}&year={year}");
        Assert.Contains("legal-figures-section", dashboard, StringComparison.Ordinal);
        Assert.Contains("案审2件", dashboard, StringComparison.Ordinal);
    }
}

public sealed class LegalReportOnSqlite(SqliteFixture fixture) : LegalReportTests(fixture), IClassFixture<SqliteFixture>;

public sealed class LegalReportOnPostgres(PostgresFixture fixture) : LegalReportTests(fixture), IClassFixture<PostgresFixture>;
