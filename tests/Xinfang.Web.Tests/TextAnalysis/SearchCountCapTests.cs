using System.Net;
using Xinfang.Web.Tests.Infrastructure;
using static Xinfang.Web.Tests.TextAnalysis.TextTestData;

namespace Xinfang.Web.Tests.TextAnalysis;

/// <summary>
/// 全文检索 counts its hits only up to a cap (issue 16: a word in most of ten million items would be counted on every page)
/// and finds the next page by reading one row more, not from the count. The cap is 3 here so a handful of items shows it.
/// </summary>
public sealed class SearchCountCapTests
{
    [SkippableTheory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_search_counts_up_to_the_cap_and_pages_on_without_counting_everything(Provider provider)
    {
        using var app = new XinfangApp(provider, settings: new Dictionary<string, string> { ["Xinfang:Search:CountCap"] = "3" });
        var xihu = await app.StaffAsync(Xihu);
        var ids = new List<Guid>();
        for (var i = 0; i < 21; i++)
        {
            ids.Add((await xihu.RegisterAsync(Letter($"桥梁护栏破损{i}", "村口桥梁的护栏被货车撞坏，一直没有修复，学生上学很危险。"))).Id);
        }

        await xihu.RegisterAsync(Letter("路灯不亮", "小区北门外路灯坏了三个月，夜里漆黑一片。"));
        await xihu.RegisterAsync(Letter("路灯损坏", "南门外的路灯也坏了，请尽快修复。"));

        var first = await xihu.FullTextAsync("护栏");
        Assert.Equal(3, first["total"]!.GetValue<int>());
        Assert.True(first["totalCapped"]!.GetValue<bool>());
        Assert.True(first["hasNext"]!.GetValue<bool>());
        // Newest first: the page is the last 20 registered.
        Assert.Equal(Enumerable.Reverse(ids).Take(20), first.Ids());
        var second = await xihu.FullTextAsync("护栏", page: 2);
        Assert.Equal([ids[0]], second.Ids());
        Assert.False(second["hasNext"]!.GetValue<bool>());
        // The last page knows the total from its own rows (21), still shown up to the cap.
        Assert.Equal(3, second["total"]!.GetValue<int>());
        Assert.True(second["totalCapped"]!.GetValue<bool>());

        // Under the cap the count is exact.
        var few = await xihu.FullTextAsync("路灯");
        Assert.Equal(2, few["total"]!.GetValue<int>());
        Assert.False(few["totalCapped"]!.GetValue<bool>());
        Assert.False(few["hasNext"]!.GetValue<bool>());

        // The page says so, and offers the next page from the row read beyond it.
        var page = WebUtility.HtmlDecode(await xihu.Client.GetStringAsync($"/search?q={Uri.EscapeDataString("护栏")}"));
        Assert.Contains("共 3 件以上（第 1 页）", page, StringComparison.Ordinal);
        Assert.Contains("下一页", page, StringComparison.Ordinal);
        var last = WebUtility.HtmlDecode(await xihu.Client.GetStringAsync($"/search?q={Uri.EscapeDataString("护栏")}&page=2"));
        Assert.DoesNotContain("下一页", last, StringComparison.Ordinal);
        var exact = WebUtility.HtmlDecode(await xihu.Client.GetStringAsync($"/search?q={Uri.EscapeDataString("路灯")}"));
        Assert.Contains("共 2 件（第 1 页）", exact, StringComparison.Ordinal);
    }
}
