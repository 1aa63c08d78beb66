using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Deadlines;

/// <summary>An extension of a deadline, approved by the unit head (条例 Art. 34).</summary>
public sealed record DeadlineExtension(int Days, string ApprovedBy, string Reason, DateOnly On);

/// <summary>Days not counted, inclusive (e.g. a 复核 hearing, 条例 Art. 36 ¶2).</summary>
public sealed record DeadlinePause(DateOnly From, DateOnly To, string Reason);

/// <summary>
/// One deadline as a chain: a start day plus a period, then extensions, pauses and the roll-forward
/// switch, each step explained. Immutable: every call returns a new computation, so a petition can
/// keep it and add steps as they happen.
/// <code>
/// DeadlineComputation.Start("受理", accepted, policy.Handling, calendar, policy)
///     .Extend(30, "张主任", "需补充调查", on: approvalDay)
///     .Due   // DueDate with Date, Provisional, Explanation
/// </code>
/// </summary>
public sealed class DeadlineComputation
{
    private readonly ImmutableList<DeadlineExtension> extensions;
    private readonly ImmutableList<DeadlinePause> pauses;
    private readonly Lazy<DueDate> due;

    private DeadlineComputation(
        string label,
        DateOnly startDate,
        Period period,
        WorkingCalendar calendar,
        DeadlinePolicy policy,
        ImmutableList<DeadlineExtension> extensions,
        ImmutableList<DeadlinePause> pauses)
    {
        Label = label;
        StartDate = startDate;
        Period = period;
        Calendar = calendar;
        Policy = policy;
        this.extensions = extensions;
        this.pauses = pauses;
        due = new Lazy<DueDate>(Compute);
    }

    /// <summary>What starts the clock, e.g. "受理" or "收到复查请求"; leads the explanation.</summary>
    public string Label { get; }

    /// <summary>Day 0: the day of receipt/acceptance, not itself counted.</summary>
    public DateOnly StartDate { get; }

    public Period Period { get; }

    public WorkingCalendar Calendar { get; }

    public DeadlinePolicy Policy { get; }

    public IReadOnlyList<DeadlineExtension> Extensions => extensions;

    public IReadOnlyList<DeadlinePause> Pauses => pauses;

    /// <summary>Total days granted by extensions so far.</summary>
    public int ExtendedDays => extensions.Sum(e => e.Days);

    /// <summary>The last day, with every step explained.</summary>
    public DueDate Due => due.Value;

    /// <summary>Starts a deadline: <paramref name="startDate"/> is day 0 and is not counted.</summary>
    public static DeadlineComputation Start(
        string label, DateOnly startDate, Period period, WorkingCalendar calendar, DeadlinePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfNegative(period.Length);
        return new DeadlineComputation(label, startDate, period, calendar, policy, [], []);
    }

    /// <summary>Starts one of the clocks of <see cref="DeadlineClocks"/> with its period under <paramref name="policy"/>.</summary>
    public static DeadlineComputation Start(
        DeadlineClock clock, DateOnly startDate, WorkingCalendar calendar, DeadlinePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var period = policy.PeriodFor(clock)
            ?? throw new ArgumentException($"{clock} has no period of its own (set by the bureau, or counted in hours)", nameof(clock));
        return Start(DeadlineClocks.Get(clock).StartedBy, startDate, period, calendar, policy);
    }

    /// <summary>
    /// 条例 Art. 34: the unit head may extend, in total by at most <see cref="DeadlinePolicy.MaxExtensionDays"/>
    /// (30) days, and the petitioner is told the reason; practice [P] allows
    /// <see cref="DeadlinePolicy.MaxExtensions"/> (one) extension. Approval must come on or before the
    /// current last day [P]: a deadline already missed is not extended. The extra days are added to
    /// the current last day. Breaches throw <see cref="DomainRuleViolation"/>.
    /// </summary>
    public DeadlineComputation Extend(int days, string approvedBy, string reason, DateOnly on)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        if (string.IsNullOrWhiteSpace(approvedBy))
        {
            throw new DomainRuleViolation("deadline.extension-unapproved", "延期须经本机关、单位负责人批准（条例第三十四条）");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleViolation("deadline.extension-no-reason", "延期须告知信访人延期理由（条例第三十四条）");
        }

        if (extensions.Count >= Policy.MaxExtensions)
        {
            throw new DomainRuleViolation(
                "deadline.extension-count", $"本辖区政策只允许延期{Policy.MaxExtensions}次，已延期{extensions.Count}次（《信访工作条例》第三十四条）");
        }

        if (days > Policy.MaxExtensionDays - ExtendedDays) // (not ExtendedDays + days: no overflow for a huge request)
        {
            throw new DomainRuleViolation(
                "deadline.extension-too-long",
                $"延长期限合计不得超过{Policy.MaxExtensionDays}日（《信访工作条例》第三十四条），已延期{ExtendedDays}日，本次申请{days}日");
        }

        if (on < StartDate || on > Due.Date)
        {
            throw new DomainRuleViolation(
                "deadline.extension-out-of-time", $"办理期限已于{Due.Date:yyyy-MM-dd}届满，不能再延期（批准日为{on:yyyy-MM-dd}）");
        }

