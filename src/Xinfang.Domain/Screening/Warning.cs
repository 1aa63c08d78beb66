using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Screening;

/// <summary>预警等级: how grave the matter may become; it sets the warning's days (<see cref="WarningDeadlines"/>).</summary>
public enum WarningLevel
{
    /// <summary>一般.</summary>
    General,
    /// <summary>较大.</summary>
    Major,
    /// <summary>
    /// 重大. 条例 Art. 25 ¶1: 各级机关、单位对可能造成社会影响的重大、紧急信访事项和信访信息，应当及时报告本级党委和政府 …
    /// 在职责范围内依法及时采取措施，防止不良影响的产生、扩大 — the page reminds of that duty (the report itself is not made here).
    /// </summary>
    Serious,
}

/// <summary>Where a warning stands.</summary>
public enum WarningStatus
{
    /// <summary>待交办: raised, no responsible body yet.</summary>
    Raised,
    /// <summary>处置中: a responsible body handles it.</summary>
    Assigned,
    /// <summary>已办结: closed with an outcome.</summary>
    Closed,
}

/// <summary>How a warning was closed.</summary>
public enum WarningOutcome
{
    /// <summary>已化解: the dispute was settled.</summary>
    Resolved,
    /// <summary>转为信访事项办理: it became a petition item (the warning must be linked to it).</summary>
    BecameItem,
    /// <summary>未化解: closed without settlement (e.g. taken to court), said why in the outcome note.</summary>
    Unresolved,
}

/// <summary>One handling note (处置情况) on a warning: text, who, when.</summary>
public sealed record WarningNote(string Text, string By, DateTimeOffset At);

/// <summary>
/// One change of a warning's last day (<see cref="Warning.ChangeDeadline"/>): the day it was and the day it became, why,
/// who and of which body, and the time the new day was typed (kept beside it, as every typed date is).
/// </summary>
public sealed record WarningDeadlineChange(DateOnly PreviousDueOn, DateOnly DueOn, string Reason, string By, Guid ByOrganizationId, DateTimeOffset At);

/// <summary>
/// 预警的处置时限: calendar days from the day a warning is raised to its last day, by level. The 条例 sets no days for
/// warnings (Art. 25 says only 及时), so these are a setting of the deployment (<c>Screening:WarningDays</c>), these
/// defaults documented in docs/domain/screening.md: 重大 3 days, 较大 7, 一般 15. Calendar, not working days: a matter
/// that may erupt does not wait for Monday.
/// </summary>
public sealed record WarningDeadlines(int GeneralDays = 15, int MajorDays = 7, int SeriousDays = 3)
{
    public const int MaxDays = 90;

    public static WarningDeadlines Default { get; } = new();

    public int DaysFor(WarningLevel level) => level switch
    {
        WarningLevel.Serious => SeriousDays,
        WarningLevel.Major => MajorDays,
        _ => GeneralDays,
    };

    /// <summary>The last day to close a warning of this level raised on <paramref name="raisedOn"/>.</summary>
    public DateOnly DueOn(WarningLevel level, DateOnly raisedOn) => raisedOn.AddDays(DaysFor(level));

    /// <summary>Each setting 1 to <see cref="MaxDays"/>, and the graver level never has more days than the lighter.</summary>
    public bool IsValid => SeriousDays is >= 1 and <= MaxDays && MajorDays is >= 1 and <= MaxDays && GeneralDays is >= 1 and <= MaxDays
        && SeriousDays <= MajorDays && MajorDays <= GeneralDays;
}

/// <summary>
/// 预警: a matter that may turn into a dispute or a collective petition — a summary, a place, a <see cref="DisputeKind"/>,
/// a <see cref="WarningLevel"/> and its scale (the number of people expected to be involved) — raised by a body,
/// assigned to a responsible body, handled with notes and closed with an outcome before its last day
/// (<see cref="WarningDeadlines"/>). It may be linked to a petition item and to the screening round that found it.
/// A warning is about a matter, never a file on people (domain.md §12): no names of petitioners, no ID or phone
/// numbers (refused in every text), nothing that ranks a person as a risk.
/// 条例 Art. 5(五) 源头预防和前端化解; Art. 10 矛盾纠纷排查化解; Art. 25 ¶1 重大、紧急 … 及时采取措施，防止不良影响的产生、扩大.
/// </summary>
public sealed class Warning
{
    public const int MaxSummaryLength = 500;
    public const int MaxPlaceLength = 100;
    public const int MaxNoteLength = 1000;
    public const int MaxNotes = 200;
    public const int MaxPersons = 100_000;
    public const int MaxDeadlineChanges = 50;

