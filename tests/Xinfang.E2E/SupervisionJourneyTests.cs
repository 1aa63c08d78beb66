using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// 督办 → the unit answers (issue 13), in Chromium: an item overdue at the unit appears on the supervisor's warning
/// list in its colour, the supervisor issues a 督办通知 from its row and reminds it, the unit's handler answers it on
/// /supervision. Its own app: the clock moves.
/// </summary>
public sealed class SupervisionJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public Task The_supervisor_issues_a_notice_from_the_warning_list_and_the_unit_answers_it_on_the_page() => fixture.RunAsync(async page =>
    {
        var app = fixture.App;
        string number;
        DateOnly due;
        using (var registrar = await app.SignedInClientAsync(Pages.Registrar))
        {
            (number, _) = await E2EApp.RegisterLetterAsync(registrar, "督办测试：雨水管堵塞");
            var item = JsonNode.Parse(await registrar.GetStringAsync($"/api/petitions/by-number/{number}"))!;
            var id = item["id"]!.GetValue<Guid>();
            var units = JsonNode.Parse(await registrar.GetStringAsync("/api/organizations"))!.AsArray();
            var housing = units.Single(o => o!["code"]!.GetValue<string>() == "330106ZJJ")!["id"]!.GetValue<Guid>();
            (await registrar.PostAsJsonAsync($"/api/petitions/{id}/forward", new { targetOrganizationId = housing }, E2EApp.Json)).EnsureSuccessStatusCode();
            var forwarded = JsonNode.Parse(await registrar.GetStringAsync($"/api/petitions/{id}"))!;
            due = DateOnly.Parse(forwarded["currentDueOn"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        }

        // The day after the unit's deadline, swept as the hosted loop would.
        var target = new DateTimeOffset(due.AddDays(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
        app.Clock.Advance(target - app.Clock.GetUtcNow());
        await app.Services.GetRequiredService<Xinfang.Web.Supervision.DeadlineSweeper>().SweepOnceAsync(app.Clock.GetUtcNow(), CancellationToken.None);

        await Pages.SubmitLoginAsync(page, "demo.xihu.supervisor", E2EApp.DemoPassword);
        await page.GotoAsync("/supervision");
        var row = page.Locator("table.grid tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }) });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".level")).ToHaveTextAsync("逾期");
        await Expect(row.Locator(".level")).ToHaveCSSAsync("background-color", "rgb(139, 26, 18)");
        await row.Locator("summary", new() { HasText = "督办" }).First.ClickAsync();
        await row.GetByLabel("督办内容").FillAsync("请于五日内书面反馈雨水管疏通情况");
        await row.GetByRole(AriaRole.Button, new() { Name = "下发督办通知" }).ClickAsync();
        await Expect(page.Locator("#supervision-message")).ToHaveTextAsync("已下发督办通知");

        row = page.Locator("table.grid tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }) }).First;
        await row.Locator("summary", new() { HasText = "催办" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "催办", Exact = true }).ClickAsync();
        await Expect(page.Locator("#supervision-message")).ToHaveTextAsync("已催办");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("supervision-issued.png"), FullPage = true });

        // The unit answers on the same page.
        await page.Context.ClearCookiesAsync();
        await Pages.SubmitLoginAsync(page, "demo.xihu.zjj.handler", E2EApp.DemoPassword);
        await page.GotoAsync("/supervision");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "收到的督办通知" })).ToBeVisibleAsync();
        var notice = page.Locator("table.grid tbody tr").Filter(new() { HasText = number });
        await Expect(notice).ToContainTextAsync("请于五日内书面反馈雨水管疏通情况");
        await notice.GetByLabel("反馈内容").FillAsync("已疏通雨水管，并书面告知信访人");
        await notice.GetByRole(AriaRole.Button, new() { Name = "提交反馈" }).ClickAsync();
        await Expect(page.Locator("#supervision-message")).ToHaveTextAsync("已提交书面反馈");
        await Expect(page.Locator("table.grid tbody tr").Filter(new() { HasText = number })).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("supervision-answered.png"), FullPage = true });
    });
}
