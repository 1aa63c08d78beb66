using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PdfSharp.Pdf.IO;
using Xinfang.Web.Documents;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.Tests.Supervision;
using PdfPigDocument = UglyToad.PdfPig.PdfDocument;

namespace Xinfang.Web.Tests.Documents;

/// <summary>
/// Issue 13, documents: each of the ten official documents of an item, taken through the whole route,
/// opens as a PDF, carries its 文号 (the issuing body's 机关代字, the kind, the year) and the item's matter,
/// its Chinese text extracts, and the CJK font is embedded (FontFile2, a TrueType subset). A re-print
/// keeps its number; parallel issues never share one (SQLite and PostgreSQL).
/// </summary>
public abstract partial class OfficialDocumentTests(AppFixture fixture)
{
    private const string Matter = "小区电梯长期停运无人维修";

    private XinfangApp App => fixture.App;

    [SkippableFact]
    public async Task Each_of_the_ten_documents_opens_with_its_number_the_matter_and_Chinese_text_in_an_embedded_font()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, number, _, _) = await registrar.RegisterAsync(AppExtensions.Letter(Matter));
        var printed = new Dictionary<string, string>();
        async Task PrintAsync(Staff staff, string kind, string prefix, params string[] texts)
        {
            var response = await staff.Client.GetAsync($"/api/petitions/{id}/documents/{kind}.pdf");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            var pdf = await response.Content.ReadAsByteArrayAsync();
            var text = Text(pdf);
            var wenhao = Regex.Match(text, $"{Regex.Escape(prefix)}〔2026〕[1-9][0-9]*号");
            Assert.True(wenhao.Success, $"{kind}: no 文号 {prefix}〔2026〕n号 in: {text}");
            Assert.Contains(Matter, text, StringComparison.Ordinal);
            Assert.Contains(number, text, StringComparison.Ordinal);
            foreach (var t in texts)
            {
                Assert.Contains(t, text, StringComparison.Ordinal);
            }

            AssertFontEmbedded(pdf);
            printed[kind] = wenhao.Value;

            // A re-print is the same document with the same number.
            var again = Text(await staff.Client.GetByteArrayAsync($"/api/petitions/{id}/documents/{kind}.pdf"));
            Assert.Contains(wenhao.Value, again, StringComparison.Ordinal);
        }

        await PrintAsync(registrar, "receipt", "西信登", "信访事项登记回执", "西湖区信访局", "第二十二条");
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });
        await PrintAsync(registrar, "forward", "西信转", "转送告知", "西湖区住房和城乡建设局");

        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        await handler.ActAsync(id, "notify-receipt", new { routeAndProcedure = "调查核实后出具处理意见书" });
        await handler.ActAsync(id, "accept");
        await PrintAsync(handler, "acceptance", "西住受", "信访事项受理告知书", "调查核实后出具处理意见书");
        await handler.ActAsync(id, "route", new { route = "Investigate" });
        var head = await App.StaffAsync("demo.xihu.zjj.head");
        await head.ActAsync(id, "extend", new { days = 30, reason = "需要补充调查" });
        await PrintAsync(handler, "extension", "西住延", "延期办理告知书", "第三十四条");
        await head.ActAsync(id, "decide", new { outcome = "Support", petitionerRequest = "尽快修复电梯", facts = "电梯停运三个月", reasons = "维修资金已落实", legalBasis = "《物业管理条例》第五十五条" });
        // 条例 Art. 35: the opinion states the right to 复查 — of which body, within 30 days.
        await PrintAsync(handler, "decision", "西住处", "信访处理意见书", "30日内", "复查（《信访工作条例》第三十五条）");
        var today = DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        await handler.ActAsync(id, "serve", new { method = "InPerson", servedOn = today, signedByPetitioner = true });
        await PrintAsync(handler, "service", "西住送", "送达回证", "受送达人", printed["decision"]);

        var supervisor = await App.StaffAsync(SupervisionTestSupport.Supervisor);
        var (created, _) = await supervisor.PostAsync("/api/supervision/notices", new { petitionId = id, reason = "ExecutionOfSupportedDecision", details = "请督促物业公司按处理意见修复电梯" });
        Assert.Equal(HttpStatusCode.Created, created);
        await PrintAsync(supervisor, "supervision", "西信督", "信访事项督办通知", "请督促物业公司按处理意见修复电梯", "西湖区住房和城乡建设局");

        await registrar.ActAsync(id, "review", new { reviewOrganizationId = registrar.Org("330100ZJJ"), reasons = "对处理意见不服" });
        var reviewer = await App.StaffAsync("demo.hz.zjj.reviewer");
        await reviewer.ActAsync(id, "review-opinion", new { opinion = "维持原处理意见", servedOn = today, outcome = "Upheld" });
        await PrintAsync(reviewer, "review", "杭住复查", "复查意见书", "维持原处理意见", "第三十六条");
        await reviewer.ActAsync(id, "re-review", new { reviewOrganizationId = reviewer.Org("330000ZJT"), reasons = "对复查意见不服" });
        var reReviewer = await App.StaffAsync("demo.zj.zjt.reviewer");
        await reReviewer.ActAsync(id, "re-review-opinion", new { opinion = "维持复查意见", servedOn = today, outcome = "Upheld" });
        await PrintAsync(reReviewer, "rereview", "浙住复核", "复核意见书", "不再受理");

        // 不予受理告知书 on a second item.
        var (declined, declinedNumber, _, _) = await registrar.RegisterAsync(AppExtensions.Letter(Matter));
        await registrar.ActAsync(declined, "decline", new { rule = "AlreadyBeingHandled", reason = "同一事项正在余杭区住建局办理期限内", whereToGo = "余杭区住房和城乡建设局" });
        (id, number) = (declined, declinedNumber);
        await PrintAsync(registrar, "decline", "西信不受", "不予受理告知书", "余杭区住房和城乡建设局");

        Assert.Equal(10, printed.Count);
        Assert.Equal(10, printed.Values.Distinct().Count());
    }

    [SkippableFact]
    public async Task A_document_the_item_does_not_have_or_an_unknown_kind_is_a_404_and_an_item_outside_scope_is_unknown()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter(Matter));
        Assert.Equal(HttpStatusCode.NotFound, (await registrar.Client.GetAsync($"/api/petitions/{id}/documents/decision.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await registrar.Client.GetAsync($"/api/petitions/{id}/documents/nonsense.pdf")).StatusCode);
        // A unit the item was never sent to does not learn it exists.
        var unit = await App.StaffAsync("demo.xihu.zjj.handler");
        Assert.Equal(HttpStatusCode.NotFound, (await unit.Client.GetAsync($"/api/petitions/{id}/documents/receipt.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.CreateClient().GetAsync($"/api/petitions/{id}/documents/receipt.pdf")).StatusCode);
    }

    [SkippableFact]
    public async Task Parallel_issues_get_distinct_numbers_and_one_document_issued_in_parallel_gets_one()
    {
        var numbers = App.Services.GetRequiredService<DocumentNumbers>();
        var org = Guid.CreateVersion7();
        var petition = Guid.CreateVersion7();
        var issued = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            numbers.NumberAsync(Guid.CreateVersion7(), petition, org, "西湖区信访局", 2031, "转", CancellationToken.None))));
        Assert.Equal(Enumerable.Range(1, 16).Select(n => $"西信转〔2031〕{n}号").Order(), issued.Order());

        var document = Guid.CreateVersion7();
        var same = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            numbers.NumberAsync(document, petition, org, "西湖区信访局", 2031, "转", CancellationToken.None))));
        Assert.Single(same.Distinct());
        Assert.Equal("西信转〔2031〕17号", same[0]);
        Assert.Equal(17, await App.WithDbAsync(db => db.Set<IssuedDocumentNumber>().CountAsync(n => n.OrganizationId == org)));
    }

    [SkippableFact]
    public async Task An_administrator_sets_a_bodys_prefix_for_numbers_issued_afterwards_and_others_may_not()
    {
        var admin = await App.StaffAsync("demo.zj.admin");
        var xihu = admin.Org("330106XFJ");
        var (bad, _) = await Put(admin, xihu, "西 信");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        Assert.Equal(HttpStatusCode.Forbidden, (await Put(registrar, xihu, "西湖信")).Status);
        var (ok, view) = await Put(admin, xihu, "西湖信");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal("西湖信转〔2026〕1号", view["example"]!.GetValue<string>());

        var (id, _, _, _) = await registrar.RegisterAsync(AppExtensions.Letter(Matter));
        var text = Text(await registrar.Client.GetByteArrayAsync($"/api/petitions/{id}/documents/receipt.pdf"));
        Assert.Matches("西湖信登〔2026〕[1-9][0-9]*号", text);
    }

    private static async Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode Body)> Put(Staff staff, Guid org, string prefix)
    {
        var response = await staff.Client.PutAsJsonAsync($"/api/documents/prefixes/{org}", new { prefix }, XinfangApp.Json);
        return (response.StatusCode, await Staff.ReadAsync(response));
    }

    internal static string Text(byte[] pdf)
    {
        Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8));
        using var document = PdfPigDocument.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text));
    }

    /// <summary>Every font of every page is a Type0 font whose descendant carries a TrueType font file (FontFile2).</summary>
    internal static void AssertFontEmbedded(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var fonts = 0;
        foreach (var page in document.Pages)
        {
            var resources = page.Elements.GetDictionary("/Resources")!;
            var fontDict = resources.Elements.GetDictionary("/Font")!;
            foreach (var name in fontDict.Elements.Keys)
            {
                var font = fontDict.Elements.GetDictionary(name)!;
                Assert.Equal("/Type0", font.Elements.GetName("/Subtype"));
                var descendant = (PdfSharp.Pdf.PdfDictionary)((PdfSharp.Pdf.Advanced.PdfReference)font.Elements.GetArray("/DescendantFonts")!.Elements[0]).Value;
                var descriptor = descendant.Elements.GetDictionary("/FontDescriptor")!;
                Assert.NotNull(descriptor.Elements.GetReference("/FontFile2"));
                // A subset: the font name carries the six-letter subset tag (ABCDEF+Name).
                Assert.Matches("^/[A-Z]{6}\\+", descriptor.Elements.GetName("/FontName"));
                fonts++;
            }
        }

        Assert.True(fonts > 0, "no fonts in the PDF");
    }
}

