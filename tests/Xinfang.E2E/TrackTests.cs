using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// Issue 11, /track on a phone: the petitioner follows the item, reads the decision, rates (不满意 with
/// a reason), asks for 复查, and the 复查 body finds the request in its work list; 补充材料 reach the
/// handler; a lapsed window is explained. axe-core on every state of the page; screenshots of each
/// journey's last page in TestResults/e2e.
/// </summary>
public sealed class TrackTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Handler = "demo.xihu.zjj.handler";
    private const string Reviewer = "demo.hz.zjj.reviewer";

    [SkippableFact]
    public Task The_petitioner_reads_the_decision_rates_dissatisfied_and_asks_for_review_which_the_review_body_sees() => fixture.RunAsync(async page =>
    {
        var (number, code) = await ServedAsync("小区停车费未经公示上涨");

        await OpenAsync(page, number, code);
        await Expect(page.Locator("ol.progress-steps li[aria-current='step']")).ToContainTextAsync("答复");
        await Expect(page.Locator("#state-words")).ToContainTextAsync("书面答复已送达");
        await Expect(page.Locator("#deadlines")).ToContainTextAsync("申请复查（《信访工作条例》第三十五条）");
        var decision = page.Locator("article.doc").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "信访处理意见书" }) });
        await Expect(decision).ToContainTextAsync("收费无依据");
        await Expect(decision.GetByRole(AriaRole.Button, new() { Name = "下载 PDF" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // 不满意 without a reason: said beside the field, the choice kept.
        var unit = page.GetByRole(AriaRole.Group, new() { Name = "对责任单位（西湖区住房和城乡建设局）的评价" });
        var bureau = page.GetByRole(AriaRole.Group, new() { Name = "对信访部门（西湖区信访局）的评价" });
        await bureau.GetByLabel("基本满意", new() { Exact = true }).CheckAsync();
        await unit.GetByLabel("不满意", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Expect(page.Locator("#rate-unitReason-error")).ToHaveTextAsync("评价理由不能为空");
        await Expect(unit.GetByLabel("不满意", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(bureau.GetByLabel("基本满意", new() { Exact = true })).ToBeCheckedAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await unit.GetByLabel("理由（选择“不满意”时必填）").FillAsync("停车费至今没有退还");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Expect(page.Locator("#done")).ToContainTextAsync("评价已提交");
        await Expect(page.Locator("#done")).ToContainTextAsync("回访");
        await Expect(page.Locator("ol.progress-steps li[aria-current='step']")).ToContainTextAsync("评价");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // 复查: the body preselected and named, the days left shown; the petitioner picks the city bureau of the same line.
        await Expect(page.Locator("#review-window")).ToContainTextAsync("还剩");
        var body = page.GetByLabel("复查机关（已为您选好）");
        await Expect(body.Locator("option:checked")).ToHaveTextAsync("西湖区信访局");
        await body.SelectOptionAsync(new SelectOptionValue { Label = "杭州市住房和城乡建设局" });
        await page.GetByLabel("复查理由").FillAsync("停车费标准没有任何依据，请上级机关复查");
        await page.Locator("#review-files").SetInputFilesAsync(new FilePayload { Name = "收费通知.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("物业通知：自三月起每月加收停车管理费两百元。") });
        await page.GetByRole(AriaRole.Button, new() { Name = "提交复查申请" }).ClickAsync();
        await Expect(page.Locator("#done")).ToContainTextAsync("已在杭州市住房和城乡建设局登记");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("复查中");
        await Expect(page.Locator("#deadlines")).ToContainTextAsync("杭州市住房和城乡建设局最迟应当在");
        await Expect(page.Locator("#review-closed")).ToContainTextAsync("正在复查");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("track-review-requested.png"), FullPage = true });

        // The 复查 body: the request is in its work list, and its history says what was asked, with the file.
        await Pages.SignInAsync(page, Reviewer);
        var row = Pages.WorkRow(page, number);
        await Expect(row).ToContainTextAsync("复查中");
        await row.GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Pages.TabAsync(page, "办理过程");
        await Expect(page.Locator("ol.history")).ToContainTextAsync("向杭州市住房和城乡建设局申请复查：停车费标准没有任何依据，请上级机关复查（附件1个：收费通知.txt）");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("track-review-body-sees-request.png"), FullPage = true });
    }, phone: true);

    /// <summary>
    /// Issue 11's whole journey: petitioned online on a phone → the bureau sees it as 网上信访 → forwards it → the unit
    /// decides and serves → the petitioner reads the decision on /track, rates the unit 不满意 and asks for 复查 → the
    /// review body finds the request. Only the staff steps between the pages go through the staff API.
    /// </summary>
    [SkippableFact]
    public Task An_online_petition_is_answered_rated_and_sent_for_review_without_the_petitioner_visiting_anyone() => fixture.RunAsync(async page =>
    {
        const string demand = "请求查处物业违规加收电梯维护费";
        await page.GotoAsync("/submit");
        await PortalForms.FillSubmitFormAsync(page, demand);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
        await Expect(page.Locator("#query-code")).ToBeVisibleAsync();
        var number = (await page.Locator("#petition-number").TextContentAsync())!.Trim();
        var code = (await page.Locator("#query-code").TextContentAsync())!.Trim();

        // The bureau of the 问题属地 (北山街道 → 西湖区) has it in its workbench as 网上信访, then forwards it.
        await Pages.SignInAsync(page, Pages.Registrar);
        await Expect(Pages.WorkRow(page, number)).ToContainTextAsync("网上信访");
        await page.Locator("form[action='/account/logout']").GetByRole(AriaRole.Button).ClickAsync();
        await ForwardAsync(number);
        await ServeAsync(number);

        // Back on the phone: the decision, the rating, the 复查 request.
        await OpenAsync(page, number, code);
        await Expect(page.Locator("#state-words")).ToContainTextAsync("书面答复已送达");
        await Expect(page.Locator("article.doc").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "信访处理意见书" }) })).ToContainTextAsync("收费无依据");
        var unit = page.GetByRole(AriaRole.Group, new() { Name = "对责任单位（西湖区住房和城乡建设局）的评价" });
        await page.GetByRole(AriaRole.Group, new() { Name = "对信访部门（西湖区信访局）的评价" }).GetByLabel("满意", new() { Exact = true }).CheckAsync();
        await unit.GetByLabel("不满意", new() { Exact = true }).CheckAsync();
        await unit.GetByLabel("理由（选择“不满意”时必填）").FillAsync("多收的费用没有退还");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).ClickAsync();
        await Expect(page.Locator("#done")).ToContainTextAsync("评价已提交");
        await page.GetByLabel("复查机关（已为您选好）").SelectOptionAsync(new SelectOptionValue { Label = "杭州市住房和城乡建设局" });
        await page.GetByLabel("复查理由").FillAsync("处理意见没有落实，请上级机关复查");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交复查申请" }).ClickAsync();
        await Expect(page.Locator("#done")).ToContainTextAsync("已在杭州市住房和城乡建设局登记");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("journey-online-to-review.png"), FullPage = true });

        await Pages.SignInAsync(page, Reviewer);
        await Expect(Pages.WorkRow(page, number)).ToContainTextAsync("复查中");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("journey-review-body.png"), FullPage = true });
    }, phone: true);

    [SkippableFact]
    public Task Supplementary_material_sent_from_a_phone_is_seen_by_the_handler() => fixture.RunAsync(async page =>
    {
        var (number, code) = await ForwardedAsync("楼道堆放杂物存在消防隐患");

        await OpenAsync(page, number, code);
        await Expect(page.Locator("ol.progress-steps li[aria-current='step']")).ToContainTextAsync("转送/交办");
        await Expect(page.Locator("#deadlines")).ToContainTextAsync("西湖区住房和城乡建设局最迟应当在");
        await Expect(page.Locator("#deadlines")).ToContainTextAsync("（《信访工作条例》第二十三条）");
        await Expect(page.Locator("#review-closed")).ToContainTextAsync("尚未书面答复");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GetByLabel("补充说明").FillAsync("补充现场照片说明：三楼楼道堆满纸箱");
        // Larger than the host's 1 MB default body limit: the page raises it for its own posts.
        await page.Locator("#supplement-files").SetInputFilesAsync(new FilePayload
        {
            Name = "现场说明.txt",
            MimeType = "text/plain",
            Buffer = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("三楼楼道堆满纸箱，影响通行。\n", 40_000))),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "提交补充材料" }).ClickAsync();
        await Expect(page.Locator("#done")).ToContainTextAsync("已提交补充材料（提交时间");
        await Expect(page.Locator("ol.history")).ToContainTextAsync("已提交补充材料");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await Pages.SignInAsync(page, Handler);
        await Pages.WorkRow(page, number).GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Pages.PetitionUrl());
        await Pages.TabAsync(page, "办理过程");
        await Expect(page.Locator("ol.history")).ToContainTextAsync("信访人提交补充材料：补充现场照片说明：三楼楼道堆满纸箱（附件1个：现场说明.txt）");
        await Pages.TabAsync(page, "附件");
        await Expect(page.Locator("#attachments")).ToContainTextAsync("现场说明.txt");
        await Expect(page.Locator("#attachments")).ToContainTextAsync("信访人 于");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("track-supplement-seen-by-handler.png"), FullPage = true });
    }, phone: true);

    [SkippableFact]
    public Task After_the_windows_lapse_the_page_says_why_and_since_when() => fixture.RunAsync(async page =>
    {
        var (number, code) = await ServedAsync("噪声扰民问题");
        fixture.App.Clock.Advance(TimeSpan.FromDays(40));

        await OpenAsync(page, number, code);
        await Expect(page.Locator("#review-closed")).ToContainTextAsync(new Regex(@"复查申请期限已于\d{4}年\d+月\d+日届满.*自\d{4}年\d+月\d+日起不能再申请复查"));
        await Expect(page.Locator("#rate-closed")).ToContainTextAsync("超期未评价");
        await Expect(page.Locator("#supplement-closed")).ToContainTextAsync("已书面答复");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "提交复查申请" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("track-windows-lapsed.png"), FullPage = true });
    }, phone: true);

    private static async Task OpenAsync(IPage page, string number, string code)
    {
        await page.GotoAsync("/track");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GetByLabel("信访件编号").FillAsync(number);
        await page.GetByLabel("查询码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        await Expect(page.Locator("dl.facts")).ToContainTextAsync(number);
    }

    private async Task<(string Number, string Code)> ForwardedAsync(string title)
    {
        using var registrar = await fixture.App.SignedInClientAsync(Pages.Registrar);
        var (number, code) = await E2EApp.RegisterLetterAsync(registrar, title);
        await ForwardAsync(number);
        return (number, code);
    }

    /// <summary>西湖区信访局 forwards the item to 西湖区住房和城乡建设局 (转送).</summary>
    private async Task ForwardAsync(string number)
    {
        using var registrar = await fixture.App.SignedInClientAsync(Pages.Registrar);
        var orgs = await registrar.GetFromJsonAsync<List<JsonElement>>("/api/organizations", E2EApp.Json) ?? [];
        var unit = orgs.Single(o => o.GetProperty("code").GetString() == "330106ZJJ").GetProperty("id").GetGuid();
        await ActAsync(registrar, await IdOfAsync(registrar, number), "forward", new { targetOrganizationId = unit });
    }

    private async Task<(string Number, string Code)> ServedAsync(string title)
    {
        var (number, code) = await ForwardedAsync(title);
        await ServeAsync(number);
        return (number, code);
    }

    /// <summary>The unit accepts, decides (支持) and serves the 信访处理意见书 in person today.</summary>
    private async Task ServeAsync(string number)
    {
        using var handler = await fixture.App.SignedInClientAsync(Handler);
        var id = await IdOfAsync(handler, number);
        await ActAsync(handler, id, "accept", new { });
        await ActAsync(handler, id, "route", new { route = "Investigate" });
        // 签发 (issue 13): the unit head issues the 处理意见; a handler only drafts it.
        using (var head = await fixture.App.SignedInClientAsync("demo.xihu.zjj.head"))
        {
            await ActAsync(head, id, "decide", new { outcome = "Support", petitionerRequest = "退还多收的费用", facts = "收费未经公示", reasons = "收费无依据，责令物业退还", legalBasis = "《物业管理条例》第四十条" });
        }

        var today = DateOnly.FromDateTime(fixture.App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        await ActAsync(handler, id, "serve", new { method = "InPerson", servedOn = today, signedByPetitioner = true });
    }

    private static async Task<Guid> IdOfAsync(HttpClient staff, string number)
    {
        var found = await staff.GetFromJsonAsync<JsonNode>($"/api/petitions/by-number/{Uri.EscapeDataString(number)}", E2EApp.Json);
        return found!["id"]!.GetValue<Guid>();
    }

    private static async Task ActAsync(HttpClient staff, Guid id, string action, object body)
    {
        var response = await staff.PostAsJsonAsync($"/api/petitions/{id}/{action}", body, E2EApp.Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {text}");
    }
}
