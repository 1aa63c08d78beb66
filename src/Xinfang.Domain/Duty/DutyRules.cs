using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Duty;

/// <summary>
/// 特殊时期 (全国两会, 国庆 …): a span of days a petition bureau declares for its subtree, during which every body of the
/// subtree keeps a duty roster (值班) and files a daily report (零报告 when nothing happened). The regulation asks bodies to
/// report major and urgent matters promptly (条例 Art. 25 ¶1: 对可能造成社会影响的重大、紧急信访事项和信访信息，应当及时报告);
/// the daily report during a sensitive period is how a bureau knows that silence means "nothing happened" and not "not
/// reported" (seed 泰宁 2020: 24小时值班, 零报告).
/// </summary>
public sealed class SpecialPeriod
{
    public const int MaxNameLength = 50;

    /// <summary>A declared period is at most this long (the longest in practice, 国庆 with 亚运 around it, is a few weeks).</summary>
    public const int MaxDays = 62;

    private SpecialPeriod()
    {
        Name = DeclaredBy = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The bureau that declared it; its subtree files the daily reports.</summary>
    public Guid OrganizationId { get; private set; }

    public string Name { get; private set; }

    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    public string DeclaredBy { get; private set; }

    public DateTimeOffset DeclaredAt { get; private set; }

    public int Days => To.DayNumber - From.DayNumber + 1;

    public bool Covers(DateOnly day) => day >= From && day <= To;

    public static SpecialPeriod Declare(Guid id, Guid organizationId, string name, DateOnly from, DateOnly to, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        DutyText.Require(to >= from, "period-reversed", "结束日期不能早于开始日期", "to");
        DutyText.Require(to.DayNumber - from.DayNumber + 1 <= MaxDays, "period-too-long", $"特殊时期最长{MaxDays}天", "to");
        // Declared ahead or on its first days; a period long over is not declared after the fact (its reports could never be filed).
        DutyText.Require(to >= DeadlineTime.LocalDate(now), "period-over", "特殊时期已结束，不能再宣布", "to");
        return new SpecialPeriod
        {
            Id = id,
            OrganizationId = organizationId,
            Name = DutyText.Clean(name, MaxNameLength, "name", "特殊时期名称"),
            From = from,
            To = to,
            DeclaredBy = actor.Name,
            DeclaredAt = now,
        };
    }
}

/// <summary>
/// 值班安排: who is on duty at a body on a day of a special period — the officer (值班人员) and the leader (带班领导), by
/// name as typed, and the duty office's phone. The phone is the office's number (值班电话), published inside the
/// system so the level above can call; it is not personal data (domain.md §12) and the form says so.
/// </summary>
public sealed class DutyRosterEntry
{
    public const int MaxNameLength = 50;
    public const int MaxPhoneLength = 20;

    private DutyRosterEntry()
    {
        Officer = Leader = Phone = RecordedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid PeriodId { get; private set; }

    public Guid OrganizationId { get; private set; }

    public DateOnly Day { get; private set; }

    public string Officer { get; private set; }

    public string Leader { get; private set; }

    public string Phone { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public static DutyRosterEntry Record(Guid id, SpecialPeriod period, Guid organizationId, DateOnly day, string officer, string leader, string phone, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(actor);
        DutyText.Require(period.Covers(day), "day-outside-period", $"值班日期应在特殊时期（{period.From:yyyy-MM-dd}至{period.To:yyyy-MM-dd}）之内", "day");
        return new DutyRosterEntry
        {
            Id = id,
            PeriodId = period.Id,
            OrganizationId = organizationId,
            Day = day,
            Officer = DutyText.Clean(officer, MaxNameLength, "officer", "值班人员"),
            Leader = DutyText.Clean(leader, MaxNameLength, "leader", "带班领导"),
            Phone = OfficePhone(phone),
            RecordedBy = actor.Name,
            RecordedAt = now,
        };
    }

    /// <summary>A duty office's number: digits with an area code and an optional extension (0571-87654321, 0571-87654321-801).</summary>
    public static string OfficePhone(string? phone)
    {
        var text = DutyText.Clean(phone, MaxPhoneLength, "phone", "值班电话");
        DutyText.Require(text.Length >= 7 && text.All(c => char.IsAsciiDigit(c) || c == '-') && char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[^1]),
            "phone-invalid", "值班电话应为办公电话号码（数字和“-”，如0571-87654321）", "phone");
        return text;
    }
}

/// <summary>
/// 值班日报: a body's daily report during a special period — 零报告 (无情况) or the situations found, with items linked.
/// One per body and day; filed on the day it reports for, so its time tells whether it came before the cut-off.
/// </summary>
public sealed class DutyReport
{
    public const int MaxSituationLength = 2000;
    public const int MaxLinkedItems = 20;


