using Microsoft.Playwright;
using UglyToad.PdfPig;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// Issue 11, "a lost code re-issued": the registrar checks the petitioner's identity on the item page and
/// gives a new code, shown once with the 登记回执 download; the new code opens /track, the old one is refused,
/// and the receipt downloads as a PDF whose text carries the new code.
/// </summary>
public sealed class ReceiptTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public Task A_registrar_re_issues_a_lost_code_the_new_one_works_on_track_and_the_receipt_downloads() => fixture.RunAsync(async page =>
    {
        const string title = "北山街道路灯长期不亮";
        string number, oldCode;
        Guid id;
        using (var api = await fixture.App.SignedInClientAsync(Pages.Registrar))
        {
            (number, oldCode) = await E2EApp.RegisterLetterAsync(api, title);
            var found = await api.GetStringAsync($"/api/petitions/search?number={Uri.EscapeDataString(number)}");
            id = Guid.Parse(System.Text.RegularExpressions.Regex.Match(found, "\"id\":\"([0-9a-f-]{36})\"").Groups[1].Value);
        }

        // The registrar opens the item, checks the ID card and re-issues.
        await Pages.SignInAsync(page);
        await page.GotoAsync($"/petitions/{id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await page.GetByText("重新发放查询码（信访人遗失查询码）").ClickAsync();
        await page.GetByLabel("信访人出示的证件").SelectOptionAsync(new SelectOptionValue { Label = "居民身份证" });
        await page.GetByLabel("已核对：证件与登记的信访人信息一致").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "重新发放查询码", Exact = true }).ClickAsync();

        var shown = page.Locator("#reissued-query-code");
        await Expect(shown).ToBeVisibleAsync();
        var newCode = (await shown.InnerTextAsync()).Trim();
        Assert.Equal(10, newCode.Length);
        Assert.NotEqual(oldCode, newCode);
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("receipt-reissued-code.png"), FullPage = true });

        // The receipt, from the same answer: a PDF whose text carries the new code and the number.
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "下载登记回执（PDF）" }).ClickAsync());
        Assert.Equal($"登记回执-{number}.pdf", download.SuggestedFilename);
        var pdfPath = Artifacts.PathOf("receipt-reissued.pdf");
        await download.SaveAsAsync(pdfPath);
        using (var pdf = PdfDocument.Open(await File.ReadAllBytesAsync(pdfPath)))
        {
            var text = string.Concat(pdf.GetPages().Select(p => p.Text));
            Assert.Contains(newCode, text, StringComparison.Ordinal);
            Assert.Contains(number, text, StringComparison.Ordinal);
            Assert.Contains("西湖区信访局", text, StringComparison.Ordinal);
        }

        // The petitioner, on a phone: the old code is refused, the new one opens the item.
        var phone = await page.Context.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.App.Address.ToString(),
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var petitioner = await phone.NewPageAsync();
        await TrackAsync(petitioner, number, oldCode);
        await Expect(petitioner.GetByRole(AriaRole.Alert)).ToHaveTextAsync("编号或查询码不正确。");
        await TrackAsync(petitioner, number, newCode);
        await Expect(petitioner.GetByRole(AriaRole.Heading, new() { Name = title, Level = 2 })).ToBeVisibleAsync();
        // The re-issue is the staff's step: the petitioner's progress does not mention it.
        await Expect(petitioner.GetByText("重新发放查询码")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(petitioner);
        await petitioner.ScreenshotAsync(new() { Path = Artifacts.PathOf("receipt-track-new-code.png"), FullPage = true });
        await phone.CloseAsync();
    });

    private static async Task TrackAsync(IPage page, string number, string code)
    {
        await page.GotoAsync("/track");
        await page.GetByLabel("信访件编号").FillAsync(number);
        await page.GetByLabel("查询码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
    }
}
