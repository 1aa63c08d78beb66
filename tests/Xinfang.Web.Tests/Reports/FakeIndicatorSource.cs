using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Xinfang.Web.Identity;
using Xinfang.Web.Statistics;

namespace Xinfang.Web.Tests.Reports;

/// <summary>
/// Hand-built figures for the tests of what is made from the numbers (dashboard, exports, report): the seed
/// report's own figures (泰宁 2020: 275批387件, 网上信访218件 79.3%, 11.4天, 98.2%, 13.4%, 满意率97.3%/99.2%,
/// 参评率97.5%; 临汾: 1499 of 1627 = 92.13%) for any period starting in 2026, a smaller year for 2025 (同比),
/// nothing before. It records who asked, so a test can see the caller the source saw.
/// (Also compiled into the browser tests, where module Statistics' real source replaces it once merged.)
/// </summary>
public sealed class FakeIndicatorSource(IHttpContextAccessor accessor) : IIndicatorSource
{
    public static readonly List<(Guid Organization, string? Role, StatisticsScope Scope)> Calls = [];

    public const string FormulaDomain = "=HYPERLINK(\"http://evil\",\"点击\")";

    public Task<StatisticsResult> ComputeAsync(StatisticsScope scope, CancellationToken ct)
    {
        var user = accessor.HttpContext?.User ?? new ClaimsPrincipal();
        lock (Calls)
        {
            Calls.Add((Guid.TryParse(user.FindFirstValue(IdentitySetup.OrganizationClaim), out var org) ? org : Guid.Empty, user.FindFirstValue(IdentitySetup.RoleClaim), scope));
        }

        return Task.FromResult(scope.From.Year switch
        {
            2026 => ThisYear(scope),
            2025 => LastYear(scope),
            _ => Empty(scope),
        });
    }

