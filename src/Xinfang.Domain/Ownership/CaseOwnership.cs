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

    internal OwnershipMilestone(Guid id, string title, DateOnly dueOn, DateTimeOffset? addedAt)
    {
        Id = id;
        Title = title;
        DueOn = dueOn;
        AddedAt = addedAt;
    }

    public Guid Id { get; private set; }

    public string Title { get; private set; }

    public DateOnly DueOn { get; private set; }

    public DateOnly? DoneOn { get; private set; }

    /// <summary>When the milestone was planned (the item's 办理过程 dates the step by it); null only where the caller gave no time.</summary>
    public DateTimeOffset? AddedAt { get; private set; }

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
/// 改派: the bureau gave the open 包案 from one leader to another (leaders change posts). Kept for good: the history of
/// who owned the matter and when stays with the ownership, while only the current leader reads the item through it.
/// </summary>
public sealed class OwnershipHandover
{
    private OwnershipHandover()
    {
        FromLeaderId = FromLeaderName = ToLeaderId = ToLeaderName = Reason = By = string.Empty;
    }

    internal OwnershipHandover(Guid id, string fromLeaderId, string fromLeaderName, Guid fromLeaderOrganizationId, Actor to, string reason, string by, DateTimeOffset at)
    {
        Id = id;
        FromLeaderId = fromLeaderId;
        FromLeaderName = fromLeaderName;
        FromLeaderOrganizationId = fromLeaderOrganizationId;
        ToLeaderId = to.UserId;
        ToLeaderName = to.Name;
        ToLeaderOrganizationId = to.OrganizationId;
        Reason = reason;
        By = by;
        At = at;
        On = DeadlineTime.LocalDate(at);
    }

    public Guid Id { get; private set; }

    public string FromLeaderId { get; private set; }

    public string FromLeaderName { get; private set; }

    public Guid FromLeaderOrganizationId { get; private set; }

    public string ToLeaderId { get; private set; }

    public string ToLeaderName { get; private set; }

    public Guid ToLeaderOrganizationId { get; private set; }

    public string Reason { get; private set; }

    /// <summary>The bureau staff member who reassigned it.</summary>
    public string By { get; private set; }

    public DateTimeOffset At { get; private set; }

    /// <summary>The day of the handover (China time): the old leader owned it until then, the new one from then.</summary>
    public DateOnly On { get; private set; }
}

