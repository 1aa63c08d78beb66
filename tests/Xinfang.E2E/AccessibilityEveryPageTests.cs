using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.Playwright;
using Xinfang.E2E.Infrastructure;

namespace Xinfang.E2E;

/// <summary>
/// Issue 13, "axe-core inside the browser tests: 0 serious or critical violations on every page": every <c>@page</c>
/// route of the app (found by reflection, so a new page is covered the day it is added), opened in Chromium by each
/// role that may see it — and by an anonymous visitor — and checked by axe-core. A page that answers a role with a
/// redirect (sign in first) or an error is not that role's page and is skipped for it; each route must be some
/// visitor's page. A petition page is opened on every tab.
/// </summary>
public sealed partial class AccessibilityEveryPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string?[] Visitors =
    [
        null, "demo.xihu.registrar", "demo.xihu.zjj.handler", "demo.xihu.zjj.head", "demo.xihu.supervisor", "demo.xihu.leader",
        "demo.hz.zjj.reviewer", "demo.zj.admin",
    ];

    private static readonly string[] Tabs = ["basic", "petitioners", "process", "documents", "attachments", "supervision", "related"];

    [SkippableFact]
    public Task Every_page_has_no_serious_accessibility_violation_for_any_role() => fixture.RunAsync(async page =>
    {
        Guid itemAtUnit;
        using (var api = await fixture.App.SignedInClientAsync(Pages.Registrar))
        {
            var number = (await E2EApp.RegisterLetterAsync(api, "无障碍检查：小区电梯长期停运")).Number;
            var found = System.Text.Json.Nodes.JsonNode.Parse(await (await api.PostAsync("/api/workbench/find",
                new StringContent($"{{\"q\":\"{number}\"}}", System.Text.Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())!;
            itemAtUnit = found.AsArray().Single()!["id"]!.GetValue<Guid>();
            var forward = await api.PostAsync($"/api/petitions/{itemAtUnit}/forward", new StringContent(
                $"{{\"targetOrganizationId\":\"{await OrganizationIdAsync(api, "330106ZJJ")}\"}}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, forward.StatusCode);
        }

        var routes = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Distinct()
            .OrderBy(r => r, StringComparer.Ordinal)
            .ToList();
        var checkedRoutes = new HashSet<string>();
        var checkedPages = 0;
        foreach (var visitor in Visitors)
        {
            var context = await page.Context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.Address.ToString(), Locale = "zh-CN" });
            var tab = await context.NewPageAsync();
            using var probe = visitor is null ? new HttpClient { BaseAddress = fixture.App.Address } : await fixture.App.SignedInClientAsync(visitor);
            if (visitor is not null)
            {
                // Each role lands on its own home (a leader on the statistics): wait until the sign-in page is left.
                await Pages.SubmitLoginAsync(tab, visitor, E2EApp.DemoPassword);
                await tab.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
            }

            foreach (var template in routes)
            {
                // Every tab of an item for the bureau and the unit that work on it; the first tab for the others.
                foreach (var url in Urls(template, itemAtUnit, allTabs: visitor is "demo.xihu.registrar" or "demo.xihu.zjj.handler"))
                {
                    // The cheap probe first: only the pages this visitor is shown (200, HTML) are opened in the browser.
                    using var response = await probe.GetAsync(url);
                    // The Chinese 404 page answers its own address with 404, as it does every unknown one.
                    var shown = response.StatusCode == HttpStatusCode.OK || (template == "/not-found" && response.StatusCode == HttpStatusCode.NotFound);
                    if (!shown || !(response.Content.Headers.ContentType?.MediaType ?? string.Empty).Contains("html", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    await tab.GotoAsync(url);
                    await Accessibility.AssertNoSeriousViolationsAsync(tab);
                    checkedRoutes.Add(template);
                    checkedPages++;
                }
            }

            await context.CloseAsync();
        }

        var unchecked_ = routes.Where(r => !checkedRoutes.Contains(r) && !NotAPage(r)).ToList();
        Assert.True(unchecked_.Count == 0, "no visitor was shown these pages: " + string.Join(", ", unchecked_));
        Assert.True(checkedPages > routes.Count, $"only {checkedPages} pages checked");
        await page.GotoAsync("/");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("accessibility-every-page.png") });
    });

    /// <summary>Routes that are not a page of their own (the status page re-executed for errors, the sign-out endpoint page).</summary>
    private static bool NotAPage(string template) => template is "/Error" or "/error" or "/logout" or "/account/logout";

    private static IEnumerable<string> Urls(string template, Guid item, bool allTabs)
    {
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return [template];
        }

        var filled = ParameterRegex().Replace(template, m => m.Value.Contains("guid", StringComparison.OrdinalIgnoreCase) || m.Value.Contains("id", StringComparison.OrdinalIgnoreCase) ? item.ToString() : "330106XFJ");
        return filled.StartsWith("/petitions/", StringComparison.Ordinal) && !filled.Contains("/print", StringComparison.Ordinal)
            ? (allTabs ? Tabs : Tabs.Take(1)).Select(t => $"{filled}?tab={t}")
            : [filled];
    }

    private static async Task<Guid> OrganizationIdAsync(HttpClient api, string code)
    {
        var list = System.Text.Json.Nodes.JsonNode.Parse(await api.GetStringAsync("/api/organizations"))!;
        return list.AsArray().Single(o => o!["code"]!.GetValue<string>() == code)!["id"]!.GetValue<Guid>();
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex ParameterRegex();
}
