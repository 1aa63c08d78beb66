using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// The workbench of issue 13 in Chromium: the clerk finds a caller's item by phone number and opens it, forwards
/// several items in one go, a leader reads the jurisdiction's items and the items behind a figure, and a 督办
/// issued from the warning list is answered by the unit on the page. Each saves a screenshot; axe finds nothing serious.
/// </summary>
public sealed class WorkbenchJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>Registers a letter whose petitioner has <paramref name="phone"/>; returns its number and id.</summary>
    private static async Task<(string Number, Guid Id)> RegisterAsync(HttpClient registrar, string title, string phone)
    {
        var request = new Dictionary<string, object?>
        {
            ["form"] = "Letter",
            ["title"] = title,
            ["content"] = "小区门口下水道井盖缺失多日，夜间行人容易跌落，请尽快处理。",
            ["petitioners"] = new[] { new Dictionary<string, object?> { ["name"] = "李秀英", ["phone"] = phone, ["address"] = "杭州市西湖区文三路1号" } },
        };
        var response = await registrar.PostAsJsonAsync("/api/petitions", request, E2EApp.Json);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (json["number"]!.GetValue<string>(), json["id"]!.GetValue<Guid>());
    }

    [SkippableFact]
    public Task The_clerk_finds_a_callers_item_by_phone_number_and_opens_it() => fixture.RunAsync(async page =>
    {
        var phone = "1366" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string number;
        using (var registrar = await fixture.App.SignedInClientAsync(Pages.Registrar))
        {
            (number, _) = await RegisterAsync(registrar, "来电查询：井盖缺失", phone);
        }

        await Pages.SignInAsync(page);
        var box = page.Locator("header form.header-find input[name=q]");
        await box.FillAsync(phone);
        await page.Locator("header form.header-find").GetByRole(AriaRole.Button, new() { Name = "查找" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("查找信访件");
        // The phone number is not in the address (posted, issue 4).
        Assert.DoesNotContain(phone, page.Url, StringComparison.Ordinal);
        var row = page.Locator("table.grid tbody tr").Filter(new() { HasText = number });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("按电话匹配");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("workbench-find-by-phone.png"), FullPage = true });

        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Pages.PetitionUrl());
        await Expect(page.Locator("dl.facts")).ToContainTextAsync(number);
    });

    [SkippableFact]
    public Task The_bureau_forwards_several_items_at_once_and_sees_each_result() => fixture.RunAsync(async page =>
    {
        var numbers = new List<string>();
        using (var registrar = await fixture.App.SignedInClientAsync(Pages.Registrar))
        {
            for (var i = 0; i < 2; i++)
            {
                numbers.Add((await RegisterAsync(registrar, $"批量转送测试{i}：路灯不亮", "13600000000")).Number);
            }
        }

        await Pages.SignInAsync(page);
        await page.GotoAsync("/workbench?state=Registered&sort=Received&dir=desc");
        foreach (var n in numbers)
        {
            await page.GetByLabel($"选择 {n}", new() { Exact = true }).CheckAsync();
        }

        // By name: a label's text includes its options' texts.
        await page.Locator("select[name=batchAction]").SelectOptionAsync(new SelectOptionValue { Label = "转送" });
        await page.Locator("select[name=target]").SelectOptionAsync(new SelectOptionValue { Label = "西湖区住房和城乡建设局" });
        await page.GetByRole(AriaRole.Button, new() { Name = "批量办理" }).ClickAsync();

        var results = page.Locator("#batch-results");
        await Expect(results).ToContainTextAsync("成功 2 件，未办理 0 件");
        foreach (var n in numbers)
        {
            await Expect(results).ToContainTextAsync($"{n}：已转送");
            // No longer held by the bureau: gone from its 已登记 list.
            await Expect(Pages.WorkRow(page, n)).ToHaveCountAsync(0);
        }

        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("workbench-batch-forward.png"), FullPage = true });
    });

    [SkippableFact]
    public Task A_leader_sees_the_jurisdiction_read_only_and_the_items_behind_a_figure() => fixture.RunAsync(async page =>
    {
        await Pages.SubmitLoginAsync(page, "demo.xihu.leader", E2EApp.DemoPassword);
        await page.GotoAsync("/workbench");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("待办工作台");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "本辖区概况" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "本辖区在办" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/workbench\?view=jurisdiction$"));
        await Expect(Pages.WorkRows(page).First).ToBeVisibleAsync();
        // Read-only: no boxes to tick, no batch form.
        await Expect(page.Locator("input[name=ids]")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("workbench-leader-home.png"), FullPage = true });

        await Pages.WorkRows(page).First.Locator("td:nth-child(1) a").ClickAsync();
        await Expect(page).ToHaveURLAsync(Pages.PetitionUrl());
        await Expect(page.Locator("dl.facts")).ToBeVisibleAsync();
        await Expect(page.Locator("form.act")).ToHaveCountAsync(0);

        await page.GotoAsync("/statistics/items?code=repeat&part=denominator");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("明细");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("workbench-leader-drilldown.png"), FullPage = true });
    });
}
