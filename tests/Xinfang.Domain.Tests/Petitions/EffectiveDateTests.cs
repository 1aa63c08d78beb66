using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;
using static Xinfang.Domain.Tests.Deadlines.Calendars;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>
/// 发生日期: a step is dated by the day it happened outside the system, not the day it was typed, and
/// every clock starts from that day (条例 Arts. 23 ¶3, 34, 35, 36). The bounds live in one place
/// (<see cref="EffectiveDate"/>): not in the future, not before the step it follows, not older than
/// the policy's limit [P].
/// </summary>
public sealed class EffectiveDateTests
{
    private static DateTimeOffset At(DateOnly day, int hour = 10) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8));

    /// <summary>Registered at the city bureau on <paramref name="received"/> 09:00, on the official 2025–2026 calendars.</summary>
    private static Scenario RegisteredOn(DateOnly received)
    {
        var s = Scenario.New(At(received, 9)).Register();
        s.Petition.Calendar = Official;
        return s;
    }

    /// <summary>Decided 5 March, served 10 March 2026: the 复查 window runs to 9 April (day 30).</summary>
    private static Scenario ServedOnMarch10()
    {
        var s = Scenario.InState(PetitionState.Decided, start: new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.FromHours(8))).At(D("2026-03-10"));
        s.Petition.Serve(ServiceMethod.InPerson, s.Today, true, null, s.UnitOfficer, s.Now);
        return s;
    }

    [Fact]
    public void A_review_request_handed_in_on_day_30_and_entered_on_day_31_is_on_time_Art_35()
    {
        var s = ServedOnMarch10().At(D("2026-04-10"));
        var p = s.Petition;

        p.RequestReview(s.Reviewer, s.Tree, "补贴金额计算有误", s.PetitionerActor, s.Now, occurredOn: D("2026-04-09"));

        Assert.Equal(PetitionState.UnderReview, p.State);
        Assert.Equal(D("2026-04-09"), Expect.Clock(p, DeadlineKind.ReviewRequest).MetOn);
        // Art. 35: 30 days "自收到复查请求之日起" — from the day it was handed in.
        var opinion = Expect.Clock(p, DeadlineKind.ReviewOpinion);
        Assert.Equal(D("2026-04-09"), opinion.StartedOn);
        Assert.Equal(D("2026-05-09"), opinion.DueOn);
    }

    [Fact]
    public void A_re_review_request_handed_in_on_day_30_and_entered_on_day_31_is_on_time_Art_36()
    {
        var s = ServedOnMarch10().At(D("2026-04-01")).RequestReview().At(D("2026-05-04"));
        s.Petition.IssueReviewOpinion("维持原处理意见", s.Today, s.ReviewOfficer, s.Now);
        s.At(D("2026-06-04"));

        s.Petition.RequestReReview(s.ReReviewer, s.Tree, "复查未核实补贴标准", s.PetitionerActor, s.Now, occurredOn: D("2026-06-03"));

        Assert.Equal(PetitionState.UnderReReview, s.Petition.State);
        Assert.Equal(D("2026-07-03"), Expect.Clock(s.Petition, DeadlineKind.ReReviewOpinion).DueOn);
    }

    [Fact]
    public void A_paper_receipt_three_days_ago_starts_the_units_clocks_then_across_National_Day_and_its_make_up_Saturday_Art_23_para_3()
    {
        // Forwarded on Thursday 8 October 2026, the first working day after 国庆 (1–7 October).
        var s = RegisteredOn(D("2026-09-29")).At(D("2026-10-08"));
        var p = s.Petition;
        p.Forward(s.Unit, s.Tree, null, s.BureauOfficer, s.Now);
        Assert.Equal(D("2026-10-08"), Expect.Clock(p, DeadlineKind.ForwardObjection).StartedOn);

        // The letter reached the unit by post on Friday 9 October; the unit enters it on Monday 12.
        s.At(D("2026-10-12"));
        p.RecordReceipt(s.UnitOfficer, s.Now, occurredOn: D("2026-10-09"));

        var objection = Expect.Clock(p, DeadlineKind.ForwardObjection);
        Assert.Equal(D("2026-10-09"), objection.StartedOn);
        // 5 working days: Sat 10 Oct (调休上班) 1, Mon 12 2, Tue 13 3, Wed 14 4, Thu 15 5.
        Assert.Equal(D("2026-10-15"), objection.DueOn);
        var notice = Expect.Clock(p, DeadlineKind.NoticeOfReceipt);
        Assert.Equal(D("2026-10-09"), notice.StartedOn);
        Assert.Equal(D("2026-10-24"), notice.DueOn);
        Assert.Equal(PetitionState.Forwarded, p.State);
        var entry = p.History[^1];
        Assert.Equal(nameof(PetitionAction.RecordReceipt), entry.Action);
        Assert.Equal(D("2026-10-09"), entry.OccurredOn);
        Assert.Equal(s.Now, entry.At);
        Assert.Equal(s.UnitOfficer.Name, entry.ActorName);
    }

    [Fact]
    public void An_objection_counts_from_a_paper_receipt_across_the_Spring_Festival()
    {
        var s = RegisteredOn(D("2026-02-10")).At(D("2026-02-12"));
        var p = s.Petition;
        p.Forward(s.Unit, s.Tree, null, s.BureauOfficer, s.Now);
        // Received on paper Friday 13 February; entered after the holiday, Tuesday 24 February.
        s.At(D("2026-02-24"));
        p.RecordReceipt(s.UnitOfficer, s.Now, D("2026-02-13"));

        // Sat 14 Feb (调休上班) 1, 15–23 春节, Tue 24 2, Wed 25 3, Thu 26 4, Fri 27 5; Sat 28 (调休上班) is day 6.
        Assert.Equal(D("2026-02-27"), Expect.Clock(p, DeadlineKind.ForwardObjection).DueOn);
        s.At(D("2026-03-02"));
        Expect.Refused("objection-window-passed", p, () => p.RaiseObjection("该补贴由区住建局审核发放，不属于本单位职权范围。", s.UnitOfficer, s.Now, D("2026-02-28")));
        p.RaiseObjection("该补贴由区住建局审核发放，不属于本单位职权范围。", s.UnitOfficer, s.Now, D("2026-02-27"));
        Assert.Equal(PetitionState.ObjectionRaised, p.State);
        Assert.Equal(D("2026-02-27"), Expect.Clock(p, DeadlineKind.ForwardObjection).MetOn);
    }

    [Fact]
    public void A_paper_receipt_before_the_year_end_counts_working_days_into_the_new_year()
    {
        var s = RegisteredOn(D("2025-12-22")).At(D("2025-12-26"));
        var p = s.Petition;
        p.Forward(s.Unit, s.Tree, null, s.BureauOfficer, s.Now);
        s.At(D("2026-01-05"));
        p.RecordReceipt(s.UnitOfficer, s.Now, D("2025-12-29"));

        // Tue 30 Dec 1, Wed 31 Dec 2, 1–3 Jan 元旦, Sun 4 Jan (调休上班) 3, Mon 5 4, Tue 6 5.
        Assert.Equal(D("2026-01-06"), Expect.Clock(p, DeadlineKind.ForwardObjection).DueOn);
        Assert.Equal(D("2026-01-13"), Expect.Clock(p, DeadlineKind.NoticeOfReceipt).DueOn);
    }

    [Fact]
    public void Acceptance_dated_back_starts_the_60_days_then_and_an_extension_is_approved_on_its_own_day_Art_34()
    {
        var s = RegisteredOn(D("2026-03-02")).At(D("2026-03-03"));
        var p = s.Petition;
        p.Forward(s.Unit, s.Tree, null, s.BureauOfficer, s.Now);
        s.At(D("2026-03-09"));
        p.Accept(s.UnitOfficer, s.Now, D("2026-03-05"));

        Assert.Equal(D("2026-03-05"), p.AcceptedOn);
        var handling = Expect.Clock(p, DeadlineKind.Handling);
        Assert.Equal(D("2026-03-05"), handling.StartedOn);
        Assert.Equal(D("2026-05-04"), handling.DueOn);

        p.ChooseRoute(HandlingRoute.Investigate, null, s.UnitOfficer, s.Now);
        s.At(D("2026-05-06"));
        // Approved by the head on the last day (4 May), entered two days later: still within the period.
        p.Extend(10, "局长 周某", "需要现场勘查", s.UnitOfficer, s.Now, D("2026-05-04"));
        Assert.Equal(D("2026-05-04"), p.Extensions[^1].ApprovedOn);
        Assert.Equal(D("2026-05-14"), Expect.Clock(p, DeadlineKind.Handling).DueOn);
    }

    [Fact]
    public void A_decision_and_its_service_on_paper_start_the_review_and_rating_windows_on_the_day_served()
    {
        var s = Scenario.InState(PetitionState.Handling, start: new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8))).At(D("2026-04-20"));
        var p = s.Petition;
        p.Decide(DecisionOutcome.Support, "发放补贴", "符合条件", "予以发放", "《管理办法》第十二条", s.UnitOfficer, s.Now, D("2026-04-14"));
        p.Serve(ServiceMethod.Post, D("2026-04-16"), true, null, s.UnitOfficer, s.Now);

        Assert.Equal(D("2026-04-14"), p.DecidedOn);
        Assert.Equal(D("2026-04-16"), p.ServedOn);
        Assert.Equal(D("2026-04-16"), Expect.Clock(p, DeadlineKind.Handling).MetOn);
        Assert.Equal(D("2026-05-16"), Expect.Clock(p, DeadlineKind.ReviewRequest).DueOn);
        Assert.Equal(D("2026-05-16"), Expect.Clock(p, DeadlineKind.Rating).DueOn);
    }

    [Fact]
    public void A_date_in_the_future_is_refused_naming_occurredOn()
    {
        var s = Scenario.InState(PetitionState.Forwarded);

        var v = Expect.Refused("occurred-in-future", s.Petition, () => s.Petition.Accept(s.UnitOfficer, s.Now, s.Today.AddDays(1)));

        Assert.Equal("occurredOn", v.Field);
        Assert.Contains("occurredOn", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_future_is_judged_in_Beijing_time_not_UTC()
    {
        // 23:30 UTC on 10 March is 07:30 on 11 March in Beijing: the 11th is today, not the future.
        var s = Scenario.InState(PetitionState.Forwarded, start: new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(8)));
        var now = new DateTimeOffset(2026, 3, 10, 23, 30, 0, TimeSpan.Zero);

        s.Petition.Accept(s.UnitOfficer, now, D("2026-03-11"));

        Assert.Equal(D("2026-03-11"), s.Petition.AcceptedOn);
    }

    [Fact]
    public void A_date_before_the_step_it_follows_is_refused()
    {
        var s = Scenario.InState(PetitionState.Forwarded);
        var forwardedOn = s.Petition.History[^1].OccurredOn;
        s.Advance(3);

        Expect.Refused("occurred-before-previous-step", s.Petition, () => s.Petition.RecordReceipt(s.UnitOfficer, s.Now, forwardedOn.AddDays(-1)));
        Expect.Refused("occurred-before-previous-step", s.Petition, () => s.Petition.Accept(s.UnitOfficer, s.Now, forwardedOn.AddDays(-1)));
        s.Petition.RecordReceipt(s.UnitOfficer, s.Now, forwardedOn.AddDays(2));
        // Acceptance not before receipt.
        var v = Expect.Refused("occurred-before-previous-step", s.Petition, () => s.Petition.Accept(s.UnitOfficer, s.Now, forwardedOn.AddDays(1)));
        Assert.Contains("登记收到", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_review_request_cannot_predate_the_reply_it_challenges()
    {
        var s = ServedOnMarch10().At(D("2026-03-20"));

        Expect.Refused("occurred-before-previous-step", s.Petition, () => s.Petition.RequestReview(s.Reviewer, s.Tree, "不服", s.PetitionerActor, s.Now, D("2026-03-09")));
    }

    [Fact]
    public void A_date_older_than_the_policy_allows_is_refused_and_the_limit_is_a_policy_value()
    {
        var s = Scenario.InState(PetitionState.Forwarded);
        s.Advance(100);
        var old = s.Today.AddDays(-91);

        Expect.Refused("occurred-too-long-ago", s.Petition, () => s.Petition.Accept(s.UnitOfficer, s.Now, old));

        s.Petition.Policy = s.Petition.Policy.With(new PolicyOverride("某县") { MaxBackdatingDays = 120 });
        s.Petition.Accept(s.UnitOfficer, s.Now, old);
        Assert.Equal(old, s.Petition.AcceptedOn);
    }

    [Fact]
    public void A_receipt_is_recorded_once_per_dispatch()
    {
        var s = Scenario.InState(PetitionState.Assigned).RecordReceipt();

        Expect.Refused("already-received", s.Petition, () => s.Petition.RecordReceipt(s.UnitOfficer, s.Now));
    }

    [Fact]
    public void Hearing_days_are_bounded_like_any_effective_date_Art_36_para_2()
    {
        var s = Scenario.InState(PetitionState.UnderReReview);
        var requested = Expect.Clock(s.Petition, DeadlineKind.ReReviewOpinion).StartedOn;
        s.Advance(10);

        var v = Expect.Refused("occurred-before-previous-step", s.Petition, () => s.Petition.RecordHearing(requested.AddDays(-1), requested.AddDays(1), "听证", s.ReReviewOfficer, s.Now));
        Assert.Equal("from", v.Field);
        v = Expect.Refused("occurred-in-future", s.Petition, () => s.Petition.RecordHearing(requested.AddDays(1), s.Today.AddDays(1), "听证", s.ReReviewOfficer, s.Now));
        Assert.Equal("to", v.Field);
        // Any days between the request and today, entered later.
        s.Petition.RecordHearing(requested.AddDays(1), requested.AddDays(2), "听证", s.ReReviewOfficer, s.Now);
        Assert.Equal(requested.AddDays(2), s.Petition.History[^1].OccurredOn);
    }

    [Fact]
    public void Without_a_date_a_step_happens_today_and_history_keeps_entry_time_and_who_entered_it()
    {
        var s = Scenario.InState(PetitionState.Forwarded).Accept();
        var entry = s.Petition.History[^1];

        Assert.Equal(s.Today, entry.OccurredOn);
        Assert.Equal(s.Now, entry.At);
        Assert.Equal(s.UnitOfficer.UserId, entry.ActorId);
        Assert.Equal(s.Petition.ReceivedOn, s.Petition.History[0].OccurredOn);
    }

    [Fact]
    public void A_rating_given_on_paper_carries_its_own_day()
    {
        var s = ServedOnMarch10().At(D("2026-03-20"));
        var p = s.Petition;
        p.Rate(Satisfaction.Satisfied, null, Satisfaction.Satisfied, null, s.BureauOfficer, s.Now, D("2026-03-15"));

        Assert.Equal(D("2026-03-15"), p.RatedOn);
        Assert.Equal(D("2026-03-15"), p.History[^1].OccurredOn);
    }
}
