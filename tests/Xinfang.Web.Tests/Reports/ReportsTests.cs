using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Reports;
using Xinfang.Web.Statistics;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Reports;

/// <summary>The app with <see cref="FakeIndicatorSource"/> as its indicator source (module Statistics is tested on its own).</summary>
public sealed class ReportsFixture : IDisposable
{
    private readonly Lazy<(XinfangApp App, WebApplicationFactory<Program> Factory)> _app = new(() =>
    {
        var app = new XinfangApp(Provider.Sqlite);
        var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<IIndicatorSource, FakeIndicatorSource>()));
        _ = factory.Server;
        return (app, factory);
    });

    public WebApplicationFactory<Program> Factory => _app.Value.Factory;

    public async Task<HttpClient> SignInAsync(string userName)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = Administration.DemoData.DemoPassword });
        response.EnsureSuccessStatusCode();
        return client;
    }

    public async Task<Guid> OrganizationAsync(string code)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Data.AppDbContext>().Organizations.Where(o => o.Code == code).Select(o => o.Id).SingleAsync();
    }

    public void Dispose()
    {
        if (_app.IsValueCreated)
        {
            _app.Value.Factory.Dispose();
            _app.Value.App.Dispose();
        }
    }
}

/// <summary>Dashboard, drill-down, exports, the annual report and its command, read from hand-built figures.</summary>
public sealed class ReportsTests(ReportsFixture fixture) : IClassFixture<ReportsFixture>
{
    private const string Leader = "demo.xihu.leader";
    private const string Year = "period=year&year=2026";

    [Fact]
    public async Task The_dashboard_shows_each_figure_with_its_workings_last_year_and_links_to_the_items_behind_it()
    {
        var leader = await fixture.SignInAsync(Leader);
        var response = await leader.GetAsync("/statistics?" + Year);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("西湖区信访局 · 统计分析", html, StringComparison.Ordinal);
        var online = Row(html, IndicatorCodes.OnlineShare);
        Assert.Contains("79.3%", online, StringComparison.Ordinal);
        Assert.Contains(">218</a>", online, StringComparison.Ordinal);
        Assert.Contains(">275</a>", online, StringComparison.Ordinal);
        Assert.Contains("76.9%", online, StringComparison.Ordinal); // 2025: 200 of 260
        Assert.Contains("+2.4个百分点", WebUtility.HtmlDecode(online), StringComparison.Ordinal);
        Assert.Contains("/statistics/items?code=online-share&amp;part=numerator&amp;org=", online, StringComparison.Ordinal);
        Assert.Contains("/statistics/items?code=online-share&amp;part=denominator&amp;org=", online, StringComparison.Ordinal);
        Assert.Contains("11.4天", Row(html, IndicatorCodes.AverageDays), StringComparison.Ordinal);
        Assert.Contains("12.0天", Row(html, IndicatorCodes.AverageDays), StringComparison.Ordinal);
        // Every indicator and count of the result is on the page, each with its drill-down.
        foreach (var code in new[] { IndicatorCodes.TimelyAcceptance, IndicatorCodes.OnTimeClosure, IndicatorCodes.Participation, IndicatorCodes.Satisfaction, IndicatorCodes.Repeat, IndicatorCodes.FirstTimeClosure, IndicatorCodes.Resolution, CountCodes.Forwarded, CountCodes.Assigned, CountCodes.Supervised })
        {
            Assert.Contains($"/statistics/items?code={code}&amp;part=numerator", html, StringComparison.Ordinal);
        }

        Assert.Contains("92.1%", Row(html, IndicatorCodes.Resolution), StringComparison.Ordinal);
        // Charts drawn from data attributes by our own script: no inline script on the page.
        Assert.Contains("data-chart=\"", html, StringComparison.Ordinal);
        Assert.Matches("<script src=\"[^\"]*lib/echarts/echarts[^\"]*\\.js\"></script>", html);
        Assert.DoesNotMatch("<script>|<script [^>]*type=\"text/javascript\">[^<]", html);
        // The ranking: by on-time closure, a unit with nothing due last.
        Assert.True(html.IndexOf("西湖区人力资源和社会保障局", StringComparison.Ordinal) < html.IndexOf("北山街道办事处", StringComparison.Ordinal));
        Assert.Contains("/api/reports/tables/units?format=xlsx&amp;org=", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/statistics\">统计分析</a>", html, StringComparison.Ordinal); // the nav link
    }

