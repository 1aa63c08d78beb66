using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// Issue 13, the petition page as a clerk's workbench: the casework journey taken by the primary action
/// alone (each step confirmed and answered with a success message), an attachment uploaded and downloaded
/// on the page, 督办 issued on the page and answered by the unit there, a 回访 recorded. axe-core on every
/// state; a screenshot of each journey; the rendered height of a typical item measured.
/// </summary>
public sealed class PetitionPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Handler = "demo.xihu.zjj.handler";
    private const string Head = "demo.xihu.zjj.head";
    private const string Supervisor = "demo.xihu.supervisor";

    [SkippableFact]
    public Task The_clerks_casework_runs_on_the_primary_action_from_registration_to_service() => fixture.RunAsync(async page =>
    {
        await Pages.SignInAsync(page);
        await page.GotoAsync("/register");
        await page.GetByLabel("标题", new() { Exact = true }).FillAsync("小区路灯损坏两个月无人维修");
        await page.GetByLabel("诉求内容").FillAsync("小区东门至三号楼的路灯损坏两个月，夜间出行不便，多次向物业反映无果，请求督促维修。");
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync("钱丽华");
        await page.GetByLabel("证件号码").FillAsync("330106199202200037");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await page.Locator("#registered-petition").ClickAsync();
        await Expect(page).ToHaveURLAsync(Pages.PetitionUrl());
        var url = page.Url;

        // The registrar's next step is 转送; the rarer ones wait, closed, under 更多操作.
        await Expect(page.Locator("#next-step-heading")).ToHaveTextAsync("下一步：转送");
        await Expect(page.Locator("details.more-actions")).Not.ToHaveAttributeAsync("open", "");
        var height = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
        await File.WriteAllTextAsync(Artifacts.PathOf("petition-page-height.txt"), $"registered item, registrar, 基本信息: {height}px\n");
        if (height >= 1600)
        {
            await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("petition-registered-too-high.png"), FullPage = true });
        }

        Assert.True(height < 1600, $"the page of a new item is {height}px high");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("petition-registered.png"), FullPage = true });

        var forward = page.Locator("section.next-step form");
        await forward.GetByLabel("按名称筛选单位").FillAsync("住房"); // the filter box (script): only matching bodies stay
        await Expect(forward.Locator("option:not([hidden])", new() { HasText = "西湖区人力资源" })).ToHaveCountAsync(0);
        var unit = await forward.Locator("option", new() { HasText = "西湖区住房和城乡建设局" }).GetAttributeAsync("value");
        await forward.GetByLabel("转送单位").SelectOptionAsync(unit!);
        await forward.GetByLabel("备注").FillAsync("请依法处理");
        await Step(page, forward, "转送");
        await Expect(page.Locator(".item-summary")).ToContainTextAsync("已转送");

        // The unit: 受理, 确定办理途径, 出具处理意见, 送达 — each the next step in turn.
        await Pages.SignInAsync(page, Handler);
        await page.GotoAsync(url);
        await Expect(page.Locator("#next-step-heading")).ToHaveTextAsync("下一步：受理");
        await Step(page, page.Locator("section.next-step form"), "受理");

        await Expect(page.Locator("#next-step-heading")).ToHaveTextAsync("下一步：确定办理途径");
        var route = page.Locator("section.next-step form");
        await route.GetByLabel("办理途径（条例第三十一条）").SelectOptionAsync(new SelectOptionValue { Label = "调查核实并出具信访处理意见书" });
        await Step(page, route, "确定办理途径");

        // The handler drafts the 处理意见 (issue 13); the unit head signs it off, which issues it.
        await Expect(page.Locator("#next-step-heading")).ToHaveTextAsync("下一步：起草处理意见");
        var decide = page.Locator("section.next-step form");
        // Only the outcomes of a 信访处理意见书 (Art. 32) are offered on this route.
        await Expect(decide.Locator("select[name='Act.Outcome'] option")).ToHaveTextAsync(["请选择", "予以支持", "解释说明", "不予支持"]);
        await decide.Locator("select[name='Act.Outcome']").SelectOptionAsync(new SelectOptionValue { Label = "予以支持" });
        await decide.GetByLabel("信访人投诉请求").FillAsync("维修小区路灯");
        await decide.GetByLabel("事实", new() { Exact = true }).FillAsync("经现场核实，六盏路灯损坏");
        await decide.GetByLabel("理由", new() { Exact = true }).FillAsync("路灯属小区公共设施，物业应当维修");
        await decide.GetByLabel("法律法规依据").FillAsync("《物业管理条例》第三十五条");
        var handling = await page.EvaluateAsync<int>("document.documentElement.scrollHeight");
        await File.AppendAllTextAsync(Artifacts.PathOf("petition-page-height.txt"), $"item in handling, handler, 处理意见 form open: {handling}px\n");
        await Step(page, decide, "起草处理意见", confirm: false); // a draft can be redrafted: no confirmation

        await Pages.SignInAsync(page, Head);
        await page.GotoAsync(url);
        await Expect(page.Locator("#next-step-heading")).ToHaveTextAsync("下一步：签发处理意见");
        await Step(page, page.Locator("section.next-step form"), "签发处理意见");

        await Pages.SignInAsync(page, Handler);
        await page.GotoAsync(url);

        await Expect(page.Locator("#next-step-heading")).ToHaveTextAsync("下一步：送达");
        var serve = page.Locator("section.next-step form");
        await serve.GetByLabel("送达方式").SelectOptionAsync(new SelectOptionValue { Label = "直接送达" });
        await serve.GetByLabel("签收情况").SelectOptionAsync(new SelectOptionValue { Label = "信访人已签收" });
        await Step(page, serve, "送达");
        await Expect(page.Locator(".item-summary")).ToContainTextAsync("已送达");

        await Pages.TabAsync(page, "办理过程");
        await Expect(page.Locator("#deadlines")).ToContainTextAsync("办理答复（《信访工作条例》第三十四条）");
        await Expect(page.Locator("#deadlines")).Not.ToContainTextAsync("Handling");
        await Expect(page.Locator("ol.history")).ToContainTextAsync("送达");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("petition-served.png"), FullPage = true });
    });

    [SkippableFact]
    public Task An_attachment_is_uploaded_and_downloaded_on_the_page() => fixture.RunAsync(async page =>
    {
        var (id, _, _) = await RegisteredAsync("来信扫描件上传测试");
        await Pages.SignInAsync(page);
        await page.GotoAsync($"/petitions/{id}");
        await Pages.TabAsync(page, "附件");
        await Expect(page.Locator("#tab-panel")).ToContainTextAsync("尚无附件");
        await page.GetByLabel("材料类别").SelectOptionAsync(new SelectOptionValue { Label = "来信扫描件" });
        await page.Locator("input[name='file']").SetInputFilesAsync(new FilePayload { Name = "来信.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("来信人反映：小区路灯损坏两个月。") });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传附件" }).ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("附件已上传。");
        await Expect(page.Locator("#attachments")).ToContainTextAsync("来信.txt");
        await Expect(page.Locator("#tab-attachments")).ToHaveTextAsync("附件（1）");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("petition-attachment.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "来信.txt" }).ClickAsync());
        Assert.Equal("来信.txt", download.SuggestedFilename);
        var saved = Artifacts.PathOf("petition-attachment-download.txt");
        await download.SaveAsAsync(saved);
        Assert.Equal("来信人反映：小区路灯损坏两个月。", await File.ReadAllTextAsync(saved));
    });

    [SkippableFact]
    public Task A_supervisor_supervises_from_the_page_and_the_unit_answers_on_the_page() => fixture.RunAsync(async page =>
    {
        var (id, _, _) = await RegisteredAsync("督办测试：排水沟堵塞");
        using (var registrar = await fixture.App.SignedInClientAsync(Pages.Registrar))
        {
            await ActAsync(registrar, id, "forward", new { targetOrganizationId = await OrgAsync(registrar, "西湖区住房和城乡建设局") });
        }

        await Pages.SignInAsync(page, Supervisor);
        await page.GotoAsync($"/petitions/{id}?tab=supervision");
        var form = page.Locator("form#supervise");
        await form.GetByLabel("督办事由").SelectOptionAsync(new SelectOptionValue { Label = "拖延" });
        await form.GetByLabel("督办内容").FillAsync("请于期限内书面反馈排水沟疏通情况");
        await form.GetByRole(AriaRole.Button, new() { Name = "督办", Exact = true }).ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("督办通知已下发。");
        var notice = page.Locator("article.sv-notice");
        await Expect(notice.Locator(".level-badge")).ToHaveTextAsync("督办中");
        await notice.GetByLabel("催办内容").FillAsync("请尽快疏通");
        await notice.GetByRole(AriaRole.Button, new() { Name = "催办", Exact = true }).ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("已催办。");
        await Expect(page.Locator("article.sv-reminded .level-badge")).ToHaveTextAsync("已催办");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("petition-supervised.png"), FullPage = true });

        await Pages.SignInAsync(page, Handler);
        await page.GotoAsync($"/petitions/{id}");
        await Pages.TabAsync(page, "督办");
        await Expect(page.Locator("article.sv-notice form[id^='remind-']")).ToHaveCountAsync(0); // 催办 is the bureau's
        await page.GetByLabel("书面反馈（办理情况，条例第四十条）").FillAsync("已组织疏通排水沟，现已恢复通畅");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记书面反馈" }).ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("书面反馈已登记，该督办已办结。");
        await Expect(page.Locator("article.sv-answered .level-badge")).ToHaveTextAsync("已反馈");
        await Expect(page.Locator("article.sv-answered")).ToContainTextAsync("已组织疏通排水沟");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("petition-supervision-answered.png"), FullPage = true });
    });

    [SkippableFact]
    public Task A_return_visit_is_recorded_on_the_page_after_a_dissatisfied_rating() => fixture.RunAsync(async page =>
    {
        var (id, number, code) = await RegisteredAsync("回访测试：物业费");
        using (var registrar = await fixture.App.SignedInClientAsync(Pages.Registrar))
        {
            await ActAsync(registrar, id, "forward", new { targetOrganizationId = await OrgAsync(registrar, "西湖区住房和城乡建设局") });
        }

        using (var unit = await fixture.App.SignedInClientAsync(Handler))
        {
            await ActAsync(unit, id, "accept", new { });
            await ActAsync(unit, id, "route", new { route = "Investigate" });
            using (var head = await fixture.App.SignedInClientAsync(Head))
            {
                // The head issues the 处理意见 (issue 13: a handler only drafts it).
                await ActAsync(head, id, "decide", new { outcome = "NotSupport", petitionerRequest = "退费", facts = "收费经业主大会表决", reasons = "收费有据", legalBasis = "《物业管理条例》" });
            }

            var today = DateOnly.FromDateTime(fixture.App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
            await ActAsync(unit, id, "serve", new { method = "InPerson", servedOn = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), signedByPetitioner = true });
        }

        using (var anonymous = new HttpClient { BaseAddress = fixture.App.Address })
        {
            var rated = await anonymous.PostAsJsonAsync("/api/public/rating", new { number, queryCode = code, bureau = "Satisfied", unit = "Dissatisfied", unitReason = "物业费仍未退还" }, E2EApp.Json);
            Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        }

        await Pages.SignInAsync(page, Handler);
        await page.GotoAsync($"/petitions/{id}?tab=process");
        var form = page.Locator("form[id^='visit-']");
        await form.GetByLabel("回访人").FillAsync("张承办");
        await form.GetByLabel("回访方式").SelectOptionAsync(new SelectOptionValue { Label = "电话回访" });
        await form.GetByLabel("回访情况").FillAsync("电话说明收费依据和业主大会表决情况");
        await form.GetByLabel("信访人回访后意见").FillAsync("表示理解");
        await form.GetByRole(AriaRole.Button, new() { Name = "登记回访结果" }).ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync("回访结果已登记。");
        await Expect(page.Locator("#return-visits")).ToContainTextAsync("电话回访，张承办");
        await Expect(page.Locator("form[id^='visit-']")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("petition-return-visit.png"), FullPage = true });
    });

    /// <summary>Ticks the confirmation, takes the step, and sees the one-shot success message.</summary>
    private static async Task Step(IPage page, ILocator form, string name, bool confirm = true)
    {
        if (confirm)
        {
            await Pages.ConfirmAsync(form);
        }

        await form.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();
        await Expect(page.Locator("#done")).ToHaveTextAsync($"「{name}」已办理。");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
    }

    private async Task<(Guid Id, string Number, string Code)> RegisteredAsync(string title)
    {
        using var registrar = await fixture.App.SignedInClientAsync(Pages.Registrar);
        var (number, code) = await E2EApp.RegisterLetterAsync(registrar, title);
        var found = await registrar.GetFromJsonAsync<JsonNode>($"/api/petitions/by-number/{Uri.EscapeDataString(number)}", E2EApp.Json);
        return (found!["id"]!.GetValue<Guid>(), number, code);
    }

    private static async Task<Guid> OrgAsync(HttpClient staff, string name)
    {
        var all = await staff.GetFromJsonAsync<JsonNode>("/api/organizations", E2EApp.Json);
        return all!.AsArray().First(o => o!["name"]!.GetValue<string>() == name)!["id"]!.GetValue<Guid>();
    }

    private static async Task ActAsync(HttpClient staff, Guid id, string action, object body)
    {
        var response = await staff.PostAsJsonAsync($"/api/petitions/{id}/{action}", body, E2EApp.Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {text}");
    }
}
