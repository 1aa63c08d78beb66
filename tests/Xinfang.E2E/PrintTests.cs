using Microsoft.Playwright;
using UglyToad.PdfPig;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// Issue 13, "documents print as three pages of navigation and forms": the petition page printed by
/// Chromium (the print stylesheet, app.css) is the item's record — its number, matter and history — with
/// no navigation, no forms and no buttons.
/// </summary>
public sealed class PrintTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public Task The_petition_page_prints_as_a_clean_record_without_navigation_forms_or_buttons() => fixture.RunAsync(async page =>
    {
        const string title = "西溪路口信号灯配时过短";
        string number;
        Guid id;
        using (var api = await fixture.App.SignedInClientAsync(Pages.Registrar))
        {
            (number, _) = await E2EApp.RegisterLetterAsync(api, title);
            var found = await api.GetStringAsync($"/api/petitions/search?number={Uri.EscapeDataString(number)}");
            id = Guid.Parse(System.Text.RegularExpressions.Regex.Match(found, "\"id\":\"([0-9a-f-]{36})\"").Groups[1].Value);
        }

        await Pages.SignInAsync(page);
        await page.GotoAsync($"/petitions/{id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        // On screen the navigation and the forms are there …
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "待办工作台" })).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("print-petition-page.png"), FullPage = true });
        // … in print they are not.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "待办工作台" })).ToBeHiddenAsync();
        var pdfPath = Artifacts.PathOf("print-petition-page.pdf");
        var pdf = await page.PdfAsync(new() { Path = pdfPath, Format = "A4" });

        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => p.Text));
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains(title, text, StringComparison.Ordinal);
        foreach (var chrome in new[] { "待办工作台", "督办工作台", "账号安全", "退出", "网上信访", "跳到主要内容", "接口文档" })
        {
            Assert.DoesNotContain(chrome, text, StringComparison.Ordinal);
        }

        // Buttons and form fields print nowhere: the page's own count of visible ones in print media is zero.
        var visibleControls = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('button, input:not([type=hidden]), select, textarea')].filter(e => e.getClientRects().length > 0).length");
        Assert.Equal(0, visibleControls);
    });
}
