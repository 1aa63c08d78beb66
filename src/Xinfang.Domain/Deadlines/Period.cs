namespace Xinfang.Domain.Deadlines;

/// <summary>The unit a legal period is counted in.</summary>
public enum PeriodUnit
{
    /// <summary>日: plain calendar days, the 条例's default.</summary>
    CalendarDays,
    /// <summary>工作日: counted on the State Council's working-day calendar (条例 Art. 23 ¶3 uses it once).</summary>
    WorkingDays,
}

/// <summary>A length of time the regulation or a jurisdiction policy sets, e.g. 60 日 or 5 工作日.</summary>
public readonly record struct Period(int Length, PeriodUnit Unit)
{
    public static Period Days(int length) => new(length, PeriodUnit.CalendarDays);

    public static Period WorkingDays(int length) => new(length, PeriodUnit.WorkingDays);

    public override string ToString() => Unit == PeriodUnit.WorkingDays ? $"{Length}个工作日" : $"{Length}日";
}
