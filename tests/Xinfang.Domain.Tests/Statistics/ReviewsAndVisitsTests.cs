using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Statistics;
using static Xinfang.Domain.Tests.Statistics.StatisticsWorld;

namespace Xinfang.Domain.Tests.Statistics;

/// <summary>The hand computation of <see cref="ReviewsWorld"/> (stats-reviews, issue 12) for March 2026, computed on 2026-04-20.</summary>
public sealed class ReviewsAndVisitsTests
{
    private static readonly StatisticsPeriod March = FixturePeriod;

    [Fact]
    public void March_counts_the_outcomes_of_opinions_served_in_March_the_skip_level_visits_received_and_the_resolution_recorded_later()
    {
        var w = ReviewsWorld.Build();
        var facts = w.Facts();
        var all = w.Subtree(w.Province);
        long C(string code) => InMemory.Count(facts, all, March, code);

        // 复查 outcomes by the day the opinion was served: R1 维持 (Mar 10), R2 变更 (Mar 5); R3's 撤销 is April's; R4 has none.
        Assert.Equal((1, 0, 1), (C(StatisticsCodes.ReviewsUpheld), C(StatisticsCodes.ReviewsRevoked), C(StatisticsCodes.ReviewsChanged)));
        // 复核: R1 撤销 (Mar 20).
        Assert.Equal((0, 1, 0), (C(StatisticsCodes.ReReviewsUpheld), C(StatisticsCodes.ReReviewsRevoked), C(StatisticsCodes.ReReviewsChanged)));
        // The requests, by the request day: R1 (Mar 2), R3 (Mar 25), R4 (Mar 8) — R2 asked in February; 复核 R1 (Mar 12).
        Assert.Equal((3, 1), (C(StatisticsCodes.Reviews), C(StatisticsCodes.ReReviews)));
        // 进京访 V1, 赴省访 V2 (V3 came in February).
        Assert.Equal((1, 1), (C(StatisticsCodes.SkipLevelToCapital), C(StatisticsCodes.SkipLevelToProvince)));
        // X1 closed Mar 5 by the sweeper, 化解 recorded Apr 2: in March's 化解率 (by its closing day), 1/1, nothing unrecorded.
        Assert.Equal((1, 1), InMemory.Figure(facts, all, March, StatisticsCodes.Resolution, StatisticsSide.All));
        Assert.Equal(0, C(StatisticsCodes.ResolutionUnrecorded));

        // 批/件/人次 of the destinations: what the breakdown groups.
        var visits = facts.Where(IndicatorRules.SkipLevelVisits(March).Compile()).GroupBy(f => f.SkipLevelDestination)
            .ToDictionary(g => g.Key!.Value, g => (g.Sum(f => f.Batches), g.Count(), g.Sum(f => f.Persons)));
        Assert.Equal((2, 1, 5), visits[SkipLevelDestination.Capital]);
        Assert.Equal((1, 1, 3), visits[SkipLevelDestination.Province]);
    }

    [Fact]
    public void Before_the_resolution_is_recorded_the_swept_item_is_outside_the_rate_and_counted_apart()
    {
        var w = ReviewsWorld.Build(recordAfterClosing: false);
        var facts = w.Facts();
        var all = w.Subtree(w.Province);
        Assert.Equal((0, 0), InMemory.Figure(facts, all, March, StatisticsCodes.Resolution, StatisticsSide.All));
        Assert.Equal(1, InMemory.Count(facts, all, March, StatisticsCodes.ResolutionUnrecorded));
    }

