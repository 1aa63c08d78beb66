using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>The item's clocks beyond the main route: hearings, recomputation, urgent hour limits.</summary>
public sealed class ClockTests
{
    private static readonly WorkingCalendar Calendar2026 = new([HolidaySchedule.Parse(2026, "休 2026-10-01..2026-10-07 # 国庆节\n班 2026-09-20 # 国庆节\n班 2026-10-10 # 国庆节")]);

    [Fact]
    public void A_re_review_hearing_pauses_the_opinion_clock_by_its_length_Art_36()
    {
        var s = Scenario.InState(PetitionState.UnderReReview);
        var clock = Expect.Clock(s.Petition, DeadlineKind.ReReviewOpinion);
        var before = clock.DueOn;
        var from = s.Today.AddDays(1);
        s.At(from.AddDays(3));

        s.Petition.RecordHearing(from, from.AddDays(2), "公开听证", s.ReReviewOfficer, s.Now);

        // 条例 Art. 36 ¶2: three hearing days are not counted, so the opinion is due three days later.
        Assert.Equal(before.AddDays(3), clock.DueOn);
        Assert.Contains("听证", clock.Explanation, StringComparison.Ordinal);
        Assert.Equal(PetitionState.UnderReReview, s.Petition.State);
        Assert.Equal("RecordHearing", s.Petition.History[^1].Action);
    }

    [Fact]
    public void A_hearing_cannot_end_in_the_future_or_overlap_another()
    {
        var s = Scenario.InState(PetitionState.UnderReReview);
        s.Advance(5);
        Expect.Refused("occurred-in-future", s.Petition, () => s.Petition.RecordHearing(s.Today, s.Today.AddDays(1), "听证", s.ReReviewOfficer, s.Now));
        s.Petition.RecordHearing(s.Today.AddDays(-2), s.Today.AddDays(-1), "听证", s.ReReviewOfficer, s.Now);
        Expect.Refused("hearing-overlaps", s.Petition, () => s.Petition.RecordHearing(s.Today.AddDays(-1), s.Today, "听证", s.ReReviewOfficer, s.Now));
    }

    [Fact]
    public void Loading_a_holiday_schedule_recomputes_a_working_day_clock_and_records_it()
    {
        // Forwarded on 2026-09-29 (each scenario step is a day later): the objection window is 5 working days (Art. 23 ¶3).
        var s = Scenario.New(new DateTimeOffset(2026, 9, 28, 9, 0, 0, TimeSpan.FromHours(8))).Register().Forward();
        var clock = Expect.Clock(s.Petition, DeadlineKind.ForwardObjection);
        Assert.Equal(new DateOnly(2026, 10, 6), clock.DueOn); // Monday–Friday only: 9-30, 10-1, 10-2, 10-5, 10-6
        var history = s.Petition.History.Count;
        var version = s.Petition.Version;

        var moved = s.Petition.Recompute(Calendar2026, DeadlinePolicy.National, "载入2026年节假日安排", s.Registrar, s.Now);

        // 国庆节 10-01..10-07 off, 10-10 (Sat) a make-up day: 9-30, 10-08, 10-09, 10-10, 10-12.
        Assert.Equal(1, moved);
        Assert.Equal(new DateOnly(2026, 10, 12), clock.DueOn);
        Assert.Equal(history + 1, s.Petition.History.Count);
        Assert.Contains("ForwardObjection 2026-10-06→2026-10-12", s.Petition.History[^1].Summary, StringComparison.Ordinal);
        Assert.Equal(version + 1, s.Petition.Version);
    }

    [Fact]
    public void Recomputing_with_nothing_changed_records_nothing()
    {
        var s = Scenario.InState(PetitionState.Handling);
        var history = s.Petition.History.Count;
        Assert.Equal(0, s.Petition.Recompute(s.Petition.Calendar, s.Petition.Policy, "无变化", s.Registrar, s.Now));
        Assert.Equal(history, s.Petition.History.Count);
    }

