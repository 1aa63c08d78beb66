using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using Xinfang.Web.Audit;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Security;

namespace Xinfang.Web.Tests.Portal;

/// <summary>
/// Issue 11: the 登记回执 and the documents as PDF (read back with PdfPig), opened only with number +
/// query code; and a lost code re-issued by staff — the old code dead, the new one working, audited,
/// in the history for staff only, and refused to anyone outside the bodies the rule names.
/// </summary>
public abstract class ReceiptTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    [SkippableFact]
    public async Task The_receipt_carries_the_number_the_code_the_body_and_the_Art_22_deadline_from_the_items_clock()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, code, petition) = await registrar.RegisterAsync(AppExtensions.Letter("小区电梯长期停运"));
        var client = App.CreateClient();

        var response = await PostFormAsync(client, "/portal/receipt.pdf", new() { ["number"] = number, ["queryCode"] = code.ToLowerInvariant() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"登记回执-{number}.pdf", disposition.FileNameStar);
        var text = PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains(code, text, StringComparison.Ordinal); // as typed, in capitals: the code is case-insensitive
        Assert.Contains("西湖区信访局", text, StringComparison.Ordinal);
        Assert.Contains("小区电梯长期停运", text, StringComparison.Ordinal);
        Assert.Contains("第二十二条", text, StringComparison.Ordinal);
        Assert.Contains("/track", text, StringComparison.Ordinal);
        // The due day is the item's own clock (条例 Art. 22: 15 days from receipt), as the staff API shows it.
        var due = petition["deadlines"]!.AsArray().Single(d => d!["kind"]!.GetValue<string>() == "BureauDisposition");
        var dueOn = DateOnly.Parse(due!["dueOn"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"{dueOn:yyyy年M月d日}", text, StringComparison.Ordinal);
        Assert.Equal(id, petition["id"]!.GetValue<Guid>());
    }

    [SkippableFact]
    public async Task A_wrong_code_gets_a_404_and_no_PDF()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (_, number, _, _) = await registrar.RegisterAsync(AppExtensions.Letter());

        var response = await PostFormAsync(App.CreateClient(), "/portal/receipt.pdf", new() { ["number"] = number, ["queryCode"] = "WRONGCODE2" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.False((await response.Content.ReadAsByteArrayAsync()).AsSpan().StartsWith("%PDF"u8));
    }

    [SkippableFact]
    public async Task Without_the_antiforgery_token_nothing_is_answered()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (_, number, code, _) = await registrar.RegisterAsync(AppExtensions.Letter());

        var response = await App.CreateClient().PostAsync("/portal/receipt.pdf", new FormUrlEncodedContent(new Dictionary<string, string> { ["number"] = number, ["queryCode"] = code }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [SkippableFact]
    public async Task A_document_addressed_to_the_petitioner_downloads_and_any_other_answers_like_a_wrong_code()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, code, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        var (other, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter("另一件"));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        var detail = await handler.ActAsync(id, "objection", new { detailedReasons = "内部异议理由不属于本局职权" });
        var docs = detail["documents"]!.AsArray();
        var forward = docs.Single(d => d!["title"]!.GetValue<string>() == "转送告知")!["id"]!.GetValue<Guid>();
        var objection = docs.Single(d => d!["title"]!.GetValue<string>() == "转送交办异议")!["id"]!.GetValue<Guid>();
        var (_, otherItem) = await registrar.GetAsync($"/api/petitions/{other}");
        var otherDoc = otherItem["documents"]!.AsArray()[0]!["id"]!.GetValue<Guid>();
        var client = App.CreateClient();

        var ok = await PostFormAsync(client, "/portal/document.pdf", new() { ["number"] = number, ["queryCode"] = code, ["documentId"] = forward.ToString() });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var text = PdfText(await ok.Content.ReadAsByteArrayAsync());
        Assert.Contains("转送告知", text, StringComparison.Ordinal);
        Assert.Contains("西湖区住房和城乡建设局", text, StringComparison.Ordinal);
        // Issue 13: the petitioner's copy is the official document staff print, with the same 文号.
        var wenhao = System.Text.RegularExpressions.Regex.Match(text, "西信转〔2026〕[1-9][0-9]*号").Value;
        Assert.NotEmpty(wenhao);
        var staffCopy = PdfText(await registrar.Client.GetByteArrayAsync($"/api/petitions/{id}/documents/forward.pdf"));
        Assert.Contains(wenhao, staffCopy, StringComparison.Ordinal);

        foreach (var notAddressed in new[] { objection.ToString(), otherDoc.ToString(), "not-a-guid", string.Empty })
        {
            var refused = await PostFormAsync(client, "/portal/document.pdf", new() { ["number"] = number, ["queryCode"] = code, ["documentId"] = notAddressed });
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.Contains("编号或查询码不正确", body, StringComparison.Ordinal);
            Assert.DoesNotContain("内部异议理由", body, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task A_re_issued_code_works_the_old_one_is_dead_it_is_audited_and_the_petitioner_does_not_see_it()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, oldCode, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        var client = App.CreateClient();

        // Not checked, not confirmed: nothing changes.
        var (refused, problem) = await registrar.PostAsync($"/api/petitions/{id}/query-code", new { documentShown = "ResidentIdCard", matchesRegistration = false });
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.NotNull(problem["errors"]?["matchesRegistration"]);
        Assert.Equal(HttpStatusCode.OK, (await ProgressAsync(client, number, oldCode)).StatusCode);

        // The petitioner tried the lost code from memory: the number's free wrong codes are used up (the next one would wait).
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await ProgressAsync(client, number, "LOSTCODE" + i)).StatusCode);
        }

        var (status, issued) = await registrar.PostAsync($"/api/petitions/{id}/query-code", new { documentShown = "ResidentIdCard", matchesRegistration = true });
        Assert.Equal(HttpStatusCode.OK, status);
        var newCode = issued["queryCode"]!.GetValue<string>();
        Assert.NotEqual(oldCode, newCode);
        Assert.Equal(number, issued["number"]!.GetValue<string>());

        // The re-issue cleared the number's counter: this wrong code (the dead old one) is answered 404, not told to wait.
        Assert.Equal(HttpStatusCode.NotFound, (await ProgressAsync(client, number, oldCode)).StatusCode);
        var progress = await ProgressAsync(client, number, newCode);
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        var progressText = await progress.Content.ReadAsStringAsync();
        Assert.DoesNotContain("查询码", JsonNode.Parse(progressText)!["steps"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
        var receipt = await PostFormAsync(client, "/portal/receipt.pdf", new() { ["number"] = number, ["queryCode"] = newCode });
        Assert.Contains(newCode, PdfText(await receipt.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);

        // Staff see it in the history; the audit names the document shown and never a number of it.
        var (_, item) = await registrar.GetAsync($"/api/petitions/{id}");
        var entry = item["history"]!.AsArray().Last()!;
        Assert.Equal("QueryCodeReissued", entry["action"]!.GetValue<string>());
        Assert.Contains("居民身份证", entry["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        var audited = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.SubjectId == id.ToString() && e.Kind == AuditKinds.QueryCodeReissued).ToListAsync());
        var row = Assert.Single(audited);
        Assert.Equal(number, row.Subject);
        Assert.Contains("居民身份证", row.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", row.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(newCode, row.Summary, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(row.ActorId));
    }

    [SkippableFact]
    public async Task Only_the_registering_or_holding_body_re_issues_others_get_404_or_403()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, code, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        var body = new { documentShown = "ResidentIdCard", matchesRegistration = true };

        // A unit that never had the item does not learn it exists.
        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        Assert.Equal(HttpStatusCode.NotFound, (await handler.PostAsync($"/api/petitions/{id}/query-code", body)).Status);

        // Once forwarded, the unit's handler sees it but is not a registrar (nor its head).
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.PostAsync($"/api/petitions/{id}/query-code", body)).Status);

        // A leader reads the jurisdiction's items but acts on none (issue 13).
        var leader = await App.StaffAsync("demo.xihu.leader");
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync($"/api/petitions/{id}/query-code", body)).Status);

        // Nothing changed: the petitioner's code still works.
        Assert.Equal(HttpStatusCode.OK, (await ProgressAsync(App.CreateClient(), number, code)).StatusCode);
    }

    [SkippableFact]
    public async Task The_item_page_re_issues_a_code_once_with_the_receipt_form_and_refuses_an_unconfirmed_check()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, oldCode, _) = await registrar.RegisterAsync(AppExtensions.Letter());
        var page = await registrar.Client.GetStringAsync($"/petitions/{id}");
        Assert.Contains("重新发放查询码", page, StringComparison.Ordinal);

        var unconfirmed = await PostPageAsync(registrar.Client, id, new() { ["Input.DocumentShown"] = "ResidentIdCard" });
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("请核对证件与登记的信访人信息一致后勾选确认", WebUtility.HtmlDecode(await unconfirmed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ProgressAsync(App.CreateClient(), number, oldCode)).StatusCode);

        var response = await PostPageAsync(registrar.Client, id, new() { ["Input.DocumentShown"] = "Passport", ["Input.MatchesRegistration"] = "true" });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        var code = System.Text.RegularExpressions.Regex.Match(html, "id=\"reissued-query-code\">([A-Z0-9]+)<").Groups[1].Value;
        Assert.Equal(10, code.Length);
        Assert.Contains("action=\"/portal/receipt.pdf\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{code}\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ProgressAsync(App.CreateClient(), number, code)).StatusCode);

        // Reloaded, the page shows the step in the history and never the code again.
        var again = WebUtility.HtmlDecode(await registrar.Client.GetStringAsync($"/petitions/{id}?tab=process"));
        Assert.DoesNotContain(code, again, StringComparison.Ordinal);
        Assert.DoesNotContain(code, WebUtility.HtmlDecode(await registrar.Client.GetStringAsync($"/petitions/{id}")), StringComparison.Ordinal);
        Assert.Contains("查验护照，核对与登记信息一致", again, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostPageAsync(HttpClient client, Guid id, Dictionary<string, string> fields)
    {
        fields["_handler"] = "reissue-query-code";
        fields["__RequestVerificationToken"] = await SecurityApp.AntiforgeryTokenAsync(client, $"/petitions/{id}");
        return await client.PostAsync($"/petitions/{id}", new FormUrlEncodedContent(fields));
    }

    private static string PdfText(byte[] pdf)
    {
        Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8));
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text));
    }

    private static Task<HttpResponseMessage> ProgressAsync(HttpClient client, string number, string code) =>
        client.PostAsync("/api/public/progress", new StringContent(System.Text.Json.JsonSerializer.Serialize(new { number, queryCode = code }), System.Text.Encoding.UTF8, "application/json"));

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await SecurityApp.AntiforgeryTokenAsync(client, "/track");
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }
}

public sealed class ReceiptOnSqlite(SqliteFixture fixture) : ReceiptTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ReceiptOnPostgres(PostgresFixture fixture) : ReceiptTests(fixture), IClassFixture<PostgresFixture>;
