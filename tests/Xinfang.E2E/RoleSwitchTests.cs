using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// More than one role per person in Chromium (ADR 0126): the administrator gives the bureau's supervisor a second
/// role (领导) with the checkboxes of the users page; the supervisor signs in as 督办人员 (the work list), switches
/// in the header to 领导 and lands on the leader's home, the figures — without signing in again.
/// </summary>
public sealed partial class RoleSwitchTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public Task The_administrator_gives_a_second_role_and_the_person_switches_to_its_home() => fixture.RunAsync(async page =>
    {
        await Pages.SignInAsync(page, "demo.zj.admin");
        await page.GotoAsync("/admin/users?q=demo.xihu.supervisor");
        await page.GetByRole(AriaRole.Link, new() { Name = "修改角色：李督办" }).ClickAsync();
        var form = page.Locator("#edit-roles");
        await Expect(form.GetByLabel("督办人员")).ToBeCheckedAsync();
        await form.GetByLabel("领导", new() { Exact = true }).CheckAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await form.GetByRole(AriaRole.Button, new() { Name = "保存角色" }).ClickAsync();
        await Expect(page.Locator("#result")).ToContainTextAsync("已修改账号 demo.xihu.supervisor 的角色：督办人员、领导");
        await Expect(page.Locator("#accounts")).ToContainTextAsync("督办人员、领导");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("admin-user-roles.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();

        await Pages.SignInAsync(page, "demo.xihu.supervisor");
        await Expect(page.Locator("#current-role")).ToContainTextAsync("当前身份：督办人员");
        await page.Locator("#current-role").GetByRole(AriaRole.Link, new() { Name = "切换" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("切换身份");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("领导", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "切换", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(StatisticsUrl());
        await Expect(page.Locator("#current-role")).ToContainTextAsync("当前身份：领导");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("role-switched-to-leader.png"), FullPage = true });

        // And back: the supervisor's work list again, still the same sign-in.
        await page.GotoAsync("/account/role");
        await page.GetByLabel("督办人员", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "切换", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("待办工作台");
        await Expect(page.Locator("#current-role")).ToContainTextAsync("当前身份：督办人员");
    });

    [System.Text.RegularExpressions.GeneratedRegex("/statistics")]
    private static partial System.Text.RegularExpressions.Regex StatisticsUrl();
}
