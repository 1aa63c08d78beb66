using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// The leader's dashboard in Chromium (issue 12): a leader signs in and lands on /statistics, the ECharts charts
/// are drawn from the page's data attributes by our own script under the site's CSP (no console errors, no
/// violations), and a table downloads as an .xlsx that opens.
/// </summary>
public sealed partial class StatisticsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public Task A_leader_lands_on_the_statistics_sees_the_charts_drawn_and_downloads_a_workbook() => fixture.RunAsync(async page =>
    {
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e);
        // Chromium reports a missing /favicon.ico (the site has none) as a console error; any other failed request counts.
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && !r.Url.EndsWith("/favicon.ico", StringComparison.Ordinal))
            {
                errors.Add($"{r.Status} {r.Url}");
            }
        };
        // Injected by the browser driver (not subject to the page's CSP): records every violation the page causes.
        await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));");

        await Pages.SubmitLoginAsync(page, "demo.xihu.leader", E2EApp.DemoPassword);
        await Expect(page).ToHaveURLAsync(StatisticsUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("统计分析");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "统计分析", Exact = true })).ToBeVisibleAsync();

        // The charts: each drawn one holds a canvas with pixels; the tables stay under them.
        var drawn = page.Locator(".chart.chart-drawn");
        await Expect(drawn.First.Locator("canvas")).ToBeVisibleAsync();
        // (A chart with no data stays hidden, its table says 本期无数据: with the real source and a few demo items, at least the monthly trend has data.)
        Assert.True(await drawn.CountAsync() >= 1, $"{await drawn.CountAsync()} charts drawn");
        var box = await drawn.First.BoundingBoxAsync();
        Assert.True(box is { Width: > 200, Height: > 200 }, $"chart box {box?.Width}×{box?.Height}");
        await Expect(page.Locator("table.indicators tbody tr").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("statistics.png"), FullPage = true });
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        Assert.Empty(await page.EvaluateAsync<string[]>("window.__csp"));
        // The console's "Failed to load resource" names no address; the failed responses above do (favicon aside).
        errors.RemoveAll(e => e.StartsWith("Failed to load resource", StringComparison.Ordinal));
        Assert.True(errors.Count == 0, "console errors:\n" + string.Join('\n', errors));

        // A table as .xlsx: downloaded by the browser with the signed-in session, opened with the Open XML SDK.
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator("p.exports").First.GetByRole(AriaRole.Link, new() { Name = "Excel（.xlsx）" }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var file = Artifacts.PathOf("statistics-indicators.xlsx");
        await download.SaveAsAsync(file);
        using var workbook = SpreadsheetDocument.Open(file, false);
        var firstCell = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet!.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().First();
        Assert.StartsWith("西湖区信访局 ", firstCell.InnerText, StringComparison.Ordinal);
        Assert.Contains("信访工作指标", firstCell.InnerText, StringComparison.Ordinal);
    });

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/statistics$")]
    private static partial Regex StatisticsUrl();
}
