using Xinfang.Domain.Petitions;
using Xinfang.Domain.Statistics;
using static Xinfang.Domain.Tests.Statistics.StatisticsWorld;

namespace Xinfang.Domain.Tests.Statistics;

/// <summary>
/// Issue 12's hand-computed fixture: a small jurisdiction whose every indicator for March 2026 (computed on
/// 2026-04-20) is worked out by hand below. The Web tests load the same world into SQLite and PostgreSQL
/// and expect the same figures from the API (<c>StatisticsApiTests</c>).
/// </summary>
public sealed class HandComputedIndicatorTests
{
    public static readonly StatisticsPeriod March = FixturePeriod;

    [Fact]
    public void Every_figure_of_March_is_the_hand_computed_one()
    {
        var w = StatisticsWorld.Fixture();
        var facts = w.Facts();
        var all = w.Subtree(w.Province);
        (long, long) F(string code, StatisticsSide side) => InMemory.Figure(facts, all, March, code, side);

        // The due days the hand computation rests on.
        Assert.Equal(D(3, 9), facts[0].HandlingDueOn);
        Assert.Equal(D(3, 31), facts[1].HandlingDueOn);
        Assert.Equal(D(3, 15), facts[7].HandlingDueOn);
        Assert.Equal(D(3, 17), facts[2].DispositionDueOn);
        Assert.Equal(D(4, 9), facts[4].DispositionDueOn);

        // 及时受理率（信访部门）: windows ending in March — C (Mar 17, met Mar 5), D (Mar 18, met Mar 20: late),
        // J (first window Mar 24, met Mar 10), L (Mar 26, declined Mar 12); G is litigation-related; E ends in April. 3/4.
        Assert.Equal((3, 4), F(StatisticsCodes.TimelyAcceptance, StatisticsSide.Bureau));
        // 及时受理率（责任单位）: notice windows ending in March — C (Mar 20, notified Mar 10), J at 人社 (Mar 28, notified
        // Mar 16; 住建's window was cancelled by the objection). D's ends in April. 2/2.
        Assert.Equal((2, 2), F(StatisticsCodes.TimelyAcceptance, StatisticsSide.Unit));
        // 按期办结率: handling due in March — A (Mar 9, replied Feb 20), B (Mar 31, open), I (Mar 15, replied Jan 30),
        // K (Mar 9, replied Feb 24). 3/4, and the same for the units.
        Assert.Equal((3, 4), F(StatisticsCodes.OnTimeClosure, StatisticsSide.All));
        Assert.Equal((3, 4), F(StatisticsCodes.OnTimeClosure, StatisticsSide.Unit));
        // 参评率: C rated in March; I (window ended Mar 1) and K (Mar 26) lapsed unrated; A was rated in February. 1/3 each side.
        Assert.Equal((1, 3), F(StatisticsCodes.Participation, StatisticsSide.Bureau));
        Assert.Equal((1, 3), F(StatisticsCodes.Participation, StatisticsSide.Unit));
        // 满意率: C only — the bureau 满意 (1/1), the unit 不满意 (0/1).
        Assert.Equal((1, 1), F(StatisticsCodes.Satisfaction, StatisticsSide.Bureau));
        Assert.Equal((0, 1), F(StatisticsCodes.Satisfaction, StatisticsSide.Unit));
        // 重复信访率 and 网上信访占比: received in March without G — C, D, E, F, J, L (6); F repeats, C is online.
        Assert.Equal((1, 6), F(StatisticsCodes.Repeat, StatisticsSide.All));
        Assert.Equal((1, 6), F(StatisticsCodes.OnlineShare, StatisticsSide.All));
        // 平均办理天数: replied in March — C, Mar 2 → Mar 18 = 16 days.
        Assert.Equal((16, 1), F(StatisticsCodes.AverageDays, StatisticsSide.All));
        // 一次性办结率: first-time items closed in March — A (repeated later by F: no), I (yes). 1/2.
        Assert.Equal((1, 2), F(StatisticsCodes.FirstTimeClosure, StatisticsSide.All));
        // 化解率: closed in March with an outcome — A 化解, I 部分化解 (not in the numerator). 1/2.
        Assert.Equal((1, 2), F(StatisticsCodes.Resolution, StatisticsSide.All));

        long C(string code) => InMemory.Count(facts, all, March, code);
        Assert.Equal(3, C(StatisticsCodes.Forwarded)); // C (Mar 5), J (Mar 10, once although sent twice), D (Mar 20)
        Assert.Equal(0, C(StatisticsCodes.Assigned));
        Assert.Equal(1, C(StatisticsCodes.NotTakenUp)); // L
        Assert.Equal(0, C(StatisticsCodes.NotTakenUpAgain));
        Assert.Equal(1, C(StatisticsCodes.Collective)); // E
        Assert.Equal(1, C(StatisticsCodes.SkipLevel)); // E
        Assert.Equal(1, C(StatisticsCodes.Reviews)); // K
        Assert.Equal(0, C(StatisticsCodes.ReReviews));
        Assert.Equal(0, C(StatisticsCodes.ResolutionUnrecorded));

        // Volumes received in March: C, D, E, F, G, J, L — 7 items (件), 8 batches (E came twice), 18 people (E: 12).
        var received = facts.Where(IndicatorRules.Received(March).Compile()).ToList();
        Assert.Equal((7, 8, 18), (received.Count, received.Sum(f => f.Batches), received.Sum(f => f.Persons)));
    }

