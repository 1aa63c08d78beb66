using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using static Xinfang.Domain.Tests.Deadlines.Calendars;

namespace Xinfang.Domain.Tests.Deadlines;

public sealed class DeadlineComputationTests
{
    private static DeadlineComputation Handling(string accepted, DeadlinePolicy? policy = null) =>
        DeadlineComputation.Start("受理", D(accepted), Period.Days(60), Official, policy ?? DeadlinePolicy.National);

    [Fact]
    public void Add_counts_the_start_day_as_day_0()
    {
        // domain.md §6: a reply received 2026-03-10 may be challenged up to and including 2026-04-09.
        var due = DeadlineArithmetic.Add(D("2026-03-10"), Period.Days(30), Official);
        Assert.Equal(new DueDate(D("2026-04-09"), false, "2026-03-10 + 30日 = 2026-04-09"), due);
    }

    [Fact]
    public void Art34_an_extension_adds_its_days_to_the_last_day_and_explains_who_and_why()
    {
        var due = Handling("2026-01-31").Extend(30, "张主任", "需补充调查", D("2026-02-20")).Due;
        Assert.Equal(D("2026-05-01"), due.Date);
        Assert.Equal(
            "受理 2026-01-31 + 60日 = 2026-04-01；2026-02-20 经张主任批准延期30日（理由：需补充调查）= 2026-05-01"
                + "；2026-05-01 为劳动节休息日，本地政策不顺延",
            due.Explanation);
    }

