using Xinfang.Domain.Common;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Screening;

/// <summary>
/// What one round found of one kind of dispute: how many, how many were resolved on the spot (就地化解), how many
/// became warnings (<see cref="Warning"/>) and how many were registered as petition items. Counts only — a round
/// records matters, never the people in them (domain.md §12).
/// </summary>
public sealed record ScreeningFinding(DisputeKind Kind, int Found, int ResolvedOnSpot, int ToWarnings, int ToItems);

/// <summary>
/// 矛盾纠纷排查: one screening round of one place — a township or village body of the organisation tree, or a named
/// place (a village, an estate) under such a body — for one period (a month, a quarter, or a special period such as
/// 两会期间), by named people, with what it found by <see cref="DisputeKind"/>.
/// 条例 Art. 5(五): 坚持源头治理化解矛盾 … 把可能引发信访问题的矛盾纠纷化解在基层、化解在萌芽状态;
/// Art. 10: 各级政府 … 组织各方力量加强矛盾纠纷排查化解;
/// Art. 15 ¶3: 乡镇党委和政府、街道党工委和办事处以及村（社区）“两委” … 积极协调处理化解发生在当地的信访事项和矛盾纠纷，
/// 努力做到小事不出村、大事不出镇、矛盾不上交 — hence a round is of a township or village;
/// Art. 37 ¶1: 坚持社会矛盾纠纷多元预防调处化解.
/// The 条例 prescribes neither a form nor a frequency for screening: the fields here are the seeds' (临汾: 排查10402次).
/// </summary>
public sealed class ScreeningRound
{
    public const int MaxPlaceLength = 100;
    public const int MaxLabelLength = 50;
    public const int MaxScreenedByLength = 200;
    public const int MaxNoteLength = 1000;
    public const int MaxCount = 100_000;

    /// <summary>A round covers at most a year: a longer period is a typing slip, not a round.</summary>
    public const int MaxPeriodDays = 366;

    private readonly List<ScreeningFinding> _findings = [];

    private ScreeningRound()
    {
        PeriodLabel = ScreenedBy = RecordedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The township or village body screened, or the township body the named <see cref="Place"/> lies under.</summary>
    public Guid OrganizationId { get; private set; }

    /// <summary>A named place under the body (某某村, 某某小区), or null when the round is of the body's whole area.</summary>
    public string? Place { get; private set; }

    public DateOnly PeriodFrom { get; private set; }

    public DateOnly PeriodTo { get; private set; }

    /// <summary>The period as people name it: 2026年3月, 2026年第一季度, 全国两会期间.</summary>
    public string PeriodLabel { get; private set; }

    /// <summary>Who screened: names and posts as typed (网格员 王某、村调解员 李某); not staff accounts.</summary>
    public string ScreenedBy { get; private set; }

    public string? Note { get; private set; }

    public string RecordedBy { get; private set; }

    /// <summary>When the round was typed in — kept beside the period typed.</summary>
    public DateTimeOffset RecordedAt { get; private set; }

    public IReadOnlyList<ScreeningFinding> Findings => _findings;

    public int Found => _findings.Sum(f => f.Found);

    public int ResolvedOnSpot => _findings.Sum(f => f.ResolvedOnSpot);

    public int ToWarnings => _findings.Sum(f => f.ToWarnings);

    public int ToItems => _findings.Sum(f => f.ToItems);

    /// <summary>
    /// Records a round. A round that found nothing is a round (零排查 is a result); each kind at most once; of each kind,
    /// resolved on the spot + warnings + items cannot exceed what was found (one dispute goes one way); the period is
    /// at most <see cref="MaxPeriodDays"/> days and has begun by <paramref name="today"/> (a round reports what was found).
    /// </summary>
    public static ScreeningRound Record(Guid id, Guid organizationId, string? place, DateOnly from, DateOnly to, string periodLabel, string screenedBy,
        IReadOnlyList<ScreeningFinding> findings, string? note, Actor recorder, DateTimeOffset now, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(recorder);
        Require(from <= to, "period-reversed", "排查期间的开始日期不能晚于结束日期", "periodFrom");
        Require(to.DayNumber - from.DayNumber < MaxPeriodDays, "period-too-long", $"一轮排查的期间不能超过{MaxPeriodDays}天", "periodTo");
        Require(from <= today, "period-in-future", "排查期间尚未开始，不能登记排查结果", "periodFrom");
        var seen = new HashSet<DisputeKind>();
        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i] ?? throw new DomainRuleViolation("finding-missing", "排查结果缺失", $"findings[{i}]");
            Require(Enum.IsDefined(f.Kind), "kind-unknown", "纠纷类别无效", $"findings[{i}].kind");
            Require(seen.Add(f.Kind), "kind-twice", $"纠纷类别“{DisputeKinds.NameOf(f.Kind)}”重复填写", $"findings[{i}].kind");
            Require(f.Found is >= 0 and <= MaxCount && f.ResolvedOnSpot >= 0 && f.ToWarnings >= 0 && f.ToItems >= 0,
                "count-out-of-range", $"件数应为0至{MaxCount}之间的整数", $"findings[{i}].found");
            Require((long)f.ResolvedOnSpot + f.ToWarnings + f.ToItems <= f.Found, "counts-exceed-found",
                $"“{DisputeKinds.NameOf(f.Kind)}”就地化解、转预警、转信访事项之和不能超过排查发现数", $"findings[{i}].found");
        }

