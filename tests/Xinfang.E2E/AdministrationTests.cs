using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// The administrator's day in Chromium (issue 13), pages only: adding a user and a holiday, renaming and moving a
/// body of the organisation tree, the audit trail filtered and exported, and the Chinese 404 page — each checked by
/// axe-core (WCAG 2.1 AA, 0 serious or critical) and photographed.
/// </summary>
public sealed class AdministrationTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>Picks the option whose text contains <paramref name="text"/> (tree options are indented by depth).</summary>
    private static async Task ChooseAsync(ILocator select, string text)
    {
        var value = await select.Locator("option", new() { HasText = text }).First.GetAttributeAsync("value");
        await select.SelectOptionAsync(value!);
    }

    [SkippableFact]
    public Task The_administrator_adds_a_user_and_a_holiday() => fixture.RunAsync(async page =>
    {
        await Pages.SignInAsync(page, "demo.zj.admin");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "工作人员导航" }).GetByRole(AriaRole.Link, new() { Name = "用户", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("用户");
        await page.GetByText("新建账号").ClickAsync();
        await page.GetByLabel("用户名", new() { Exact = true }).FillAsync("e2e.new.registrar");
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync("褚新登记");
        await ChooseAsync(page.GetByLabel("所属机构"), "西湖区信访局");
        await ChooseAsync(page.Locator("select[name='Create.Role']"), "登记人员");
        await page.GetByRole(AriaRole.Button, new() { Name = "创建账号" }).ClickAsync();
        await Expect(page.Locator("#result")).ToContainTextAsync("已创建账号 e2e.new.registrar");
        await Expect(page.Locator("code.temporary-password")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^.{20}$"));
        await Expect(page.Locator("#accounts")).ToContainTextAsync("褚新登记");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("admin-users.png"), FullPage = true });

        await page.GotoAsync("/admin/calendars?year=2026");
        await page.GetByLabel("日期", new() { Exact = true }).FillAsync("2026-03-16");
        await page.Locator("select[name='Day.Kind']").SelectOptionAsync(new SelectOptionValue { Label = "休（放假）" });
        await page.GetByLabel("节日名称", new() { Exact = true }).FillAsync("浏览器测试假日");
        await page.GetByRole(AriaRole.Button, new() { Name = "增加并重算时限" }).ClickAsync();
        await Expect(page.Locator("#result")).ToContainTextAsync("2026年节假日安排已载入：重算未办结事项");
        await Expect(page.Locator("#schedule-days")).ToContainTextAsync("浏览器测试假日");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("admin-calendars.png"), FullPage = true });
    });

    [SkippableFact]
    public Task The_administrator_renames_and_moves_a_body_but_not_into_its_own_subtree() => fixture.RunAsync(async page =>
    {
        await Pages.SignInAsync(page, "demo.zj.admin");
        await page.GotoAsync("/admin/organizations");
        await Expect(page.Locator("#org-tree")).ToContainTextAsync("灵隐街道办事处");

        await page.GetByText("机构更名").ClickAsync();
        var rename = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "更名" }) });
        await ChooseAsync(rename.Locator("select"), "灵隐街道办事处（330106002JD）");
        await rename.GetByLabel("新名称").FillAsync("灵隐街道");
        await rename.GetByRole(AriaRole.Button, new() { Name = "更名" }).ClickAsync();
        await Expect(page.Locator("#result")).ToContainTextAsync("已更名为「灵隐街道」");

        await page.GetByText("调整隶属关系").ClickAsync();
        var move = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "移动" }) });
        await ChooseAsync(move.Locator("select").First, "杭州市信访局（330100XFJ）");
        await ChooseAsync(move.Locator("select").Nth(1), "西湖区信访局（330106XFJ）");
        await move.GetByRole(AriaRole.Button, new() { Name = "移动" }).ClickAsync();
        await Expect(page.Locator("#result")).ToContainTextAsync("不能把机构移到它自己或它的下级机构之下");

        await page.GetByText("调整隶属关系").ClickAsync();
        move = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "移动" }) });
        await ChooseAsync(move.Locator("select").First, "灵隐街道（330106002JD）");
        await ChooseAsync(move.Locator("select").Nth(1), "余杭区信访局（330110XFJ）");
        await move.GetByRole(AriaRole.Button, new() { Name = "移动" }).ClickAsync();
        await Expect(page.Locator("#result")).ToContainTextAsync("已移动「灵隐街道」");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("admin-organizations.png"), FullPage = true });
    });

    [SkippableFact]
    public Task The_audit_trail_is_filtered_and_exported() => fixture.RunAsync(async page =>
    {
        await Pages.SignInAsync(page, "demo.zj.admin");
        await page.GotoAsync("/admin/audit");
        await Expect(page.Locator("#audit-verify")).ToContainTextAsync("✔");
        var filter = page.Locator("#audit-filter");
        await filter.GetByLabel("操作人").FillAsync("韩管理");
        await filter.GetByLabel("类型").SelectOptionAsync(new SelectOptionValue { Label = "登录" });
        await filter.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Expect(page.Locator("#audit-entries tbody tr").First).ToContainTextAsync("韩管理");
        await Expect(page.Locator("#audit-entries tbody")).Not.ToContainTextAsync("登录失败");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("admin-audit.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-csv").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var file = Artifacts.PathOf("admin-audit.csv");
        await download.SaveAsAsync(file);
        var text = await File.ReadAllTextAsync(file);
        Assert.Contains("序号", text, StringComparison.Ordinal);
        Assert.Contains("韩管理", text, StringComparison.Ordinal);
    });

    [SkippableFact]
    public Task An_unknown_address_shows_the_Chinese_404_page() => fixture.RunAsync(async page =>
    {
        var response = await page.GotoAsync("/no/such/page");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("页面不存在");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("not-found-phone.png"), FullPage = true });
    }, phone: true);
}