/// <summary>
/// 领导包案: a leader owns one petition item to resolution — a plan, milestones with due and done dates, dated
/// progress notes, and one outcome (化解 / 未化解). 条例 Art. 18 ¶2: 领导干部应当 … 包案化解群众反映强烈的突出问题.
/// Assigned by the petition bureau of a body that holds the item or is above it; the owning leader reads the item
/// while owning it (the web layer's one authorization entry point asks this table). Its own aggregate: the item
/// itself is not changed.
/// The bureau may reassign an open ownership to another leader (改派, <see cref="Reassign"/>) or withdraw it (撤回,
/// <see cref="Withdraw"/>), each with a reason; one with an outcome is final. A withdrawn ownership is closed without an
/// outcome: it counts in no 包案化解率 (docs/domain/ownership.md).
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

    public const int MaxReasonLength = 500;

    /// <summary>A bound on handovers of one ownership (a leader per post change; more is a slip or abuse).</summary>
    public const int MaxHandovers = 20;

    public const int MaxNotes = 500;

    private readonly List<OwnershipMilestone> _milestones = [];
    private readonly List<OwnershipNote> _notes = [];
    private readonly List<OwnershipHandover> _handovers = [];

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

    /// <summary>The 改派 of this ownership, oldest first: who owned it before <see cref="LeaderId"/> and until when.</summary>
    public IReadOnlyList<OwnershipHandover> Handovers => _handovers;

    /// <summary>When the bureau withdrew the ownership (撤回); null while it stands.</summary>
    public DateTimeOffset? WithdrawnAt { get; private set; }

    /// <summary>The day of the withdrawal (China time).</summary>
    public DateOnly? WithdrawnOn { get; private set; }

    public string? WithdrawnBy { get; private set; }

    public string? WithdrawalReason { get; private set; }

    public OwnershipOutcome? Outcome { get; private set; }

    public DateOnly? OutcomeOn { get; private set; }

    public string? OutcomeNote { get; private set; }

    public DateTimeOffset? OutcomeRecordedAt { get; private set; }

    /// <summary>The item's id while the ownership is open, null once it has an outcome: a unique index keeps one open ownership per item.</summary>
    public Guid? ActiveKey { get; private set; }

    public int Version { get; private set; }

    /// <summary>Open: neither an outcome recorded nor withdrawn.</summary>
    public bool IsOpen => Outcome is null && WithdrawnAt is null;

    public bool IsWithdrawn => WithdrawnAt is not null;

    /// <summary>The status as the pages name it: 包案中, 已化解, 未化解（已办结）or 已撤回.</summary>
    public string StatusText => IsWithdrawn ? WithdrawnName : StatusName(Outcome);

    public const string WithdrawnName = "已撤回";

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
    public OwnershipMilestone AddMilestone(Guid id, string title, DateOnly dueOn, DateTimeOffset? now = null)
    {
        RequireOpen();
        Require(_milestones.Count < MaxMilestones, "too-many-milestones", $"节点不能超过{MaxMilestones}个");
        var text = RequireText(title, "title", "节点名称", MaxMilestoneTitleLength);
        Require(dueOn >= AssignedOn, "due-before-assignment", "节点期限不能早于包案日期", "dueOn");
        Require(dueOn <= AssignedOn.AddDays(MilestoneHorizonDays), "due-too-far", $"节点期限不能晚于包案日期后{MilestoneHorizonDays}天", "dueOn");
        var milestone = new OwnershipMilestone(id, text, dueOn, now);
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
        Require(!IsWithdrawn, "ownership-withdrawn", "该包案已撤回，不能记录结果");
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

    /// <summary>
    /// 改派: the bureau gives the open ownership to another leader, with a reason (leaders change posts). The plan,
    /// milestones and notes stay; the handover keeps who owned it until today. Never once resolved or withdrawn, never
    /// to the leader who owns it now. Whether the new leader may own this item is the caller's question (jurisdiction,
    /// 回避, accusations), asked as for <see cref="Assign"/>.
    /// </summary>
    public OwnershipHandover Reassign(Guid id, Actor newLeader, string reason, Actor bureau, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(newLeader);
        ArgumentNullException.ThrowIfNull(bureau);
        RequireStanding("改派");
        Require(newLeader.UserId != LeaderId, "same-leader", $"该包案现由{LeaderName}包案，请选择另一位领导", "leaderId");
        Require(_handovers.Count < MaxHandovers, "too-many-handovers", $"一件包案最多改派{MaxHandovers}次");
        var text = RequireText(reason, "reason", "改派理由", MaxReasonLength);
        var handover = new OwnershipHandover(id, LeaderId, LeaderName, LeaderOrganizationId, newLeader, text, bureau.Name, now);
        _handovers.Add(handover);
        LeaderId = newLeader.UserId;
        LeaderName = newLeader.Name;
        LeaderOrganizationId = newLeader.OrganizationId;
        Version++;
        return handover;
    }

    /// <summary>
    /// 撤回: the bureau withdraws the open ownership with a reason (assigned in error, the matter now owned otherwise).
    /// It closes without an outcome, frees the item for another 包案 and counts in no 包案化解率. Never once resolved.
    /// </summary>
    public void Withdraw(string reason, Actor bureau, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(bureau);
        RequireStanding("撤回");
        var text = RequireText(reason, "reason", "撤回理由", MaxReasonLength);
        WithdrawnAt = now;
        WithdrawnOn = DeadlineTime.LocalDate(now);
        WithdrawnBy = bureau.Name;
        WithdrawalReason = text;
        ActiveKey = null;
        Version++;
    }

    /// <summary>Milestones past due and not done on <paramref name="today"/>.</summary>
    public int OverdueMilestonesOn(DateOnly today) => _milestones.Count(m => m.DoneOn is null && m.DueOn < today);

    public static string NameOf(OwnershipOutcome outcome) => outcome == OwnershipOutcome.Resolved ? "化解" : "未化解";

    public static string StatusName(OwnershipOutcome? outcome) => outcome switch { OwnershipOutcome.Resolved => "已化解", OwnershipOutcome.Unresolved => "未化解（已办结）", _ => "包案中" };

    private void RequireOpen()
    {
        Require(Outcome is null, "ownership-closed", "包案已有结果，不能再修改");
        Require(!IsWithdrawn, "ownership-withdrawn", "该包案已撤回，不能再修改");
    }

    /// <summary>A resolved (or 未化解) ownership is final: no 改派 or 撤回; a withdrawn one has ended.</summary>
    private void RequireStanding(string step)
    {
        Require(Outcome is null, "ownership-closed", $"包案已有结果（{NameOf(Outcome ?? OwnershipOutcome.Resolved)}），不能{step}");
        Require(!IsWithdrawn, "ownership-withdrawn", $"该包案已撤回，不能{step}");
    }

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
