using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Supervision;
using static Xinfang.Domain.Tests.Supervision.SupervisionFixtures;

namespace Xinfang.Domain.Tests.Supervision;

/// <summary>督办 (条例 Art. 40 ¶1, Art. 32 ¶2): issued with a feedback deadline, reminded until answered in writing.</summary>
public sealed class SupervisionNoticeTests
{
    [Fact]
    public void A_notice_is_addressed_to_the_unit_with_a_30_day_feedback_deadline_that_explains_itself()
    {
        var notice = Notice();

        Assert.Equal(SupervisionStatus.Open, notice.Status);
        Assert.Equal(Unit, notice.AddressedToOrganizationId);
        Assert.Equal(Bureau, notice.IssuedByOrganizationId);
        Assert.Equal(D("2026-03-10"), notice.IssuedOn);
        // Art. 40 ¶4 with the 2005 条例's 30 days: the day of issue is day 0.
        Assert.Equal(D("2026-04-09"), notice.FeedbackDueOn);
        Assert.Equal(DeadlineTime.EndOfDay(D("2026-04-09")).UtcDateTime, notice.FeedbackDueAtUtc);
        Assert.Contains("督办通知下发", notice.FeedbackExplanation, StringComparison.Ordinal);
        Assert.Contains("2026-04-09", notice.FeedbackExplanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_feedback_period_is_the_jurisdictions_policy()
    {
        var notice = Notice(policy: DeadlinePolicy.National with { SupervisionFeedback = Period.WorkingDays(10) });
        // 10 working days from Tuesday 2026-03-10: Tuesday 2026-03-24.
        Assert.Equal(D("2026-03-24"), notice.FeedbackDueOn);
    }

    [Theory]
    [InlineData(SupervisionReason.ImproperAcceptance)]
    [InlineData(SupervisionReason.ImproperHandling)]
    [InlineData(SupervisionReason.Shirking)]
    [InlineData(SupervisionReason.Perfunctory)]
    [InlineData(SupervisionReason.Delay)]
    [InlineData(SupervisionReason.Falsification)]
    [InlineData(SupervisionReason.ImportantItem)]
    public void The_reasons_of_article_40_need_no_further_fact(SupervisionReason reason) =>
        Assert.Equal(reason, Notice(reason).Reason);

    [Fact]
    public void Execution_is_supervised_only_for_a_supported_request_article_32()
    {
        var supported = Notice(SupervisionReason.ExecutionOfSupportedDecision, Item(DecisionOutcome.Support, state: PetitionState.Served));
        Assert.Equal(SupervisionReason.ExecutionOfSupportedDecision, supported.Reason);

        var e = Assert.Throws<DomainRuleViolation>(() => Notice(SupervisionReason.ExecutionOfSupportedDecision, Item(DecisionOutcome.NotSupport, state: PetitionState.Served)));
        Assert.Equal("supervision.not-supported", e.Code);
        Assert.Throws<DomainRuleViolation>(() => Notice(SupervisionReason.ExecutionOfSupportedDecision, Item()));
    }

    [Fact]
    public void Refusing_a_decision_needs_a_decision_article_40()
    {
        Assert.Equal("supervision.no-decision", Assert.Throws<DomainRuleViolation>(() => Notice(SupervisionReason.RefusingDecision, Item())).Code);
        Assert.Equal(SupervisionReason.RefusingDecision, Notice(SupervisionReason.RefusingDecision, Item(DecisionOutcome.Explain)).Reason);
    }

    [Fact]
    public void A_missed_deadline_needs_an_overdue_clock_article_45()
    {
        Assert.Equal("supervision.not-overdue", Assert.Throws<DomainRuleViolation>(() => Notice(SupervisionReason.MissedDeadline, Item())).Code);
        Assert.Equal(SupervisionReason.MissedDeadline, Notice(SupervisionReason.MissedDeadline, Item(overdue: true)).Reason);
    }

    [Fact]
    public void The_bureau_does_not_supervise_itself_and_states_what_it_found()
    {
        var self = Assert.Throws<DomainRuleViolation>(() =>
            SupervisionNotice.Issue(Guid.NewGuid(), Item(), SupervisionReason.Delay, "拖延", Bureau, Supervisor, DeadlinePolicy.National, WorkingCalendar.MondayToFriday, Now));
        Assert.Equal("supervision.addressee-is-issuer", self.Code);
        var empty = Assert.Throws<DomainRuleViolation>(() =>
            SupervisionNotice.Issue(Guid.NewGuid(), Item(), SupervisionReason.Delay, " ", Unit, Supervisor, DeadlinePolicy.National, WorkingCalendar.MondayToFriday, Now));
        Assert.Equal("supervision.details-required", empty.Code);
        Assert.Throws<DomainRuleViolation>(() =>
            SupervisionNotice.Issue(Guid.NewGuid(), Item(), (SupervisionReason)99, "x", Unit, Supervisor, DeadlinePolicy.National, WorkingCalendar.MondayToFriday, Now));
    }

    [Fact]
    public void Reminders_by_hand_are_appended_while_open()
    {
        var notice = Notice();
        notice.Remind("请尽快反馈", Supervisor, On("2026-03-20"));
        notice.Remind("再次催办", Supervisor, On("2026-03-20", 15));

        Assert.Equal([1, 2], notice.Reminders.Select(r => r.Sequence));
        Assert.All(notice.Reminders, r => Assert.False(r.Automatic));
        Assert.Equal("李督办", notice.Reminders[0].ByName);
        Assert.Equal(D("2026-03-20"), notice.Reminders[0].On);
        Assert.Equal("supervision.text-required", Assert.Throws<DomainRuleViolation>(() => notice.Remind("", Supervisor, Now)).Code);
    }

    [Fact]
    public void The_sweeper_reminds_once_a_day_after_the_feedback_deadline_only()
    {
        var notice = Notice();
        Assert.Null(notice.RemindIfOverdue(On("2026-04-09", 23))); // the last day is still on time
        Assert.False(notice.IsOverdueOn(D("2026-04-09")));

        var first = notice.RemindIfOverdue(On("2026-04-10", 1));
        Assert.NotNull(first);
        Assert.True(first.Automatic);
        Assert.Contains("已过 1 日", first.Text, StringComparison.Ordinal);
        Assert.Null(notice.RemindIfOverdue(On("2026-04-10", 18))); // same day: nothing more
        Assert.NotNull(notice.RemindIfOverdue(On("2026-04-11", 1)));
        Assert.Equal(2, notice.Reminders.Count);
    }

    [Fact]
    public void A_manual_reminder_does_not_spare_the_days_automatic_one()
    {
        var notice = Notice();
        notice.Remind("电话催办", Supervisor, On("2026-04-10", 8));
        Assert.NotNull(notice.RemindIfOverdue(On("2026-04-10", 9)));
    }

    [Fact]
    public void The_units_written_feedback_closes_the_notice_and_nothing_follows()
    {
        var notice = Notice();
        notice.RecordFeedback("已于3月25日作出处理意见并送达", D("2026-03-26"), UnitOfficer, On("2026-03-26"));

        Assert.Equal(SupervisionStatus.Answered, notice.Status);
        Assert.False(notice.IsOpen);
        Assert.False(notice.AnsweredLate);
        Assert.Equal("张承办", notice.FeedbackRecordedBy);
        Assert.Null(notice.RemindIfOverdue(On("2026-05-01")));
        Assert.Equal("supervision.remind-after-feedback", Assert.Throws<DomainRuleViolation>(() => notice.Remind("催办", Supervisor, On("2026-03-27"))).Code);
        Assert.Equal("supervision.feedback-after-feedback", Assert.Throws<DomainRuleViolation>(() => notice.RecordFeedback("再反馈", D("2026-03-27"), UnitOfficer, On("2026-03-27"))).Code);
    }

    [Fact]
    public void Late_feedback_is_accepted_and_kept_as_late()
    {
        var notice = Notice();
        notice.RecordFeedback("已办结", D("2026-04-12"), UnitOfficer, On("2026-04-12"));
        Assert.True(notice.AnsweredLate);
    }

    [Fact]
    public void Feedback_needs_text_and_a_plausible_date()
    {
        var notice = Notice();
        Assert.Equal("supervision.feedback-required", Assert.Throws<DomainRuleViolation>(() => notice.RecordFeedback(" ", D("2026-03-11"), UnitOfficer, On("2026-03-11"))).Code);
        Assert.Equal("supervision.feedback-in-future", Assert.Throws<DomainRuleViolation>(() => notice.RecordFeedback("x", D("2026-03-12"), UnitOfficer, On("2026-03-11"))).Code);
        Assert.Equal("supervision.feedback-before-notice", Assert.Throws<DomainRuleViolation>(() => notice.RecordFeedback("x", D("2026-03-09"), UnitOfficer, On("2026-03-11"))).Code);
        Assert.True(notice.IsOpen);
    }
}
