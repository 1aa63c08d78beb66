using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Xinfang.Web.Audit;
using Xinfang.Web.Tests.Infrastructure;
using static Xinfang.Web.Tests.TextAnalysis.TextTestData;

namespace Xinfang.Web.Tests.TextAnalysis;

/// <summary>The /hotspots page (热点问题) and its CSV export, on both databases.</summary>
public abstract class HotspotsPageTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    // Four letters on one place and problem, each carrying the writer's name, ID number or phone.
    private static string[] Letters(string place, string source, string problem) =>
    [
        $"我是李四，身份证号11010519491231002X，{place}旁边的{source}每天夜里生产，{problem}很大，影响休息。",
        $"我是李四，电话13912345678，{place}居民反映{source}夜间{problem}扰民，晚上睡不着。",
        $"我是李四，{source}紧挨{place}，大货车夜里进出，{problem}严重。",
        $"我是李四，请求关停{place}附近的{source}，夜间{problem}扰民多次反映未解决。",
    ];

    private static Dictionary<string, object?> Item(string title, string content, DateTimeOffset receivedAt)
    {
        var letter = Letter(title, content);
        letter["receivedAt"] = receivedAt;
        letter["issueLocationCode"] = "330106";
        return letter;
    }

    [SkippableFact]
    public async Task The_page_shows_one_topic_per_place_and_problem_with_links_to_the_callers_items_only()
    {
        var xihu = await App.StaffAsync(Xihu);
        var now = App.Clock.GetUtcNow();
        var cluster = new List<(Guid Id, string Number)>();
        var letters = Letters("丽发新城", "搅拌站", "噪音");
        for (var i = 0; i < letters.Length; i++)
        {
            // One letter early in the 90-day period, three late: a rising trend.
            var (id, number, _, _) = await xihu.RegisterAsync(Item("丽发新城搅拌站夜间噪音", letters[i], now.AddDays(i == 0 ? -80 : -1)));
            cluster.Add((id, number));
        }

        await xihu.RegisterAsync(Item("退休金计算有误", "我的退休金核定比同事少了三百元，请社保部门重新核算。", now.AddDays(-30)));
        await xihu.RegisterAsync(Item("孩子入学难", "外来务工人员子女在本地入学手续太复杂，希望简化。", now.AddDays(-20)));
        await xihu.RegisterAsync(Item("路灯不亮", "文新街道好几条路的路灯坏了一个月没人修。", now));

        // The city bureau's own items on the same matter are outside the district registrar's scope.
        var city = await App.StaffAsync(City);
        var outside = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            outside.Add((await city.RegisterAsync(Item("丽发新城搅拌站噪音", $"丽发新城搅拌站夜间噪音扰民，第{i + 1}次反映。", now.AddDays(-1)))).Number);
        }

        var page = await xihu.Client.GetStringAsync("/hotspots");

        Assert.Contains("<h1>热点问题</h1>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/hotspots\"", page, StringComparison.Ordinal); // the nav link
        var topic = TopicWith(page, cluster[0].Id);
        Assert.Contains("丽发新城", topic, StringComparison.Ordinal);
        Assert.Contains("4 件", topic, StringComparison.Ordinal);
        Assert.Contains("搅拌站", topic, StringComparison.Ordinal);
        Assert.Contains("噪音", topic, StringComparison.Ordinal);
        Assert.Contains("上升", topic, StringComparison.Ordinal);
        Assert.Contains("前半期 1 件，后半期 3 件", topic, StringComparison.Ordinal);
        Assert.Contains("西湖区", topic, StringComparison.Ordinal); // 问题属地 330106, named from the organisation tree
        Assert.Contains("class=\"bar h10\"", topic, StringComparison.Ordinal);
        Assert.Contains("起一周 3 件", topic, StringComparison.Ordinal);
        foreach (var (id, number) in cluster)
        {
            Assert.Contains($"<a href=\"/petitions/{id}\">{number}</a>", topic, StringComparison.Ordinal);
        }

        Assert.All(outside, n => Assert.DoesNotContain(n, page, StringComparison.Ordinal));
        // Names, ID numbers and phones written into the letters never become keywords or labels.
        Assert.DoesNotContain("李四", page, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002", page, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", page, StringComparison.Ordinal);

        // The city bureau sees its own two items and the district's four, all about one matter.
        var cityPage = await city.Client.GetStringAsync("/hotspots");
        Assert.Contains(cluster[0].Number, cityPage, StringComparison.Ordinal);
        Assert.All(outside, n => Assert.Contains(n, cityPage, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_csv_export_holds_the_shown_topics_without_personal_data_and_is_audited()
    {
        var xihu = await App.StaffAsync(Xihu);
        var now = App.Clock.GetUtcNow();
        var numbers = new List<string>();
        foreach (var content in Letters("金沙湾小区", "沥青厂", "臭味"))
        {
            numbers.Add((await xihu.RegisterAsync(Item("金沙湾小区沥青厂夜间臭味", content, now.AddDays(-2)))).Number);
        }

        var exportsBefore = await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Kind == AuditKinds.Export));
        var page = await xihu.Client.GetStringAsync("/hotspots");
        Assert.Contains("/api/hotspots/export?from=", page, StringComparison.Ordinal);

        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var response = await xihu.Client.GetAsync($"/api/hotspots/export?from={today.AddDays(-7):yyyy-MM-dd}&to={today:yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("热点,件数,趋势,前半期件数,后半期件数,地点,关键词,信访件编号", lines[0].TrimStart('\uFEFF'), StringComparison.Ordinal);
        var row = Assert.Single(lines, l => l.Contains(numbers[0], StringComparison.Ordinal));
        Assert.All(numbers, n => Assert.Contains(n, row, StringComparison.Ordinal));
        var cells = row.Split("\",\"");
        Assert.Contains("金沙湾", cells[0], StringComparison.Ordinal); // the label names the place
        Assert.Equal("4", cells[1]);
        Assert.Contains("西湖区", cells[5], StringComparison.Ordinal); // 问题属地
        Assert.NotEmpty(cells[6]); // keywords
        Assert.DoesNotContain("李四", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", csv, StringComparison.Ordinal);
        var entry = await App.WithDbAsync(db => db.AuditEntries.Where(e => e.Kind == AuditKinds.Export).OrderByDescending(e => e.Sequence).FirstAsync());
        Assert.Equal(exportsBefore + 1, await App.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Kind == AuditKinds.Export)));
        Assert.Equal("王登记", entry.ActorName);
        Assert.Contains("导出热点问题", entry.Summary, StringComparison.Ordinal);

        var (bad, problem) = await xihu.GetAsync("/api/hotspots/export?from=2026-13-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("from"));
    }

    [SkippableTheory]
    [InlineData("from=2026-13-01", "起始日期应为 yyyy-MM-dd 格式的日期")]
    [InlineData("to=yesterday", "截止日期应为 yyyy-MM-dd 格式的日期")]
    [InlineData("from=2026-03-10&to=2026-03-01", "起始日期不能晚于截止日期")]
    [InlineData("from=2020-01-01&to=2026-03-01", "统计期间不能超过366天")]
    [InlineData("top=0", "热点个数应为1至50的整数")]
    public async Task Bad_input_shows_the_use_cases_chinese_message_in_the_page(string query, string message)
    {
        var xihu = await App.StaffAsync(Xihu);
        var response = await xihu.Client.GetAsync($"/hotspots?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", page, StringComparison.Ordinal);
        Assert.Contains(message, page, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"topic\"", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Anonymous_users_are_sent_to_sign_in_and_roles_that_read_no_items_are_not_offered_the_page()
    {
        var anonymous = await App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/hotspots");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/login", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
        var anonymousExport = await App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/api/hotspots/export");
        Assert.NotEqual(HttpStatusCode.OK, anonymousExport.StatusCode);

        // Administrators manage and read no items; leaders do read their jurisdiction's (issue 13).
        var leader = await App.StaffAsync("demo.zj.admin");
        var page = await leader.Client.GetStringAsync("/hotspots");
        Assert.Contains("只对查阅信访件的岗位", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/hotspots\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"get\" action=\"/hotspots\"", page, StringComparison.Ordinal);

        var handler = await App.StaffAsync("demo.xihu.zjj.handler");
        Assert.Contains("href=\"/hotspots\"", await handler.Client.GetStringAsync("/workbench"), StringComparison.Ordinal);
    }

    /// <summary>The HTML of the one topic that links to the item.</summary>
    private static string TopicWith(string page, Guid id)
    {
        var at = page.IndexOf($"/petitions/{id}", StringComparison.Ordinal);
        Assert.True(at >= 0, "the item is not listed in any topic");
        var start = page.LastIndexOf("<li class=\"topic\"", at, StringComparison.Ordinal);
        var end = page.IndexOf("<li class=\"topic\"", at, StringComparison.Ordinal) is var next and >= 0 ? next : page.Length;
        Assert.True(start >= 0);
        return page[start..end];
    }
}

public sealed class HotspotsPageOnSqlite(SqliteFixture fixture) : HotspotsPageTests(fixture), IClassFixture<SqliteFixture>;

public sealed class HotspotsPageOnPostgres(PostgresFixture fixture) : HotspotsPageTests(fixture), IClassFixture<PostgresFixture>;
