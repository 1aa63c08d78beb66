using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// 领导接访 (issue 14) in Chromium: the registrar plans a session on /reception, records the lawyer beside the leader,
/// registers a visitor with one click from the session, and the item appears on the session page with its 批/人次;
/// the public 信访公开 page lists the planned sessions (axe-checked).
/// </summary>
public sealed class ReceptionJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public Task Schedule_then_session_then_a_visitor_registered_from_it_appears_on_the_session() => fixture.RunAsync(async page =>
    {
        await Pages.SignInAsync(page);
        await page.GotoAsync("/reception");
        // This morning, an hour before the fake clock's now: the session has begun, so visitors may be registered.
        var startsAt = fixture.App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).AddHours(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var form = page.Locator("form#reception-plan");
        await form.GetByLabel("接访领导姓名").FillAsync("钱卫东");
        await form.GetByLabel("职务", new() { Exact = true }).FillAsync("西湖区副区长");
        await form.GetByLabel("接访地点").FillAsync("西湖区人民来访接待中心二楼");
        await form.GetByLabel("接访时间").FillAsync(startsAt);
        await form.GetByLabel("接访方式").SelectOptionAsync(new SelectOptionValue { Label = "公开接访" });
        await form.GetByRole(AriaRole.Button, new() { Name = "安排接访" }).ClickAsync();
        await Expect(page.Locator("p.success")).ToHaveTextAsync("已安排接访。");
        await Expect(page.Locator("h1")).ToContainTextAsync("钱卫东");

        await page.Locator("textarea[name='Input.Attendees']").FillAsync("钱卫东，西湖区副区长\n李律师，律师");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存参加人员" }).ClickAsync();
        await Expect(page.Locator("#attendees")).ToContainTextAsync("李律师（律师）");
        var sessionUrl = page.Url.Split('?')[0];

        await page.Locator("#register-next").ClickAsync();
        await Expect(page.Locator("#reception-notice")).ToBeVisibleAsync();
        await Expect(page.Locator("select[name='Input.Form']")).ToHaveValueAsync("Visit");
        const string title = "接访登记：村道塌陷无人修复";
        await page.GetByLabel("标题", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("诉求内容").FillAsync("村东头的村道塌陷一个多月，电动车和行人经过很危险，请求尽快修复。");
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync("吴桂芳");
        await page.GetByLabel("证件号码").FillAsync("330106199202200037");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Expect(page.Locator("#query-code")).ToBeVisibleAsync();
        var number = await page.Locator("#petition-number").InnerTextAsync();

        await page.Locator("#back-to-reception").ClickAsync();
        await Expect(page).ToHaveURLAsync(sessionUrl);
        await Expect(page.Locator("#received-items")).ToContainTextAsync(number);
        await Expect(page.Locator("#received-items")).ToContainTextAsync(title);
        await Expect(page.Locator("#session-batches")).ToHaveTextAsync("1");
        await Expect(page.Locator("#session-persons")).ToHaveTextAsync("1");
        await Expect(page.Locator("#session-status")).ToContainTextAsync("已接访");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("reception-session.png"), FullPage = true });
    });

    [SkippableFact]
    public Task The_public_information_page_lists_the_planned_leader_receptions() => fixture.RunAsync(async page =>
    {
        // The demo plans a 公开接访 of the district three days ahead.
        await page.GotoAsync("/guide/330106XFJ");
        var schedule = page.Locator("#leader-reception-schedule");
        await Expect(schedule.Locator("h2")).ToHaveTextAsync("领导接访安排");
        await Expect(schedule).ToContainTextAsync("张明（西湖区区长）");
        await Expect(schedule).ToContainTextAsync("公开接访");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("reception-public-schedule.png"), FullPage = true });
    }, phone: true);

    [SkippableFact]
    public Task A_moved_session_shows_its_new_time_on_the_public_page() => fixture.RunAsync(async page =>
    {
        await Pages.SignInAsync(page);
        await page.GotoAsync("/reception");
        var local = fixture.App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Date;
        string At(int days, int hour) => local.AddDays(days).AddHours(hour).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var form = page.Locator("form#reception-plan");
        await form.GetByLabel("接访领导姓名").FillAsync("沈建国");
        await form.GetByLabel("职务", new() { Exact = true }).FillAsync("西湖区副区长");
        await form.GetByLabel("接访地点").FillAsync("西湖区人民来访接待中心一楼");
        await form.GetByLabel("接访时间").FillAsync(At(5, 9));
        await form.GetByLabel("接访方式").SelectOptionAsync(new SelectOptionValue { Label = "定期接访" });
        await form.GetByRole(AriaRole.Button, new() { Name = "安排接访" }).ClickAsync();
        await Expect(page.Locator("p.success")).ToHaveTextAsync("已安排接访。");

        var move = page.Locator("form#reception-move");
        await move.GetByLabel("改期后的接访时间").FillAsync(At(6, 14));
        await move.GetByLabel("改期理由").FillAsync("副区长参加防汛调度会");
        await move.GetByRole(AriaRole.Button, new() { Name = "改期", Exact = true }).ClickAsync();
        await Expect(page.Locator("p.success")).ToHaveTextAsync("接访已改期。");
        await Expect(page.Locator("#session-moved")).ToContainTextAsync("副区长参加防汛调度会");

        await page.GotoAsync("/guide/330106XFJ");
        var row = page.Locator("#leader-reception-schedule tr", new() { HasText = "沈建国" });
        await Expect(row).ToContainTextAsync(At(6, 14).Replace('T', ' '));
        await Expect(row).ToContainTextAsync("已改期");
        await Expect(row).ToContainTextAsync("原定 " + At(5, 9).Replace('T', ' '));
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("reception-moved-public.png"), FullPage = true });
    }, phone: true);
}
