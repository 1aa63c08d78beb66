using System.Globalization;
using Microsoft.Playwright;
using Xinfang.Domain.Campaigns;
using Xinfang.E2E.Infrastructure;
using Xinfang.Web.Reports;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// 治重化积 (issue 14) in Chromium: the district registrar creates a campaign on /campaigns, imports its list from an
/// .xlsx file made here (title row, Chinese header, two rows), and sees the entries and the progress per unit (axe-checked).
/// </summary>
public sealed class CampaignJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public Task A_campaign_list_imported_from_an_xlsx_file_shows_its_entries() => fixture.RunAsync(async page =>
    {
        var today = DateOnly.FromDateTime(fixture.App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var file = Artifacts.PathOf("campaign-list.xlsx");
        await File.WriteAllBytesAsync(file, XlsxWriter.Write(new ReportTable("list", "专项工作清单", CampaignImport.Headers,
        [
            ["中央交办", null, "某小区电梯加装费用分摊争议", "西湖区住房和城乡建设局", "陈局长", "组织业主协商", Day(today.AddDays(30))],
            ["市县自查", null, "某村土地流转租金拖欠", "北山街道办事处", null, "街道包案，督促支付", Day(today.AddDays(60))],
        ]), "西湖区信访局"));

        await Pages.SignInAsync(page);
        await page.GotoAsync("/campaigns");
        var form = page.Locator("form#campaign-create");
        await form.GetByLabel("专项工作名称").FillAsync("浏览器测试治重化积专项工作");
        await form.GetByLabel("类型").SelectOptionAsync(new SelectOptionValue { Label = "化解信访积案" });
        await form.GetByLabel("开始日期").FillAsync(Day(today));
        await form.GetByLabel("结束日期（化解期限）").FillAsync(Day(today.AddDays(180)));
        await form.GetByRole(AriaRole.Button, new() { Name = "建立" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("浏览器测试治重化积专项工作");

        var import = page.Locator("form#campaign-import");
        await import.GetByLabel("清单文件").SetInputFilesAsync(file);
        await import.GetByRole(AriaRole.Button, new() { Name = "导入" }).ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("清单已导入。");
        await Expect(page.Locator("#campaign-entries")).ToContainTextAsync("某小区电梯加装费用分摊争议");
        await Expect(page.Locator("#campaign-entries")).ToContainTextAsync("某村土地流转租金拖欠");
        await Expect(page.Locator("#campaign-by-unit")).ToContainTextAsync("北山街道办事处");
        await Expect(page.Locator("#campaign-progress")).ToContainTextAsync("清单2条");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("campaign.png"), FullPage = true });
    });
}
