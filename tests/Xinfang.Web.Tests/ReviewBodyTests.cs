using System.Net;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests;

/// <summary>
/// 复查 goes to the 上一级机关 of the body that handled the item (条例 Art. 35), 复核 to the one above
/// the 复查 body (Art. 36): over HTTP on SQLite and PostgreSQL, the domain's rule (ReviewBodies) is
/// what the API enforces — not "any body of a higher level".
/// </summary>
public abstract class ReviewBodyTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private string Today => DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Handled and answered by 西湖区住房和城乡建设局.</summary>
    private async Task<(Guid Id, Staff Registrar)> ServedAsync()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("物业违规收取停车费"));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var unit = await App.StaffAsync("demo.xihu.zjj.handler");
        await unit.ActAsync(id, "accept");
        await unit.ActAsync(id, "route", new { route = "Investigate" });
        await (await App.StaffAsync("demo.xihu.zjj.head")).ActAsync(id, "decide", new { outcome = "NotSupport", petitionerRequest = "退费", facts = "收费经业主大会表决", reasons = "收费有据", legalBasis = "《物业管理条例》" });
        await unit.ActAsync(id, "serve", new { method = "InPerson", servedOn = Today, signedByPetitioner = true });
        return (id, registrar);
    }

    [SkippableTheory]
    [InlineData("330200ZJJ")] // 宁波市住建局: a higher level, another city
    [InlineData("330100XFJ")] // 杭州市信访局: a higher level, but above the county government, not the county department
    [InlineData("330000ZJT")] // 浙江省住建厅: two levels up
    public async Task A_review_to_a_body_that_is_not_the_handling_bodys_superior_is_refused_citing_Art_35(string body)
    {
        var (id, registrar) = await ServedAsync();

        var (status, problem) = await registrar.PostAsync($"/api/petitions/{id}/review", new { reviewOrganizationId = registrar.Org(body), reasons = "对处理意见不服" });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("第三十五条", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var (_, after) = await registrar.GetAsync($"/api/petitions/{id}");
        Assert.Equal("Served", after.State());
    }

    [SkippableTheory]
    [InlineData("330106XFJ")] // 本级人民政府 (西湖区; its bureau stands for it)
    [InlineData("330100ZJJ")] // 上一级主管部门 (杭州市住建局)
    public async Task A_review_to_a_superior_of_the_handling_body_is_taken_Art_35(string body)
    {
        var (id, registrar) = await ServedAsync();

        var review = await registrar.ActAsync(id, "review", new { reviewOrganizationId = registrar.Org(body), reasons = "对处理意见不服" });

        Assert.Equal("UnderReview", review.State());
        Assert.Equal(registrar.Org(body), review["currentOrganizationId"]!.GetValue<Guid>());
    }

    [SkippableTheory]
    [InlineData("330000RST", HttpStatusCode.Conflict)] // 浙江省人社厅: a higher level, another line
    [InlineData("330000XFJ", HttpStatusCode.Conflict)] // 浙江省信访局: two levels above a city department
    [InlineData("330200XFJ", HttpStatusCode.Conflict)] // 宁波市: another city
    [InlineData("330100XFJ", HttpStatusCode.OK)] // the 复查 body's government (杭州市)
    [InlineData("330000ZJT", HttpStatusCode.OK)] // the 复查 body's same-line department one level up
    public async Task A_re_review_goes_only_to_a_superior_of_the_review_body_Art_36(string body, HttpStatusCode expected)
    {
        var (id, registrar) = await ServedAsync();
        await registrar.ActAsync(id, "review", new { reviewOrganizationId = registrar.Org("330100ZJJ"), reasons = "对处理意见不服" });
        var reviewer = await App.StaffAsync("demo.hz.zjj.reviewer");
        await reviewer.ActAsync(id, "review-opinion", new { opinion = "维持原处理意见", servedOn = Today, outcome = "Upheld" });

        var (status, json) = await reviewer.PostAsync($"/api/petitions/{id}/re-review", new { reviewOrganizationId = reviewer.Org(body), reasons = "对复查意见不服" });

        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.Conflict)
        {
            Assert.Contains("第三十六条", json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            var (_, after) = await reviewer.GetAsync($"/api/petitions/{id}");
            Assert.Equal("ReviewOpinionServed", after.State());
        }
        else
        {
            Assert.Equal("UnderReReview", json.State());
        }
    }

    [SkippableFact]
    public async Task An_unknown_review_body_is_a_400_naming_the_field()
    {
        var (id, registrar) = await ServedAsync();

        var (status, problem) = await registrar.PostAsync($"/api/petitions/{id}/review", new { reviewOrganizationId = Guid.NewGuid(), reasons = "不服" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(problem["errors"]!["reviewOrganizationId"]);
    }
}

public sealed class ReviewBodiesOnSqlite(SqliteFixture fixture) : ReviewBodyTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ReviewBodiesOnPostgres(PostgresFixture fixture) : ReviewBodyTests(fixture), IClassFixture<PostgresFixture>;