        var round = new ScreeningRound
        {
            Id = id,
            OrganizationId = organizationId,
            Place = string.IsNullOrWhiteSpace(place) ? null : Text(place, MaxPlaceLength, "place", "排查地点"),
            PeriodFrom = from,
            PeriodTo = to,
            PeriodLabel = Text(periodLabel, MaxLabelLength, "periodLabel", "排查期间名称"),
            ScreenedBy = Text(screenedBy, MaxScreenedByLength, "screenedBy", "排查人员"),
            Note = string.IsNullOrWhiteSpace(note) ? null : Text(note, MaxNoteLength, "note", "备注"),
            RecordedBy = recorder.Name,
            RecordedAt = now,
        };
        round._findings.AddRange(findings.Where(f => f.Found > 0).OrderBy(f => f.Kind));
        return round;
    }

    /// <summary>The place a round screened, as 排查率 counts places: the body, and the named place under it if any.</summary>
    public (Guid Organization, string? Place) PlaceKey => (OrganizationId, Place);

    internal static string Text(string? value, int max, string field, string label)
    {
        Require(!string.IsNullOrWhiteSpace(value), "text-required", $"请填写{label}", field);
        var trimmed = value!.Trim();
        Require(trimmed.Length <= max, "text-too-long", $"{label}不能超过{max}字", field);
        // Screening and warnings are about matters, never files on people (domain.md §12): no ID or phone numbers.
        Require(!PersonalDataInText.Contains(trimmed), "personal-data", $"{label}不应包含身份证号码或手机号码（排查和预警只记录事情，不建个人档案）", field);
        return trimmed;
    }

    internal static void Require(bool condition, string code, string message, string? field = null)
    {
        if (!condition)
        {
            throw new DomainRuleViolation(code, message, field);
        }
    }
}

/// <summary>
/// 排查率: of the places in a jurisdiction — its township and village bodies (<c>OrganizationLevel.Township</c> and
/// <c>Village</c>) — the share screened at least once in the period. A round of a named place under a township counts
/// for that township. Defined here because the seeds report it without a definition (docs/domain/screening.md).
/// </summary>
public static class ScreeningCoverage
{
    /// <summary>Per cent, two decimals, half away from zero; null when the jurisdiction has no township or village.</summary>
    public static decimal? Rate(int screened, int places) =>
        places <= 0 ? null : Math.Round(100m * Math.Min(screened, places) / places, 2, MidpointRounding.AwayFromZero);
}