    [Fact]
    public void A_voided_row_is_in_no_figure_and_no_count()
    {
        var w = ReviewsWorld.Build();
        var all = w.Subtree(w.Province);
        var facts = w.Facts();
        var voided = w.Facts();
        voided[(int)ReviewsWorld.Item.R1].Voided = true;
        voided[(int)ReviewsWorld.Item.V1].Voided = true;
        voided[(int)ReviewsWorld.Item.X1].Voided = true;
        var without = facts.Where((_, i) => i is not ((int)ReviewsWorld.Item.R1 or (int)ReviewsWorld.Item.V1 or (int)ReviewsWorld.Item.X1)).ToList();
        foreach (var rule in IndicatorRules.Indicators(March, StatisticsSettings.Default))
        {
            Assert.Equal(InMemory.Figure(without, all, March, rule.Code, rule.Side), InMemory.Figure(voided, all, March, rule.Code, rule.Side));
        }

        foreach (var count in IndicatorRules.Counts(March))
        {
            Assert.Equal(InMemory.Count(without, all, March, count.Code), InMemory.Count(voided, all, March, count.Code));
        }

        Assert.Equal(0, InMemory.Count(voided, all, March, StatisticsCodes.SkipLevelToCapital));
        Assert.Equal(0, InMemory.Count(voided, all, March, StatisticsCodes.ReviewsUpheld));
    }
}

/// <summary>The rules behind those counts, each on one item (条例 Arts. 20, 35, 36; ADRs 0084–0085).</summary>
public sealed class OutcomeAndDestinationRuleTests
{
    private static Petition ServedItem(StatisticsWorld w)
    {
        var p = w.Register(D(1, 5));
        w.Forward(p, w.Housing, D(1, 6));
        w.Take(p, w.Housing, D(1, 8));
        w.Reply(p, w.Housing, D(2, 19), D(2, 20));
        return p;
    }

    [Fact]
    public void A_review_opinion_keeps_its_outcome_and_tells_the_petitioner_in_plain_words()
    {
        // 条例 Art. 35: the 复查 body answers in writing; its conclusion on the 信访处理意见 is recorded with it.
        var w = new StatisticsWorld();
        var p = ServedItem(w);
        p.RequestReview(w.Government, w.Tree, "不服", Actor.Petitioner(w.Bureau.Id), At(D(3, 2)));
        p.IssueReviewOpinion("补贴计算依据正确。", D(3, 10), w.ReviewOfficer, At(D(3, 10)), outcome: ReviewOutcome.Upheld);
        Assert.Equal(ReviewOutcome.Upheld, p.ReviewOutcome);
        var line = p.History[^1];
        Assert.Equal("提出复查意见：维持原处理意见", line.PetitionerSummary);
        Assert.Equal(Audience.Petitioner, line.Audience);
        Assert.StartsWith("复查结论：维持原处理意见。", p.Documents[^1].Body, StringComparison.Ordinal);
        Assert.Equal((D(3, 10), ReviewOutcome.Upheld), (ItemFacts.Of(p, OrganizationKind.PetitionBureau, false).ReviewOpinionOn, ItemFacts.Of(p, OrganizationKind.PetitionBureau, false).ReviewOutcome));

        // 条例 Art. 36: the 复核 body's conclusion is on the 复查意见.
        p.RequestReReview(w.Province, w.Tree, "不服复查意见", Actor.Petitioner(w.Bureau.Id), At(D(3, 12)));
        p.IssueReReviewOpinion("原处理意见适用标准有误。", D(3, 20), true, w.ReReviewOfficer, At(D(3, 20)), outcome: ReviewOutcome.Changed);
        Assert.Equal(ReviewOutcome.Changed, p.ReReviewOutcome);
        Assert.Equal("经听证提出复核意见：变更复查意见", p.History[^1].PetitionerSummary);
        Assert.Equal(ReviewOutcome.Changed, ItemFacts.Of(p, OrganizationKind.PetitionBureau, false).ReReviewOutcome);
    }

    [Fact]
    public void An_unknown_outcome_is_refused_and_changes_nothing()
    {
        var w = new StatisticsWorld();
        var p = ServedItem(w);
        p.RequestReview(w.Government, w.Tree, "不服", Actor.Petitioner(w.Bureau.Id), At(D(3, 2)));
        var version = p.Version;
        var e = Assert.Throws<DomainRuleViolation>(() => p.IssueReviewOpinion("意见", D(3, 10), w.ReviewOfficer, At(D(3, 10)), outcome: (ReviewOutcome)7));
        Assert.Equal("outcome-invalid", e.Code);
        Assert.Equal((PetitionState.UnderReview, version, (ReviewOutcome?)null), (p.State, p.Version, p.ReviewOutcome));
    }

