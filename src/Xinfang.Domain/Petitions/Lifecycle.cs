namespace Xinfang.Domain.Petitions;

/// <summary>Where an item stands. Richer than the national 15 states; <see cref="NationalStates"/> maps them.</summary>
public enum PetitionState
{
    /// <summary>已登记: received and registered, awaiting disposition (条例 Art. 22: within 15 days).</summary>
    Registered = 0,
    /// <summary>已转送: sent to the competent body (Art. 22(一)(二)).</summary>
    Forwarded = 1,
    /// <summary>已交办: assigned with a deadline and a completion report (Art. 22(三)).</summary>
    Assigned = 2,
    /// <summary>异议待核实: the unit objected to a wrong forward (Art. 23 ¶3).</summary>
    ObjectionRaised = 3,
    /// <summary>已受理: the unit recorded acceptance; route still to choose.</summary>
    Accepted = 4,
    /// <summary>办理中: route 5 or 6 of Art. 31.</summary>
    Handling = 5,
    /// <summary>已导入法定程序: routes 1–4 of Art. 31 — left the petition track.</summary>
    GuidedToProcedure = 6,
    /// <summary>已出具处理意见: the written reply exists, not yet served.</summary>
    Decided = 7,
    /// <summary>已送达: the reply was served; rating and the 复查 window run.</summary>
    Served = 8,
    /// <summary>已释法引导: a litigation-related visitor was explained to and guided to 政法 (Art. 20 ¶2, 22 ¶2).</summary>
    GuidedToPoliticalLegal = 9,
    /// <summary>不予受理, with a written notice (domain.md §4).</summary>
    Declined = 10,
    /// <summary>不再受理, with a written notice (Art. 36 ¶3).</summary>
    RefusedAgain = 11,
    /// <summary>复查中 (Art. 35).</summary>
    UnderReview = 12,
    /// <summary>已提出复查意见 (Art. 35).</summary>
    ReviewOpinionServed = 13,
    /// <summary>复核中 (Art. 36).</summary>
    UnderReReview = 14,
    /// <summary>已提出复核意见 (Art. 36).</summary>
    ReReviewOpinionServed = 15,
    /// <summary>已办结 (审核认定办结 / 终结).</summary>
    Closed = 16,
    /// <summary>已作废: a registration made by mistake, voided before anything was done on it. Nothing follows; it counts nowhere.</summary>
    Voided = 17,
}

/// <summary>Every action on an item. Register creates it; the rest move it through the table.</summary>
public enum PetitionAction
{
    Forward,
    Assign,
    GuideToPoliticalLegal,
    AnswerDirectly,
    Decline,
    RefuseAgain,
    ReportUp,
    NotifyReceipt,
    RaiseObjection,
    ApproveObjection,
    RejectObjection,
    Accept,
    ChooseRoute,
    Extend,
    Decide,
    Serve,
    ReportCompletion,
    Rate,
    RequestReview,
    IssueReviewOpinion,
    RequestReReview,
    IssueReReviewOpinion,
    RecordHearing,
    Close,
    /// <summary>登记收到: the unit records the day a forwarded or assigned item reached it (条例 Art. 23 ¶3).</summary>
    RecordReceipt,
    /// <summary>更正登记: registration fields corrected while nothing has been done on the item.</summary>
    CorrectRegistration,
    /// <summary>作废: a mistaken registration voided, with its reason, while nothing has been done on it.</summary>
    VoidRegistration,
    /// <summary>起草处理意见: the handler's draft, issued only when the unit head signs it off.</summary>
    DraftDecision,
    /// <summary>退回处理意见: the unit head returns the draft with a reason.</summary>
    ReturnDecision,
    /// <summary>签发处理意见: the unit head signs the draft off, which issues it.</summary>
    SignOffDecision,
    /// <summary>申请延期: the handler asks the unit head for an extension (条例 Art. 34).</summary>
    RequestExtension,
    /// <summary>批准延期: the unit head approves the pending request (条例 Art. 34).</summary>
    ApproveExtension,
    /// <summary>不批准延期: the unit head refuses the pending request.</summary>
    RefuseExtension,
}

/// <summary>One allowed move: in <paramref name="From"/>, <paramref name="Action"/> leads to <paramref name="To"/>.</summary>
public sealed record Transition(PetitionState From, PetitionAction Action, PetitionState To);

/// <summary>
/// The lifecycle as one table. It drives the domain's checks, the API's 409s, which buttons the
/// workbench shows, the lifecycle document and an exhaustive test.
/// </summary>
public static class Lifecycle
{
    private static readonly PetitionState[] Disposable = [PetitionState.Registered];
    private static readonly PetitionState[] AtUnit = [PetitionState.Forwarded, PetitionState.Assigned];

    public static IReadOnlyList<Transition> Transitions { get; } = Build();