        return new DeadlineComputation(
            Label, StartDate, Period, Calendar, Policy, extensions.Add(new DeadlineExtension(days, approvedBy, reason, on)), pauses);
    }

    /// <summary>
    /// Days from <paramref name="from"/> to <paramref name="to"/> (inclusive) are not counted: 条例 Art. 36 ¶2,
    /// hearing time is not counted in the 30 days of a 复核 opinion. Days before the start or after the
    /// last day change nothing; overlapping pauses count each day once.
    /// </summary>
    public DeadlineComputation Pause(DateOnly from, DateOnly to, string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (to < from)
        {
            throw new ArgumentException($"暂停的终止日 {to:yyyy-MM-dd} 早于起始日 {from:yyyy-MM-dd}", nameof(to));
        }

        return new DeadlineComputation(
            Label, StartDate, Period, Calendar, Policy, extensions, pauses.Add(new DeadlinePause(from, to, reason)));
    }

    private bool IsPaused(DateOnly day) => pauses.Any(p => p.From <= day && day <= p.To);

    private DateOnly Walk(bool skipPauses)
    {
        bool Counts(DateOnly day) =>
            (Period.Unit == PeriodUnit.CalendarDays || Calendar.IsWorkingDay(day)) && !(skipPauses && IsPaused(day));

        var day = DeadlineArithmetic.Walk(StartDate, Period.Length, Counts);
        foreach (var extension in extensions)
        {
            // 条例 Art. 34 counts extensions in 日: calendar days, whatever the base period's unit.
            day = DeadlineArithmetic.Walk(day, extension.Days, d => !(skipPauses && IsPaused(d)));
        }

        return day;
    }

    // Which official days off were skipped and which make-up days counted, e.g.
    // "（不计春节休息日；计入调休上班日 2026-02-14）": the reader can check the count against the notice.
    private string WorkingDayNote(DateOnly last)
    {
        var days = Enumerable.Range(1, last.DayNumber - StartDate.DayNumber)
            .Select(StartDate.AddDays)
            .ToList();
        var holidays = days
            .Where(d => Calendar.IsRestDay(d) && !HolidaySchedule.IsWeekend(d))
            .Select(d => Calendar.Describe(d))
            .Distinct()
            .ToList();
        var makeUp = days.Where(d => Calendar.IsWorkingDay(d) && HolidaySchedule.IsWeekend(d)).ToList();
        var parts = new List<string>();
        if (holidays.Count > 0)
        {
            parts.Add("不计" + string.Join("、", holidays));
        }

        if (makeUp.Count > 0)
        {
            parts.Add("计入调休上班日 " + string.Join("、", makeUp.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        }

        return parts.Count == 0 ? string.Empty : $"（{string.Join("；", parts)}）";
    }

    private DueDate Compute()
    {
        var text = new StringBuilder();
        var label = Label.Length == 0 ? string.Empty : Label + " ";
        var baseDue = DeadlineArithmetic.Walk(
            StartDate, Period.Length, d => Period.Unit == PeriodUnit.CalendarDays || Calendar.IsWorkingDay(d));
        text.Append(CultureInfo.InvariantCulture, $"{label}{StartDate:yyyy-MM-dd} + {Period} = {baseDue:yyyy-MM-dd}");
        if (Period.Unit == PeriodUnit.WorkingDays)
        {
            text.Append(WorkingDayNote(baseDue));
        }

        var running = baseDue;
        foreach (var extension in extensions)
        {
            running = running.AddDays(extension.Days);
            text.Append(CultureInfo.InvariantCulture,
                $"；{extension.On:yyyy-MM-dd} 经{extension.ApprovedBy}批准延期{extension.Days}日（理由：{extension.Reason}）= {running:yyyy-MM-dd}");
        }

        var last = Walk(skipPauses: true);
        if (!pauses.IsEmpty)
        {
            var notCounted = 0;
            for (var day = StartDate.AddDays(1); day <= last; day = day.AddDays(1))
            {
                if (IsPaused(day))
                {
                    notCounted++;
                }
            }

            var listed = string.Join("、", pauses.Select(p =>
                (p.Reason.Length == 0 ? "暂停" : p.Reason) + $" {p.From:yyyy-MM-dd}至{p.To:yyyy-MM-dd}"));
            text.Append(CultureInfo.InvariantCulture, $"；{listed} 不计入期限（条例第三十六条），期限内共 {notCounted} 日不计 = {last:yyyy-MM-dd}");
        }

        var lastCounted = last;
        if (Calendar.IsRestDay(last))
        {
            if (Policy.RollForwardRestDay)
            {
                last = Calendar.NextWorkingDay(last);
                text.Append(CultureInfo.InvariantCulture,
                    $"；{lastCounted:yyyy-MM-dd} 为{Calendar.Describe(lastCounted)}，顺延至下一个工作日 {last:yyyy-MM-dd}");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"；{lastCounted:yyyy-MM-dd} 为{Calendar.Describe(lastCounted)}，本地政策不顺延");
            }
        }

        // Working days counted, or a rest-day check for the roll-forward, in a year without a loaded
        // schedule used Monday–Friday: the result is provisional until that schedule arrives.
        var usedCalendarFrom = Period.Unit == PeriodUnit.WorkingDays ? StartDate.AddDays(1) : lastCounted;
        var usedCalendar = Period.Unit == PeriodUnit.WorkingDays || Policy.RollForwardRestDay;
        var unloaded = usedCalendar
            ? Enumerable.Range(usedCalendarFrom.Year, last.Year - usedCalendarFrom.Year + 1)
                .Where(year => !Calendar.IsYearLoaded(year))
                .ToList()
            : [];
        if (unloaded.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"（{string.Join("、", unloaded)}年节假日安排尚未载入，按周一至周五计算，为暂定期限）");
        }

        return new DueDate(last, unloaded.Count > 0, text.ToString());
    }
}