    [Theory]
    [InlineData(SkipLevelDestination.Capital, OrganizationLevel.County, null)]
    [InlineData(SkipLevelDestination.Province, OrganizationLevel.Province, null)]
    [InlineData(SkipLevelDestination.Capital, OrganizationLevel.National, null)]
    [InlineData(SkipLevelDestination.Province, OrganizationLevel.National, "skip-level-above-registrar")]
    public void A_skip_level_visit_is_registered_at_its_level_or_below(SkipLevelDestination destination, OrganizationLevel level, string? refused)
    {
        // A 进京访 is received by a national body or comes back down to any level below; a national body receives no 赴省访.
        Assert.Equal(refused, SkipLevelRules.Refusal(destination, PetitionForm.Visit, level)?.Code);
    }

    [Fact]
    public void Only_a_visit_is_a_skip_level_visit_and_the_refusal_names_the_field()
    {
        // 条例 Art. 20: 走访 is the visit in person; a letter to Beijing is a letter.
        var w = new StatisticsWorld();
        var e = Assert.Throws<DomainRuleViolation>(() => w.Register(D(3, 3), PetitionForm.Letter, destination: SkipLevelDestination.Capital));
        Assert.Equal(("skip-level-not-visit", SkipLevelRules.Field), (e.Code, e.Field));
        Assert.Equal("skip-level-destination-invalid", SkipLevelRules.Refusal((SkipLevelDestination)9, PetitionForm.Visit, OrganizationLevel.County)?.Code);
        var visit = w.Register(D(3, 3), PetitionForm.Visit, destination: SkipLevelDestination.Province);
        Assert.Equal(SkipLevelDestination.Province, visit.SkipLevelDestination);
        Assert.Equal(SkipLevelDestination.Province, ItemFacts.Of(visit, OrganizationKind.PetitionBureau, false).SkipLevelDestination);
    }

    [Fact]
    public void A_resolution_is_recorded_after_a_swept_closing_once_with_a_reason_and_for_staff_only()
    {
        // 条例 Art. 35: the 复查 window lapsed, the sweeper closed the item without anyone judging its outcome.
        var w = new StatisticsWorld();
        var p = ServedItem(w);
        var open = Assert.Throws<DomainRuleViolation>(() => p.RecordResolutionAfterClosing(Resolution.Resolved, "已解决", w.BureauOfficer, At(D(3, 1))));
        Assert.Equal("not-closed", open.Code);
        Assert.True(p.CloseIfWindowLapsed(new Actor("system", "系统（期限届满）", p.CurrentOrganizationId), At(D(3, 25))));
        Assert.Null(p.Resolution);
        Assert.Equal("reason-required", Assert.Throws<DomainRuleViolation>(() => p.RecordResolutionAfterClosing(Resolution.Resolved, " ", w.BureauOfficer, At(D(3, 26)))).Code);
        Assert.Equal("resolution-invalid", Assert.Throws<DomainRuleViolation>(() => p.RecordResolutionAfterClosing((Resolution)5, "x", w.BureauOfficer, At(D(3, 26)))).Code);

        var version = p.Version;
        p.RecordResolutionAfterClosing(Resolution.PartlyResolved, " 补贴已发放一半 ", w.BureauOfficer, At(D(3, 26)));
        Assert.Equal((Resolution.PartlyResolved, "补贴已发放一半", PetitionState.Closed, version + 1), (p.Resolution, p.ResolutionReason, p.State, p.Version));
        var line = p.History[^1];
        Assert.Equal((Petition.ResolutionRecordedAction, Audience.Staff), (line.Action, line.Audience));
        Assert.Contains("部分化解", line.Summary, StringComparison.Ordinal);
        var facts = ItemFacts.Of(p, OrganizationKind.PetitionBureau, false);
        Assert.Equal((Resolution.PartlyResolved, D(3, 25)), (facts.Resolution, facts.ClosedOn));

        // Once: the figure a bureau reported is not changed silently.
        Assert.Equal("resolution-recorded", Assert.Throws<DomainRuleViolation>(() => p.RecordResolutionAfterClosing(Resolution.Resolved, "后来解决", w.BureauOfficer, At(D(3, 27)))).Code);
    }
}
