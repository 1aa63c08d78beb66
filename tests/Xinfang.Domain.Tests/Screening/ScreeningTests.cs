using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Screening;

namespace Xinfang.Domain.Tests.Screening;

/// <summary>矛盾纠纷排查 rounds (条例 Art. 10, Art. 15 ¶3) and 预警 warnings (Art. 25 ¶1): counts that add up, clocks by level, no personal data.</summary>
public sealed class ScreeningTests
{
    private static readonly Guid Township = Guid.NewGuid();
    private static readonly Actor Clerk = new("u-1", "王干部", Township);

    // 2026-03-10 09:00 Beijing time.
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, DeadlineTime.Offset);
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static ScreeningRound Round(params ScreeningFinding[] findings) =>
        ScreeningRound.Record(Guid.NewGuid(), Township, " 东岳村 ", new(2026, 3, 1), new(2026, 3, 31), "2026年3月", "网格员 王某", findings, null, Clerk, Now, Today);

    private static Warning Raised(WarningLevel level = WarningLevel.Major) =>
        Warning.Raise(Guid.NewGuid(), Township, "东岳村征地补偿款分配方案村民意见大", "东岳村", DisputeKind.LandRequisition, level, 40, null, WarningDeadlines.Default, Clerk, Now);

    [Fact]
    public void A_round_keeps_its_findings_and_sums_them()
    {
        var r = Round(new ScreeningFinding(DisputeKind.Neighbours, 5, 4, 0, 1), new ScreeningFinding(DisputeKind.LandRequisition, 3, 1, 2, 0), new ScreeningFinding(DisputeKind.Pollution, 0, 0, 0, 0));

        Assert.Equal("东岳村", r.Place);
        Assert.Equal((8, 5, 2, 1), (r.Found, r.ResolvedOnSpot, r.ToWarnings, r.ToItems));
        // Kinds in code-table order, zero rows dropped.
        Assert.Equal([DisputeKind.LandRequisition, DisputeKind.Neighbours], r.Findings.Select(f => f.Kind));
    }

    [Fact]
    public void A_round_that_found_nothing_is_a_round()
    {
        var r = Round();

        Assert.Equal(0, r.Found);
        Assert.Empty(r.Findings);
    }

    [Theory]
    [InlineData(3, 2, 1, 1, "counts-exceed-found")]
    [InlineData(-1, 0, 0, 0, "count-out-of-range")]
    [InlineData(2, -1, 0, 0, "count-out-of-range")]
    public void What_became_of_the_disputes_cannot_exceed_what_was_found(int found, int resolved, int warnings, int items, string code)
    {
        var e = Assert.Throws<DomainRuleViolation>(() => Round(new ScreeningFinding(DisputeKind.Other, found, resolved, warnings, items)));

        Assert.Equal(code, e.Code);
        Assert.Equal("findings[0].found", e.Field);
    }

    [Fact]
    public void A_kind_is_counted_once_per_round()
    {
        var e = Assert.Throws<DomainRuleViolation>(() => Round(new ScreeningFinding(DisputeKind.Other, 1, 0, 0, 0), new ScreeningFinding(DisputeKind.Other, 2, 0, 0, 0)));

        Assert.Equal("kind-twice", e.Code);
    }

    [Fact]
    public void The_period_runs_forward_at_most_a_year_and_has_begun()
    {
        Assert.Equal("period-reversed", Assert.Throws<DomainRuleViolation>(() =>
            ScreeningRound.Record(Guid.NewGuid(), Township, null, new(2026, 3, 5), new(2026, 3, 1), "3月", "王某", [], null, Clerk, Now, Today)).Code);
        Assert.Equal("period-too-long", Assert.Throws<DomainRuleViolation>(() =>
            ScreeningRound.Record(Guid.NewGuid(), Township, null, new(2025, 1, 1), new(2026, 3, 1), "两年", "王某", [], null, Clerk, Now, Today)).Code);
        Assert.Equal("period-in-future", Assert.Throws<DomainRuleViolation>(() =>
            ScreeningRound.Record(Guid.NewGuid(), Township, null, new(2026, 4, 1), new(2026, 4, 30), "4月", "王某", [], null, Clerk, Now, Today)).Code);
    }

    [Fact]
    public void Screening_and_warnings_refuse_id_and_phone_numbers()
    {
        var e = Assert.Throws<DomainRuleViolation>(() =>
            Warning.Raise(Guid.NewGuid(), Township, "村民张某（13912345678）扬言上访", "东岳村", DisputeKind.Other, WarningLevel.General, 1, null, WarningDeadlines.Default, Clerk, Now));

        Assert.Equal(("personal-data", "summary"), (e.Code, e.Field));
        Assert.Equal("personal-data", Assert.Throws<DomainRuleViolation>(() =>
            ScreeningRound.Record(Guid.NewGuid(), Township, null, new(2026, 3, 1), new(2026, 3, 31), "3月", "网格员 13912345678", [], null, Clerk, Now, Today)).Code);
    }

    [Theory]
    [InlineData(WarningLevel.Serious, 13)]
    [InlineData(WarningLevel.Major, 17)]
    [InlineData(WarningLevel.General, 25)]
    public void The_last_day_follows_the_level_in_calendar_days(WarningLevel level, int dueDay)
    {
        var w = Raised(level);

        Assert.Equal(new DateOnly(2026, 3, dueDay), w.DueOn);
        Assert.Equal(WarningStatus.Raised, w.Status);
        Assert.False(w.IsOverdueOn(new DateOnly(2026, 3, dueDay)));
        Assert.True(w.IsOverdueOn(new DateOnly(2026, 3, dueDay + 1)));
        Assert.Equal(DeadlineWarning.Overdue, w.ClockOn(new DateOnly(2026, 3, dueDay + 1)));
    }

    [Fact]
    public void Deadline_settings_keep_graver_levels_shorter()
    {
        Assert.True(WarningDeadlines.Default.IsValid);
        Assert.False(new WarningDeadlines(GeneralDays: 5, MajorDays: 7, SeriousDays: 3).IsValid);
        Assert.False(new WarningDeadlines(SeriousDays: 0).IsValid);
        Assert.Equal("deadlines-invalid", Assert.Throws<DomainRuleViolation>(() =>
            Warning.Raise(Guid.NewGuid(), Township, "事项", "地点", DisputeKind.Other, WarningLevel.General, 1, null, new WarningDeadlines(GeneralDays: 1), Clerk, Now)).Code);
    }

    [Fact]
    public void Raise_assign_note_and_close_in_time()
    {
        var w = Raised();
        var unit = Guid.NewGuid();

        Assert.Equal("not-assigned", Assert.Throws<DomainRuleViolation>(() => w.Close(WarningOutcome.Resolved, "已化解", Clerk, Now)).Code);
        w.Assign(unit, Clerk, Now);
        w.AddNote("  已召开村民代表会议解释补偿方案  ", Clerk, Now.AddDays(1));
        w.Close(WarningOutcome.Resolved, "村民代表会议表决通过分配方案", Clerk, Now.AddDays(3));

        Assert.Equal((WarningStatus.Closed, unit), (w.Status, w.ResponsibleOrganizationId!.Value));
        Assert.Equal("已召开村民代表会议解释补偿方案", Assert.Single(w.Notes).Text);
        Assert.False(w.ClosedLate);
        Assert.False(w.IsOverdueOn(new DateOnly(2026, 12, 31)));
        Assert.Equal("closed", Assert.Throws<DomainRuleViolation>(() => w.AddNote("再记一条", Clerk, Now)).Code);
    }

    [Fact]
    public void Closed_after_its_last_day_is_closed_late()
    {
        var w = Raised(WarningLevel.Serious);
        w.Assign(Guid.NewGuid(), Clerk, Now);

        w.Close(WarningOutcome.Unresolved, "当事人已起诉，转诉讼程序", Clerk, Now.AddDays(5));

        Assert.True(w.ClosedLate);
        Assert.Equal("未化解", Warning.NameOf(w.Outcome!.Value));
    }

    [Fact]
    public void Becoming_an_item_needs_the_item_linked()
    {
        var w = Raised();
        w.Assign(Guid.NewGuid(), Clerk, Now);

        Assert.Equal("no-item", Assert.Throws<DomainRuleViolation>(() => w.Close(WarningOutcome.BecameItem, "已登记", Clerk, Now)).Code);
        var item = Guid.NewGuid();
        w.LinkItem(item, Clerk);
        w.Close(WarningOutcome.BecameItem, "已登记为信访事项", Clerk, Now);

        Assert.Equal(item, w.PetitionId);
    }

    [Fact]
    public void Assigning_to_the_same_body_again_is_refused()
    {
        var w = Raised();
        var unit = Guid.NewGuid();
        w.Assign(unit, Clerk, Now);

        Assert.Equal("same-body", Assert.Throws<DomainRuleViolation>(() => w.Assign(unit, Clerk, Now)).Code);
    }

    [Theory]
    [InlineData(3, 4, 75.00)]
    [InlineData(5, 4, 100.00)]
    [InlineData(1, 3, 33.33)]
    public void Coverage_is_places_screened_over_places(int screened, int places, double rate) =>
        Assert.Equal((decimal)rate, ScreeningCoverage.Rate(screened, places));

    [Fact]
    public void Coverage_of_a_jurisdiction_without_places_is_not_a_number() => Assert.Null(ScreeningCoverage.Rate(0, 0));

    [Fact]
    public void Every_kind_has_a_chinese_name() =>
        Assert.All(DisputeKinds.All, k => Assert.Matches(@"^\p{IsCJKUnifiedIdeographs}[\p{IsCJKUnifiedIdeographs}/]*$", DisputeKinds.NameOf(k)));
}
