using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Xinfang.Domain.Common;
using Xinfang.Web.Tests.Infrastructure;

namespace Xinfang.Web.Tests.Workbench;

/// <summary>
/// The workbench of issue 13 through the pages and the API, on SQLite and PostgreSQL: who sees what (a leader
/// reads the jurisdiction and acts on nothing; an accusation never reaches the accused body), the work list's
/// sorting, paging and filters, the one find box by each kind, 批量转送 with per-item results, the export.
/// </summary>
public abstract partial class WorkbenchTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    /// <summary>A content class no other test uses: filtering by it gives exactly this test's items.</summary>
    private static string Tag() => "W" + Guid.NewGuid().ToString("N")[..8];

    private static Dictionary<string, object?> Letter(string title, string tag, string? name = null, string? phone = null, string? id = null, string form = "Letter")
    {
        var letter = AppExtensions.Letter(title);
        letter["form"] = form;
        letter["contentClassCode"] = tag;
        var person = (Dictionary<string, object?>)((Array)letter["petitioners"]!).GetValue(0)!;
        person["name"] = name ?? "王建国";
        person["phone"] = phone ?? "13912345678";
        person["idNumber"] = id ?? "11010519491231002X";
        return letter;
    }

    [SkippableFact]
    public async Task A_leader_reads_the_jurisdictions_items_read_only_and_never_an_accusation_against_its_body()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var tag = Tag();
        var (id, number, _, _) = await registrar.RegisterAsync(Letter("领导查阅测试：路灯不亮", tag));
        await registrar.ActAsync(id, "forward", new { targetOrganizationId = registrar.Org("330106ZJJ") });

        // An accusation against a unit of the district (Art. 30 ¶3): the leader oversees it, the accused unit never sees it.
        var accusation = Letter("举报区人社局某干部", tag);
        accusation["category"] = "Accusation";
        accusation["purpose"] = "Accusation";
        accusation["accused"] = "区人社局某干部";
        accusation["accusedOrganizationId"] = registrar.Org("330106RSJ");
        var (accusationId, accusationNumber, _, _) = await registrar.RegisterAsync(accusation);
        var accused = await App.StaffAsync("demo.xihu.rsj.handler");

        var leader = await App.StaffAsync("demo.xihu.leader");
        var (status, list) = await leader.GetAsync($"/api/workbench/items?class={tag}");
        Assert.Equal(HttpStatusCode.OK, status);
        var ids = list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();
        Assert.Contains(id, ids);
        Assert.Contains(accusationId, ids);
        Assert.Equal("西湖区住房和城乡建设局", list["items"]!.AsArray().Single(i => i!["id"]!.GetValue<Guid>() == id)!["holderName"]!.GetValue<string>());

        // The item page opens (no more 未找到), shows no action form, and personal data stays masked.
        var page = WebUtility.HtmlDecode(await leader.Client.GetStringAsync($"/petitions/{id}"));
        Assert.Contains(number, page, StringComparison.Ordinal);
        Assert.DoesNotContain("未找到", page, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"act\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", page, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", page, StringComparison.Ordinal);
        // Acting is refused; the accusation answers as unknown.
        Assert.Equal(HttpStatusCode.Forbidden, (await leader.PostAsync($"/api/petitions/{id}/forward", new { targetOrganizationId = registrar.Org("330106RSJ") })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await accused.GetAsync($"/api/petitions/{accusationId}")).Status);
        var (_, batch) = await leader.PostAsync("/api/workbench/batch", new { action = "forward", ids = new[] { id }, targetOrganizationId = registrar.Org("330106RSJ") });
        Assert.False(batch.AsArray().Single()!["done"]!.GetValue<bool>());

        // The accused unit finds it neither by number nor by words, nor lists it in its jurisdiction.
        var (_, byNumber) = await accused.PostAsync("/api/workbench/find", new { q = accusationNumber });
        Assert.Empty(byNumber.AsArray());
        var (_, byWords) = await accused.PostAsync("/api/workbench/find", new { q = "区人社局某干部" });
        Assert.DoesNotContain(byWords.AsArray(), f => f!["id"]!.GetValue<Guid>() == accusationId);
        var (_, accusedList) = await accused.GetAsync($"/api/workbench/items?class={tag}&view=jurisdiction");
        Assert.Empty(accusedList["items"]!.AsArray());
        Assert.DoesNotContain(accusationNumber, await accused.Client.GetStringAsync($"/workbench?class={tag}&view=jurisdiction"), StringComparison.Ordinal);

        // The home: the jurisdiction's figures and the link to the statistics.
        var home = WebUtility.HtmlDecode(await leader.Client.GetStringAsync("/workbench"));
        Assert.Contains("本辖区概况", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/statistics\"", home, StringComparison.Ordinal);
        Assert.Contains(number, WebUtility.HtmlDecode(await leader.Client.GetStringAsync($"/workbench?class={tag}")), StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"ids\"", home, StringComparison.Ordinal);

        // The statistics drill-down answers a leader with the items (it said 领导查看统计数字 before).
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/statistics/items?code=repeat&part=denominator")).Status);
        var drillResponse = await leader.Client.GetAsync("/statistics/items?code=repeat&part=denominator");
        var drill = WebUtility.HtmlDecode(await drillResponse.Content.ReadAsStringAsync());
        Assert.True(drillResponse.IsSuccessStatusCode, $"{(int)drillResponse.StatusCode} {drill}");
        Assert.DoesNotContain("role=\"alert\"", drill, StringComparison.Ordinal);
        Assert.Contains("重复信访率（分母）明细", drill, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_list_sorts_by_any_column_pages_past_any_size_and_filters_by_the_address()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var tag = Tag();
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((await registrar.RegisterAsync(Letter($"排序测试{i}", tag, form: i == 2 ? "Visit" : "Letter"))).Number);
        }

        // Paging one at a time by number: three pages, in order, the last without a next.
        var seen = new List<string>();
        for (var p = 1; p <= 3; p++)
        {
            var (_, page) = await registrar.GetAsync($"/api/workbench/items?class={tag}&sort=Number&size=1&page={p}");
            seen.Add(page["items"]!.AsArray().Single()!["number"]!.GetValue<string>());
            Assert.Equal(p < 3, page["hasNext"]!.GetValue<bool>());
            Assert.Equal(3, page["total"]!.GetValue<int>());
        }

        Assert.Equal(numbers.Order(StringComparer.Ordinal), seen);
        var (_, descending) = await registrar.GetAsync($"/api/workbench/items?class={tag}&sort=Number&dir=desc");
        Assert.Equal(numbers.OrderDescending(StringComparer.Ordinal), descending["items"]!.AsArray().Select(i => i!["number"]!.GetValue<string>()));

        // Filters: by channel, by state, by dates; every row says its days left and level in words.
        var (_, visits) = await registrar.GetAsync($"/api/workbench/items?class={tag}&form=Visit");
        Assert.Equal(numbers[2], visits["items"]!.AsArray().Single()!["number"]!.GetValue<string>());
        var (_, normal) = await registrar.GetAsync($"/api/workbench/items?class={tag}&level=Normal");
        Assert.Equal(3, normal["items"]!.AsArray().Count);
        Assert.All(normal["items"]!.AsArray(), i => Assert.Equal(15, i!["daysLeft"]!.GetValue<int>()));
        var (_, overdue) = await registrar.GetAsync($"/api/workbench/items?class={tag}&level=Overdue");
        Assert.Empty(overdue["items"]!.AsArray());
        var (_, future) = await registrar.GetAsync($"/api/workbench/items?class={tag}&from=2099-01-01");
        Assert.Empty(future["items"]!.AsArray());

        // Bad filters are refused in Chinese, never a 500.
        foreach (var bad in new[] { "state=Nonsense", "page=0", "size=201", "from=2026-13-01", "sort=Title", "level=3", "view=all" })
        {
            var (badStatus, problem) = await registrar.GetAsync($"/api/workbench/items?{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, badStatus);
            Assert.Matches(HanText(), string.Join(' ', problem["errors"]!.AsObject().SelectMany(e => e.Value!.AsArray()).Select(m => m!.GetValue<string>())));
        }

        // The page: the filter stays in the address (sort links and pager keep it), the columns in Chinese.
        var html = WebUtility.HtmlDecode(await registrar.Client.GetStringAsync($"/workbench?class={tag}&size=2&sort=Number"));
        Assert.Contains("剩余天数", html, StringComparison.Ordinal);
        Assert.Contains("15天（正常）", html, StringComparison.Ordinal);
        Assert.Contains($"/workbench?class={tag}&sort=Number&page=2&size=2", html, StringComparison.Ordinal);
        Assert.Contains($"内容分类：{tag}", html, StringComparison.Ordinal);
        Assert.Contains("王**", html, StringComparison.Ordinal);
        Assert.DoesNotContain("王建国", html, StringComparison.Ordinal);
        var errorPage = await registrar.Client.GetAsync("/workbench?from=junk");
        Assert.Equal(HttpStatusCode.OK, errorPage.StatusCode);
        Assert.Contains("筛选条件有误", await errorPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_find_box_finds_by_number_name_id_phone_and_words_and_says_why()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var tag = Tag();
        var serial = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var phone = "137" + serial;
        var first17 = "33010619800101" + serial[..3];
        var idNumber = first17 + ChineseIdNumber.CheckCharacter(first17);
        const string Stems = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥";
        var name = "查" + Stems[Random.Shared.Next(Stems.Length)] + Stems[Random.Shared.Next(Stems.Length)] + "找";
        var (id, number, _, _) = await registrar.RegisterAsync(Letter($"查找测试{tag}：窨井盖缺失", tag, name, phone, idNumber));

        async Task<List<string>> ReasonsAsync(Staff staff, string q)
        {
            var (status, found) = await staff.PostAsync("/api/workbench/find", new { q });
            Assert.Equal(HttpStatusCode.OK, status);
            var hit = found.AsArray().SingleOrDefault(f => f!["id"]!.GetValue<Guid>() == id);
            return hit is null ? [] : hit["reasons"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
        }

        Assert.Contains("编号", await ReasonsAsync(registrar, number.ToLowerInvariant()));
        Assert.Contains("电话", await ReasonsAsync(registrar, phone));
        Assert.Contains("证件号", await ReasonsAsync(registrar, idNumber));
        Assert.Contains("姓名", await ReasonsAsync(registrar, name));
        Assert.Contains("内容", await ReasonsAsync(registrar, "窨井盖"));

        // Scope: a unit that never had the item finds nothing, not even by its number.
        var other = await App.StaffAsync("demo.xihu.rsj.handler");
        Assert.Empty(await ReasonsAsync(other, number));
        Assert.Empty(await ReasonsAsync(other, phone));

        // The page: posted from the header box (the text never in the address), results with their reasons, no phone or ID shown.
        var client = registrar.Client;
        var token = await Security.SecurityApp.AntiforgeryTokenAsync(client, "/workbench");
        var response = await client.PostAsync("/find", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "find",
            ["q"] = phone,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(number, html, StringComparison.Ordinal);
        Assert.Contains("按电话匹配", html, StringComparison.Ordinal);
        Assert.DoesNotContain(idNumber, html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await registrar.PostAsync("/api/workbench/find", new { q = "" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await registrar.PostAsync("/api/workbench/find", new { q = "a\u0001b" })).Status);
    }

    [SkippableFact]
    public async Task Batch_forward_goes_item_by_item_and_reports_each_and_the_export_carries_the_list()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var tag = Tag();
        var (a, numberA, _, _) = await registrar.RegisterAsync(Letter("批量测试甲", tag));
        var (b, numberB, _, _) = await registrar.RegisterAsync(Letter("批量测试乙", tag));
        // One already forwarded: the batch refuses it with its reason and goes on with the others.
        await registrar.ActAsync(b, "forward", new { targetOrganizationId = registrar.Org("330106RSJ") });
        var (c, numberC, _, _) = await registrar.RegisterAsync(Letter("批量测试丙", tag));

        // The export first, while all three are listed: Chinese headers, the filter in the title row.
        var export = await registrar.Client.GetAsync($"/api/workbench/items/export?class={tag}&view=jurisdiction");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = ReadSheet(await export.Content.ReadAsByteArrayAsync());
        Assert.Contains($"内容分类：{tag}", rows[0][0], StringComparison.Ordinal);
        Assert.Equal(["编号", "标题", "剩余天数", "预警级别", "登记日期", "信访形式", "信访人", "当前承办单位", "首办责任人", "状态", "到期日"], rows[1]);
        Assert.Equal(new[] { numberA, numberB, numberC }.Order(StringComparer.Ordinal), rows.Skip(2).Select(r => r[0]).Order(StringComparer.Ordinal));
        Assert.All(rows.Skip(2), r => Assert.Equal("王**", r[6]));

        // The batch through the page: checkboxes, one target, a result per item.
        var token = await Security.SecurityApp.AntiforgeryTokenAsync(registrar.Client, $"/workbench?class={tag}");
        var form = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token),
            new("_handler", "batch"),
            new("batchAction", "forward"),
            new("target", registrar.Org("330106ZJJ").ToString()),
            new("ids", a.ToString()),
            new("ids", b.ToString()),
            new("ids", c.ToString()),
        };
        var response = await registrar.Client.PostAsync($"/workbench?class={tag}", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("成功 2 件，未办理 1 件", html, StringComparison.Ordinal);
        Assert.Contains($"{numberA}：已转送", html, StringComparison.Ordinal);
        Assert.Contains($"{numberC}：已转送", html, StringComparison.Ordinal);
        Assert.Matches($"{Regex.Escape(numberB)}：[^<]*本单位不是", html);
        foreach (var done in new[] { a, c })
        {
            var (_, item) = await registrar.GetAsync($"/api/petitions/{done}");
            Assert.Equal(registrar.Org("330106ZJJ"), item["currentOrganizationId"]!.GetValue<Guid>());
        }

        var (_, stillThere) = await registrar.GetAsync($"/api/petitions/{b}");
        Assert.Equal(registrar.Org("330106RSJ"), stillThere["currentOrganizationId"]!.GetValue<Guid>());

        // The API: an unknown id is reported as such, a bad action refused as a whole.
        var (_, results) = await registrar.PostAsync("/api/workbench/batch", new { action = "assign", ids = new[] { Guid.NewGuid() }, targetOrganizationId = registrar.Org("330106ZJJ"), reportDueOn = "2026-04-01" });
        Assert.Equal("未找到该信访件", results.AsArray().Single()!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await registrar.PostAsync("/api/workbench/batch", new { action = "close", ids = new[] { a } })).Status);
    }

    [SkippableFact]
    public async Task Each_role_sees_its_own_counts_linking_to_its_lists()
    {
        var registrar = await App.StaffAsync("demo.xihu.registrar");
        var (_, counts) = await registrar.GetAsync("/api/workbench/home");
        // The duty module's counts (缺报, 紧急报告, 议定事项) follow the demo's special period and this app's moving
        // clock, which other tests of the class advance; DutyApiTests check them. Here: the petition work's counts.
        static bool IsDuty(string key) => key.StartsWith("duty-", StringComparison.Ordinal) || key.StartsWith("urgent-", StringComparison.Ordinal) || key.StartsWith("decisions", StringComparison.Ordinal);
        var keys = counts.AsArray().Select(c => c!["key"]!.GetValue<string>()).Where(k => !IsDuty(k)).ToList();
        Assert.Equal(["new", "returned", "instructions", "mine", "near", "overdue", "supervised"], keys);
        Assert.Equal("/workbench?state=Registered", counts.AsArray()[0]!["link"]!.GetValue<string>());

        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        var (_, unit) = await handler.GetAsync("/api/workbench/home");
        Assert.Contains("forwarded", unit.AsArray().Select(c => c!["key"]!.GetValue<string>()));

        var reviewer = await App.StaffAsync("demo.hz.zjj.reviewer");
        var (_, review) = await reviewer.GetAsync("/api/workbench/home");
        Assert.Contains("review", review.AsArray().Select(c => c!["key"]!.GetValue<string>()));

        var supervisor = await App.StaffAsync("demo.xihu.supervisor");
        var (_, jurisdiction) = await supervisor.GetAsync("/api/workbench/home");
        Assert.Equal("/workbench?view=jurisdiction&level=Overdue", jurisdiction.AsArray().Single(c => c!["key"]!.GetValue<string>() == "overdue")!["link"]!.GetValue<string>());

        var admin = await App.StaffAsync("demo.zj.admin");
        var (_, none) = await admin.GetAsync("/api/workbench/home");
        Assert.Empty(none.AsArray());
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanText();

    /// <summary>The first sheet's rows as text (inline or shared strings).</summary>
    private static List<List<string>> ReadSheet(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return workbook.WorksheetParts.Single().Worksheet!.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
            c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText
            : c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
            : c.CellValue?.Text ?? string.Empty).ToList()).ToList();
    }
}

public sealed class WorkbenchOnSqlite(SqliteFixture fixture) : WorkbenchTests(fixture), IClassFixture<SqliteFixture>;

public sealed class WorkbenchOnPostgres(PostgresFixture fixture) : WorkbenchTests(fixture), IClassFixture<PostgresFixture>;
