using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// 值班和零报告 (issue 14) in Chromium: the 西湖区住建局 files today's 零报告 in the demo's special period; after the
/// 16:00 cut-off the 西湖区 bureau above sees who is missing — the 人社局, not the 住建局 — on /duty and on its home.
/// </summary>
public sealed class DutyJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public Task A_unit_files_a_zero_report_and_the_bureau_above_sees_who_is_missing() => fixture.RunAsync(async page =>
    {
        await Pages.SignInAsync(page, "demo.xihu.zjj.handler");
        await page.GotoAsync("/duty");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Locator("#duty-periods").GetByRole(AriaRole.Link, new() { Name = "重要会议期间" }).ClickAsync();
        var form = page.Locator("form#duty-report");
        await Expect(form).ToBeVisibleAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "报送日报" }).ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("已报送今日日报。");
        await Expect(page.Locator("#reported-today")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("duty-zero-report.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();

        // 09:00 → 17:00: past the day's cut-off.
        fixture.App.Clock.Advance(TimeSpan.FromHours(8));
        await Pages.SignInAsync(page, "demo.xihu.registrar");
        await Expect(page.Locator(".waiting")).ToContainTextAsync("值班日报缺报");
        await page.GotoAsync("/duty");
        var missing = page.Locator(".duty-missing");
        await Expect(missing).ToContainTextAsync("西湖区人力资源和社会保障局");
        await Expect(missing).Not.ToContainTextAsync("西湖区住房和城乡建设局");
        await page.Locator("#duty-periods").GetByRole(AriaRole.Link, new() { Name = "重要会议期间" }).ClickAsync();
        await Expect(page.Locator("#day-filed")).ToContainTextAsync("西湖区住房和城乡建设局");
        await Expect(page.Locator("#day-filed")).ToContainTextAsync("零报告（无情况）");
        await Expect(page.Locator("#day-missing")).ToContainTextAsync("西湖区人力资源和社会保障局");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("duty-missing.png"), FullPage = true });
    });
}