    [Fact]
    public void The_population_of_every_organisation_is_the_population_of_the_whole_subtree_on_every_side()
    {
        var w = StatisticsWorld.Fixture();
        var facts = w.Facts();
        var all = w.Subtree(w.Province);
        foreach (var side in new[] { StatisticsSide.Bureau, StatisticsSide.Unit, StatisticsSide.All })
        {
            var everything = facts.Where(IndicatorRules.Population(side, null).Compile()).Select(f => f.PetitionId).ToList();
            Assert.Equal(facts.Where(IndicatorRules.Population(side, all).Compile()).Select(f => f.PetitionId), everything);
            Assert.NotEmpty(everything);
        }

        // The sides differ, so the comparison above is not between the same filter three times.
        Assert.NotEqual(facts.Count(IndicatorRules.Population(StatisticsSide.Unit, null).Compile()), facts.Count(IndicatorRules.Population(StatisticsSide.All, null).Compile()));
    }

    [Fact]
    public void A_unit_sees_its_own_items_and_nothing_of_the_bureau_side()
    {
        var w = StatisticsWorld.Fixture();
        var facts = w.Facts();
        var housing = w.Subtree(w.Housing);
        // 住建 handles A, C, I, K (J moved on to 人社): on time A, I, K of 3; C's notice on time; no bureau figures.
        Assert.Equal((3, 3), InMemory.Figure(facts, housing, March, StatisticsCodes.OnTimeClosure, StatisticsSide.Unit));
        Assert.Equal((1, 1), InMemory.Figure(facts, housing, March, StatisticsCodes.TimelyAcceptance, StatisticsSide.Unit));
        Assert.Equal((0, 0), InMemory.Figure(facts, housing, March, StatisticsCodes.TimelyAcceptance, StatisticsSide.Bureau));
        var labour = w.Subtree(w.Labour);
        // 人社: B open past its due day; J's notice on time.
        Assert.Equal((0, 1), InMemory.Figure(facts, labour, March, StatisticsCodes.OnTimeClosure, StatisticsSide.Unit));
        Assert.Equal((1, 1), InMemory.Figure(facts, labour, March, StatisticsCodes.TimelyAcceptance, StatisticsSide.Unit));
    }

    [Fact]
    public void Settings_change_the_figures_they_name()
    {
        var w = StatisticsWorld.Fixture();
        var facts = w.Facts();
        var all = w.Subtree(w.Province);
        // Working days: Mar 2 → Mar 18 has 12 working days (Mar 3–6, 9–13, 16–18).
        Assert.Equal((12, 1), InMemory.Figure(facts, all, March, StatisticsCodes.AverageDays, StatisticsSide.All, new StatisticsSettings { AverageDaysIn = DayCount.Working }));
        // Without the later-repeat rule A counts as closed at one go.
        Assert.Equal((2, 2), InMemory.Figure(facts, all, March, StatisticsCodes.FirstTimeClosure, StatisticsSide.All, new StatisticsSettings { FirstTimeExcludesLaterRepeats = false }));
        // With litigation-related items, G enters the 重复信访率's denominator and the late dispositions.
        Assert.Equal((1, 7), InMemory.Figure(facts, all, March, StatisticsCodes.Repeat, StatisticsSide.All, new StatisticsSettings { ExcludeLitigationRelated = false }));
        Assert.Equal((3, 5), InMemory.Figure(facts, all, March, StatisticsCodes.TimelyAcceptance, StatisticsSide.Bureau, new StatisticsSettings { ExcludeLitigationRelated = false }));
    }

    [Fact]
    public void Closing_records_the_outcome_with_its_reason()
    {
        var w = StatisticsWorld.Fixture();
        var a = w.Items[0];
        Assert.Equal(Resolution.Resolved, a.Resolution);
        Assert.Equal("信访人表示接受", a.ResolutionReason);
        Assert.Contains("化解情况：化解（信访人表示接受）", a.History[^1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_outcome_without_a_reason_or_out_of_range_is_refused_and_changes_nothing()
    {
        var w = new StatisticsWorld();
        var p = w.Register(D(1, 5));
        w.Forward(p, w.Housing, D(1, 6));
        w.Take(p, w.Housing, D(1, 8));
        w.Reply(p, w.Housing, D(2, 18), D(2, 20));
        var version = p.Version;
        var missing = Assert.Throws<DomainRuleViolation>(() => p.Close(null, w.BureauOfficer, At(D(3, 25)), null, Resolution.Resolved, " "));
        Assert.Equal("resolutionReason-required", missing.Code);
        var invalid = Assert.Throws<DomainRuleViolation>(() => p.Close(null, w.BureauOfficer, At(D(3, 25)), null, (Resolution)9, "x"));
        Assert.Equal("resolution-invalid", invalid.Code);
        Assert.Equal(version, p.Version);
        Assert.Null(p.Resolution);
        // Closed without an outcome: counted apart, not in the 化解率.
        p.Close(null, w.BureauOfficer, At(D(3, 25)));
        var facts = w.Facts();
        Assert.Equal(1, InMemory.Count(facts, w.Subtree(w.Province), March, StatisticsCodes.ResolutionUnrecorded));
        Assert.Equal((0, 0), InMemory.Figure(facts, w.Subtree(w.Province), March, StatisticsCodes.Resolution, StatisticsSide.All));
    }
}