    private DutyReport()
    {
        FiledBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid PeriodId { get; private set; }

    public Guid OrganizationId { get; private set; }

    public DateOnly Day { get; private set; }

    /// <summary>零报告: nothing to report (无情况).</summary>
    public bool Nothing { get; private set; }

    /// <summary>The situations found (null on a 零报告).</summary>
    public string? Situations { get; private set; }

    /// <summary>The items linked (ids; stored as one text column, read through the reader's scope).</summary>
    public IReadOnlyList<Guid> PetitionIds { get; private set; } = [];

    public string FiledBy { get; private set; }

    public DateTimeOffset FiledAt { get; private set; }

    /// <summary>Filed after the day's cut-off (逾时报告): counted as filed, shown as late.</summary>
    public bool Late { get; private set; }

    /// <summary>Files today's report: a 零报告 when <paramref name="situations"/> is empty, else the situations (and items) found.</summary>
    public static DutyReport File(Guid id, SpecialPeriod period, Guid organizationId, string? situations, IReadOnlyCollection<Guid> petitionIds, Actor actor, DateTimeOffset now, TimeOnly cutOff)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(petitionIds);
        ArgumentNullException.ThrowIfNull(actor);
        var day = DeadlineTime.LocalDate(now);
        DutyText.Require(period.Covers(day), "day-outside-period", $"今天不在特殊时期（{period.From:yyyy-MM-dd}至{period.To:yyyy-MM-dd}）之内", "period");
        var nothing = string.IsNullOrWhiteSpace(situations);
        DutyText.Require(!nothing || petitionIds.Count == 0, "items-without-situation", "关联信访件时请填写发现的情况", "situations");
        DutyText.Require(petitionIds.Count <= MaxLinkedItems, "too-many-items", $"最多关联{MaxLinkedItems}件", "petitions");
        var report = new DutyReport
        {
            Id = id,
            PeriodId = period.Id,
            OrganizationId = organizationId,
            Day = day,
            Nothing = nothing,
            Situations = nothing ? null : DutyText.Clean(situations, MaxSituationLength, "situations", "发现的情况"),
            FiledBy = actor.Name,
            FiledAt = now,
            Late = DutyCutOff.IsPast(now, day, cutOff),
        };
        report.PetitionIds = petitionIds.Distinct().ToList();
        return report;
    }
}

/// <summary>The day's cut-off for the daily report (a setting, <c>Duty:ReportCutOff</c>): before it a body not yet reported is only "not yet".</summary>
public static class DutyCutOff
{
    /// <summary>Whether <paramref name="now"/> is past the cut-off of <paramref name="day"/> (Beijing time).</summary>
    public static bool IsPast(DateTimeOffset now, DateOnly day, TimeOnly cutOff) =>
        now >= new DateTimeOffset(day.ToDateTime(cutOff), DeadlineTime.Offset);

    /// <summary>
    /// The days of a period whose report is due by <paramref name="now"/>: every day from its start through yesterday, and
    /// today once past the cut-off — never after its end. A body without a report for one of them is missing that day.
    /// </summary>
    public static IEnumerable<DateOnly> DaysDue(SpecialPeriod period, DateTimeOffset now, TimeOnly cutOff)
    {
        ArgumentNullException.ThrowIfNull(period);
        var today = DeadlineTime.LocalDate(now);
        for (var d = period.From; d <= period.To && d <= today; d = d.AddDays(1))
        {
            if (d < today || IsPast(now, d, cutOff))
            {
                yield return d;
            }
        }
    }
}

internal static class DutyText
{
    public static string Clean(string? value, int max, string field, string label)
    {
        Require(!string.IsNullOrWhiteSpace(value), "text-required", $"请填写{label}", field);
        var trimmed = value!.Trim();
        Require(trimmed.Length <= max, "text-too-long", $"{label}不能超过{max}字", field);
        return trimmed;
    }

    public static void Require(bool condition, string code, string message, string? field = null)
    {
        if (!condition)
        {
            throw new DomainRuleViolation(code, message, field);
        }
    }
}