    private readonly List<WarningNote> _notes = [];
    private readonly List<WarningDeadlineChange> _deadlineChanges = [];

    private Warning()
    {
        Summary = Place = RaisedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public string Summary { get; private set; }

    public string Place { get; private set; }

    public DisputeKind Kind { get; private set; }

    public WarningLevel Level { get; private set; }

    /// <summary>规模: how many people the matter is expected to involve (at least one).</summary>
    public int ExpectedPersons { get; private set; }

    public Guid RaisedByOrganizationId { get; private set; }

    public string RaisedBy { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }

    /// <summary>The local day the warning was raised; its clock starts here.</summary>
    public DateOnly RaisedOn { get; private set; }

    /// <summary>
    /// The last day to close it: <see cref="WarningDeadlines.DueOn"/> when raised, then as the assigning body changed it
    /// (<see cref="ChangeDeadline"/>, each change in <see cref="DeadlineChanges"/>). Overdue counts follow this one.
    /// </summary>
    public DateOnly DueOn { get; private set; }

    /// <summary>The screening round that found it, if any.</summary>
    public Guid? RoundId { get; private set; }

    public Guid? ResponsibleOrganizationId { get; private set; }

    public string? AssignedBy { get; private set; }

    /// <summary>The body whose staff gave the warning to <see cref="ResponsibleOrganizationId"/>; it (or a body above it) sets the last day.</summary>
    public Guid? AssignedByOrganizationId { get; private set; }

    public DateTimeOffset? AssignedAt { get; private set; }

    /// <summary>The petition item the matter is (or became), if any; the item knows nothing of the warning.</summary>
    public Guid? PetitionId { get; private set; }

    public WarningStatus Status { get; private set; }

    public WarningOutcome? Outcome { get; private set; }

    public string? OutcomeNote { get; private set; }

    public string? ClosedBy { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public DateOnly? ClosedOn { get; private set; }

    public IReadOnlyList<WarningNote> Notes => _notes;

    /// <summary>Every change of the last day, oldest first; the first one's <see cref="WarningDeadlineChange.PreviousDueOn"/> is the day set by level.</summary>
    public IReadOnlyList<WarningDeadlineChange> DeadlineChanges => _deadlineChanges;

    public int Version { get; private set; }

    public bool IsOpen => Status != WarningStatus.Closed;

    /// <summary>Open past its last day.</summary>
    public bool IsOverdueOn(DateOnly today) => IsOpen && today > DueOn;

    /// <summary>Closed after its last day (逾期办结).</summary>
    public bool ClosedLate => ClosedOn is { } c && c > DueOn;

    /// <summary>The clock's flag on a day (黄牌/红牌/超期, the items' thresholds): Normal once closed.</summary>
    public DeadlineWarning ClockOn(DateOnly today) => IsOpen ? DeadlineStatus.Evaluate(RaisedOn, DueOn, today) : DeadlineWarning.Normal;

    public static Warning Raise(Guid id, Guid raisedBy, string summary, string place, DisputeKind kind, WarningLevel level, int expectedPersons,
        Guid? roundId, WarningDeadlines deadlines, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        ArgumentNullException.ThrowIfNull(actor);
        ScreeningRound.Require(Enum.IsDefined(kind), "kind-unknown", "纠纷类别无效", "kind");
        ScreeningRound.Require(Enum.IsDefined(level), "level-unknown", "预警等级无效", "level");
        ScreeningRound.Require(expectedPersons is >= 1 and <= MaxPersons, "persons-out-of-range", $"预计涉及人数应为1至{MaxPersons}之间的整数", "expectedPersons");
        ScreeningRound.Require(deadlines.IsValid, "deadlines-invalid", "预警处置时限设置无效");
        var today = DeadlineTime.LocalDate(now);
        return new Warning
        {
            Id = id,
            RaisedByOrganizationId = raisedBy,
            Summary = ScreeningRound.Text(summary, MaxSummaryLength, "summary", "预警事项"),
            Place = ScreeningRound.Text(place, MaxPlaceLength, "place", "发生地点"),
            Kind = kind,
            Level = level,
            ExpectedPersons = expectedPersons,
            RoundId = roundId,
            RaisedBy = actor.Name,
            RaisedAt = now,
            RaisedOn = today,
            DueOn = deadlines.DueOn(level, today),
            Status = WarningStatus.Raised,
        };
    }

    /// <summary>Gives the warning to a responsible body (or to another one while open); the last day stays.</summary>
    public void Assign(Guid responsible, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireOpen();
        ScreeningRound.Require(responsible != ResponsibleOrganizationId, "same-body", "该预警已交由这个单位处置", "responsibleOrganizationId");
        ResponsibleOrganizationId = responsible;
        AssignedBy = actor.Name;
        AssignedByOrganizationId = actor.OrganizationId;
        AssignedAt = now;
        Status = WarningStatus.Assigned;
        Version++;
    }

    /// <summary>
    /// Moves the last day — later (the matter needs longer) or sooner (it grew graver) — with a reason; only while the
    /// warning is open and given to a body (the assigning body sets the day it expects the work by; the web layer checks
    /// that the caller is of it or above it). The new day is not before today (a day already gone is no deadline) and
    /// at most <see cref="WarningDeadlines.MaxDays"/> days ahead, the longest any level may be given. The 条例 sets no days
    /// for warnings (Art. 25 ¶1 says only 及时), so the bounds are the deployment's, as the days by level are.
    /// </summary>
    public void ChangeDeadline(DateOnly dueOn, string reason, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireOpen();
        ScreeningRound.Require(Status == WarningStatus.Assigned, "not-assigned", "预警尚未交办，处置期限由交办单位在交办后调整");
        ScreeningRound.Require(_deadlineChanges.Count < MaxDeadlineChanges, "deadline-changes-too-many", $"处置期限最多调整{MaxDeadlineChanges}次");
        var today = DeadlineTime.LocalDate(now);
        ScreeningRound.Require(dueOn != DueOn, "due-unchanged", "新的处置期限与原期限相同", "dueOn");
        ScreeningRound.Require(dueOn >= today, "due-in-past", "新的处置期限不能早于今天", "dueOn");
        ScreeningRound.Require(dueOn <= today.AddDays(WarningDeadlines.MaxDays), "due-too-far", $"新的处置期限最晚为今天起{WarningDeadlines.MaxDays}天", "dueOn");
        var why = ScreeningRound.Text(reason, MaxNoteLength, "reason", "调整理由");
        _deadlineChanges.Add(new WarningDeadlineChange(DueOn, dueOn, why, actor.Name, actor.OrganizationId, now));
        DueOn = dueOn;
        Version++;
    }

    /// <summary>A handling note (处置情况); only while open.</summary>
    public void AddNote(string text, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireOpen();
        ScreeningRound.Require(_notes.Count < MaxNotes, "notes-too-many", $"处置情况最多{MaxNotes}条");
        _notes.Add(new WarningNote(ScreeningRound.Text(text, MaxNoteLength, "text", "处置情况"), actor.Name, now));
        Version++;
    }

    /// <summary>Links the warning to the petition item the matter is (or became); while open.</summary>
    public void LinkItem(Guid petitionId, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireOpen();
        PetitionId = petitionId;
        Version++;
    }

    /// <summary>
    /// Closes with an outcome and a note saying what was done. Only once a responsible body has it (a warning nobody
    /// handled is not closed, it is assigned); 转为信访事项办理 only when linked to the item.
    /// </summary>
    public void Close(WarningOutcome outcome, string note, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireOpen();
        ScreeningRound.Require(Enum.IsDefined(outcome), "outcome-unknown", "办结结果无效", "outcome");
        ScreeningRound.Require(Status == WarningStatus.Assigned, "not-assigned", "预警尚未交办责任单位，不能办结");
        ScreeningRound.Require(outcome != WarningOutcome.BecameItem || PetitionId is not null, "no-item", "转为信访事项办理的预警应先关联信访件", "outcome");
        OutcomeNote = ScreeningRound.Text(note, MaxNoteLength, "note", "办结情况");
        Outcome = outcome;
        ClosedBy = actor.Name;
        ClosedAt = now;
        ClosedOn = DeadlineTime.LocalDate(now);
        Status = WarningStatus.Closed;
        Version++;
    }

    public static string NameOf(WarningLevel level) => level switch
    {
        WarningLevel.Serious => "重大",
        WarningLevel.Major => "较大",
        _ => "一般",
    };

    public static string NameOf(WarningStatus status) => status switch
    {
        WarningStatus.Assigned => "处置中",
        WarningStatus.Closed => "已办结",
        _ => "待交办",
    };

    public static string NameOf(WarningOutcome outcome) => outcome switch
    {
        WarningOutcome.BecameItem => "转为信访事项办理",
        WarningOutcome.Unresolved => "未化解",
        _ => "已化解",
    };

    private void RequireOpen() => ScreeningRound.Require(IsOpen, "closed", "该预警已办结");
}
