using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Supervision;

/// <summary>The measures of 条例 Art. 39 ¶3.</summary>
public enum MeasureKind
{
    /// <summary>约谈</summary>
    Summons = 0,
    /// <summary>通报</summary>
    Circular = 1,
    /// <summary>挂牌督办</summary>
    ListedSupervision = 2,
}

/// <summary>Whom a measure is taken against (Art. 39 ¶3: 领导班子和领导干部).</summary>
public enum MeasureTarget
{
    /// <summary>领导班子 of an organisation.</summary>
    LeadershipTeam = 0,
    /// <summary>领导干部: a named leader of an organisation.</summary>
    Leader = 1,
}

/// <summary>
/// A measure of the 信访工作联席会议 (条例 Art. 39 ¶3): 约谈, 通报 or 挂牌督办 of a leadership team or
/// leader that performs badly (履职不力、存在严重问题), with an order to rectify within a time limit
/// (责令限期整改). A measure against a unit and its leaders, recorded with its reason — not a step of an
/// item. Immutable once recorded.
/// </summary>
public sealed class JointMeetingMeasure
{
    public const int MaxTextLength = 4_000;
    public const int MaxNameLength = 100;

    private JointMeetingMeasure()
    {
        Reason = DecidedBy = RecordedById = RecordedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public MeasureKind Kind { get; private set; }

    public MeasureTarget Target { get; private set; }

    /// <summary>The organisation whose leadership team, or one of whose leaders, is concerned.</summary>
    public Guid TargetOrganizationId { get; private set; }

    /// <summary>The leader's name and post, for <see cref="MeasureTarget.Leader"/>.</summary>
    public string? LeaderName { get; private set; }

    /// <summary>The poor performance or serious problem found (履职不力、存在严重问题).</summary>
    public string Reason { get; private set; }

    public DateOnly DecidedOn { get; private set; }

    /// <summary>The joint meeting (and its session) that decided it.</summary>
    public string DecidedBy { get; private set; }

    /// <summary>责令限期整改: the day by which the target must rectify, if set.</summary>
    public DateOnly? RectifyBy { get; private set; }

    /// <summary>The organisation that recorded it (the joint meeting's office, usually in the petition bureau).</summary>
    public Guid RecordedByOrganizationId { get; private set; }

    public string RecordedById { get; private set; }

    public string RecordedByName { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public static JointMeetingMeasure Record(
        Guid id,
        MeasureKind kind,
        MeasureTarget target,
        Guid targetOrganizationId,
        string? leaderName,
        string reason,
        DateOnly decidedOn,
        string decidedBy,
        DateOnly? rectifyBy,
        Actor recordedBy,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(recordedBy);
        Rules.Require(Enum.IsDefined(kind), "measure.kind-invalid", "措施类别无效");
        Rules.Require(Enum.IsDefined(target), "measure.target-invalid", "措施对象无效");
        Rules.Require(targetOrganizationId != Guid.Empty, "measure.organization-required", "应写明被约谈、通报或挂牌督办的单位");
        // Art. 39 ¶3: against 领导班子 or 领导干部 — a leader is named; a team is the organisation's.
        if (target == MeasureTarget.Leader)
        {
            Rules.RequireText(leaderName, MaxNameLength, "leaderName", "领导干部姓名职务");
        }
        else
        {
            Rules.Require(string.IsNullOrWhiteSpace(leaderName), "measure.leader-for-team", "对领导班子的措施不写个人姓名");
        }

        // Art. 39 ¶3: 履职不力、存在严重问题 — the reason is recorded with the measure.
        Rules.RequireText(reason, MaxTextLength, "reason", "采取措施的理由");
        Rules.RequireText(decidedBy, MaxNameLength, "decidedBy", "作出决定的联席会议");
        var today = DeadlineTime.LocalDate(now);
        Rules.Require(decidedOn <= today, "measure.decided-in-future", "决定日期不能晚于今天");
        Rules.Require(rectifyBy is null || rectifyBy > decidedOn, "measure.rectify-before-decision", "整改期限应晚于决定日期（责令限期整改）");
        return new JointMeetingMeasure
        {
            Id = id,
            Kind = kind,
            Target = target,
            TargetOrganizationId = targetOrganizationId,
            LeaderName = leaderName?.Trim() is { Length: > 0 } n ? n : null,
            Reason = reason.Trim(),
            DecidedOn = decidedOn,
            DecidedBy = decidedBy.Trim(),
            RectifyBy = rectifyBy,
            RecordedByOrganizationId = recordedBy.OrganizationId,
            RecordedById = recordedBy.UserId,
            RecordedByName = recordedBy.Name,
            RecordedAt = now,
        };
    }

    public static string NameOf(MeasureKind kind) => kind switch
    {
        MeasureKind.Summons => "约谈",
        MeasureKind.Circular => "通报",
        _ => "挂牌督办",
    };
}