    private static List<Transition> Build()
    {
        var t = new List<Transition>();
        void Add(IEnumerable<PetitionState> from, PetitionAction action, params PetitionState[] to)
        {
            foreach (var f in from)
            {
                foreach (var target in to)
                {
                    t.Add(new Transition(f, action, target));
                }
            }
        }

        // The bureau's disposition, within 15 days of receipt (条例 Art. 22). A unit receiving a petition
        // directly may also pass it down its system or take it up itself (Art. 23 ¶1).
        Add(Disposable, PetitionAction.Forward, PetitionState.Forwarded);
        Add(Disposable, PetitionAction.Assign, PetitionState.Assigned);
        Add(Disposable, PetitionAction.GuideToPoliticalLegal, PetitionState.GuidedToPoliticalLegal);
        Add(Disposable, PetitionAction.AnswerDirectly, PetitionState.Decided);
        Add([PetitionState.Registered, .. AtUnit], PetitionAction.Decline, PetitionState.Declined);
        Add([PetitionState.Registered, .. AtUnit], PetitionAction.RefuseAgain, PetitionState.RefusedAgain);
        // Major or urgent: reported up (Art. 22(一), 25) — the item stays where it is.
        // A mistaken registration is corrected or voided while nothing has been done on it (Petition.NothingDoneSinceRegistration).
        Add(Disposable, PetitionAction.CorrectRegistration, PetitionState.Registered);
        Add(Disposable, PetitionAction.VoidRegistration, PetitionState.Voided);
        Add([PetitionState.Registered, .. AtUnit, PetitionState.Accepted, PetitionState.Handling], PetitionAction.ReportUp, PetitionState.Registered, PetitionState.Forwarded, PetitionState.Assigned, PetitionState.Accepted, PetitionState.Handling);

        // The unit: notice of receipt (Art. 23 ¶2–3), objection within 5 working days (Art. 23 ¶3), acceptance.
        Add([PetitionState.Registered, .. AtUnit, PetitionState.Accepted], PetitionAction.NotifyReceipt, PetitionState.Registered, PetitionState.Forwarded, PetitionState.Assigned, PetitionState.Accepted);
        Add(AtUnit, PetitionAction.RaiseObjection, PetitionState.ObjectionRaised);
        // Art. 23 ¶3 counts from the unit's receipt: a paper receipt later than the dispatch is recorded.
        Add(AtUnit, PetitionAction.RecordReceipt, PetitionState.Forwarded, PetitionState.Assigned);
        // The forwarding bureau verifies: approved → back to the bureau for a new disposition; rejected → back to the unit.
        Add([PetitionState.ObjectionRaised], PetitionAction.ApproveObjection, PetitionState.Registered);
        Add([PetitionState.ObjectionRaised], PetitionAction.RejectObjection, PetitionState.Forwarded, PetitionState.Assigned);
        Add([PetitionState.Registered, .. AtUnit], PetitionAction.Accept, PetitionState.Accepted);

        // Art. 31: routes 1–4 leave the petition track; routes 5 and 6 stay with the unit.
        Add([PetitionState.Accepted], PetitionAction.ChooseRoute, PetitionState.GuidedToProcedure, PetitionState.Handling);
        // Art. 34: extension approved by the unit head — directly, or on the handler's request.
        Add([PetitionState.Handling], PetitionAction.Extend, PetitionState.Handling);
        Add([PetitionState.Handling], PetitionAction.RequestExtension, PetitionState.Handling);
        Add([PetitionState.Handling], PetitionAction.ApproveExtension, PetitionState.Handling);
        Add([PetitionState.Handling], PetitionAction.RefuseExtension, PetitionState.Handling);
        Add([PetitionState.Handling], PetitionAction.Decide, PetitionState.Decided);
        // Art. 32's opinion drafted by the handler, returned or signed off (签发, which issues it) by the head.
        Add([PetitionState.Handling], PetitionAction.DraftDecision, PetitionState.Handling);
        Add([PetitionState.Handling], PetitionAction.ReturnDecision, PetitionState.Handling);
        Add([PetitionState.Handling], PetitionAction.SignOffDecision, PetitionState.Decided);
        Add([PetitionState.Decided], PetitionAction.Serve, PetitionState.Served);
        // Art. 22(三): the assigned unit reports completion to the assigning bureau.
        Add([PetitionState.Served], PetitionAction.ReportCompletion, PetitionState.Served);
        // domain.md §8: the petitioner rates the bureau and the unit once the reply is served, for as long
        // as the rating window runs — a 复查, a 复核 or the item's closure do not take that right away.
        foreach (var s in (PetitionState[])[PetitionState.Served, PetitionState.UnderReview, PetitionState.ReviewOpinionServed, PetitionState.UnderReReview, PetitionState.ReReviewOpinionServed, PetitionState.Closed])
        {
            Add([s], PetitionAction.Rate, s);
        }

        // Art. 35–36: 复查 and 复核 at the next levels up.
        Add([PetitionState.Served], PetitionAction.RequestReview, PetitionState.UnderReview, PetitionState.Closed);
        Add([PetitionState.UnderReview], PetitionAction.IssueReviewOpinion, PetitionState.ReviewOpinionServed);
        Add([PetitionState.ReviewOpinionServed], PetitionAction.RequestReReview, PetitionState.UnderReReview, PetitionState.Closed);
        Add([PetitionState.UnderReReview], PetitionAction.IssueReReviewOpinion, PetitionState.ReReviewOpinionServed);
        // Art. 36 ¶2: a 复核 may hold a hearing; its time is not counted.
        Add([PetitionState.UnderReReview], PetitionAction.RecordHearing, PetitionState.UnderReReview);

        // Close is refused while a 复查/复核 window is open (Arts. 35–36, Petition.Close); a window that lapses closes the item.
        Add([PetitionState.Served, PetitionState.GuidedToProcedure, PetitionState.ReviewOpinionServed, PetitionState.ReReviewOpinionServed], PetitionAction.Close, PetitionState.Closed);
        // A 复查/复核 request that reaches a closed item is still recorded and answered in writing (Arts. 35–36).
        Add([PetitionState.Closed], PetitionAction.RequestReview, PetitionState.Closed);
        Add([PetitionState.Closed], PetitionAction.RequestReReview, PetitionState.Closed);

        // ReportUp and NotifyReceipt keep the state: keep only their self-loops.
        t.RemoveAll(x => x.Action is PetitionAction.ReportUp or PetitionAction.NotifyReceipt or PetitionAction.RecordReceipt && x.From != x.To);
        return t;
    }

