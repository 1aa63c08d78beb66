using Xinfang.Domain.Deadlines;

namespace Xinfang.Domain.Petitions;

/// <summary>领导批示 on the item: the instruction is its own aggregate (<c>Instructions.LeaderInstruction</c>); the item records that it came and how it was answered.</summary>
public sealed partial class Petition
{
    /// <summary>The history action of a leader's instruction or of its answer; a side record, the state stays.</summary>
    public const string InstructionAction = "Instruction";

    /// <summary>条例 Art. 18 ¶2: a leader reads and instructs; recorded on the item for those who handle it (staff only).</summary>
    public void RecordInstruction(string summary, Actor actor, DateTimeOffset now)
    {
        Require(State != PetitionState.Voided, "petition-voided", "该登记已作废，不能批示");
        Require(!string.IsNullOrWhiteSpace(summary), "summary-required", "批示内容不能为空");
        _from = State;
        _history.Add(new HistoryEntry(_history.Count + 1, now, actor, InstructionAction, State, State, Clip(summary.Trim(), MaxNoteLength), null, null, DeadlineTime.LocalDate(now)));
        Version++;
    }
}
