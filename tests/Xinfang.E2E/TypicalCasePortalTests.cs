using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xinfang.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Xinfang.E2E;

/// <summary>
/// 典型案例 (issue 14) in Chromium on a phone: a case written from a resolved item and published with the petitioner's
/// consent appears on the portal's 信访公开 page /guide/cases, anonymised, axe-clean; an unpublished one does not.
/// </summary>
public sealed class TypicalCasePortalTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public Task A_case_published_with_consent_appears_on_the_portal_on_a_phone() => fixture.RunAsync(async page =>
    {
        const string published = "老旧小区加装电梯的协商化解";
        const string kept = "尚未征得同意的案例";
        using (var api = await fixture.App.SignedInClientAsync(Pages.Registrar))
        {
            var number = (await E2EApp.RegisterLetterAsync(api, "加装电梯协商" + Guid.NewGuid().ToString("N")[..6])).Number;
            var item = JsonNode.Parse(await api.GetStringAsync($"/api/petitions/by-number/{number}"))!["id"]!.GetValue<Guid>();
            var today = fixture.App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await PostAsync(api, $"/api/petitions/{item}/answer", new { answer = "经协调，业主已就加装电梯达成协议。" });
            await PostAsync(api, $"/api/petitions/{item}/serve", new { method = "Post", servedOn = today, signedByPetitioner = true });
            Guid Compile(JsonNode made) => made["id"]!.GetValue<Guid>();
            var first = Compile(await PostAsync(api, "/api/typical-cases", new
            {
                petitionId = item, title = published, kind = "Mediation",
                summary = "某老旧小区加装电梯，低层住户担心采光受影响而反对。街道组织各方协商，调整电梯井位置并约定补偿，达成一致。",
                lessons = "尊重各楼层住户的不同诉求，以协商代替对立。",
            }));
            await PostAsync(api, "/api/typical-cases", new { petitionId = item, title = kept, kind = "Resolution", summary = "未公开的案例摘要。", lessons = "无。" });
            await PostAsync(api, $"/api/typical-cases/{first}/consent", new { consent = true, consentOn = today });
            await PostAsync(api, $"/api/typical-cases/{first}/publish", new { });
        }

        await page.GotoAsync("/guide/cases");
        await Expect(page.Locator("h1")).ToHaveTextAsync("信访工作典型案例");
        var list = page.Locator("#public-typical-cases");
        await Expect(list).ToContainTextAsync(published);
        await Expect(list).ToContainTextAsync("调解和解");
        await Expect(list).Not.ToContainTextAsync(kept);
        await Expect(list).Not.ToContainTextAsync("王建国");
        await Expect(list).Not.ToContainTextAsync("13912345678");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.ScreenshotAsync(new() { Path = Artifacts.PathOf("typical-cases-portal-phone.png"), FullPage = true });
    }, phone: true);

    private static async Task<JsonNode> PostAsync(HttpClient api, string url, object body)
    {
        var response = await api.PostAsJsonAsync(url, body, E2EApp.Json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
