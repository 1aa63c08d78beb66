using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Ownership;

/// <summary>How an owned matter ended: 化解 or 未化解 (about the matter, never about the petitioner, domain.md §12).</summary>
public enum OwnershipOutcome
{
    /// <summary>化解.</summary>
    Resolved,
    /// <summary>未化解.</summary>
    Unresolved,
}

/// <summary>One step of the plan with the day it is due and the day it was done.</summary>
public sealed class OwnershipMilestone
{
    private OwnershipMilestone()
    {
        Title = string.Empty;
    }

    internal OwnershipMilestone(Guid id, string title, DateOnly dueOn)
    {
        Id = id;
        Title = title;
        DueOn = dueOn;
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; }

    public DateOnly DueOn { get; private set; }

    public DateOnly? DoneOn { get; private set; }

    internal void MarkDone(DateOnly on) => DoneOn = on;
}

/// <summary>A dated progress note (进展情况) on the owned matter.</summary>
public sealed class OwnershipNote
{
    private OwnershipNote()
    {
        Text = Author = string.Empty;
    }

    internal OwnershipNote(Guid id, DateOnly notedOn, string text, string author, DateTimeOffset writtenAt)
    {
        Id = id;
        NotedOn = notedOn;
        Text = text;
        Author = author;
        WrittenAt = writtenAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The day the progress happened (typed), beside <see cref="WrittenAt"/>, when it was typed.</summary>
    public DateOnly NotedOn { get; private set; }

    public string Text { get; private set; }

    public string Author { get; private set; }

    public DateTimeOffset WrittenAt { get; private set; }
}

/// <summary>
/// 领导包案: a leader owns one petition item to resolution — a plan, milestones with due and done dates, dated
/// progress notes, and one outcome (化解 / 未化解). 条例 Art. 18 ¶2: 领导干部应当 … 包案化解群众反映强烈的突出问题.
/// Assigned by the petition bureau of a body that holds the item or is above it; the owning leader reads the item
/// while owning it (the web layer's one authorization entry point asks this table). Its own aggregate: the item
/// itself is not changed.
/// Rules: one open ownership per item (<see cref="ActiveKey"/> is unique while open); the outcome is recorded once;
/// every typed date lies between the day of the assignment and a bounded horizon (milestones) or today (done days,
/// notes, outcome).
/// </summary>
public sealed class CaseOwnership
{
    public const int MaxPlanLength = 2000;

    public const int MaxTextLength = 1000;

    public const int MaxMilestoneTitleLength = 200;

    /// <summary>A milestone is planned at most this many days after the assignment (two years: a plan, not a wish).</summary>
    public const int MilestoneHorizonDays = 730;

    public const int MaxMilestones = 50;

    public const int MaxNotes = 500;

    private readonly List<OwnershipMilestone> _milestones = [];
    private readonly List<OwnershipNote> _notes = [];

