using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// What a petitioner and a staff member see in Chromium: the Chinese home page, sign-in, the
/// workbench and its filter, a petition's detail, tracking by number and query code, and the
/// sign-in wall. One app and one browser for the class; each test its own context.
/// </summary>
public sealed class SiteTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>Font families that draw Chinese; whichever the machine has, it must be one of these, not boxes.</summary>
    private static readonly string[] CjkFonts = ["WenQuanYi", "文泉", "Noto Sans CJK", "Noto Serif CJK", "Source Han", "PingFang", "YaHei", "Droid Sans Fallback", "AR PL"];

    [SkippableFact]
    public Task The_home_page_is_in_Chinese_drawn_with_a_CJK_font_and_shows_no_internal_figures() => fixture.RunAsync(async page =>
    {
        await page.GotoAsync("/");

        await Expect(page).ToHaveTitleAsync("信访工作平台");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("信访工作平台");

        // Issue 11: the public page counts nothing (staff see their figures on the workbench); it offers the ways in.
        await Expect(page.Locator("table")).ToHaveCountAsync(0);
        await Expect(page.GetByText("件数")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "网上信访" }).First).ToBeVisibleAsync();

        // The heading's glyphs come from a real CJK font (asked of Chromium's renderer, not guessed from CSS).
        var fonts = await RenderedFontsAsync(page, "section.hero h1");
        Assert.True(fonts.Exists(f => CjkFonts.Any(k => f.Contains(k, StringComparison.OrdinalIgnoreCase))),
            $"the heading is drawn with {string.Join(", ", fonts)}: no CJK font (apt-get install -y fonts-wqy-microhei)");

        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("home.png"), FullPage = true });
    });

    [SkippableFact]
    public Task Staff_sign_in_through_the_form_lands_on_their_organisations_workbench() => fixture.RunAsync(async page =>
    {
        await Pages.SignInAsync(page);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("西湖区信访局 · 待办工作台");
        await Expect(Pages.WorkRows(page).First).ToBeVisibleAsync();
        Assert.True(await Pages.WorkRows(page).CountAsync() > 0);
        await Expect(page.Locator("header .who")).ToContainTextAsync("王登记");
    });

    [SkippableFact]
    public Task A_wrong_password_shows_the_Chinese_error_and_stays_on_the_login_page() => fixture.RunAsync(async page =>
    {
        // Another account than the registrar's, so five failures across tests could never lock the registrar out.
        await Pages.SubmitLoginAsync(page, "demo.xihu.supervisor", "not-the-password");

        await Expect(page).ToHaveURLAsync(Pages.LoginUrl());
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("用户名或密码错误，或账号已被暂时锁定。");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "待办工作台" })).ToHaveCountAsync(0);
    });

    [SkippableFact]
    public Task The_workbench_state_filter_shows_only_items_in_the_chosen_state() => fixture.RunAsync(async page =>
    {
        await Pages.SignInAsync(page);

        await page.GetByLabel("状态").SelectOptionAsync(new SelectOptionValue { Label = "已登记" });
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/workbench\?(.*&)?state=Registered"));
        await Expect(page.GetByLabel("状态")).ToHaveValueAsync("Registered");
        await Expect(Pages.WorkRows(page).First).ToBeVisibleAsync();
        var states = await Pages.WorkRows(page).Locator("td:nth-child(4)").AllInnerTextsAsync();
        Assert.NotEmpty(states);
        Assert.All(states, s => Assert.Equal("已登记", s.Trim()));
        await Expect(page.Locator("#list-caption")).ToContainTextAsync($"共 {states.Count} 件");
    });

    [SkippableFact]
    public Task Opening_a_petition_from_the_workbench_shows_its_history_and_deadlines() => fixture.RunAsync(async page =>
    {
        await Pages.SignInAsync(page);
        var row = Pages.WorkRows(page).First;
        var link = row.Locator("td:nth-child(1) a");
        var number = (await link.InnerTextAsync()).Trim();

        await link.ClickAsync();

        await Expect(page).ToHaveURLAsync(Pages.PetitionUrl());
        await Expect(page).ToHaveTitleAsync($"{number} - 信访工作平台");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync(number);

        await Pages.TabAsync(page, "办理过程");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "办理过程", Level = 2 })).ToBeVisibleAsync();
        var history = page.Locator("ol.history li");
        await Expect(history.First).ToContainTextAsync("登记");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "办理时限", Level = 2 })).ToBeVisibleAsync();
        var deadlines = page.Locator("table.grid").Filter(new() { Has = page.GetByRole(AriaRole.Columnheader, new() { Name = "计算依据" }) });
        await Expect(deadlines.Locator("tbody tr").First).ToBeVisibleAsync();
        await Expect(deadlines.Locator("tbody tr").First.Locator("td:nth-child(2)")).ToHaveTextAsync(new Regex(@"^\d{4}-\d{2}-\d{2}$"));
    });

    [SkippableFact]
    public Task A_petitioner_tracks_progress_with_number_and_query_code_and_a_wrong_code_is_refused() => fixture.RunAsync(async page =>
    {
        const string title = "西溪花园门口道路积水严重";
        string number, code;
        using (var registrar = await fixture.App.SignedInClientAsync(Pages.Registrar))
        {
            (number, code) = await E2EApp.RegisterLetterAsync(registrar, title);
        }

        await page.GotoAsync("/track");
        await page.GetByLabel("信访件编号").FillAsync(number);
        await page.GetByLabel("查询码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 2 })).ToBeVisibleAsync();
        await Expect(page.Locator("dl.facts")).ToContainTextAsync(number);
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("已登记");
        await Expect(page.Locator("article.doc h4")).ToContainTextAsync("信访事项登记回执");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);

        // The same number with a wrong code: the same answer as an unknown number, and nothing shown.
        var wrong = (code[0] == 'A' ? "B" : "A") + code[1..];
        await page.GotoAsync("/track");
        await page.GetByLabel("信访件编号").FillAsync(number);
        await page.GetByLabel("查询码").FillAsync(wrong);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("编号或查询码不正确。");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title })).ToHaveCountAsync(0);
        await Expect(page.GetByText("信访事项登记回执")).ToHaveCountAsync(0);
    });

    [SkippableFact]
    public Task The_hot_spots_page_groups_the_demo_items_into_topics_with_counts_and_member_links() => fixture.RunAsync(async page =>
    {
        await Pages.SignInAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "热点问题", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/hotspots$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("热点问题");
        var topic = page.Locator("li.topic").First;
        await Expect(topic).ToBeVisibleAsync();
        await Expect(topic.Locator("h2 .count")).ToHaveTextAsync(new Regex(@"^[1-9]\d* 件$"));
        await Expect(topic).ToContainTextAsync(new Regex("上升|下降|持平"));
        var members = topic.Locator(".members a");
        Assert.True(await members.CountAsync() >= 2, "a topic has at least two items");
        // Every week bar has a text alternative.
        await Expect(topic.Locator("ol.weeks li .sr").First).ToContainTextAsync(new Regex(@"起一周 \d+ 件"));
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("hotspots.png"), FullPage = true });

        var number = (await members.First.InnerTextAsync()).Trim();
        await members.First.ClickAsync();
        await Expect(page).ToHaveURLAsync(Pages.PetitionUrl());
        await Expect(page.Locator("dl.facts")).ToContainTextAsync(number);
    });

    [SkippableFact]
    public Task A_registrar_analyses_a_letter_accepts_the_suggested_class_and_registers_it() => fixture.RunAsync(async page =>
    {
        const string title = "建筑公司拖欠农民工工资";
        await Pages.SignInAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "登记信访件", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("登记信访件");

        await page.GetByLabel("信访形式").SelectOptionAsync(new SelectOptionValue { Label = "来信" });
        await page.GetByLabel("标题", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("诉求内容").FillAsync("我们在城西工地干了半年，建筑公司拖欠工资共八万元，法院判决后仍不支付，请求帮助讨薪。");
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync("钱有福");
        await page.GetByLabel("证件号码").FillAsync("330106198506150011");
        await page.GetByLabel("电话").FillAsync("13700001234");
        await page.GetByRole(AriaRole.Button, new() { Name = "分析", Exact = true }).ClickAsync();

        await Expect(page.Locator("#class-suggestion")).ToContainTextAsync("劳动和社会保障");
        await Expect(page.GetByLabel("内容分类")).ToHaveValueAsync("劳动和社会保障");
        await Expect(page.Locator("ul.route-hints")).ToContainTextAsync("法院");
        await Expect(page.GetByLabel("标题", new() { Exact = true })).ToHaveValueAsync(title);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("register.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Expect(page.Locator("#query-code")).ToBeVisibleAsync(); // the number and the code, once
        await page.Locator("#registered-petition").ClickAsync();

        await Expect(page).ToHaveURLAsync(Pages.PetitionUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("已登记");
    });

    [SkippableFact]
    public Task A_registrar_registers_a_letter_and_forwards_it_to_a_unit_with_the_page_form() => fixture.RunAsync(async page =>
    {
        const string title = "小区地下车库长期积水";
        await Pages.SignInAsync(page);
        await page.GotoAsync("/register");
        await page.GetByLabel("标题", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("诉求内容").FillAsync("小区地下车库一下雨就积水，物业不处理，车辆多次被淹，请求督促整改。");
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync("孔秀兰");
        await page.GetByLabel("证件号码").FillAsync("330106199202200037");
        await page.GetByRole(AriaRole.Button, new() { Name = "登记", Exact = true }).ClickAsync();
        await Expect(page.Locator("#query-code")).ToBeVisibleAsync(); // the number and the code, once
        await page.Locator("#registered-petition").ClickAsync();
        await Expect(page).ToHaveURLAsync(Pages.PetitionUrl());
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("已登记");

        var form = page.Locator("form#act-forward");
        var unit = await form.Locator("option", new() { HasText = "西湖区住房和城乡建设局" }).GetAttributeAsync("value");
        await form.GetByLabel("转送单位").SelectOptionAsync(unit!);
        await form.GetByLabel("备注").FillAsync("请依法处理并告知");
        await Pages.ConfirmAsync(form);
        await form.GetByRole(AriaRole.Button, new() { Name = "转送", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(Pages.PetitionUrl());
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("已转送");
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("西湖区住房和城乡建设局");
        await Pages.TabAsync(page, "办理过程");
        await Expect(page.Locator("ol.history")).ToContainTextAsync("转送西湖区住房和城乡建设局（请依法处理并告知）");
        await Expect(page.Locator("form#act-forward")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("forwarded.png"), FullPage = true });
    });

    [SkippableFact]
    public Task An_anonymous_visit_to_the_workbench_is_sent_to_the_login_page() => fixture.RunAsync(async page =>
    {
        var response = await page.GotoAsync("/workbench");

        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?ReturnUrl=%2Fworkbench$"));
        Assert.Equal(200, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("工作人员登录");
        await Expect(page.Locator("table.grid")).ToHaveCountAsync(0);
    });

    /// <summary>The platform fonts Chromium used to draw the text under a node (DevTools protocol, CSS.getPlatformFontsForNode).</summary>
    private static async Task<List<string>> RenderedFontsAsync(IPage page, string selector)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("DOM.enable");
        await cdp.SendAsync("CSS.enable");
        var document = await cdp.SendAsync("DOM.getDocument");
        var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var found = await cdp.SendAsync("DOM.querySelector", new Dictionary<string, object> { ["nodeId"] = root, ["selector"] = selector });
        var node = found!.Value.GetProperty("nodeId").GetInt32();
        var fonts = await cdp.SendAsync("CSS.getPlatformFontsForNode", new Dictionary<string, object> { ["nodeId"] = node });
        return fonts!.Value.GetProperty("fonts").EnumerateArray()
            .Where(f => f.GetProperty("glyphCount").GetDouble() > 0)
            .Select(f => f.GetProperty("familyName").GetString() ?? string.Empty)
            .ToList();
    }
}
