using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Instructions;

/// <summary>Where a 批示 stands: waiting for the bureau, turned into a 交办, or answered (办复).</summary>
public enum InstructionStatus
{
    /// <summary>待办理.</summary>
    Open,
    /// <summary>已交办: the bureau assigned the item with the 批示's text and deadline.</summary>
    Assigned,
    /// <summary>已办复: the bureau reported back on it.</summary>
    Answered,
}

/// <summary>
/// 领导批示: a leader's written instruction on one item of the jurisdiction, with the day it is to be done by.
/// 条例 Art. 18 ¶2: 领导干部应当阅办群众来信和网上信访 … 包案化解群众反映强烈的突出问题 — the instruction is how the
/// reading turns into work. The bureau of the leader's body turns it into a 交办 (条例 Art. 22(三), carrying the text
/// and the deadline) or reports back (办复). Its own aggregate: the item only records that it was given.
/// </summary>
public sealed class LeaderInstruction
{
    public const int MaxTextLength = Petition.MaxNoteLength;

    private LeaderInstruction()
    {
        PetitionNumber = LeaderId = LeaderName = Text = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid PetitionId { get; private set; }

    public string PetitionNumber { get; private set; }

    /// <summary>The leader's body: its bureau (信访部门) does the work the instruction asks for.</summary>
    public Guid OrganizationId { get; private set; }

    public string LeaderId { get; private set; }

    public string LeaderName { get; private set; }

    public string Text { get; private set; }

    /// <summary>The day the leader asked it to be done by (typed; bounded by the web layer's DateInput).</summary>
    public DateOnly DueOn { get; private set; }

    /// <summary>When it was written — the moment the due day was typed.</summary>
    public DateTimeOffset WrittenAt { get; private set; }

    public InstructionStatus Status { get; private set; }

    public string? Answer { get; private set; }

    public Guid? AssignedToOrganizationId { get; private set; }

    public string? DoneBy { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    public int Version { get; private set; }

    public bool IsOverdueOn(DateOnly today) => Status == InstructionStatus.Open && today > DueOn;

    /// <summary>批示: a text and a day after today; never on a voided registration (it was never a petition).</summary>
    public static LeaderInstruction Write(Guid id, Petition petition, Actor leader, string text, DateOnly dueOn, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(petition);
        ArgumentNullException.ThrowIfNull(leader);
        Require(!string.IsNullOrWhiteSpace(text), "text-required", "批示内容不能为空");
        Require(text.Trim().Length <= MaxTextLength, "text-too-long", $"批示内容不能超过{MaxTextLength}字");
        Require(dueOn > DeadlineTime.LocalDate(now), "due-in-past", "办理期限必须晚于今天");
        Require(petition.State != PetitionState.Voided, "petition-voided", "该登记已作废，不能批示");
        return new LeaderInstruction
        {
            Id = id,
            PetitionId = petition.Id,
            PetitionNumber = petition.Number,
            OrganizationId = leader.OrganizationId,
            LeaderId = leader.UserId,
            LeaderName = leader.Name,
            Text = text.Trim(),
            DueOn = dueOn,
            WrittenAt = now,
            Status = InstructionStatus.Open,
        };
    }

    /// <summary>Turned into a 交办 of the item to <paramref name="target"/> (the assignment itself is the item's).</summary>
    public void MarkAssigned(Guid target, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireOpen();
        Status = InstructionStatus.Assigned;
        AssignedToOrganizationId = target;
        DoneBy = actor.Name;
        DoneAt = now;
        Version++;
    }

    /// <summary>办复: the bureau reports what was done on it.</summary>
    public void MarkAnswered(string answer, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireOpen();
        Require(!string.IsNullOrWhiteSpace(answer), "answer-required", "办复情况不能为空");
        Require(answer.Trim().Length <= MaxTextLength, "answer-too-long", $"办复情况不能超过{MaxTextLength}字");
        Status = InstructionStatus.Answered;
        Answer = answer.Trim();
        DoneBy = actor.Name;
        DoneAt = now;
        Version++;
    }

    public static string NameOf(InstructionStatus status) => status switch
    {
        InstructionStatus.Assigned => "已交办",
        InstructionStatus.Answered => "已办复",
        _ => "待办理",
    };

    private void RequireOpen() => Require(Status == InstructionStatus.Open, "instruction-done", $"该批示已{NameOf(Status)[1..]}");

    private static void Require(bool condition, string code, string message)
    {
        if (!condition)
        {
            throw new DomainRuleViolation(code, message);
        }
    }
}