    private CaseOwnership()
    {
        PetitionNumber = LeaderId = LeaderName = Plan = AssignedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid PetitionId { get; private set; }

    public string PetitionNumber { get; private set; }

    /// <summary>The petition bureau that assigned the ownership.</summary>
    public Guid AssignedByOrganizationId { get; private set; }

    public string AssignedBy { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }

    /// <summary>The day of the assignment (China time): the lower bound of every date typed on it.</summary>
    public DateOnly AssignedOn { get; private set; }

    public string LeaderId { get; private set; }

    public string LeaderName { get; private set; }

    public Guid LeaderOrganizationId { get; private set; }

    public string Plan { get; private set; }

    public IReadOnlyList<OwnershipMilestone> Milestones => _milestones;

    public IReadOnlyList<OwnershipNote> Notes => _notes;

    public OwnershipOutcome? Outcome { get; private set; }

    public DateOnly? OutcomeOn { get; private set; }

    public string? OutcomeNote { get; private set; }

    public DateTimeOffset? OutcomeRecordedAt { get; private set; }

    /// <summary>The item's id while the ownership is open, null once it has an outcome: a unique index keeps one open ownership per item.</summary>
    public Guid? ActiveKey { get; private set; }

    public int Version { get; private set; }

    public bool IsOpen => Outcome is null;

    /// <summary>
    /// 包案: a leader takes the item with a plan. <paramref name="openOnItem"/> says whether the item already has an
    /// open ownership (one at a time); never on a voided registration (it was never a petition).
    /// </summary>
    public static CaseOwnership Assign(Guid id, Petition petition, bool openOnItem, Actor leader, string plan, Actor bureau, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(petition);
        ArgumentNullException.ThrowIfNull(leader);
        ArgumentNullException.ThrowIfNull(bureau);
        Require(petition.State != PetitionState.Voided, "petition-voided", "该登记已作废，不能包案");
        Require(!openOnItem, "already-owned", "该信访件已有领导包案，尚未办结");
        var text = RequireText(plan, "plan", "包案方案", MaxPlanLength);
        return new CaseOwnership
        {
            Id = id,
            PetitionId = petition.Id,
            PetitionNumber = petition.Number,
            AssignedByOrganizationId = bureau.OrganizationId,
            AssignedBy = bureau.Name,
            AssignedAt = now,
            AssignedOn = DeadlineTime.LocalDate(now),
            LeaderId = leader.UserId,
            LeaderName = leader.Name,
            LeaderOrganizationId = leader.OrganizationId,
            Plan = text,
            ActiveKey = petition.Id,
        };
    }

    /// <summary>A milestone: due on or after the day of the assignment and within <see cref="MilestoneHorizonDays"/> of it.</summary>
    public OwnershipMilestone AddMilestone(Guid id, string title, DateOnly dueOn)
    {
        RequireOpen();
        Require(_milestones.Count < MaxMilestones, "too-many-milestones", $"节点不能超过{MaxMilestones}个");
        var text = RequireText(title, "title", "节点名称", MaxMilestoneTitleLength);
        Require(dueOn >= AssignedOn, "due-before-assignment", "节点期限不能早于包案日期", "dueOn");
        Require(dueOn <= AssignedOn.AddDays(MilestoneHorizonDays), "due-too-far", $"节点期限不能晚于包案日期后{MilestoneHorizonDays}天", "dueOn");
        var milestone = new OwnershipMilestone(id, text, dueOn);
        _milestones.Add(milestone);
        Version++;
        return milestone;
    }

    /// <summary>A milestone done: on a day between the assignment and today, once.</summary>
    public void CompleteMilestone(Guid milestoneId, DateOnly doneOn, DateTimeOffset now)
    {
        RequireOpen();
        var milestone = _milestones.SingleOrDefault(m => m.Id == milestoneId)
            ?? throw new DomainRuleViolation("milestone-unknown", "没有这个节点");
        Require(milestone.DoneOn is null, "milestone-done", "该节点已完成");
        RequireDay(doneOn, now, "doneOn", "完成日期");
        milestone.MarkDone(doneOn);
        Version++;
    }

    /// <summary>A progress note dated between the assignment and today.</summary>
    public OwnershipNote AddNote(Guid id, DateOnly notedOn, string text, Actor author, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(author);
        RequireOpen();
        Require(_notes.Count < MaxNotes, "too-many-notes", $"进展情况不能超过{MaxNotes}条");
        var body = RequireText(text, "text", "进展情况", MaxTextLength);
        RequireDay(notedOn, now, "notedOn", "进展日期");
        var note = new OwnershipNote(id, notedOn, body, author.Name, now);
        _notes.Add(note);
        Version++;
        return note;
    }

    /// <summary>The outcome, once: 化解 or 未化解, dated between the assignment and today, with what was done.</summary>
    public void RecordOutcome(OwnershipOutcome outcome, DateOnly on, string note, DateTimeOffset now)
    {
        Require(Outcome is null, "outcome-recorded", $"已记录包案结果（{NameOf(Outcome ?? OwnershipOutcome.Resolved)}），不能再次记录");
        Require(Enum.IsDefined(outcome), "outcome-unknown", "包案结果应为化解或未化解", "outcome");
        var text = RequireText(note, "note", "结果说明", MaxTextLength);
        RequireDay(on, now, "outcomeOn", "结果日期");
        Outcome = outcome;
        OutcomeOn = on;
        OutcomeNote = text;
        OutcomeRecordedAt = now;
        ActiveKey = null;
        Version++;
    }

    /// <summary>Milestones past due and not done on <paramref name="today"/>.</summary>
    public int OverdueMilestonesOn(DateOnly today) => _milestones.Count(m => m.DoneOn is null && m.DueOn < today);

    public static string NameOf(OwnershipOutcome outcome) => outcome == OwnershipOutcome.Resolved ? "化解" : "未化解";

    public static string StatusName(OwnershipOutcome? outcome) => outcome switch { OwnershipOutcome.Resolved => "已化解", OwnershipOutcome.Unresolved => "未化解（已办结）", _ => "包案中" };

    private void RequireOpen() => Require(Outcome is null, "ownership-closed", "包案已有结果，不能再修改");

    private void RequireDay(DateOnly day, DateTimeOffset now, string field, string label)
    {
        Require(day >= AssignedOn, field + "-before-assignment", $"{label}不能早于包案日期（{AssignedOn:yyyy-MM-dd}）", field);
        Require(day <= DeadlineTime.LocalDate(now), field + "-in-future", $"{label}不能晚于今天", field);
    }

    private static string RequireText(string? text, string field, string label, int max)
    {
        Require(!string.IsNullOrWhiteSpace(text), field + "-required", $"{label}不能为空", field);
        var trimmed = text!.Trim();
        Require(trimmed.Length <= max, field + "-too-long", $"{label}不能超过{max}字", field);
        return trimmed;
    }

    private static void Require(bool condition, string code, string message, string? field = null)
    {
        if (!condition)
        {
            throw new DomainRuleViolation(code, message, field);
        }
    }
}
