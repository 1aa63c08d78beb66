using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// The public face (issue 11) in Chromium at phone and desktop sizes: the home page's ways in, 信访公开 with its
/// flow of handling and the ancestor fallback, the 条例, the sign-in page and the administrator's edit page —
/// each checked by axe-core (WCAG 2.1 AA, 0 serious or critical) and photographed.
/// </summary>
public sealed class PortalInfoTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public Task The_home_page_offers_the_four_ways_in_and_no_figures(bool phone) => fixture.RunAsync(async page =>
    {
        await page.GotoAsync("/");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        var entries = page.GetByRole(AriaRole.Navigation, new() { Name = "办事入口" });
        foreach (var (name, href) in new[] { ("网上信访", "/submit"), ("查询办理进展和评价", "/track"), ("信访公开", "/guide"), ("工作人员登录", "/login") })
        {
            // A card's name is its title followed by its text.
            await Expect(entries.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + name + " ") })).ToHaveAttributeAsync("href", href);
        }

        await Expect(page.Locator("table")).ToHaveCountAsync(0);
        await Expect(page.GetByText("件数")).ToHaveCountAsync(0);

        // The skip link is the first stop of the keyboard and lands on the main content.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(".skip-link")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#main$"));

        if (phone)
        {
            await AssertTouchTargetsAsync(page, "header a, .cards a");
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf($"portal-home-{(phone ? "phone" : "desktop")}.png"), FullPage = true });
    }, phone);

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public Task The_guide_lists_the_bodies_and_shows_a_bodys_channels_flow_and_law(bool phone) => fixture.RunAsync(async page =>
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "办事入口" }).GetByRole(AriaRole.Link, new() { Name = "信访公开" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("信访公开");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf($"portal-guide-list-{(phone ? "phone" : "desktop")}.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "西湖区信访局", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("西湖区信访局 · 信访公开");
        await Expect(page.Locator("#inherited")).ToHaveCountAsync(0);
        await Expect(page.GetByText("文三路1号").First).ToBeVisibleAsync();
        var steps = page.Locator("ol.flow > li");
        Assert.True(await steps.CountAsync() >= 5);
        await Expect(steps.First).ToContainTextAsync("提出");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf($"portal-guide-xihu-{(phone ? "phone" : "desktop")}.png"), FullPage = true });

        // The law link opens the 条例 at the article.
        await page.GetByRole(AriaRole.Link, new() { Name = "第十八条" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/guide/law#art-18$"));
        await Expect(page.Locator("#art-18")).ToContainTextAsync("各级机关、单位应当向社会公布网络信访渠道");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf($"portal-law-{(phone ? "phone" : "desktop")}.png"), FullPage = false });
    }, phone);

    [SkippableFact]
    public Task A_unit_without_its_own_text_shows_its_bureaus_and_says_so() => fixture.RunAsync(async page =>
    {
        await page.GotoAsync("/guide/330106ZJJ");

        await Expect(page.Locator("#inherited")).ToContainTextAsync("以下为上级机关「西湖区信访局」公布的内容");
        await Expect(page.GetByText("文三路1号").First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("portal-guide-inherited-phone.png"), FullPage = true });
    }, phone: true);

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public Task The_login_page_passes_axe(bool phone) => fixture.RunAsync(async page =>
    {
        await page.GotoAsync("/login");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        if (phone)
        {
            await AssertTouchTargetsAsync(page, "main input, main button");
        }

        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf($"portal-login-{(phone ? "phone" : "desktop")}.png"), FullPage = true });
    }, phone);

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public Task The_administrator_edits_a_bodys_text_and_the_public_page_shows_it(bool phone) => fixture.RunAsync(async page =>
    {
        await Pages.SignInAsync(page, "demo.zj.admin");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "工作人员导航" }).GetByRole(AriaRole.Link, new() { Name = "信访公开维护" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("信访公开信息维护");
        // One body per size, so the two runs do not edit the same revision.
        var (code, name) = phone ? ("330110XFJ", "余杭区信访局") : ("330203XFJ", "海曙区信访局");
        await page.GotoAsync($"/admin/guide/{code}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{name} · 信访公开信息");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        var phoneNumber = phone ? "0571-86000001" : "0574-87000002";
        await page.GetByLabel("咨询投诉电话", new() { Exact = false }).FillAsync(phoneNumber);
        await page.GetByLabel("来访接待时间", new() { Exact = false }).FillAsync("工作日 9:00—17:00（测试）");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.Locator("#saved")).ToContainTextAsync("已保存，当前为第1版");
        await Expect(page.Locator("#history tbody tr").First).ToContainTextAsync("韩管理");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf($"portal-guide-admin-{(phone ? "phone" : "desktop")}.png"), FullPage = true });

        // A bad value (21 steps; the limit is 20) stays in the form with its Chinese error beside the field, the
        // other fields keep what was typed, and nothing is saved.
        var steps = string.Join('\n', Enumerable.Range(1, 21).Select(i => $"第{i}步"));
        await page.GetByLabel("信访事项的处理程序", new() { Exact = false }).FillAsync(steps);
        await page.GetByLabel("来访接待时间", new() { Exact = false }).FillAsync("工作日 8:30—17:30（未保存）");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Expect(page.Locator("#f-procedure-error")).ToContainTextAsync("处理程序不能超过20个步骤");
        await Expect(page.GetByLabel("来访接待时间", new() { Exact = false })).ToHaveValueAsync("工作日 8:30—17:30（未保存）");
        await Expect(page.GetByLabel("信访事项的处理程序", new() { Exact = false })).ToHaveValueAsync(steps);
        await Expect(page.Locator("#history tbody tr")).ToHaveCountAsync(1);
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GotoAsync($"/guide/{code}");
        await Expect(page.Locator("#inherited")).ToHaveCountAsync(0);
        await Expect(page.GetByText(phoneNumber)).ToBeVisibleAsync();
    }, phone);

    /// <summary>WCAG 2.5.5 on phones as the issue asks: every matched control at least 44 × 44 CSS pixels (or as wide as its text, at least 44 high).</summary>
    private static async Task AssertTouchTargetsAsync(IPage page, string selector)
    {
        var small = await page.EvaluateAsync<string[]>(
            @"sel => [...document.querySelectorAll(sel)].filter(e => e.offsetParent !== null)
                .map(e => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.height < 44 || r.width < 44)
                .map(([e, r]) => `${e.tagName} '${e.textContent.trim().slice(0, 20)}' ${Math.round(r.width)}×${Math.round(r.height)}`)",
            selector);
        Assert.True(small.Length == 0, "touch targets under 44 px: " + string.Join("; ", small));
    }
}
