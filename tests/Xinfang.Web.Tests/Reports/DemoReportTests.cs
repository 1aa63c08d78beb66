using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Mvc.Testing;
using Xinfang.Web.Statistics;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Reports;

/// <summary>
/// Issue 12's check on real records: the demo jurisdiction (300 petitions seeded through the domain rules, as
/// `dotnet run` does) gives, through the real engine, a current-year report that names every figure with a
/// plausible value, and its .docx opens and reads in Chinese. No fake indicator source here.
/// </summary>
public sealed partial class DemoReportTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-06T09:00:00+08:00", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_demo_jurisdictions_report_for_this_year_names_every_figure_with_plausible_values()
    {
        await using var app = new XinfangApp(Provider.Sqlite, demoPetitions: 300, start: Now);
        var leader = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        (await leader.PostAsJsonAsync("/api/auth/login", new { userName = "demo.xihu.leader", password = Administration.DemoData.DemoPassword })).EnsureSuccessStatusCode();
        var bureau = await app.WithDbAsync(db => Task.FromResult(db.Organizations.Single(o => o.Code == "330106XFJ").Id));

        // The figures, as the engine computes them for the bureau's subtree and the year so far.
        var response = await leader.GetAsync($"/api/statistics?organization={bureau}&from=2026-01-01&to=2026-12-31");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<StatisticsResult>(XinfangApp.Json))!;
        Assert.True(result.Total.Items > 0 && result.Total.Batches > 0 && result.Total.Batches <= result.Total.Items, $"total {result.Total}");
        foreach (var code in new[]
        {
            IndicatorCodes.TimelyAcceptance, IndicatorCodes.OnTimeClosure, IndicatorCodes.Participation, IndicatorCodes.Satisfaction,
            IndicatorCodes.Repeat, IndicatorCodes.OnlineShare, IndicatorCodes.AverageDays, IndicatorCodes.FirstTimeClosure, IndicatorCodes.Resolution,
        })
        {
            var figures = result.Indicators.Where(i => i.Code == code).ToList();
            Assert.True(figures.Count > 0, $"no {code}");
            foreach (var f in figures)
            {
                Assert.True(f.Value.Numerator >= 0 && f.Value.Denominator >= 0, $"{code} {f.Side}: {f.Value}");
                Assert.True(f.IsAverage || f.Value.Numerator <= f.Value.Denominator, $"{code} {f.Side}: {f.Value} above 100 %");
            }
        }

        // Demo items close with a 化解情况 and are rated, so these have workings (not "—").
        Assert.True(result.Indicators.First(i => i.Code == IndicatorCodes.Resolution).Value.Denominator > 0);
        Assert.True(result.Indicators.First(i => i.Code == IndicatorCodes.Satisfaction).Value.Denominator > 0);
        Assert.True(result.Indicators.First(i => i.Code == IndicatorCodes.OnTimeClosure).Value.Denominator > 0);
        Assert.True(result.Counts.First(c => c.Code == CountCodes.Forwarded).Value > 0, "转送");
        // stats-reviews: the demo's 复查 opinions carry outcomes and some visits went to the province or Beijing.
        foreach (var code in new[] { CountCodes.ReviewsUpheld, CountCodes.ReviewsChanged, CountCodes.SkipLevelToCapital, CountCodes.SkipLevelToProvince })
        {
            Assert.True(result.Counts.First(c => c.Code == code).Value > 0, code);
        }

        // The draft names every figure of the issue with a number beside it.
        var markdown = await leader.GetStringAsync($"/api/reports/annual/markdown?year=2026&org={bureau}");
        Assert.Matches(CountsSentence(), markdown);
        foreach (var name in new[] { "网上信访", "及时受理率", "按期办结率", "参评率", "满意率", "重复信访率", "平均办理天数", "一次性办结率", "化解率", "转送", "交办", "督办", "复查维持", "复查撤销", "复查变更", "复核维持", "进京访", "赴省访" })
        {
            Assert.True(Regex.IsMatch(markdown, Regex.Escape(name) + @"[^。\n]{0,40}?\d"), $"the draft does not give {name} a figure:\n{markdown}");
        }

        Assert.Contains("【请填写：", markdown, StringComparison.Ordinal);

        // The .docx a bureau edits in Word: opens, and its text is the same draft in Chinese.
        var docx = await leader.GetAsync($"/api/reports/annual/docx?year=2026&org={bureau}");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using var document = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false);
        var text = document.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("西湖区信访局2026年信访工作情况报告", text, StringComparison.Ordinal);
        Assert.Matches(CountsSentence(), text);
        Assert.Contains("化解率", text, StringComparison.Ordinal);
    }

    /// <summary>The seeds' opening figure: "共受理信访275批387件".</summary>
    [GeneratedRegex(@"共受理信访[1-9]\d*批[1-9]\d*件")]
    private static partial Regex CountsSentence();
}
