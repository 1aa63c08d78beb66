using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// 主办/协办 in Chromium (issue 14): the bureau names the 人社局 协办 on an item it forwarded to the 住建局; the 人社局 handler
/// opens the item and gives its 意见 (on a phone); the lead unit's handler sees it on the item's page. Screenshots and axe.
/// </summary>
public sealed class CoHandlingJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public Task The_bureau_names_a_co_handler_whose_opinion_the_lead_unit_reads() => fixture.RunAsync(async page =>
    {
        Guid id;
        string unitName = "西湖区人力资源和社会保障局";
        using (var api = await fixture.App.SignedInClientAsync(Pages.Registrar))
        {
            var number = (await E2EApp.RegisterLetterAsync(api, "拆迁补偿与社保转接")).Number;
            var found = JsonNode.Parse(await (await api.PostAsync("/api/workbench/find",
                new StringContent($"{{\"q\":\"{number}\"}}", Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())!;
            id = found.AsArray().Single()!["id"]!.GetValue<Guid>();
            var orgs = JsonNode.Parse(await api.GetStringAsync("/api/organizations"))!.AsArray();
            var leadUnit = orgs.Single(o => o!["code"]!.GetValue<string>() == "330106ZJJ")!["id"]!.GetValue<Guid>();
            var forward = await api.PostAsync($"/api/petitions/{id}/forward", new StringContent($"{{\"targetOrganizationId\":\"{leadUnit}\"}}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, forward.StatusCode);
        }

        await Pages.SignInAsync(page);
        await page.GotoAsync($"/petitions/{id}");
        var panel = page.Locator("#co-handling");
        await panel.GetByText("确定协办单位", new() { Exact = true }).First.ClickAsync();
        var form = page.Locator("#co-handling-name");
        await form.Locator("[name='Name.OrganizationId']").SelectOptionAsync(new SelectOptionValue { Label = unitName });
        await form.Locator("[name='Name.Text']").FillAsync("核实信访人社保关系转接情况");
        var due = DateOnly.FromDateTime(fixture.App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(10);
        await form.Locator("[name='Name.DueOn']").FillAsync(due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByRole(AriaRole.Button, new() { Name = "确定协办单位", Exact = true }).ClickAsync();
        await Expect(page.GetByText("已确定协办单位")).ToBeVisibleAsync();
        await Expect(page.Locator("#co-handling")).ToContainTextAsync("协办待反馈");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("co-handling-named.png"), FullPage = true });

        // The 协办 unit's handler, on a phone.
        var coContext = await page.Context.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.App.Address.ToString(), Locale = "zh-CN", ViewportSize = new() { Width = 390, Height = 844 }, HasTouch = true, IsMobile = true,
        });
        var co = await coContext.NewPageAsync();
        await Pages.SubmitLoginAsync(co, "demo.xihu.rsj.handler", E2EApp.DemoPassword);
        await co.GotoAsync("/workbench?wait=cohandling");
        await co.GotoAsync($"/petitions/{id}");
        var feedback = co.Locator("#co-handling-feedback");
        await feedback.Locator("[name='Feedback.Text']").FillAsync("经核实，社保关系已于本月转入，无欠缴。");
        await feedback.GetByRole(AriaRole.Button, new() { Name = "反馈协办意见", Exact = true }).ClickAsync();
        await Expect(co.GetByText("已反馈协办意见")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(co);
        await co.ScreenshotAsync(new() { Path = Artifacts.PathOf("co-handling-feedback-phone.png"), FullPage = true });
        await coContext.CloseAsync();

        // The lead unit reads the 意见 on the item's page.
        var leadContext = await page.Context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.Address.ToString(), Locale = "zh-CN" });
        var lead = await leadContext.NewPageAsync();
        await Pages.SubmitLoginAsync(lead, "demo.xihu.zjj.handler", E2EApp.DemoPassword);
        await lead.GotoAsync($"/petitions/{id}");
        await Expect(lead.Locator("#co-handling")).ToContainTextAsync("经核实，社保关系已于本月转入，无欠缴。");
        await Accessibility.AssertNoSeriousViolationsAsync(lead);
        await lead.ScreenshotAsync(new() { Path = Artifacts.PathOf("co-handling-lead.png"), FullPage = true });
        await leadContext.CloseAsync();
    });
}
