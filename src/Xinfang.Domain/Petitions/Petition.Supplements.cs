using Xinfang.Domain.Deadlines;

namespace Xinfang.Domain.Petitions;

/// <summary>补充材料: what the petitioner adds to an item while somebody is still handling it (issue 11).</summary>
public sealed partial class Petition
{
    /// <summary>The history action of a supplement; a side record, not a move of the lifecycle (the state stays).</summary>
    public const string SupplementAction = "Supplement";

    /// <summary>Most files one supplement (or one portal review request) may carry.</summary>
    public const int MaxSupplementFiles = 5;

    /// <summary>
    /// 补充材料 from the petitioner (through number + query code): recorded with the moment it was
    /// handed in, for the staff holding the item (the text and the files' names), and shown back to
    /// the petitioner as “已提交补充材料”. Refused once nobody handles the item any more
    /// (<see cref="SupplementRules.Refusal"/>) — the way on after a reply is 复查 (条例 Art. 35).
    /// </summary>
    public void AddSupplement(string? text, IReadOnlyList<string> fileNames, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fileNames);
        if (SupplementRules.Refusal(this) is { } refusal)
        {
            throw refusal;
        }

        Require(!string.IsNullOrWhiteSpace(text) || fileNames.Count > 0, "supplement-empty", "请填写补充说明或上传附件");
        Require(text is null || text.Length <= MaxNoteLength, "supplement-too-long", $"补充说明不能超过{MaxNoteLength}字");
        Require(fileNames.Count <= MaxSupplementFiles, "supplement-too-many-files", $"一次最多上传{MaxSupplementFiles}个附件");
        var files = fileNames.Count == 0 ? string.Empty : $"（附件{fileNames.Count}个：{string.Join("、", fileNames)}）";
        var said = string.IsNullOrWhiteSpace(text) ? "信访人提交补充材料" : $"信访人提交补充材料：{text.Trim()}";
        _from = State;
        _history.Add(new HistoryEntry(_history.Count + 1, now, actor, SupplementAction, State, State, said + files, null, "已提交补充材料", DeadlineTime.LocalDate(now)));
        Version++;
        RefreshCurrentDeadline();
    }
}

/// <summary>When the petitioner may still add material to an item.</summary>
public static class SupplementRules
{
    /// <summary>
    /// The states in which a body holds the item and has still to answer: before the written reply
    /// (条例 Arts. 22, 23, 32, 34) and during a 复查 or 复核 (Arts. 35, 36).
    /// </summary>
    public static bool IsOpen(PetitionState state) => state is PetitionState.Registered or PetitionState.Forwarded or PetitionState.Assigned
        or PetitionState.ObjectionRaised or PetitionState.Accepted or PetitionState.Handling or PetitionState.Decided
        or PetitionState.UnderReview or PetitionState.UnderReReview;

    /// <summary>Why material cannot be added now, or null when it can.</summary>
    public static DomainRuleViolation? Refusal(Petition petition)
    {
        ArgumentNullException.ThrowIfNull(petition);
        if (IsOpen(petition.State))
        {
            return null;
        }

        var why = petition.State switch
        {
            PetitionState.Served => "已书面答复，不能再提交补充材料；对答复不服的，可以自收到书面答复之日起30日内申请复查（《信访工作条例》第三十五条）",
            PetitionState.ReviewOpinionServed => "已提出复查意见，不能再提交补充材料；对复查意见不服的，可以自收到之日起30日内申请复核（《信访工作条例》第三十六条）",
            _ => $"该信访事项当前状态为“{Lifecycle.NameOf(petition.State)}”，已不在办理中，不能再提交补充材料",
        };
        return new DomainRuleViolation("supplement-not-open", why);
    }
}
