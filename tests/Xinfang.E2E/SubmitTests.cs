using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// 网上信访 on a phone (/submit): it lands in the bureau's workbench as 网上信访; a bad form keeps every
/// field and shows each error beside its field; an anonymous suggestion; the staff registration page
/// shows the number and the query code once, and that code works on /track.
/// </summary>
public sealed class SubmitTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public Task An_online_petition_waits_in_the_bureaus_workbench_as_online() => fixture.RunAsync(async page =>
    {
        const string demand = "请求修复北山街道断裂的人行道";
        await page.GotoAsync("/submit");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await PortalForms.FillSubmitFormAsync(page, demand);
        await page.GetByLabel("选择附件（可不选）").SetInputFilesAsync(new FilePayload
        {
            Name = "现场说明.txt", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes("断裂处在宝石山路口东侧约五十米。"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();

        await Expect(page.Locator("#query-code")).ToBeVisibleAsync();
        var number = (await page.Locator("#petition-number").TextContentAsync())!.Trim();
        await Expect(page.Locator("form.receipt-download")).ToBeVisibleAsync();
        await Expect(page.GetByText("查询码只显示这一次")).ToBeVisibleAsync();
        Assert.DoesNotContain((await page.Locator("#query-code").TextContentAsync())!.Trim(), page.Url, StringComparison.Ordinal);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("submit-done.png"), FullPage = true });

        await Pages.SignInAsync(page, "demo.xihu.registrar");
        var row = Pages.WorkRow(page, number);
        await Expect(row).ToContainTextAsync("网上信访");
        await Expect(row).ToContainTextAsync(demand);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("submit-workbench.png"), FullPage = true });

        // On the item's page the registrar finds what 「分析」 would show, computed for this online item.
        await row.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Expect(page.Locator("#online-analysis")).ToContainTextAsync("提交时记录的内容分类建议");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("网上信访");

        // The file chosen on the phone arrived with the item, checked by content (the attachment API, as the registrar).
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var attachments = await page.Context.APIRequest.GetAsync($"/api/petitions/{id}/attachments");
        Assert.Equal(200, attachments.Status);
        var listed = await attachments.TextAsync();
        Assert.Contains("现场说明.txt", listed, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"text\"", listed, StringComparison.Ordinal);
    }, phone: true);

    [SkippableFact]
    public Task A_bad_form_keeps_every_field_and_shows_the_errors_beside_them() => fixture.RunAsync(async page =>
    {
        await page.GotoAsync("/submit");
        await PortalForms.FillSubmitFormAsync(page, "请求处理噪音扰民");
        await page.GetByLabel("居民身份证号码").FillAsync("330106199202200038"); // wrong check digit
        await page.GetByLabel("电话", new() { Exact = true }).FillAsync("12");
        // 2 MB: above the host's 1 MB body limit, which /submit alone raises for its files.
        await page.GetByLabel("选择附件（可不选）").SetInputFilesAsync(new FilePayload
        {
            Name = "长说明.txt", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes(new string('说', 700_000)),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();

        await Expect(page.Locator("#form-errors")).ToBeVisibleAsync();
        await Expect(page.Locator("#form-errors")).ToContainTextAsync("请重新选择附件"); // files are the one thing not kept
        await Expect(page.Locator("#e-idNumber")).ToContainTextAsync("居民身份证号码不正确");
        await Expect(page.Locator("#e-phone")).ToContainTextAsync("电话号码不正确");
        await Expect(page.GetByLabel("居民身份证号码")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("居民身份证号码")).ToHaveAttributeAsync("aria-describedby", "e-idNumber");
        await Expect(page.GetByLabel("姓名", new() { Exact = true })).ToHaveValueAsync("孔秀兰");
        await Expect(page.GetByLabel("诉求（希望解决什么问题，200字以内）")).ToHaveValueAsync("请求处理噪音扰民");
        await Expect(page.GetByLabel("事实和理由")).ToHaveValueAsync(PortalForms.Facts);
        await Expect(page.GetByLabel("问题属地（问题发生在哪里）")).ToHaveValueAsync("330106001");
        await Expect(page.GetByLabel("信访目的")).ToHaveValueAsync("Demand");
        await Expect(page.GetByLabel("住址（可不填）")).ToHaveValueAsync("杭州市西湖区北山街道2幢202室");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("submit-errors.png"), FullPage = true });
    }, phone: true);

    [SkippableFact]
    public Task An_anonymous_suggestion_is_told_it_gets_no_written_answer() => fixture.RunAsync(async page =>
    {
        await page.GotoAsync("/submit");
        await page.GetByLabel("信访目的").SelectOptionAsync("Suggestion");
        await page.GetByLabel("诉求（希望解决什么问题，200字以内）").FillAsync("建议在西湖边增设公共厕所");
        await page.GetByLabel("事实和理由").FillAsync("节假日游客多，现有公共厕所排队很长。");
        await page.GetByLabel("问题属地（问题发生在哪里）").SelectOptionAsync("330106");
        await page.GetByLabel("匿名提出").CheckAsync();
        await PortalForms.AnswerChallengeAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();

        await Expect(page.Locator("#query-code")).ToBeVisibleAsync();
        await Expect(page.GetByText("不会收到书面答复")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("submit-anonymous.png"), FullPage = true });
    }, phone: true);

    [SkippableFact]
    public Task A_letter_registered_on_the_register_page_shows_a_code_that_works_on_track() => fixture.RunAsync(async page =>
    {
        const string title = "小区门口路灯不亮";
        await Pages.SignInAsync(page);
        await page.GotoAsync("/register");
        await page.GetByLabel("标题", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("诉求内容").FillAsync("小区门口路灯坏了一个多月，夜里出行不安全，请求尽快修复。");
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync("孔秀兰");
        await page.GetByLabel("证件号码").FillAsync("330106199202200037");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();

        await Expect(page.Locator("#query-code")).ToBeVisibleAsync();
        var number = (await page.Locator("#petition-number").TextContentAsync())!.Trim();
        var code = (await page.Locator("#query-code").TextContentAsync())!.Trim();
        await Expect(page.Locator("form.receipt-download")).ToBeVisibleAsync();
        await Expect(page.GetByText("查询码只显示这一次", new() { Exact = false })).ToBeVisibleAsync();
        Assert.DoesNotContain(code, page.Url, StringComparison.Ordinal);

        await page.GotoAsync("/track");
        await page.GetByLabel("信访件编号").FillAsync(number);
        await page.GetByLabel("查询码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        await Expect(page.Locator("#item-title")).ToHaveTextAsync(title);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("register-code-on-track.png"), FullPage = true });
    }, phone: true);
}
