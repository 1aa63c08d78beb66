using Xinfang.Domain.Deadlines;

namespace Xinfang.Domain.Petitions;

/// <summary>
/// 发生日期: the day a step happened outside the system (a letter received on paper, a 复查 request
/// handed in at the counter, a reply served by post), as against the instant it was typed. The
/// regulation counts from the event — 条例 Art. 23 ¶3 "自收到之日起", Art. 34 "自受理之日起",
/// Arts. 35–36 "自收到书面答复/复查意见之日起" and "收到复查/复核请求之日起" — so every clock starts
/// from this day, and a request handed in on day 30 but entered on day 31 is on time.
/// The one place that bounds such a day; every action goes through it.
/// </summary>
public static class EffectiveDate
{
    /// <summary>The request field every action takes for it.</summary>
    public const string Field = "occurredOn";

    /// <summary>
    /// The effective day of a step: <paramref name="occurredOn"/> when given, else the jurisdiction's
    /// today. A given day is refused (naming <paramref name="field"/>) when it lies in the future (in
    /// UTC+8), before <paramref name="notBefore"/> (the step it follows, named by <paramref name="previousStep"/>),
    /// or more than the policy's <see cref="DeadlinePolicy.MaxBackdatingDays"/> [P] before today.
    /// </summary>
    public static DateOnly Resolve(
        DateOnly? occurredOn,
        DateTimeOffset now,
        DeadlinePolicy policy,
        DateOnly? notBefore = null,
        string? previousStep = null,
        string field = Field,
        string label = "发生日期")
    {
        ArgumentNullException.ThrowIfNull(policy);
        var today = DeadlineTime.LocalDate(now);
        if (occurredOn is not { } day)
        {
            return today;
        }

        Check(day <= today, "occurred-in-future", $"{label}（{field}）{day:yyyy-MM-dd}不能晚于今天（{today:yyyy-MM-dd}，北京时间）", field);
        Check(notBefore is null || day >= notBefore.Value, "occurred-before-previous-step",
            $"{label}（{field}）{day:yyyy-MM-dd}不能早于{previousStep ?? "上一步骤"}的日期（{notBefore:yyyy-MM-dd}）", field);
        var oldest = today.AddDays(-policy.MaxBackdatingDays);
        Check(day >= oldest, "occurred-too-long-ago",
            $"{label}（{field}）{day:yyyy-MM-dd}早于补录期限：只能补录{policy.MaxBackdatingDays}日内（{oldest:yyyy-MM-dd}起）发生的事项", field);
        return day;
    }

    private static void Check(bool condition, string code, string message, string field)
    {
        if (!condition)
        {
            throw new DomainRuleViolation(code, message, field);
        }
    }
}