    [Fact]
    public void Art34_with_roll_forward_the_extended_day_moves_past_the_Labour_Day_holiday()
    {
        var policy = DeadlinePolicy.National with { RollForwardRestDay = true };
        var due = Handling("2026-01-31", policy).Extend(30, "张主任", "需补充调查", D("2026-02-20")).Due;
        Assert.Equal(D("2026-05-06"), due.Date);
        Assert.EndsWith("2026-05-01 为劳动节休息日，顺延至下一个工作日 2026-05-06", due.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(45)]
    public void Art34_an_extension_beyond_30_days_is_refused(int days)
    {
        var error = Assert.Throws<DomainRuleViolation>(() => Handling("2026-01-31").Extend(days, "张主任", "复杂", D("2026-02-20")));
        Assert.Equal("deadline.extension-too-long", error.Code);
    }

    [Fact]
    public void Art34_extensions_total_at_most_30_days_even_where_several_are_allowed()
    {
        var twice = DeadlinePolicy.National with { MaxExtensions = 2 };
        var first = Handling("2026-01-31", twice).Extend(20, "张主任", "复杂", D("2026-02-20"));
        Assert.Equal(D("2026-04-21"), first.Due.Date);
        Assert.Equal(D("2026-05-01"), first.Extend(10, "张主任", "仍需鉴定", D("2026-04-10")).Due.Date);
        var error = Assert.Throws<DomainRuleViolation>(() => first.Extend(11, "张主任", "仍需鉴定", D("2026-04-10")));
        Assert.Equal("deadline.extension-too-long", error.Code);
    }

    [Fact]
    public void Practice_one_extension_only_by_default()
    {
        var once = Handling("2026-01-31").Extend(10, "张主任", "复杂", D("2026-02-20"));
        var error = Assert.Throws<DomainRuleViolation>(() => once.Extend(10, "张主任", "复杂", D("2026-03-20")));
        Assert.Equal("deadline.extension-count", error.Code);
    }

    [Theory]
    [InlineData("", "复杂", "deadline.extension-unapproved")]
    [InlineData("张主任", " ", "deadline.extension-no-reason")]
    public void Art34_an_extension_needs_the_heads_approval_and_a_reason_for_the_petitioner(string by, string reason, string code) =>
        Assert.Equal(code, Assert.Throws<DomainRuleViolation>(() => Handling("2026-01-31").Extend(10, by, reason, D("2026-02-20"))).Code);

    [Theory]
    [InlineData("2026-04-01", true)]  // on the last day: still in time
    [InlineData("2026-04-02", false)] // the day after: the deadline was already missed
    [InlineData("2026-01-30", false)] // before acceptance
    public void An_extension_is_approved_while_the_deadline_runs(string on, bool allowed)
    {
        var extend = () => Handling("2026-01-31").Extend(10, "张主任", "复杂", D(on));
        if (allowed)
        {
            Assert.Equal(D("2026-04-11"), extend().Due.Date);
        }
        else
        {
            Assert.Equal("deadline.extension-out-of-time", Assert.Throws<DomainRuleViolation>(extend).Code);
        }
    }

    [Fact]
    public void Art36_hearing_days_are_not_counted_in_the_ReReview_opinion_period()
    {
        var due = DeadlineComputation.Start(DeadlineClock.ReReviewOpinion, D("2026-03-02"), Official, DeadlinePolicy.National)
            .Pause(D("2026-03-10"), D("2026-03-16"), "听证")
            .Due;
        Assert.Equal(D("2026-04-08"), due.Date); // 2026-04-01 + 7 hearing days
        Assert.Equal(
            "收到复核请求 2026-03-02 + 30日 = 2026-04-01；听证 2026-03-10至2026-03-16 不计入期限（条例第三十六条），期限内共 7 日不计 = 2026-04-08",
            due.Explanation);
    }

    [Theory]
    [InlineData("2026-02-20", "2026-03-01", "2026-04-01")] // before the request: nothing changes
    [InlineData("2026-04-02", "2026-04-10", "2026-04-01")] // after the last day: nothing changes
    [InlineData("2026-02-25", "2026-03-04", "2026-04-03")] // partly inside: 03-03, 03-04 not counted
    [InlineData("2026-04-01", "2026-04-01", "2026-04-02")] // a hearing on the last day pushes it one day
    public void Art36_only_hearing_days_inside_the_period_push_it(string from, string to, string due) =>
        Assert.Equal(D(due), DeadlineArithmetic.AddWithPauses(D("2026-03-02"), Period.Days(30), [(D(from), D(to))], Official).Date);

    [Fact]
    public void Overlapping_pauses_count_each_day_once()
    {
        var due = DeadlineArithmetic.AddWithPauses(
            D("2026-03-02"), Period.Days(30), [(D("2026-03-10"), D("2026-03-14")), (D("2026-03-12"), D("2026-03-16"))], Official);
        Assert.Equal(D("2026-04-08"), due.Date);
    }

    [Fact]
    public void A_pause_that_ends_before_it_starts_is_refused() =>
        Assert.Throws<ArgumentException>(() => Handling("2026-01-31").Pause(D("2026-03-10"), D("2026-03-09"), "听证"));

    [Fact]
    public void A_working_day_period_also_skips_paused_working_days()
    {
        // 2026-03-05 (Thu) + 5 working days = 03-12; a pause on 03-09..03-10 (Mon, Tue) pushes it to 03-16.
        var due = DeadlineArithmetic.AddWithPauses(D("2026-03-05"), Period.WorkingDays(5), [(D("2026-03-09"), D("2026-03-10"))], Official);
        Assert.Equal(D("2026-03-16"), due.Date);
    }

    [Fact]
    public void The_chain_is_immutable_so_a_petition_can_keep_each_step()
    {
        var start = Handling("2026-01-31");
        var extended = start.Extend(30, "张主任", "复杂", D("2026-02-20"));
        Assert.Equal(D("2026-04-01"), start.Due.Date);
        Assert.Equal(D("2026-05-01"), extended.Due.Date);
        Assert.Equal(30, extended.ExtendedDays);
        Assert.Single(extended.Extensions);
    }

    [Fact]
    public void A_negative_period_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DeadlineArithmetic.Add(D("2026-01-01"), Period.Days(-1), Official));

    [Fact]
    public void The_late_instant_is_the_next_midnight_in_Beijing()
    {
        var due = DeadlineArithmetic.Add(D("2026-03-10"), Period.Days(30), Official);
        Assert.Equal(new DateTimeOffset(2026, 4, 9, 16, 0, 0, TimeSpan.Zero), due.ExpiresAt);
        Assert.Equal(D("2026-04-10"), DeadlineTime.LocalDate(due.ExpiresAt));
        Assert.Equal(D("2026-04-09"), DeadlineTime.LocalDate(due.ExpiresAt.AddTicks(-1)));
    }
}
