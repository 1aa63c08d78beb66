using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Supervision;

namespace Xinfang.Web.Supervision;

/// <summary>Configuration section <c>Xinfang:Supervision</c>.</summary>
public sealed class SupervisionOptions
{
    public const string Section = "Xinfang:Supervision";

    /// <summary>Whether the hosted sweeper loop runs. Default: on, except in the "Testing" environment where tests call the sweep themselves.</summary>
    public bool? RunInBackground { get; set; }

    /// <summary>Time between sweeps (default 10 minutes).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a sweeper's lease lasts; another instance takes over after it. Default: twice the interval.</summary>
    public TimeSpan? LeaseDuration { get; set; }

    /// <summary>Yellow once this share of the period has elapsed (domain.md §6: 80).</summary>
    public int YellowPercentElapsed { get; set; } = WarningThresholds.Default.YellowPercentElapsed;

    /// <summary>Red on the last day and when at most this many days remain (default 1).</summary>
    public int RedDaysLeft { get; set; } = WarningThresholds.Default.RedDaysLeft;

    /// <summary>The longest period of an open clock, which sets how far ahead a sweep looks (default 90 = 60 + 30, Art. 34).</summary>
    public int LongestPeriodDays { get; set; } = DeadlineWarningPolicy.DefaultLongestPeriodDays;

    /// <summary>Items overdue for longer than this are not re-read by each sweep (their overdue warning is already recorded). Default 30.</summary>
    public int OverdueLookbackDays { get; set; } = 30;

    /// <summary>This instance's name on the lease; default machine name, process id and a random suffix.</summary>
    public string? HolderId { get; set; }

    public TimeSpan EffectiveLeaseDuration => LeaseDuration ?? Interval * 2;

    public DeadlineWarningPolicy ToPolicy() => new(new WarningThresholds(YellowPercentElapsed, RedDaysLeft), LongestPeriodDays);
}
