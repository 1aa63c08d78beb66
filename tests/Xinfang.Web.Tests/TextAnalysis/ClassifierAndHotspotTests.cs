using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Xinfang.Web.Tests.Infrastructure;
using Xinfang.Web.TextAnalysis;
using static Xinfang.Web.Tests.TextAnalysis.TextTestData;

namespace Xinfang.Web.Tests.TextAnalysis;

/// <summary>The classifier's lifecycle (fallback → trained on the deployment's labels → model file) and hot spots, on both databases.</summary>
public abstract class ClassifierAndHotspotTests(AppFixture fixture)
{
    private XinfangApp App => fixture.App;

    private static readonly Dictionary<string, string[]> Sentences = new()
    {
        ["城乡建设"] = ["物业公司乱收停车费", "小区电梯经常故障无人维修", "开发商延期交房不支付违约金", "老旧小区改造工程质量差", "房屋漏水物业推诿不修", "业主大会选举物业被阻挠"],
        ["劳动和社会保障"] = ["公司拖欠工资半年未发", "老板不给缴纳社会保险", "工伤认定迟迟没有结果", "单位违法解除劳动合同", "农民工工资被包工头卷走", "养老保险转移接续办不了"],
        ["环境保护"] = ["化工厂夜间偷排废水", "砖厂烟尘污染严重", "河道被倾倒建筑垃圾", "养殖场臭气熏天", "工厂噪声昼夜不停", "废品站焚烧电线产生黑烟"],
    };