public sealed class OfficialDocumentsOnSqlite(SqliteFixture fixture) : OfficialDocumentTests(fixture), IClassFixture<SqliteFixture>;

public sealed class OfficialDocumentsOnPostgres(PostgresFixture fixture) : OfficialDocumentTests(fixture), IClassFixture<PostgresFixture>;

/// <summary>The parts without a host: dates, 机关代字, the font collection, the fallback when no font is found.</summary>
public sealed class OfficialDocumentUnitTests
{
    [Theory]
    [InlineData(2026, 12, 6, "二〇二六年十二月六日")]
    [InlineData(2026, 10, 31, "二〇二六年十月三十一日")]
    [InlineData(2030, 1, 20, "二〇三〇年一月二十日")]
    [InlineData(2026, 11, 15, "二〇二六年十一月十五日")]
    public void Dates_are_written_in_Chinese_numerals(int y, int m, int d, string expected) =>
        Assert.Equal(expected, OfficialDate.Chinese(new DateOnly(y, m, d)));

    [Theory]
    [InlineData("西湖区信访局", "西信")]
    [InlineData("杭州市住房和城乡建设局", "杭住")]
    [InlineData("浙江省信访局", "浙信")]
    [InlineData("杭州市西湖区住房和城乡建设局", "西住")]
    [InlineData("西湖区北山街道办事处", "北办")]
    [InlineData("西湖区纪委监委", "西纪")]
    [InlineData("内蒙古自治区信访局", "内信")]
    [InlineData("中共西湖区委政法委员会", "中共")]
    [InlineData("信访局", "信访")]
    public void The_default_prefix_is_the_place_and_the_bodys_first_characters(string name, string prefix) =>
        Assert.Equal(prefix, DocumentNumbers.DefaultPrefix(name));

