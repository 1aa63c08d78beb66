using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// 领导包案 in Chromium (issue 14): the bureau gives an item to the leader on /ownership; the leader finds it on
/// "我包案的", adds a milestone, marks it done and records the outcome 化解. Screenshots and an axe check on each page.
/// </summary>
public sealed class OwnershipJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Leader = "demo.xihu.leader";

    [SkippableFact]
    public Task The_bureau_gives_an_item_to_a_leader_who_resolves_it() => fixture.RunAsync(async page =>
    {
        string number;
        using (var api = await fixture.App.SignedInClientAsync(Pages.Registrar))
        {
            number = (await E2EApp.RegisterLetterAsync(api, "小区二次供水水质差")).Number;
        }

        await Pages.SignInAsync(page);
        await page.GotoAsync("/ownership");
        var assign = page.Locator("#ownership-assign");
        await assign.Locator("[name='Input.PetitionNumber']").FillAsync(number);
        await assign.Locator("[name='Input.LeaderId']").SelectOptionAsync(new SelectOptionValue { Label = "陈局长（西湖区信访局）" });
        await assign.Locator("[name='Input.Plan']").FillAsync("两周内约见信访人，会同区住建局检测水质");
        await assign.GetByRole(AriaRole.Button, new() { Name = "安排包案", Exact = true }).ClickAsync();
        await Expect(page.GetByText("已安排领导包案。")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("ownership-assigned.png"), FullPage = true });

        var leaderContext = await page.Context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.Address.ToString(), Locale = "zh-CN" });
        var leader = await leaderContext.NewPageAsync();
        await Pages.SubmitLoginAsync(leader, Leader, E2EApp.DemoPassword);
        await leader.GotoAsync("/ownership/mine");
        await Expect(leader.GetByText(number)).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(leader);
        await leader.GetByRole(AriaRole.Link, new() { Name = "包案中" }).First.ClickAsync();

        var due = DateOnly.FromDateTime(fixture.App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(7);
        var milestone = leader.Locator("#ownership-milestone");
        await milestone.Locator("[name='Input.Title']").FillAsync("约见信访人");
        await milestone.Locator("[name='Input.Day']").FillAsync(due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await milestone.GetByRole(AriaRole.Button, new() { Name = "添加节点", Exact = true }).ClickAsync();
        await Expect(leader.GetByText("已添加节点。")).ToBeVisibleAsync();
        await leader.GetByRole(AriaRole.Button, new() { Name = "完成", Exact = true }).ClickAsync();
        await Expect(leader.GetByText("节点已完成。")).ToBeVisibleAsync();

        var outcome = leader.Locator("#ownership-outcome");
        await outcome.GetByLabel("化解", new() { Exact = true }).CheckAsync();
        await outcome.Locator("[name='Input.Text']").FillAsync("更换供水管道，水质检测合格，信访人满意");
        await outcome.GetByRole(AriaRole.Button, new() { Name = "记录结果", Exact = true }).ClickAsync();
        await Expect(leader.GetByText("已记录包案结果。")).ToBeVisibleAsync();
        await Expect(leader.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("已化解");
        await Accessibility.AssertNoSeriousViolationsAsync(leader);
        await leader.ScreenshotAsync(new() { Path = Artifacts.PathOf("ownership-resolved.png"), FullPage = true });

        // The item's page shows whose 包案 it was and links to it.
        await leader.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(leader.GetByRole(AriaRole.Link, new() { Name = "领导包案情况（1）" })).ToBeVisibleAsync();
        await leaderContext.CloseAsync();
    });

    [SkippableFact]
    public Task The_bureau_reassigns_an_open_ownership_and_the_item_shows_the_steps() => fixture.RunAsync(async page =>
    {
        string number;
        using (var api = await fixture.App.SignedInClientAsync(Pages.Registrar))
        {
            number = (await E2EApp.RegisterLetterAsync(api, "菜市场占道经营")).Number;
        }

        await Pages.SignInAsync(page);
        await page.GotoAsync("/ownership");
        var assign = page.Locator("#ownership-assign");
        await assign.Locator("[name='Input.PetitionNumber']").FillAsync(number);
        await assign.Locator("[name='Input.LeaderId']").SelectOptionAsync(new SelectOptionValue { Label = "陈局长（西湖区信访局）" });
        await assign.Locator("[name='Input.Plan']").FillAsync("协调街道和市场监管所整治占道");
        await assign.GetByRole(AriaRole.Button, new() { Name = "安排包案", Exact = true }).ClickAsync();
        await Expect(page.GetByText("已安排领导包案。")).ToBeVisibleAsync();

        // 改派: 陈局长 changes post; the bureau gives the 包案 to 黄副局长 with a reason.
        var reassign = page.Locator("#ownership-reassign");
        await reassign.Locator("[name='Input.LeaderId']").SelectOptionAsync(new SelectOptionValue { Label = "黄副局长（西湖区信访局）" });
        await reassign.GetByLabel("改派理由").FillAsync("陈局长岗位调整");
        await reassign.GetByRole(AriaRole.Button, new() { Name = "改派", Exact = true }).ClickAsync();
        await Expect(page.GetByText("已改派。")).ToBeVisibleAsync();
        await Expect(page.Locator("#ownership-handovers")).ToContainTextAsync("陈局长 → 黄副局长（陈局长岗位调整）");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("黄副局长");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("ownership-reassigned.png"), FullPage = true });

        // The item's 办理过程 tab lists the 包案 steps with their days.
        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Pages.TabAsync(page, "办理过程");
        var steps = page.Locator("#ownership-steps");
        await Expect(steps).ToContainTextAsync("领导包案");
        await Expect(steps).ToContainTextAsync("改派包案");
        await Expect(steps).ToContainTextAsync("陈局长 → 黄副局长");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("ownership-steps-on-item.png"), FullPage = true });

        // The new leader finds it among his 包案.
        var deputyContext = await page.Context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.Address.ToString(), Locale = "zh-CN" });
        var deputy = await deputyContext.NewPageAsync();
        await Pages.SubmitLoginAsync(deputy, "demo.xihu.deputy", E2EApp.DemoPassword);
        await deputy.GotoAsync("/ownership/mine");
        await Expect(deputy.GetByText(number)).ToBeVisibleAsync();
        await deputyContext.CloseAsync();
    });
}
