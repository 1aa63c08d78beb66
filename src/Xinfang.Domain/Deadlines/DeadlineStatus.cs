namespace Xinfang.Domain.Deadlines;

/// <summary>How close an open item is to its deadline (domain.md §6, Warnings).</summary>
public enum DeadlineWarning
{
    /// <summary>Within its period, no flag.</summary>
    Normal,
    /// <summary>黄牌: most of the period has elapsed.</summary>
    Yellow,
    /// <summary>红牌: due today or within the last few days.</summary>
    Red,
    /// <summary>超期: the last day has passed; the item appears on the supervisor's list.</summary>
    Overdue,
}

/// <summary>When an item turns yellow and red; a jurisdiction may set its own.</summary>
/// <param name="YellowPercentElapsed">Yellow once this share of the period (start → due) has elapsed; 80 by default.</param>
/// <param name="RedDaysLeft">Red on the last day and when at most this many days remain; 1 by default.</param>
public sealed record WarningThresholds(int YellowPercentElapsed = 80, int RedDaysLeft = 1)
{
    public static WarningThresholds Default { get; } = new();
}

/// <summary>Judges an open deadline on a given day. Pure: the caller passes today (Beijing date, see <see cref="DeadlineTime.LocalDate"/>).</summary>
public static class DeadlineStatus
{
    public static DeadlineWarning Evaluate(DateOnly start, DateOnly due, DateOnly today) =>
        Evaluate(start, due, today, WarningThresholds.Default);

    public static DeadlineWarning Evaluate(DateOnly start, DateOnly due, DateOnly today, WarningThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (today > due)
        {
            return DeadlineWarning.Overdue;
        }

        var daysLeft = due.DayNumber - today.DayNumber;
        if (daysLeft <= thresholds.RedDaysLeft)
        {
            return DeadlineWarning.Red;
        }

        // Integer arithmetic: elapsed/period ≥ percent/100, without rounding surprises.
        var period = (long)due.DayNumber - start.DayNumber;
        var elapsed = (long)today.DayNumber - start.DayNumber;
        return elapsed * 100 >= thresholds.YellowPercentElapsed * period ? DeadlineWarning.Yellow : DeadlineWarning.Normal;
    }
}
