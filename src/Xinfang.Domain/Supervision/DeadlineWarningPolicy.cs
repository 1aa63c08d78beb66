using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Supervision;

/// <summary>
/// domain.md §6 Warnings: an open deadline turns yellow when most of its period has elapsed, red when
/// it is due soon, overdue after its last day; overdue items appear on the supervisors' list (条例
/// Art. 40 ¶1, 拖延). The levels themselves are <see cref="DeadlineStatus.Evaluate(DateOnly, DateOnly, DateOnly, WarningThresholds)"/>;
/// this adds the thresholds a jurisdiction configures and how far ahead a sweep must look.
/// </summary>
public sealed class DeadlineWarningPolicy
{
    /// <summary>The handling period plus the longest extension (条例 Art. 34: 60 + 30 days).</summary>
    public const int DefaultLongestPeriodDays = 90;

    public DeadlineWarningPolicy(WarningThresholds thresholds, int longestPeriodDays = DefaultLongestPeriodDays)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (thresholds.YellowPercentElapsed is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(thresholds), thresholds.YellowPercentElapsed, "黄牌阈值应为1%至100%");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(thresholds.RedDaysLeft, nameof(thresholds));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(longestPeriodDays);
        Thresholds = thresholds;
        LongestPeriodDays = longestPeriodDays;
    }

    public static DeadlineWarningPolicy Default { get; } = new(WarningThresholds.Default);

    public WarningThresholds Thresholds { get; }

    /// <summary>The longest period an open clock may have; a longer one (an assigned deadline set far ahead) turns yellow later than the horizon and is caught then.</summary>
    public int LongestPeriodDays { get; }

    /// <summary>
    /// How many days before its last day a deadline can first carry a warning: the red days, or the
    /// remaining share of the longest period once yellow is reached, whichever is larger. A sweep
    /// only looks at deadlines due within this many days (or past): nothing further out can be warned.
    /// </summary>
    public int HorizonDays =>
        Math.Max(Thresholds.RedDaysLeft, (int)Math.Ceiling(LongestPeriodDays * (100 - Thresholds.YellowPercentElapsed) / 100.0));

    /// <summary>The level of an open deadline started on <paramref name="start"/>, due <paramref name="due"/>, judged on <paramref name="today"/> (Beijing date).</summary>
    public DeadlineWarning Evaluate(DateOnly start, DateOnly due, DateOnly today) =>
        DeadlineStatus.Evaluate(start, due, today, Thresholds);

    /// <summary>
    /// Whether a clock is a duty of the bureau or unit, and so warned and supervised (条例 Art. 40 ¶1
    /// 拖延, Art. 44(三), Art. 45(一): 未在规定期限内 …). The petitioner's windows — asking for 复查/复核
    /// (Arts. 35, 36) and rating [P] — and the unit's option to object to a forward (Art. 23 ¶3) lapse
    /// without anyone being late, so they are not.
    /// </summary>
    public static bool IsSupervised(DeadlineKind kind) => kind switch
    {
        DeadlineKind.BureauDisposition or DeadlineKind.NoticeOfReceipt or DeadlineKind.Handling or DeadlineKind.AssignedReport
            or DeadlineKind.ReviewOpinion or DeadlineKind.ReReviewOpinion => true,
        _ => false,
    };

    /// <summary>Chinese label of a level, as the supervisors' page shows it.</summary>
    public static string NameOf(DeadlineWarning level) => level switch
    {
        DeadlineWarning.Yellow => "黄",
        DeadlineWarning.Red => "红",
        DeadlineWarning.Overdue => "逾期",
        _ => "正常",
    };
}