    [Fact]
    public void Switching_on_roll_forward_moves_a_last_day_off_a_holiday()
    {
        // Accepted 2026-08-02 + 60 days = 2026-10-01, National Day.
        var s = Scenario.New(new DateTimeOffset(2026, 7, 31, 9, 0, 0, TimeSpan.FromHours(8))).Register().Forward().Accept().ChooseRoute();
        var clock = Expect.Clock(s.Petition, DeadlineKind.Handling);
        Assert.Equal(new DateOnly(2026, 10, 1), clock.DueOn);

        s.Petition.Recompute(Calendar2026, DeadlinePolicy.National with { RollForwardRestDay = true }, "启用节假日顺延", s.Registrar, s.Now);

        Assert.Equal(new DateOnly(2026, 10, 8), clock.DueOn);
    }

    [Fact]
    public void A_new_jurisdiction_period_applies_to_running_clocks()
    {
        var s = Scenario.InState(PetitionState.Handling);
        var clock = Expect.Clock(s.Petition, DeadlineKind.Handling);
        var accepted = s.Petition.AcceptedOn!.Value;

        s.Petition.Recompute(s.Petition.Calendar, DeadlinePolicy.National with { Handling = Period.Days(45) }, "浙江省调整办理期限", s.Registrar, s.Now);

        Assert.Equal(accepted.AddDays(45), clock.DueOn);
        Assert.Equal(45, clock.PeriodLength);
        Assert.Contains("Handling", s.Petition.History[^1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lapsed_review_window_closes_the_item_as_not_asked_for_Art_35()
    {
        var s = Scenario.InState(PetitionState.Served);
        var window = Expect.Clock(s.Petition, DeadlineKind.ReviewRequest);
        s.At(window.DueOn);
        Assert.False(s.Petition.CloseIfWindowLapsed(s.BureauOfficer, s.Now)); // day 30: still open
        s.Advance();

        Assert.True(s.Petition.CloseIfWindowLapsed(s.BureauOfficer, s.Now));
        Assert.Equal(PetitionState.Closed, s.Petition.State);
        Assert.Equal(NationalState.超期未申请复查, s.Petition.NationalStateOn(s.Today));
        Assert.DoesNotContain(s.Petition.Deadlines, d => d.IsOpen && d.Kind != DeadlineKind.Rating);
        Assert.False(s.Petition.CloseIfWindowLapsed(s.BureauOfficer, s.Now)); // idempotent
    }

    [Fact]
    public void A_lapsed_re_review_window_closes_the_item_Art_36()
    {
        var s = Scenario.InState(PetitionState.ReviewOpinionServed);
        s.Advance(31);
        Assert.True(s.Petition.CloseIfWindowLapsed(s.BureauOfficer, s.Now));
        Assert.Equal(NationalState.超期未申请复核, s.Petition.NationalStateOn(s.Today));
    }

    [Fact]
    public void Items_in_other_states_are_left_alone_by_the_lapse_check()
    {
        var s = Scenario.InState(PetitionState.Handling);
        s.Advance(200);
        Assert.False(s.Petition.CloseIfWindowLapsed(s.BureauOfficer, s.Now));
        Assert.Equal(PetitionState.Handling, s.Petition.State);
    }

    [Fact]
    public void The_current_deadline_is_the_administrations_duty_before_an_optional_window()
    {
        // Forwarded: the objection window (5 working days) ends before the notice duty (15 days).
        var s = Scenario.InState(PetitionState.Forwarded);
        var objection = Expect.Clock(s.Petition, DeadlineKind.ForwardObjection);
        var notice = Expect.Clock(s.Petition, DeadlineKind.NoticeOfReceipt);
        Assert.True(objection.DueOn < notice.DueOn);
        Assert.Equal(DeadlineKind.NoticeOfReceipt, s.Petition.CurrentDeadline!.Kind);
        Assert.Equal(notice.DueOn, s.Petition.CurrentDueOn);

        // Served: no duty runs, so the petitioner's 复查 window is what is shown.
        var served = Scenario.New().Register().Forward().Accept().ChooseRoute().Decide().Serve();
        Assert.False(Petition.IsDuty(served.Petition.CurrentDeadline!.Kind));
    }

    [Fact]
    public void A_granted_extension_survives_recomputation()
    {
        var s = Scenario.InState(PetitionState.Handling);
        s.Petition.Extend(30, "局长 周某", "情况复杂", s.UnitOfficer, s.Now);
        var due = Expect.Clock(s.Petition, DeadlineKind.Handling).DueOn;
        s.Petition.Recompute(s.Petition.Calendar, DeadlinePolicy.National with { MaxExtensionDays = 10 }, "政策调整", s.Registrar, s.Now);
        Assert.Equal(due, Expect.Clock(s.Petition, DeadlineKind.Handling).DueOn);
    }

    [Fact]
    public void An_urgent_item_gets_the_jurisdictions_hour_limit_and_meets_it_when_forwarded()
    {
        var s = Scenario.New();
        var policy = DeadlinePolicy.National with { UrgentForwardHours = 2 };
        var p = Petition.Register(Guid.NewGuid(), "X-2026-000001", "h", s.CityBureau, s.Letter() with { Urgent = true }, s.Registrar, s.Now, policy, WorkingCalendar.MondayToFriday);
        var urgent = p.Deadlines.Single(d => d.Kind == DeadlineKind.UrgentDisposition);

        Assert.Equal(s.Now.AddHours(2).UtcDateTime, urgent.DueAtUtc);
        Assert.True(urgent.IsOverdueAt(s.Now.AddHours(2).AddMinutes(1)));
        Assert.False(urgent.IsOverdueAt(s.Now.AddHours(1)));
        p.Forward(s.Unit, s.Tree, null, s.BureauOfficer, s.Now.AddHours(1));
        Assert.False(urgent.IsOpen);
    }

    [Fact]
    public void An_urgent_item_is_answered_within_the_hour_limit_when_the_reply_is_served()
    {
        var s = Scenario.New();
        var policy = DeadlinePolicy.National with { UrgentAnswerHours = 24 };
        var p = Petition.Register(Guid.NewGuid(), "X-2026-000002", "h", s.CityBureau, s.Letter() with { Urgent = true }, s.Registrar, s.Now, policy, WorkingCalendar.MondayToFriday);
        var answer = p.Deadlines.Single(d => d.Kind == DeadlineKind.UrgentAnswer);
        Assert.Equal(s.Now.AddHours(24).UtcDateTime, answer.DueAtUtc);

        p.AnswerDirectly("已协调解决", s.BureauOfficer, s.Now.AddHours(3));
        Assert.True(answer.IsOpen); // decided, not yet served
        p.Serve(ServiceMethod.Electronic, s.Today, true, null, s.BureauOfficer, s.Now.AddHours(4));
        Assert.False(answer.IsOpen);
    }

    [Theory]
    [InlineData(OrganizationLevel.Province, 3)]
    [InlineData(OrganizationLevel.City, 3)]
    [InlineData(OrganizationLevel.County, 4)]
    public void With_the_per_level_split_a_bureau_has_its_share_of_the_15_days(OrganizationLevel level, int days)
    {
        var s = Scenario.New();
        var bureau = new Organization(Guid.NewGuid(), "B", "某信访局", "330106", level, OrganizationKind.PetitionBureau, null);
        var policy = DeadlinePolicy.National with { SplitBureauDispositionByLevel = true };
        var p = Petition.Register(Guid.NewGuid(), "X-2026-000003", "h", bureau, s.Letter(), s.Registrar, s.Now, policy, WorkingCalendar.MondayToFriday);
        Assert.Equal(s.Today.AddDays(days), p.Deadlines.Single(d => d.Kind == DeadlineKind.BureauDisposition).DueOn);
    }

    [Fact]
    public void Without_an_hour_limit_in_the_policy_an_urgent_item_has_no_hour_clock()
    {
        var s = Scenario.New();
        s.Register(s.Letter() with { Urgent = true });
        Assert.DoesNotContain(s.Petition.Deadlines, d => d.Kind == DeadlineKind.UrgentDisposition);
    }
}