    [Fact]
    public async Task The_drill_down_lists_the_items_behind_a_figure_with_links_to_their_pages()
    {
        var leader = await fixture.SignInAsync("demo.xihu.registrar");
        var html = await leader.GetStringAsync("/statistics/items?code=repeat&part=denominator&" + Year);
        Assert.Contains("重复信访率（分母）明细", html, StringComparison.Ordinal);
        Assert.Contains("repeat-Denominator-甲", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/petitions/0190a000-0000-7000-8000-000000000001\"", html, StringComparison.Ordinal);
        Assert.Contains("/api/reports/items?code=repeat&amp;part=denominator", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo.xihu.zjj.handler")]
    [InlineData("demo.hz.zjj.reviewer")]
    [InlineData("demo.zj.admin")]
    public async Task Staff_without_a_role_that_reads_the_numbers_get_403(string user)
    {
        var client = await fixture.SignInAsync(user);
        var page = await client.GetAsync("/statistics");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains(StatisticsAccess.NotAllowed, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/reports/annual?year=2026")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/reports/tables/indicators?year=2026")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/statistics/report?year=2026")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_sent_to_sign_in()
    {
        var anonymous = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/reports/annual?year=2026")).StatusCode);
        var page = await anonymous.GetAsync("/statistics");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("period=quarter&year=2026&quarter=5", "季度应为1至4")]
    [InlineData("year=20x6", "年度应为2000至2099之间的四位数字")]
    [InlineData("period=custom&from=2026-03-01&to=2026-02-01", "结束日期不能早于开始日期")]
    [InlineData("period=custom&from=2026-02-30&to=2026-03-01", "开始日期应为 yyyy-MM-dd 格式的日期")]
    [InlineData("period=week&year=2026", "统计期间类型应为")]
    [InlineData("org=not-a-guid", "机构不存在")]
    public async Task A_bad_period_is_a_400_in_Chinese_on_the_page_and_the_api(string query, string message)
    {
        var leader = await fixture.SignInAsync(Leader);
        var page = await leader.GetAsync("/statistics?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains(message, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var api = await leader.GetAsync("/api/reports/annual?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_asks_for_a_period_and_an_organisation_outside_the_callers_subtree_is_403()
    {
        var leader = await fixture.SignInAsync(Leader);
        var none = await leader.GetAsync("/api/reports/annual");
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("请指定统计年度", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var city = await fixture.OrganizationAsync("330100XFJ");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/api/reports/annual?year=2026&org={city}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.GetAsync($"/statistics?year=2026&org={city}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync("/api/reports/tables/nothing?year=2026")).StatusCode);
        var unit = await fixture.OrganizationAsync("330106ZJJ"); // below the bureau: allowed
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/reports/annual?year=2026&org={unit}")).StatusCode);
    }

    [Fact]
    public async Task The_indicator_table_as_xlsx_has_a_title_row_chinese_headers_and_numbers_as_numbers()
    {
        var leader = await fixture.SignInAsync(Leader);
        var response = await leader.GetAsync("/api/reports/tables/indicators?format=xlsx&" + Year);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxWriter.ContentType, response.Content.Headers.ContentType?.MediaType);
        var rows = ReadSheet(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("西湖区信访局 2026年 信访工作指标", rows[0][0].Text);
        Assert.Equal(["指标", "口径", "数值", "分子", "分子说明", "分母", "分母说明", "去年同期", "同比增减"], rows[1].Select(c => c.Text));
        Assert.True(rows[1].All(c => c.Bold), "the header row is bold");
        var online = rows.Single(r => r[0].Text == "网上信访占比（%）");
        Assert.Equal((79.3m, true), (decimal.Parse(online[2].Text, System.Globalization.CultureInfo.InvariantCulture), online[2].IsNumber));
        Assert.Equal(("218", true), (online[3].Text, online[3].IsNumber));
        Assert.Equal(("275", true), (online[5].Text, online[5].IsNumber));
        Assert.Equal("76.9", online[7].Text);
        var satisfaction = rows.Where(r => r[0].Text == "满意率（%）").ToList();
        Assert.Equal(["信访部门", "责任单位"], satisfaction.Select(r => r[1].Text));
        Assert.Equal(["97.3", "99.2"], satisfaction.Select(r => r[2].Text));
        Assert.Equal("11.4", rows.Single(r => r[0].Text == "平均办理天数（天）")[2].Text);
        Assert.Equal(12, rows.Count); // title, header, ten indicators
    }

    [Fact]
    public async Task Every_dashboard_table_exports_as_xlsx_and_csv()
    {
        var leader = await fixture.SignInAsync(Leader);
        string[] keys = ["indicators", "counts", "months", "units", "overdue", "complained-domains", "complained-units", "breakdown-channel", "breakdown-purpose", "breakdown-content-class", "breakdown-problem-location", "breakdown-level"];
        foreach (var key in keys)
        {
            var xlsx = await leader.GetAsync($"/api/reports/tables/{key}?format=xlsx&" + Year);
            Assert.True(xlsx.StatusCode == HttpStatusCode.OK, key);
            var rows = ReadSheet(await xlsx.Content.ReadAsByteArrayAsync());
            Assert.StartsWith("西湖区信访局 2026年 ", rows[0][0].Text, StringComparison.Ordinal);
            var csv = await leader.GetAsync($"/api/reports/tables/{key}?format=csv&" + Year);
            Assert.True(csv.StatusCode == HttpStatusCode.OK, key);
            var bytes = await csv.Content.ReadAsByteArrayAsync();
            Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
            var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
            Assert.Equal(rows.Count, lines.Length - 1); // the same rows, CRLF-terminated
        }

        var channel = ReadSheet(await (await leader.GetAsync("/api/reports/tables/breakdown-channel?" + Year)).Content.ReadAsByteArrayAsync());
        Assert.Equal(["网上信访", "126", "218", "218", "200"], channel.Single(r => r[0].Text == "网上信访").Select(c => c.Text));
        var units = ReadSheet(await (await leader.GetAsync("/api/reports/tables/units?" + Year)).Content.ReadAsByteArrayAsync());
        Assert.Equal(["1", "西湖区人力资源和社会保障局", "110", "99.0", "99/100", "100", "40/40", "0"], units[2].Select(c => c.Text));
        Assert.Equal("", units[4][3].Text); // nothing due: empty, never 0 or 100
    }

    [Fact]
    public async Task The_csv_guards_against_formulas_and_quotes_as_rfc_4180_says()
    {
        var leader = await fixture.SignInAsync(Leader);
        var text = Encoding.UTF8.GetString((await leader.GetByteArrayAsync("/api/reports/tables/complained-domains?format=csv&" + Year))[3..]);
        Assert.StartsWith("西湖区信访局 2026年 反映问题最集中的领域\r\n排名,领域,批次,件数,人次\r\n1,城乡建设,150,200,210\r\n", text, StringComparison.Ordinal);
        Assert.Contains("3,\"'=HYPERLINK(\"\"http://evil\"\",\"\"点击\"\")\",1,1,1\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+86 139", "'+86 139")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("他说\"好\"", "\"他说\"\"好\"\"\"")]
    [InlineData("两行\n文字", "\"两行\n文字\"")]
    [InlineData("=a,b", "\"'=a,b\"")]
    [InlineData("普通文字", "普通文字")]
    public void Csv_cells_are_quoted_and_never_formulas(string value, string expected) => Assert.Equal(expected, CsvWriter.Cell(value));

    [Fact]
    public void Csv_numbers_stay_numbers_even_when_negative() =>
        Assert.Equal(["-3", "-1.5", "42", ""], new object?[] { -3L, -1.5m, 42L, null }.Select(CsvWriter.Cell));

    [Fact]
    public async Task The_items_behind_a_figure_export_as_xlsx()
    {
        var leader = await fixture.SignInAsync(Leader);
        var response = await leader.GetAsync("/api/reports/items?code=on-time-closure&part=numerator&" + Year);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = ReadSheet(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("西湖区信访局 2026年 按期办结率（分子）明细", rows[0][0].Text);
        Assert.Equal(["编号", "标题", "形式", "状态", "登记日期", "当前承办单位", "到期日", "办结日期"], rows[1].Select(c => c.Text));
        Assert.Equal(["XF3301062026000001", "on-time-closure-Numerator-甲", "网上信访", "已办结", "2026-01-05", "西湖区住房和城乡建设局", "2026-03-05", "2026-02-01"], rows[2].Select(c => c.Text));
        Assert.Equal(4, rows.Count);
        var bad = await leader.GetAsync("/api/reports/items?code=nope&part=middle&" + Year);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]!["code"]);
        Assert.NotNull(problem["errors"]!["part"]);
    }

    [Fact]
    public async Task The_annual_report_names_every_figure_with_last_year_and_leaves_the_wording_to_the_bureau()
    {
        var leader = await fixture.SignInAsync(Leader);
        var json = JsonNode.Parse(await leader.GetStringAsync("/api/reports/annual?" + Year))!;
        Assert.Equal("西湖区信访局2026年信访工作情况报告", (string?)json["title"]);
        var md = (string)json["markdown"]!;
        string[] figures =
        [
            "共受理信访275批387件、410人次（去年同期240批300件，件数同比增长29.0%）",
            "网上信访218件，占比79.3%，去年同期76.9%",
            "来信100件", "来访50件（30批73人次）", "来电19件", "按信访目的分", "按内容分类分", "按问题属地分", "按层级分",
            "集体访4批", "越级访2批",
            "信访件平均办理天数11.4天（4418天/387件），去年同期12.0天",
            "一次性办结率98.2%", "重复信访率13.4%", "及时受理率100.0%", "按期办结率97.4%", "化解率92.1%（1499/1627）",
            "信访部门群众满意率97.3%（146/150），去年同期90.0%", "责任单位群众满意率99.2%", "参评率97.5%",
            "转送120件（去年同期100）", "交办80件", "督办15件", "不予受理6件", "不再受理3件",
            "复查9件", "复查维持7件", "复查撤销1件", "复查变更1件", "复核3件", "复核维持3件",
            "提出改进工作建议5件", "建议被采纳4件",
            "群众反映问题较集中的领域依次为：城乡建设（200件）", "被反映问题较多的单位依次为：西湖区住房和城乡建设局（120件）",
        ];
        foreach (var figure in figures)
        {
            Assert.True(md.Contains(figure, StringComparison.Ordinal), $"the report lacks 「{figure}」:\n{md}");
        }

        Assert.True(Regex.Count(md, "【请填写：[^】]+】") >= 6, md);
        Assert.Contains("## 四、提出改进工作、完善政策建议及采纳情况", md, StringComparison.Ordinal);
        Assert.Contains("| 网上信访占比（%） | 全部 | 79.3 | 218 |", md, StringComparison.Ordinal); // the appendix
        var online = json["figures"]!.AsArray().Single(x => (string?)x!["code"] == IndicatorCodes.OnlineShare)!;
        Assert.Equal((79.3m, 218L, 275L, 76.9m), ((decimal)online["value"]!, (long)online["numerator"]!, (long)online["denominator"]!, (decimal)online["lastYear"]!));
    }

    [Fact]
    public async Task A_report_without_last_year_says_nothing_of_last_year()
    {
        var leader = await fixture.SignInAsync(Leader);
        var md = await leader.GetStringAsync("/api/reports/annual/markdown?year=2025");
        Assert.Contains("共受理信访240批300件、320人次。", md, StringComparison.Ordinal);
        Assert.DoesNotContain("去年同期", md[..md.IndexOf("## 附表", StringComparison.Ordinal)], StringComparison.Ordinal); // (the appendix tables keep the column, empty)
    }

    [Fact]
    public async Task The_report_page_shows_the_draft_with_highlighted_placeholders_and_download_links()
    {
        var leader = await fixture.SignInAsync(Leader);
        var html = await leader.GetStringAsync("/statistics/report?" + Year);
        Assert.Contains("<h2>西湖区信访局2026年信访工作情况报告</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<mark class=\"placeholder\">【请填写：", html, StringComparison.Ordinal);
        Assert.Contains("/api/reports/annual/docx?org=", html, StringComparison.Ordinal);
        Assert.Contains("占比79.3%", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_docx_opens_with_headings_tables_and_every_figure()
    {
        var leader = await fixture.SignInAsync(Leader);
        var response = await leader.GetAsync("/api/reports/annual/docx?" + Year);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DocxWriter.ContentType, response.Content.Headers.ContentType?.MediaType);
        AssertReportDocx(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_report_command_writes_a_docx_as_a_leader_of_the_top_organisation()
    {
        var file = Path.Combine(Path.GetTempPath(), $"xinfang-report-{Guid.NewGuid():N}.docx");
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var root = await fixture.OrganizationAsync("330000XFJ");
            lock (FakeIndicatorSource.Calls)
            {
                FakeIndicatorSource.Calls.Clear();
            }

            var exit = await ReportCommands.RunAsync(fixture.Factory.Services, ReportCommands.Command(["report", "--year", "2026", "--format", "docx", "--out", file, "--Logging:LogLevel:Default=Warning"])!, output, error);
            Assert.True(exit == 0, error.ToString());
            Assert.Contains(file, output.ToString(), StringComparison.Ordinal);
            AssertReportDocx(await File.ReadAllBytesAsync(file));
            lock (FakeIndicatorSource.Calls)
            {
                Assert.Contains(FakeIndicatorSource.Calls, c => c.Organization == root && c.Role == "Leader" && c.Scope.OrganizationId == root && c.Scope.From == new DateOnly(2026, 1, 1));
            }

            var markdown = new StringWriter();
            Assert.Equal(0, await ReportCommands.RunAsync(fixture.Factory.Services, ["report", "--year", "2026", "--org", "330106XFJ"], markdown, error));
            Assert.Contains("网上信访218件，占比79.3%", markdown.ToString(), StringComparison.Ordinal);
            Assert.Equal(2, await ReportCommands.RunAsync(fixture.Factory.Services, ["report", "--format", "pdf"], output, error));
            Assert.Equal(1, await ReportCommands.RunAsync(fixture.Factory.Services, ["report", "--year", "2026", "--org", "NOPE"], output, error));
            Assert.Equal(2, await ReportCommands.RunAsync(fixture.Factory.Services, ["report", "--year", "1999"], output, error));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_command_takes_its_own_options_and_leaves_settings_to_the_host() =>
        Assert.Equal(["report", "--year", "2026", "--org", "X"], ReportCommands.Command(["report", "--year", "2026", "--org", "X", "--ConnectionStrings:Xinfang=Data Source=x.db"])!);

    [Fact]
    public async Task A_leader_lands_on_the_statistics_after_signing_in_and_others_on_the_work_list()
    {
        foreach (var (user, home) in new[] { (Leader, "/statistics"), ("demo.xihu.registrar", "/workbench") })
        {
            var client = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
            var token = await Security.SecurityApp.AntiforgeryTokenAsync(client, "/login");
            var r = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["userName"] = user,
                ["password"] = Administration.DemoData.DemoPassword,
            }));
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Equal(home, r.Headers.Location?.OriginalString);
        }
    }

    private static void AssertReportDocx(byte[] bytes)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var body = document.MainDocumentPart!.Document!.Body!;
        var text = string.Join("\n", body.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));
        Assert.Contains("西湖区信访局2026年信访工作情况报告", text, StringComparison.Ordinal);
        Assert.Contains("共受理信访275批387件", text, StringComparison.Ordinal);
        Assert.Contains("网上信访218件，占比79.3%", text, StringComparison.Ordinal);
        Assert.Contains("化解率92.1%", text, StringComparison.Ordinal);
        Assert.Contains("责任单位群众满意率99.2%", text, StringComparison.Ordinal);
        var headings = body.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToList();
        Assert.Contains("一、信访总体情况", headings);
        Assert.Contains("四、提出改进工作、完善政策建议及采纳情况", headings);
        Assert.NotNull(document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<DocumentFormat.OpenXml.Wordprocessing.Style>().SingleOrDefault(s => s.StyleId == "Heading1"));
        var highlighted = body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Run>().Where(r => r.RunProperties?.Highlight is not null).Select(r => r.InnerText).ToList();
        Assert.NotEmpty(highlighted);
        Assert.All(highlighted, h => Assert.StartsWith("【请填写：", h, StringComparison.Ordinal));
        var tables = body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().ToList();
        Assert.True(tables.Count >= 8, $"{tables.Count} tables");
        var indicatorRow = tables.SelectMany(t => t.Elements<TableRow>()).First(r => r.InnerText.StartsWith("网上信访占比", StringComparison.Ordinal));
        Assert.Equal(["网上信访占比（%）", "全部", "79.3", "218"], indicatorRow.Elements<TableCell>().Take(4).Select(c => c.InnerText));
    }

    /// <summary>The indicators table row of one code, from its data-code attribute to the row's end.</summary>
    private static string Row(string html, string code)
    {
        var start = html.IndexOf($"data-code=\"{code}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {code}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private sealed record SheetCell(string Text, bool IsNumber, bool Bold);

    /// <summary>The first sheet's rows as text (inline or shared strings), with whether each cell is a number and bold.</summary>
    private static List<List<SheetCell>> ReadSheet(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.WorksheetParts.Single().Worksheet!;
        var fonts = workbook.WorkbookStylesPart!.Stylesheet!.Fonts!.Elements<DocumentFormat.OpenXml.Spreadsheet.Font>().ToList();
        var formats = workbook.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
        {
            var text = c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText
                : c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
                : c.CellValue?.Text ?? string.Empty;
            var bold = fonts[(int)(formats[(int)(c.StyleIndex?.Value ?? 0)].FontId?.Value ?? 0)].Bold is not null;
            return new SheetCell(text, c.DataType?.Value == CellValues.Number && c.CellValue is not null, bold);
        }).ToList()).ToList();
    }
}
