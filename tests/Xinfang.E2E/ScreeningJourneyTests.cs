using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// 预警 in Chromium (issue 14): the district bureau raises a warning on /screening/warnings, gives it to 北山街道, notes
/// what was done and closes it as 已化解 — forms without JavaScript. Screenshots and an axe check on each page.
/// </summary>
public sealed class ScreeningJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public Task The_bureau_raises_a_warning_and_closes_it() => fixture.RunAsync(async page =>
    {
        await Pages.SignInAsync(page);
        await page.GotoAsync("/screening");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("矛盾纠纷排查");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GotoAsync("/screening/warnings");
        var raise = page.Locator("#warning-raise");
        await raise.Locator("[name='summary']").FillAsync("某小区地下车库渗水，业主商议集体到区里反映");
        await raise.Locator("[name='place']").FillAsync("北山街道某小区");
        await raise.Locator("[name='kind']").SelectOptionAsync(new SelectOptionValue { Label = "物业管理" });
        await raise.Locator("[name='level']").SelectOptionAsync(new SelectOptionValue { Value = "Major" });
        await raise.Locator("[name='expectedPersons']").FillAsync("40");
        await raise.GetByRole(AriaRole.Button, new() { Name = "发出预警", Exact = true }).ClickAsync();
        await Expect(page.GetByText("已发出预警。")).ToBeVisibleAsync();
        await Expect(page.Locator("#warning-status")).ToContainTextAsync("待交办");

        await page.Locator("#warning-assign [name='responsibleOrganizationId']").SelectOptionAsync(new SelectOptionValue { Label = "北山街道办事处" });
        await page.Locator("#warning-assign").GetByRole(AriaRole.Button, new() { Name = "交办", Exact = true }).ClickAsync();
        await Expect(page.GetByText("已交办。")).ToBeVisibleAsync();
        await Expect(page.Locator("#warning-responsible")).ToContainTextAsync("北山街道办事处");

        await page.Locator("#warning-note [name='text']").FillAsync("街道已约物业公司和业主代表现场查看，物业承诺十日内修复");
        await page.Locator("#warning-note").GetByRole(AriaRole.Button, new() { Name = "记录处置情况", Exact = true }).ClickAsync();
        await Expect(page.GetByText("已记录处置情况。")).ToBeVisibleAsync();
        await Expect(page.Locator("#warning-notes")).ToContainTextAsync("物业承诺十日内修复");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("screening-warning-assigned.png"), FullPage = true });

        await page.Locator("#warning-close [name='outcome']").SelectOptionAsync(new SelectOptionValue { Value = "Resolved" });
        await page.Locator("#warning-close [name='note']").FillAsync("车库防水修复完成，业主代表验收认可");
        await page.Locator("#warning-close").GetByRole(AriaRole.Button, new() { Name = "办结预警", Exact = true }).ClickAsync();
        await Expect(page.GetByText("预警已办结。")).ToBeVisibleAsync();
        await Expect(page.Locator("#warning-status")).ToContainTextAsync("已办结");
        await Expect(page.Locator("#warning-outcome")).ToContainTextAsync("已化解");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("screening-warning-closed.png"), FullPage = true });

        await page.GotoAsync("/screening/warnings?state=closed");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "某小区地下车库渗水，业主商议集体到区里反映" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    });
}
