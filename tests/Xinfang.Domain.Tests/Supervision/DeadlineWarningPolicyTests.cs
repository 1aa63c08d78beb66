using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;
using Xinfang.Domain.Supervision;
using static Xinfang.Domain.Tests.Supervision.SupervisionFixtures;

namespace Xinfang.Domain.Tests.Supervision;

/// <summary>domain.md §6 Warnings as the sweeper uses them: levels, configurable thresholds, and how far ahead to look.</summary>
public sealed class DeadlineWarningPolicyTests
{
    // A notice-of-receipt clock: received 2026-03-10, due 2026-03-25 (15 days; 80 % = day 12 = 03-22).
    [Theory]
    [InlineData("2026-03-21", DeadlineWarning.Normal)]
    [InlineData("2026-03-22", DeadlineWarning.Yellow)]
    [InlineData("2026-03-24", DeadlineWarning.Red)]
    [InlineData("2026-03-25", DeadlineWarning.Red)]
    [InlineData("2026-03-26", DeadlineWarning.Overdue)]
    public void Levels_by_default(string today, DeadlineWarning expected) =>
        Assert.Equal(expected, DeadlineWarningPolicy.Default.Evaluate(D("2026-03-10"), D("2026-03-25"), D(today)));

    [Fact]
    public void Thresholds_are_configurable()
    {
        var policy = new DeadlineWarningPolicy(new WarningThresholds(50, 3));
        Assert.Equal(DeadlineWarning.Yellow, policy.Evaluate(D("2026-03-10"), D("2026-03-25"), D("2026-03-18")));
        Assert.Equal(DeadlineWarning.Red, policy.Evaluate(D("2026-03-10"), D("2026-03-25"), D("2026-03-22")));
    }

    [Fact]
    public void The_horizon_covers_the_yellow_share_of_the_longest_period()
    {
        // 90 days (60 + 30, Art. 34) × 20 % = 18 days.
        Assert.Equal(18, DeadlineWarningPolicy.Default.HorizonDays);
        Assert.Equal(45, new DeadlineWarningPolicy(new WarningThresholds(50, 1)).HorizonDays);
        Assert.Equal(20, new DeadlineWarningPolicy(new WarningThresholds(100, 20)).HorizonDays);
    }

    [Fact]
    public void Nothing_due_beyond_the_horizon_can_be_warned_for_periods_up_to_the_longest()
    {
        var policy = DeadlineWarningPolicy.Default;
        var today = D("2026-03-10");
        for (var period = 1; period <= policy.LongestPeriodDays; period++)
        {
            for (var left = policy.HorizonDays + 1; left <= period; left++)
            {
                var due = today.AddDays(left);
                Assert.Equal(DeadlineWarning.Normal, policy.Evaluate(due.AddDays(-period), due, today));
            }
        }
    }

    [Fact]
    public void Nonsense_thresholds_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeadlineWarningPolicy(new WarningThresholds(0, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeadlineWarningPolicy(new WarningThresholds(101, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeadlineWarningPolicy(new WarningThresholds(80, -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeadlineWarningPolicy(WarningThresholds.Default, 0));
    }

    [Theory]
    [InlineData(DeadlineKind.BureauDisposition, true)] // Art. 22, 43
    [InlineData(DeadlineKind.NoticeOfReceipt, true)]   // Art. 23, 44(三)
    [InlineData(DeadlineKind.Handling, true)]          // Art. 34, 45(一)
    [InlineData(DeadlineKind.AssignedReport, true)]    // Art. 22(三)
    [InlineData(DeadlineKind.ReviewOpinion, true)]     // Art. 35
    [InlineData(DeadlineKind.ReReviewOpinion, true)]   // Art. 36
    [InlineData(DeadlineKind.ForwardObjection, false)] // the unit's option, Art. 23 ¶3
    [InlineData(DeadlineKind.ReviewRequest, false)]    // the petitioner's window, Art. 35
    [InlineData(DeadlineKind.ReReviewRequest, false)]  // the petitioner's window, Art. 36
    [InlineData(DeadlineKind.Rating, false)]           // the petitioner's window [P]
    public void Only_the_bodies_duties_are_supervised(DeadlineKind kind, bool supervised) =>
        Assert.Equal(supervised, DeadlineWarningPolicy.IsSupervised(kind));

    [Fact]
    public void Every_clock_is_classified() =>
        Assert.Equal(6, Enum.GetValues<DeadlineKind>().Count(DeadlineWarningPolicy.IsSupervised));

    [Fact]
    public void Levels_have_the_pages_names() =>
        Assert.Equal(["黄", "红", "逾期"], new[] { DeadlineWarning.Yellow, DeadlineWarning.Red, DeadlineWarning.Overdue }.Select(DeadlineWarningPolicy.NameOf));
}