    [SkippableFact]
    public async Task The_classifier_falls_back_to_keywords_then_learns_from_the_deployments_own_labels()
    {
        var registrar = await App.StaffAsync(Xihu);
        var probe = new { title = "公司拖欠工资", content = "我在建筑公司打工，老板拖欠工资三个月，社会保险也没有缴纳。" };
        var before = await registrar.AnalyzeAsync(probe);
        Assert.True(before["contentClass"]!["isFallback"]!.GetValue<bool>());
        var service = App.Services.GetRequiredService<ClassifierService>();
        Assert.False(Directory.Exists(service.Folder) && Directory.GetFiles(service.Folder, "*.xftc").Length > 0);

        // Too few labelled items: the administrator's retrain is skipped, the fallback stays.
        var admin = await App.StaffAsync(Admin);
        var (_, skipped) = await admin.PostAsync("/api/text/classifier/retrain", null);
        Assert.False(skipped["trained"]!.GetValue<bool>());

        var rng = new Random(5);
        foreach (var (label, sentences) in Sentences)
        {
            for (var i = 0; i < 20; i++)
            {
                var picked = sentences.OrderBy(_ => rng.Next()).Take(3).ToArray();
                await registrar.RegisterAsync(Letter(picked[0], $"{string.Join("，", picked)}，第{i}次反映，请求处理。", contentClass: label));
            }
        }

        var (forbidden, _) = await registrar.PostAsync("/api/text/classifier/retrain", null);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        var (status, trained) = await admin.PostAsync("/api/text/classifier/retrain", null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(trained["trained"]!.GetValue<bool>(), trained.ToJsonString());
        Assert.Equal(60, trained["labelledItems"]!.GetValue<int>());

        var after = await registrar.AnalyzeAsync(probe);
        Assert.False(after["contentClass"]!["isFallback"]!.GetValue<bool>());
        Assert.Equal("劳动和社会保障", after["contentClass"]!["label"]!.GetValue<string>());
        Assert.Equal(trained["modelVersion"]!.GetValue<string>(), after["contentClass"]!["modelVersion"]!.GetValue<string>());
        Assert.Single(Directory.GetFiles(service.Folder, "*.xftc"));
        Assert.False(after["contentClass"]!["isUnsure"]!.GetValue<bool>(), after.ToJsonString());

        // Issue 15: a letter about two matters at once: the two classes it hesitates between are named
        // (the page shows 不确定：可能是 A 或 B when the confidence is below the bar).
        var mixed = await registrar.AnalyzeAsync(new { title = "工厂的问题", content = "公司拖欠工资半年未发，老板不给缴纳社会保险，化工厂夜间偷排废水，工厂噪声昼夜不停。" });
        var suggestion = mixed["contentClass"]!;
        Assert.Equal(suggestion["confidence"]!.GetValue<double>() < Xinfang.Text.ClassifierModel.UnsureBelow, suggestion["isUnsure"]!.GetValue<bool>());
        Assert.Equal(["劳动和社会保障", "环境保护"], new[] { suggestion["label"]!.GetValue<string>(), suggestion["runnerUp"]!.GetValue<string>() }.Order(StringComparer.Ordinal));

        // The registrar corrects a suggestion: recorded as corrected, visible in the status.
        var (_, earlier) = await registrar.GetAsync("/api/text/classifier");
        await registrar.RegisterAsync(Letter(probe.title, probe.content, contentClass: "城乡建设"));
        var (_, state) = await registrar.GetAsync("/api/text/classifier");
        Assert.True(state["hasModel"]!.GetValue<bool>());
        Assert.Equal(earlier["corrected"]!.GetValue<int>() + 1, state["corrected"]!.GetValue<int>());
        Assert.Equal(earlier["accepted"]!.GetValue<int>(), state["accepted"]!.GetValue<int>());
        Assert.Contains(state["topCorrections"]!.AsArray(), c => c!["suggested"]!.GetValue<string>() == "劳动和社会保障" && c["chosen"]!.GetValue<string>() == "城乡建设");
        // Registering with the suggested class counts as accepted.
        await registrar.RegisterAsync(Letter(probe.title, probe.content, contentClass: "劳动和社会保障"));
        var (_, last) = await registrar.GetAsync("/api/text/classifier");
        Assert.Equal(earlier["accepted"]!.GetValue<int>() + 1, last["accepted"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Hot_spots_group_an_obvious_cluster_in_the_callers_scope()
    {
        var city = await App.StaffAsync(Xihu);
        var from = DateOnly.FromDateTime(App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var cluster = new List<Guid>();
        string[] variants =
        [
            "金沙湾小区旁边的搅拌站每天夜里生产，噪音很大，粉尘飘进家里。",
            "金沙湾小区居民反映搅拌站粉尘污染，晚上噪音吵得睡不着。",
            "搅拌站紧挨金沙湾小区，大货车进出，噪音和粉尘严重。",
            "请求关停金沙湾小区附近的搅拌站，夜间噪音扰民。",
            "金沙湾小区门口搅拌站粉尘噪音问题一直没有解决。",
        ];
        foreach (var v in variants)
        {
            cluster.Add((await city.RegisterAsync(Letter("搅拌站噪音粉尘扰民", v))).Id);
        }

        await city.RegisterAsync(Letter("退休金计算有误", "我的退休金核定比同事少了三百元，请社保部门重新核算。"));
        await city.RegisterAsync(Letter("孩子入学难", "外来务工人员子女在本地入学手续太复杂，希望简化。"));
        var to = from.AddDays(1);

        var (status, result) = await city.GetAsync($"/api/hotspots?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&top=20");

        Assert.Equal(HttpStatusCode.OK, status);
        var topic = result["topics"]!.AsArray().First(t => t!["members"]!.AsArray().Any(m => cluster.Contains(m!["id"]!.GetValue<Guid>())))!;
        var members = topic["members"]!.AsArray().Select(m => m!["id"]!.GetValue<Guid>()).ToHashSet();
        Assert.True(members.IsSupersetOf(cluster));
        Assert.All(topic["members"]!.AsArray(), m => Assert.Contains("330106XFJ-", m!["number"]!.GetValue<string>(), StringComparison.Ordinal));
        var words = topic["keywords"]!.AsArray().Concat(topic["places"]!.AsArray()).Select(k => k!.GetValue<string>()).ToList();
        Assert.Contains("搅拌站", words);
        Assert.Contains(topic["places"]!.AsArray(), p => p!.GetValue<string>().Contains("金沙湾", StringComparison.Ordinal));
        Assert.Contains(topic["trend"]!.GetValue<string>(), new[] { "上升", "下降", "持平" });

        // The city bureau above sees its jurisdiction's items; a unit they never reached does not.
        var above = await App.StaffAsync(City);
        var (_, cityView) = await above.GetAsync($"/api/hotspots?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        Assert.Contains(cityView["topics"]!.AsArray(), t => t!["members"]!.AsArray().Any(m => cluster.Contains(m!["id"]!.GetValue<Guid>())));
        var unit = await App.StaffAsync("demo.xihu.rsj.handler");
        var (_, elsewhere) = await unit.GetAsync($"/api/hotspots?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
        Assert.DoesNotContain(elsewhere["topics"]!.AsArray(), t => t!["members"]!.AsArray().Any(m => cluster.Contains(m!["id"]!.GetValue<Guid>())));
    }

    [SkippableTheory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("top=0", "top")]
    [InlineData("from=2026-03-10&to=2026-03-01", "from")]
    [InlineData("from=2020-01-01&to=2026-03-01", "from")]
    public async Task Bad_hot_spot_input_is_a_400_naming_the_field(string query, string field)
    {
        var city = await App.StaffAsync(City);
        var (status, problem) = await city.GetAsync($"/api/hotspots?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }
}

public sealed class ClassifierAndHotspotOnSqlite(SqliteFixture fixture) : ClassifierAndHotspotTests(fixture), IClassFixture<SqliteFixture>;

public sealed class ClassifierAndHotspotOnPostgres(PostgresFixture fixture) : ClassifierAndHotspotTests(fixture), IClassFixture<PostgresFixture>;