    public static bool IsAllowed(PetitionState from, PetitionAction action) =>
        Transitions.Any(t => t.From == from && t.Action == action);

    public static bool Leads(PetitionState from, PetitionAction action, PetitionState to) =>
        Transitions.Any(t => t.From == from && t.Action == action && t.To == to);

    /// <summary>The actions the workbench may offer for an item in this state.</summary>
    public static IReadOnlyList<PetitionAction> AllowedActions(PetitionState state) =>
        Transitions.Where(t => t.From == state).Select(t => t.Action).Distinct().ToList();

    /// <summary>No action leads out of the state: what may still happen there (a rating, a late request answered in writing) leaves it as it is.</summary>
    public static bool IsTerminal(PetitionState state) => !Transitions.Any(t => t.From == state && t.To != state);

    public static string NameOf(PetitionState state) => state switch
    {
        PetitionState.Registered => "已登记",
        PetitionState.Forwarded => "已转送",
        PetitionState.Assigned => "已交办",
        PetitionState.ObjectionRaised => "异议待核实",
        PetitionState.Accepted => "已受理",
        PetitionState.Handling => "办理中",
        PetitionState.GuidedToProcedure => "已导入法定程序",
        PetitionState.Decided => "已出具处理意见",
        PetitionState.Served => "已送达",
        PetitionState.GuidedToPoliticalLegal => "已释法引导",
        PetitionState.Declined => "不予受理",
        PetitionState.RefusedAgain => "不再受理",
        PetitionState.UnderReview => "复查中",
        PetitionState.ReviewOpinionServed => "已提出复查意见",
        PetitionState.UnderReReview => "复核中",
        PetitionState.ReReviewOpinionServed => "已提出复核意见",
        PetitionState.Voided => "已作废",
        _ => "已办结",
    };

    public static string NameOf(PetitionAction action) => action switch
    {
        PetitionAction.Forward => "转送",
        PetitionAction.Assign => "交办",
        PetitionAction.GuideToPoliticalLegal => "释法引导至政法部门",
        PetitionAction.AnswerDirectly => "直接答复",
        PetitionAction.Decline => "不予受理",
        PetitionAction.RefuseAgain => "不再受理",
        PetitionAction.ReportUp => "重大紧急情况报告",
        PetitionAction.NotifyReceipt => "受理告知",
        PetitionAction.RaiseObjection => "提出异议",
        PetitionAction.ApproveObjection => "同意异议",
        PetitionAction.RejectObjection => "不同意异议",
        PetitionAction.Accept => "受理",
        PetitionAction.ChooseRoute => "确定办理途径",
        PetitionAction.Extend => "延期",
        PetitionAction.Decide => "出具处理意见",
        PetitionAction.Serve => "送达",
        PetitionAction.ReportCompletion => "提交办结报告",
        PetitionAction.Rate => "满意度评价",
        PetitionAction.RequestReview => "申请复查",
        PetitionAction.IssueReviewOpinion => "提出复查意见",
        PetitionAction.RequestReReview => "申请复核",
        PetitionAction.IssueReReviewOpinion => "提出复核意见",
        PetitionAction.RecordHearing => "听证",
        PetitionAction.RecordReceipt => "登记收到",
        PetitionAction.CorrectRegistration => "更正登记",
        PetitionAction.VoidRegistration => "作废",
        PetitionAction.DraftDecision => "起草处理意见",
        PetitionAction.ReturnDecision => "退回处理意见",
        PetitionAction.SignOffDecision => "签发处理意见",
        PetitionAction.RequestExtension => "申请延期",
        PetitionAction.ApproveExtension => "批准延期",
        PetitionAction.RefuseExtension => "不批准延期",
        _ => "办结",
    };
}
