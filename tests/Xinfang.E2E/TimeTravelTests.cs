using System.Globalization;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// Deadlines in the browser, with the app's clock in the test's hand: its own app (moving the clock
/// would disturb other classes' items), its own browser.
/// </summary>
public sealed class TimeTravelTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public Task A_registered_item_turns_red_on_the_workbench_the_day_after_its_15_day_bureau_deadline() => fixture.RunAsync(async page =>
    {
        var app = fixture.App;
        string number;
        using (var registrar = await app.SignedInClientAsync(Pages.Registrar))
        {
            (number, _) = await E2EApp.RegisterLetterAsync(registrar, "时限测试：小区电梯长期停运");
        }

        // 条例 Art. 22: forward, assign or answer within 15 days of receipt, the day of receipt being day 0.
        var received = DateOnly.FromDateTime(app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var due = received.AddDays(15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await Pages.SignInAsync(page);
        var row = Pages.WorkRow(page, number);
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td:nth-child(4)")).ToHaveTextAsync("已登记");
        // 剩余天数 (issue 13): the days left and the level in words, the due date beside them, green while normal.
        var days = row.Locator("td:nth-child(5)");
        await Expect(days).ToContainTextAsync("15天（正常）");
        await Expect(days).ToContainTextAsync($"到期 {due}");
        await Expect(days.Locator(".days-normal")).ToHaveCountAsync(1);
        await Expect(row).Not.ToHaveClassAsync("overdue");

        // On the due day itself it is not yet overdue, but red. The 8-hour sign-in cookie has expired on the
        // app's clock, so the workbench sends the browser back to sign in.
        app.Clock.Advance(TimeSpan.FromDays(15));
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(Pages.LoginUrl());
        await Pages.SignInAsync(page);
        await Expect(days).ToContainTextAsync("今日到期（红）");
        await Expect(days.Locator(".days-red")).ToHaveCSSAsync("color", "rgb(156, 28, 19)");
        await Expect(row).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"(^|\s)overdue(\s|$)"));

        // The day after: overdue, marked 逾期1天 in words and drawn in dark red.
        app.Clock.Advance(TimeSpan.FromDays(1));
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(Pages.LoginUrl());
        await Pages.SignInAsync(page);
        await Expect(row).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"(^|\s)overdue(\s|$)"));
        await Expect(days).ToContainTextAsync("逾期1天（逾期）");
        await Expect(days.Locator(".days-overdue")).ToHaveCSSAsync("background-color", "rgb(139, 26, 18)");
        await Expect(row.Locator("td:nth-child(2)")).ToHaveCSSAsync("color", "rgb(179, 38, 30)");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("workbench-overdue.png"), FullPage = true });
    });
}