    [SkippableFact]
    public void A_face_of_a_Debian_collection_is_a_standalone_TrueType_font()
    {
        var path = DocumentFont.DebianDefaults.FirstOrDefault(File.Exists);
        Skip.If(path is null && !TestServices.Required, "no CJK font installed");
        Assert.NotNull(path);
        var bytes = File.ReadAllBytes(path);
        Assert.True(TrueTypeCollection.IsCollection(bytes));
        var face = TrueTypeCollection.Face(bytes, 0);
        Assert.Equal(new byte[] { 0, 1, 0, 0 }, face[..4]); // TrueType outlines
        Assert.Throws<InvalidDataException>(() => TrueTypeCollection.Face(bytes, TrueTypeCollection.FaceCount(bytes)));
    }

    [Fact]
    public void Without_a_font_the_reason_is_given_in_Chinese_and_documents_fall_back_to_the_small_writer()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Xinfang:Documents:FontPath"] = "/nowhere/font.ttc" }).Build();
        var font = new DocumentFont(configuration, NullLogger<DocumentFont>.Instance);
        Assert.False(font.Available);
        Assert.Contains("字体文件不存在", font.Problem, StringComparison.Ordinal);
        var renderer = new DocumentRenderer(font, configuration, NullLogger<DocumentRenderer>.Instance, TimeProvider.System);
        var pdf = renderer.Render(Sample());
        var text = OfficialDocumentTests.Text(pdf);
        Assert.Contains("西信转〔2026〕3号", text, StringComparison.Ordinal);
        Assert.Contains("转送告知", text, StringComparison.Ordinal);
        Assert.Contains("二〇二六年三月十日", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void With_the_Debian_font_a_long_document_runs_over_pages_numbered_in_the_official_style()
    {
        Skip.If(DocumentFont.DebianDefaults.FirstOrDefault(File.Exists) is null && !TestServices.Required, "no CJK font installed");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Xinfang:Documents:DateStyle"] = "Arabic" }).Build();
        var font = new DocumentFont(configuration, NullLogger<DocumentFont>.Instance);
        Assert.True(font.Available, font.Problem);
        var renderer = new DocumentRenderer(font, configuration, NullLogger<DocumentRenderer>.Instance, TimeProvider.System);
        var long_ = Sample() with { Paragraphs = Enumerable.Repeat("信访人反映小区电梯长期停运，物业公司拒不维修，严重影响老人出行。", 60).ToList() };
        var pdf = renderer.Render(long_);
        using var document = PdfPigDocument.Open(pdf);
        Assert.True(document.NumberOfPages >= 3);
        Assert.Contains("— 2 —", document.GetPage(2).Text, StringComparison.Ordinal);
        Assert.Contains("2026年3月10日", string.Concat(document.GetPages().Select(p => p.Text)), StringComparison.Ordinal);
        OfficialDocumentTests.AssertFontEmbedded(pdf);
        // A subset: far smaller than the 20 MB font file.
        Assert.True(pdf.Length < 400_000, $"{pdf.Length} bytes");
    }

    private static OfficialDocument Sample() => new("西湖区信访局", "西信转〔2026〕3号", "转送告知", "王建国",
        [("信访件编号", "330106XFJ-2026-000001"), ("信访事项", "小区电梯长期停运")], ["您的信访事项已转送西湖区住房和城乡建设局办理。"],
        "西湖区信访局", new DateOnly(2026, 3, 10), "信访件编号：330106XFJ-2026-000001");
}
