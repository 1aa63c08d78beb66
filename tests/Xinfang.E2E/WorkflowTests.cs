using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// Issue 13's workflow in Chromium, pages only for the step each journey is about: a mistaken registration corrected
/// then voided, a draft 处理意见 signed off by the head, an extension asked and approved, a leader's 批示 turned into 交办.
/// </summary>
public sealed class WorkflowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Handler = "demo.xihu.zjj.handler";
    private const string Head = "demo.xihu.zjj.head";
    private const string Leader = "demo.xihu.leader";

    [SkippableFact]
    public Task A_registrar_corrects_then_voids_a_mistaken_registration() => fixture.RunAsync(async page =>
    {
        Guid id;
        using (var api = await fixture.App.SignedInClientAsync(Pages.Registrar))
        {
            id = await IdOfAsync(api, (await E2EApp.RegisterLetterAsync(api, "小区停车收费不合理", twoPetitioners: true)).Number);
        }

        await Pages.SignInAsync(page);
        await page.GotoAsync($"/petitions/{id}");
        await OpenAllAsync(page); // the rarer steps wait, closed, under 更多操作
        var correct = page.Locator("#act-correctregistration");
        await correct.Locator("[name='Act.CorrectTitle']").FillAsync("小区停车管理费未经公示");
        await correct.Locator("[name='Act.CorrectLitigationRelated']").CheckAsync();
        // The second of two petitioners gave a wrong phone number: the form corrects the one chosen.
        await correct.Locator("[name='Act.CorrectPetitionerOrdinal']").SelectOptionAsync("2");
        await correct.Locator("[name='Act.CorrectPetitionerPhone']").FillAsync("13700002222");
        await correct.GetByRole(AriaRole.Button, new() { Name = "更正登记", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("小区停车管理费未经公示");
        await Pages.TabAsync(page, "办理过程");
        await Expect(page.GetByText("涉法涉诉：否 → 是").First).ToBeVisibleAsync();
        await Expect(page.GetByText("信访人2的联系电话已更正").First).ToBeVisibleAsync();

        await page.GotoAsync($"/petitions/{id}");
        await OpenAllAsync(page);
        var voiding = page.Locator("#act-voidregistration");
        await voiding.Locator("[name='Act.Reason']").FillAsync("同一来信重复录入");
        await Pages.ConfirmAsync(voiding); // 作废 cannot be undone
        await voiding.GetByRole(AriaRole.Button, new() { Name = "作废", Exact = true }).ClickAsync();
        await Expect(page.Locator(".item-summary")).ToContainTextAsync("已作废");
        await Expect(page.Locator("#act-forward")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("workflow-corrected-then-voided.png"), FullPage = true });
    });

    [SkippableFact]
    public Task A_draft_is_signed_off_by_the_unit_head() => fixture.RunAsync(async page =>
    {
        var id = await HandlingAsync("物业公司乱收停车费");
        using (var handler = await fixture.App.SignedInClientAsync(Handler))
        {
            await ActAsync(handler, id, "draft-decision", new { outcome = "Support", petitionerRequest = "退还停车费", facts = "物业未经业主大会表决收费", reasons = "收费缺乏依据，责令退还", legalBasis = "《物业管理条例》第四十条" });
        }

        // The head's day starts on the workbench: the draft waits under 处理意见待签发, one click from the list.
        await Pages.SignInAsync(page, Head);
        await page.GotoAsync("/workbench");
        await page.Locator("a.waiting-card", new() { HasText = "处理意见待签发" }).ClickAsync();
        // The address, not the page's load event: a CI run once timed out waiting for "load" on a page already shown.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/workbench\?wait=signoff$"));
        await page.Locator($"a[href='/petitions/{id}']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/petitions/{id}$"));
        var sign = page.Locator("#act-signoffdecision");
        await Expect(sign.GetByText("物业未经业主大会表决收费")).ToBeVisibleAsync();
        await Pages.ConfirmAsync(sign);
        await sign.GetByRole(AriaRole.Button, new() { Name = "签发处理意见", Exact = true }).ClickAsync();
        await Expect(page.Locator(".item-summary")).ToContainTextAsync("已出具处理意见");
        await Pages.TabAsync(page, "办理过程");
        await Expect(page.GetByText("张承办起草，刘局长签发").First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("workflow-draft-signed-off.png"), FullPage = true });
    });

    [SkippableFact]
    public Task An_extension_is_asked_by_the_handler_and_approved_by_the_head() => fixture.RunAsync(async page =>
    {
        var id = await HandlingAsync("企业排放异味影响居民");
        await Pages.SignInAsync(page, Handler);
        await page.GotoAsync($"/petitions/{id}");
        await OpenAllAsync(page);
        var ask = page.Locator("#act-requestextension");
        await ask.Locator("[name='Act.Days']").FillAsync("20");
        await ask.Locator("[name='Act.Reason']").FillAsync("需要委托第三方监测");
        await ask.GetByRole(AriaRole.Button, new() { Name = "申请延期", Exact = true }).ClickAsync();
        await Pages.TabAsync(page, "办理过程");
        await Expect(page.GetByText("待单位负责人审批").First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        var headContext = await page.Context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.Address.ToString(), Locale = "zh-CN" });
        var head = await headContext.NewPageAsync();
        await Pages.SignInAsync(head, Head);
        await head.GotoAsync($"/petitions/{id}");
        await OpenAllAsync(head);
        var approve = head.Locator("#act-approveextension");
        await Expect(approve.GetByText("申请延期 20 日：需要委托第三方监测")).ToBeVisibleAsync();
        await Pages.ConfirmAsync(approve);
        await approve.GetByRole(AriaRole.Button, new() { Name = "批准延期", Exact = true }).ClickAsync();
        await Pages.TabAsync(head, "办理过程");
        await Expect(head.GetByText("延期20日至").First).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(head);
        await head.ScreenshotAsync(new() { Path = Artifacts.PathOf("workflow-extension-approved.png"), FullPage = true });
        await headContext.CloseAsync();
    });

    [SkippableFact]
    public Task A_leaders_instruction_is_turned_into_an_assignment() => fixture.RunAsync(async page =>
    {
        string number;
        using (var api = await fixture.App.SignedInClientAsync(Pages.Registrar))
        {
            number = (await E2EApp.RegisterLetterAsync(api, "学校周边交通拥堵")).Number;
        }

        var due = DateOnly.FromDateTime(fixture.App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(20);
        await Pages.SubmitLoginAsync(page, Leader, E2EApp.DemoPassword);
        await page.GotoAsync("/instructions");
        var write = page.Locator("#instruction-write");
        await write.Locator("[name='Input.PetitionNumber']").FillAsync(number);
        await write.Locator("[name='Input.Text']").FillAsync("请区住建局牵头，会同交警部门限期解决");
        await write.Locator("[name='Input.DueOn']").FillAsync(due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await write.GetByRole(AriaRole.Button, new() { Name = "作出批示", Exact = true }).ClickAsync();
        await Expect(page.GetByText("已作出批示。")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // The leader's home: the instruction still open, and the year's headline figures of the jurisdiction.
        await page.GotoAsync("/workbench");
        await Expect(page.Locator("a.waiting-card", new() { HasText = "我的批示（未交办）" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^本年数字") })).ToBeVisibleAsync();
        await Expect(page.Locator(".headlines")).ToContainTextAsync("按期办结率");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("workbench-leader-home.png"), FullPage = true });

        var bureauContext = await page.Context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.Address.ToString(), Locale = "zh-CN" });
        var bureau = await bureauContext.NewPageAsync();
        await Pages.SignInAsync(bureau);
        // The instruction waits on the bureau's workbench, linking to the instructions page.
        await bureau.GotoAsync("/workbench");
        await bureau.Locator("a.waiting-card", new() { HasText = "领导批示待交办" }).ClickAsync();
        await bureau.WaitForURLAsync("**/instructions");
        var item = bureau.Locator("article.instruction", new() { HasText = number });
        await Expect(item.GetByText("请区住建局牵头")).ToBeVisibleAsync();
        await item.Locator("[name='Input.TargetOrganizationId']").SelectOptionAsync(new SelectOptionValue { Label = "西湖区住房和城乡建设局" });
        await item.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^转为交办") }).ClickAsync();
        await Expect(bureau.GetByText("已转为交办。")).ToBeVisibleAsync();
        await Expect(bureau.Locator("article.instruction", new() { HasText = number })).ToContainTextAsync("已交办");
        await Accessibility.AssertNoSeriousViolationsAsync(bureau);
        await bureau.ScreenshotAsync(new() { Path = Artifacts.PathOf("workflow-instruction-assigned.png"), FullPage = true });
        await bureauContext.CloseAsync();
    });

    /// <summary>Registered, forwarded to 西湖区住建局, accepted and routed to investigation through the API.</summary>
    private async Task<Guid> HandlingAsync(string title)
    {
        using var registrar = await fixture.App.SignedInClientAsync(Pages.Registrar);
        var id = await IdOfAsync(registrar, (await E2EApp.RegisterLetterAsync(registrar, title)).Number);
        var orgs = await registrar.GetFromJsonAsync<List<JsonNode>>("/api/organizations", E2EApp.Json) ?? [];
        var unit = orgs.Single(o => o!["code"]!.GetValue<string>() == "330106ZJJ")!["id"]!.GetValue<Guid>();
        await ActAsync(registrar, id, "forward", new { targetOrganizationId = unit });
        using var handler = await fixture.App.SignedInClientAsync(Handler);
        await ActAsync(handler, id, "accept", new { });
        await ActAsync(handler, id, "route", new { route = "Investigate" });
        return id;
    }

    private static async Task ActAsync(HttpClient staff, Guid id, string action, object body)
    {
        var response = await staff.PostAsJsonAsync($"/api/petitions/{id}/{action}", body, E2EApp.Json);
        Assert.True(response.IsSuccessStatusCode, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<Guid> IdOfAsync(HttpClient staff, string number)
    {
        var found = await staff.GetFromJsonAsync<JsonNode>($"/api/petitions/by-number/{Uri.EscapeDataString(number)}", E2EApp.Json);
        return found!["id"]!.GetValue<Guid>();
    }

    /// <summary>Opens 更多操作 and every step in it (the page keeps them closed so the next step stands out).</summary>
    private static async Task OpenAllAsync(IPage page) => await page.EvaluateAsync("document.querySelectorAll('details').forEach(d => d.open = true)");
}
