using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Identity;
using Xinfang.Web.PublicInformation;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.PublicInformation;

/// <summary>
/// 信访公开 (条例 Art. 18): anyone reads a body's text, a body without its own shows its nearest ancestor's
/// and says so, administrators edit their organisation and its subtree only, bad input is a Chinese 400 that
/// changes nothing, every edit is a revision and an audit entry. The demo seeds the province, Hangzhou and Xihu.
/// </summary>
public abstract class PublicInformationTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private static object Edit(int baseRevision, string phone = "0571-87654321", string? letter = "余杭区临平大道1号（测试）") => new
    {
        baseRevision,
        onlineChannel = "本平台网上信访",
        letterAddress = letter,
        phone,
        receptionPlace = "余杭区信访接待大厅",
        receptionHours = "工作日 9:00—17:00",
        scope = "受理对本区机关的建议意见、检举控告和申诉求决。",
        procedure = "1. 登记\n2. 转送、交办\n3. 受理\n4. 办理\n5. 答复\n6. 评价",
        queryAndRating = "凭编号和查询码在本平台查询和评价。",
        other = (string?)null,
    };

    private async Task<int> RevisionsAsync(string code) => await App.WithDbAsync(db =>
        db.Set<PublicGuideRevision>().CountAsync(r => db.Organizations.Any(o => o.Id == r.OrganizationId && o.Code == code)));

    private async Task<HttpClient> AdministratorOfAsync(string userName, string orgCode)
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            if (await users.FindByNameAsync(userName) is null)
            {
                var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
                var org = await db.Organizations.SingleAsync(o => o.Code == orgCode);
                var result = await users.CreateAsync(new StaffUser { UserName = userName, DisplayName = "测试管理员", OrganizationId = org.Id, Role = StaffRole.Administrator, LockoutEnabled = true }, Administration.DemoData.DemoPassword);
                Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            }
        }

        return await App.SignInAsync(userName);
    }

    [SkippableFact]
    public async Task Anyone_reads_a_bodys_own_text_as_json_and_as_a_page_with_the_flow_as_an_ordered_list()
    {
        var anonymous = App.CreateClient();

        var json = await anonymous.GetFromJsonAsync<JsonNode>("/api/public/guides/330000XFJ");
        Assert.Equal("浙江省信访局", (string?)json!["organization"]!["name"]);
        Assert.Null(json["inheritedFrom"]);
        Assert.True((int)json["revision"]! >= 1);
        Assert.Empty(json["missingForArticle18"]!.AsArray());
        Assert.Contains("省府路8号", json["items"]!.AsArray().Single(i => (string?)i!["field"] == "LetterAddress")!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(json["steps"]!.AsArray().Count >= 5);

        var page = await anonymous.GetAsync("/guide/330000XFJ");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("浙江省信访局 · 信访公开", html, StringComparison.Ordinal);
        Assert.Contains("<ol class=\"flow\"", html, StringComparison.Ordinal);
        Assert.Contains("省府路8号", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"inherited\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/guide/law#art-18\"", html, StringComparison.Ordinal);

        var list = await anonymous.GetStringAsync("/guide");
        Assert.Contains("href=\"/guide/330106ZJJ\"", list, StringComparison.Ordinal);
        Assert.Contains("沿用上级机关公布的信息", list, StringComparison.Ordinal);
    }

    [SkippableTheory]
    // A unit of Xihu: Xihu's bureau published its own.
    [InlineData("330106ZJJ", "330106XFJ", "西湖区信访局")]
    // A Hangzhou department: the city's bureau.
    [InlineData("330100ZJJ", "330100XFJ", "杭州市信访局")]
    // A street in Ningbo, where neither the district nor the city published: straight to the province.
    [InlineData("330203001JD", "330000XFJ", "浙江省信访局")]
    public async Task A_body_without_its_own_text_shows_its_nearest_ancestors_and_says_so(string code, string from, string fromName)
    {
        var anonymous = App.CreateClient();

        var json = await anonymous.GetFromJsonAsync<JsonNode>($"/api/public/guides/{code}");
        Assert.Equal(from, (string?)json!["inheritedFrom"]!["code"]);
        Assert.Equal(0, (int)json["revision"]!);

        var html = await anonymous.GetStringAsync($"/guide/{code}");
        Assert.Contains($"本机关尚未单独公布信访公开信息，以下为上级机关「{fromName}」公布的内容。", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/guide/{from}\"", html, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_unknown_body_is_a_404_on_the_api_and_on_the_page()
    {
        var anonymous = App.CreateClient();

        var api = await anonymous.GetAsync("/api/public/guides/NOSUCH");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("机构不存在", (string?)(await api.Content.ReadFromJsonAsync<JsonNode>())!["title"]);
        var page = await anonymous.GetAsync("/guide/NOSUCH");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("页面不存在", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_administrator_edits_a_body_below_them_as_a_new_revision_recorded_with_who_and_what()
    {
        var admin = await App.StaffAsync("demo.zj.admin");
        var anonymous = App.CreateClient();
        Assert.NotNull((await anonymous.GetFromJsonAsync<JsonNode>("/api/public/guides/330110ZJJ"))!["inheritedFrom"]);

        var (status, body) = await Put(admin.Client, "330110XFJ", Edit(0));
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(1, (int)body["revision"]!);

        // The body and the unit below it now read Yuhang's own text.
        var own = await anonymous.GetFromJsonAsync<JsonNode>("/api/public/guides/330110XFJ");
        Assert.Null(own!["inheritedFrom"]);
        Assert.Equal("0571-87654321", (string?)own["items"]!.AsArray().Single(i => (string?)i!["field"] == "Phone")!["value"]);
        Assert.Equal(["登记", "转送、交办", "受理", "办理", "答复", "评价"], own["steps"]!.AsArray().Select(s => (string)s!).ToArray());
        Assert.Equal("330110XFJ", (string?)(await anonymous.GetFromJsonAsync<JsonNode>("/api/public/guides/330110ZJJ"))!["inheritedFrom"]!["code"]);

        // A second edit on revision 1 changes only the phone; the history says who changed what, newest first.
        (status, body) = await Put(admin.Client, "330110XFJ", Edit(1, phone: "0571-11112222"));
        Assert.Equal(HttpStatusCode.OK, status);
        var history = (await admin.Client.GetFromJsonAsync<JsonArray>("/api/admin/guides/330110XFJ/revisions"))!;
        Assert.Equal([2, 1], history!.Select(h => (int)h!["revision"]!).ToArray());
        Assert.Equal("咨询投诉电话", (string?)history[0]!["changedItems"]);
        Assert.Equal("韩管理", (string?)history[0]!["editedBy"]);

        // Saving the same text again adds no revision.
        (status, _) = await Put(admin.Client, "330110XFJ", Edit(2, phone: "0571-11112222"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, await RevisionsAsync("330110XFJ"));

        // Every edit is in the audit chain.
        var audited = await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Kind == PublicGuides.AuditKind && e.Subject == "余杭区信访局").Select(e => e.Summary).ToListAsync());
        Assert.Equal(2, audited.Count);
        Assert.Contains(audited, s => s.Contains("第2版：咨询投诉电话", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task An_edit_made_on_an_older_revision_is_refused_with_a_409_and_changes_nothing()
    {
        var admin = await App.StaffAsync("demo.zj.admin");
        var (status, _) = await Put(admin.Client, "330100RSJ", Edit(0));
        Assert.Equal(HttpStatusCode.OK, status);

        (status, var body) = await Put(admin.Client, "330100RSJ", Edit(0, phone: "0574-00000000"));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("已被他人修改", (string?)body["detail"], StringComparison.Ordinal);
        Assert.Equal(1, await RevisionsAsync("330100RSJ"));
    }

    [SkippableFact]
    public async Task An_administrator_below_cannot_edit_above_or_beside_their_subtree_and_other_roles_cannot_edit_at_all()
    {
        var xihuAdmin = await AdministratorOfAsync("test.xihu.admin", "330106XFJ");
        var before = await RevisionsAsync("330100XFJ");

        var (status, body) = await Put(xihuAdmin, "330100XFJ", Edit(before));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("管理员只能维护本机关及其下级机关的信访公开信息", (string?)body["detail"]);
        (status, _) = await Put(xihuAdmin, "330110XFJ", Edit(await RevisionsAsync("330110XFJ")));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(HttpStatusCode.Forbidden, (await xihuAdmin.GetAsync("/api/admin/guides/330100XFJ/revisions")).StatusCode);
        Assert.Equal(before, await RevisionsAsync("330100XFJ"));

        // Within the subtree: the unit below Xihu's bureau.
        (status, body) = await Put(xihuAdmin, "330106001JD", Edit(0));
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());

        var registrar = await App.SignInAsync("demo.xihu.registrar");
        (status, body) = await Put(registrar, "330106002JD", Edit(0));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("只有管理员可以维护信访公开信息", (string?)body["detail"]);

        var anonymous = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync("/api/admin/guides/330106002JD", Edit(0))).StatusCode);
        Assert.Equal(0, await RevisionsAsync("330106002JD"));

        // The edit page answers the same: 403 outside the subtree, the form inside it.
        var outside = await xihuAdmin.GetAsync("/admin/guide/330100XFJ");
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Contains("管理员只能维护本机关及其下级机关的信访公开信息", await outside.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var inside = await xihuAdmin.GetStringAsync("/admin/guide/330106ZJJ");
        Assert.Contains("name=\"Input.Phone\"", inside, StringComparison.Ordinal);
        Assert.Contains("表单已预填上级机关「西湖区信访局」的内容", inside, StringComparison.Ordinal);
        var list = await xihuAdmin.GetStringAsync("/admin/guide");
        Assert.Contains("href=\"/admin/guide/330106ZJJ\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/guide/330100XFJ\"", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await registrar.GetAsync("/admin/guide/330106XFJ")).StatusCode);
    }

    public static TheoryData<string, object, string> BadEdits => new()
    {
        { "a control character", new { baseRevision = 0, phone = "0571\u0000123" }, "phone" },
        { "a line break in a one-line item", new { baseRevision = 0, phone = "0571\n123" }, "phone" },
        { "too long", new { baseRevision = 0, letterAddress = new string('地', 301) }, "letterAddress" },
        { "too many steps", new { baseRevision = 0, procedure = string.Join('\n', Enumerable.Range(1, 21).Select(i => $"第{i}步")) }, "procedure" },
        { "nothing at all", new { baseRevision = 0, phone = "  " }, "body" },
        { "no revision", new { phone = "12345" }, "baseRevision" },
        { "a negative revision", new { baseRevision = -1, phone = "12345" }, "baseRevision" },
    };

    [SkippableTheory]
    [MemberData(nameof(BadEdits))]
    public async Task Bad_input_is_a_Chinese_400_naming_the_field_and_saves_nothing(string why, object edit, string field)
    {
        var admin = await App.StaffAsync("demo.zj.admin");

        var (status, body) = await Put(admin.Client, "330203ZJJ", edit);

        Assert.True(status == HttpStatusCode.BadRequest, $"{why}: {(int)status} {body.ToJsonString()}");
        Assert.Equal("提交的信息有误", (string?)body["title"]);
        Assert.NotNull(body["errors"]![field]);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", body["errors"]![field]![0]!.GetValue<string>());
        Assert.Equal(0, await RevisionsAsync("330203ZJJ"));
    }

    [SkippableFact]
    public async Task The_law_page_quotes_the_2022_regulation_word_for_word()
    {
        var html = WebUtility.HtmlDecode(await App.CreateClient().GetStringAsync("/guide/law"));
        var reference = ReferenceText();

        // Article 18 as the reference has it, under its anchor.
        var art18 = reference.Split('\n').Single(l => l.StartsWith("第十八条 ", StringComparison.Ordinal))["第十八条 ".Length..].Trim();
        Assert.Contains("id=\"art-18\"", html, StringComparison.Ordinal);
        Assert.Contains(art18, html, StringComparison.Ordinal);

        // The shipped copy: fifty articles, numbered 1–50 in order, every paragraph found in the reference.
        var law = Regulation.Current;
        Assert.Equal(Enumerable.Range(1, 50), law.Chapters.SelectMany(c => c.Articles).Select(a => a.Number));
        Assert.All(law.Chapters.SelectMany(c => c.Articles).SelectMany(a => a.Paragraphs), p => Assert.Contains(p, reference, StringComparison.Ordinal));
        Assert.Equal("信访工作条例", law.Title);
    }

    [SkippableFact]
    public async Task The_public_home_page_offers_the_petitioners_entries_and_no_internal_figures()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        await registrar.RegisterAsync(AppExtensions.Letter("首页不显示的件"));

        var html = await App.CreateClient().GetStringAsync("/");

        foreach (var href in new[] { "/submit", "/track", "/guide", "/login" })
        {
            Assert.Contains($"href=\"{href}\"", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("件数", html, StringComparison.Ordinal);
        Assert.DoesNotContain("已登记", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", html, StringComparison.Ordinal);
        Assert.Contains("class=\"skip-link\" href=\"#main\"", html, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode, JsonNode)> Put(HttpClient client, string code, object body)
    {
        var response = await client.PutAsJsonAsync($"/api/admin/guides/{code}", body, XinfangApp.Json);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    /// <summary>SHA-256 of the 2022 条例 as published in ../shared/reference, recorded when the repository's copy was checked against it.</summary>
    private const string ReferenceSha256 = "14885b8a6157d5092a21d8e242b9eb2c427ed64496da57a4e11cdfd043dd1869";

    /// <summary>
    /// The reference text of the 条例: ../shared/reference where the checkout has it (and then the repository's copy must
    /// be byte for byte the same); elsewhere — a clean clone in CI — the repository's copy, whose hash must still be the
    /// reference's. Either way the law page is compared with the published text, never skipped.
    /// </summary>
    private static string ReferenceText()
    {
        string? shared = null;
        string? copy = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "reference", "xinfang-regulation-2022.md"), Path.Combine(dir.FullName, "..", "shared", "reference", "xinfang-regulation-2022.md") })
            {
                shared ??= File.Exists(candidate) ? candidate : null;
            }

            var own = Path.Combine(dir.FullName, "src", "Xinfang.Web", "PublicInformation", "xinfang-regulation-2022.md");
            copy ??= File.Exists(own) ? own : null;
        }

        Assert.True(copy is not null, "the repository's copy of the 条例 (src/Xinfang.Web/PublicInformation/xinfang-regulation-2022.md) was not found");
        var bytes = File.ReadAllBytes(copy!);
        Assert.Equal(ReferenceSha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        if (shared is not null)
        {
            Assert.Equal(File.ReadAllBytes(shared), bytes);
        }

        return File.ReadAllText(copy!).Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}

public sealed class PublicInformationOnSqlite(SqliteFixture fixture) : PublicInformationTests(fixture), IClassFixture<SqliteFixture>;

/// <summary>The same on PostgreSQL: the current-revision query (a correlated MAX) and the unique pair there too.</summary>
public sealed class PublicInformationOnPostgres(PostgresFixture fixture) : PublicInformationTests(fixture), IClassFixture<PostgresFixture>;