    public Task<IReadOnlyList<ItemBehindFigure>> ItemsBehindAsync(StatisticsScope scope, string code, FigurePart part, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ItemBehindFigure>>(
        [
            new(Guid.Parse("0190a000-0000-7000-8000-000000000001"), "XF3301062026000001", $"{code}-{part}-甲", "网上信访", "已办结", new DateOnly(2026, 1, 5), "西湖区住房和城乡建设局", new DateOnly(2026, 3, 5), new DateOnly(2026, 2, 1)),
            new(Guid.Parse("0190a000-0000-7000-8000-000000000002"), "XF3301062026000002", $"{code}-{part}-乙", "来信", "办理中", new DateOnly(2026, 2, 9), null, null, null),
        ]);

    private static Indicator I(string code, string name, Side side, long n, long d, bool average = false) =>
        new(code, name, side, new Ratio(n, d), average, $"{name}的分子", $"{name}的分母", $"{name}：分子 ÷ 分母（测试口径）");

    public static StatisticsResult ThisYear(StatisticsScope scope) => new(
        scope, "西湖区信访局", new DateTimeOffset(2026, 12, 31, 9, 0, 0, TimeSpan.FromHours(8)),
        new VolumeRow("total", "合计", 275, 387, 410),
        [
            I(IndicatorCodes.TimelyAcceptance, "及时受理率", Side.All, 387, 387),
            I(IndicatorCodes.OnTimeClosure, "按期办结率", Side.All, 370, 380),
            I(IndicatorCodes.Participation, "参评率", Side.All, 156, 160),
            I(IndicatorCodes.Satisfaction, "满意率", Side.Bureau, 146, 150),
            I(IndicatorCodes.Satisfaction, "满意率", Side.Unit, 248, 250),
            I(IndicatorCodes.Repeat, "重复信访率", Side.All, 52, 387),
            I(IndicatorCodes.OnlineShare, "网上信访占比", Side.All, 218, 275),
            I(IndicatorCodes.AverageDays, "平均办理天数", Side.All, 4418, 387, average: true),
            I(IndicatorCodes.FirstTimeClosure, "一次性办结率", Side.All, 380, 387),
            I(IndicatorCodes.Resolution, "化解率", Side.All, 1499, 1627),
        ],
        [
            new(CountCodes.Forwarded, "转送", 120), new(CountCodes.Assigned, "交办", 80), new(CountCodes.Supervised, "督办", 15),
            new(CountCodes.NotTakenUp, "不予受理", 6), new(CountCodes.NotTakenUpAgain, "不再受理", 3),
            new(CountCodes.Collective, "集体访", 4), new(CountCodes.SkipLevel, "越级访", 2),
            new(CountCodes.Reviews, "复查", 9), new(CountCodes.ReviewsUpheld, "复查维持", 7), new(CountCodes.ReviewsRevoked, "复查撤销", 1), new(CountCodes.ReviewsChanged, "复查变更", 1),
            new(CountCodes.ReReviews, "复核", 3), new(CountCodes.ReReviewsUpheld, "复核维持", 3), new(CountCodes.ReReviewsRevoked, "复核撤销", 0), new(CountCodes.ReReviewsChanged, "复核变更", 0),
            new(CountCodes.Recommendations, "提出改进工作建议", 5), new(CountCodes.RecommendationsAdopted, "建议被采纳", 4),
        ],
        [
            new(BreakdownCodes.Channel, "信访形式", [new("Letter", "来信", 100, 100, 100), new("Visit", "来访", 30, 50, 73), new("Phone", "来电", 19, 19, 19), new("Online", "网上信访", 126, 218, 218)]),
            new(BreakdownCodes.Purpose, "信访目的", [new("Request", "求决", 200, 280, 300), new("Suggestion", "建议", 75, 107, 110)]),
            new(BreakdownCodes.ContentClass, "内容分类", [new("urban", "城乡建设", 150, 200, 210), new("labour", "劳动社会保障", 125, 187, 200)]),
            new(BreakdownCodes.ProblemLocation, "问题属地", [new("330106", "西湖区", 275, 387, 410)]),
            new(BreakdownCodes.Level, "层级", [new("County", "县级", 275, 387, 410)]),
        ],
        Enumerable.Range(1, 12).Select(m => new MonthRow(2026, m, 30 + m, new Ratio(29 + m, 30 + m), new Ratio(10, 11))).ToList(),
        [
            new(Guid.Parse("0190a000-0000-7000-8000-0000000000a1"), "西湖区住房和城乡建设局", new Ratio(90, 100), new Ratio(45, 50), 3, 120),
            new(Guid.Parse("0190a000-0000-7000-8000-0000000000a2"), "西湖区人力资源和社会保障局", new Ratio(99, 100), new Ratio(40, 40), 0, 110),
            new(Guid.Parse("0190a000-0000-7000-8000-0000000000a3"), "北山街道办事处", new Ratio(0, 0), new Ratio(0, 0), 1, 2),
        ],
        [new("urban", "城乡建设", 150, 200, 210), new("labour", "劳动社会保障", 125, 187, 200), new("x", FormulaDomain, 1, 1, 1)],
        [new("a1", "西湖区住房和城乡建设局", 90, 120, 130), new("a2", "西湖区人力资源和社会保障局", 80, 110, 112)]);

    public static StatisticsResult LastYear(StatisticsScope scope) => new(
        scope, "西湖区信访局", new DateTimeOffset(2026, 12, 31, 9, 0, 0, TimeSpan.FromHours(8)),
        new VolumeRow("total", "合计", 240, 300, 320),
        [
            I(IndicatorCodes.OnlineShare, "网上信访占比", Side.All, 200, 260),
            I(IndicatorCodes.AverageDays, "平均办理天数", Side.All, 3600, 300, average: true),
            I(IndicatorCodes.Satisfaction, "满意率", Side.Bureau, 90, 100),
        ],
        [new(CountCodes.Forwarded, "转送", 100)],
        [new(BreakdownCodes.Channel, "信访形式", [new("Online", "网上信访", 150, 200, 200)])],
        [new MonthRow(2025, 1, 25, new Ratio(1, 2), new Ratio(1, 1))],
        [],
        [],
        []);

    public static StatisticsResult Empty(StatisticsScope scope) => new(
        scope, "西湖区信访局", new DateTimeOffset(2026, 12, 31, 9, 0, 0, TimeSpan.FromHours(8)), new VolumeRow("total", "合计", 0, 0, 0), [], [], [], [], [], [], []);
}
