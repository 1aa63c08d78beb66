namespace Xinfang.Domain.Petitions;

/// <summary>
/// The workbench's reading of the lifecycle (issue 13): for an item in a state, the step a staff member
/// is expected to take next (shown first and open on the petition page, the others under 更多操作), which
/// steps cannot be undone (so the page asks for a confirmation first), and which 处理意见 fit the chosen
/// 办理途径. Nothing here allows or refuses anything — the rule (<see cref="Lifecycle"/>, the use cases'
/// authorization) does; this only orders what the rule already allows.
/// </summary>
public static class NextStep
{
    /// <summary>
    /// The usual course of an item through the 条例: the bureau disposes of it within 15 days (Art. 22,
    /// 转送 before 交办, 受理 when it handles the matter itself), the unit accepts it (Art. 23), chooses the
    /// route (Art. 31), issues the 处理意见 (Art. 32) and serves it (Art. 33); an assigned unit reports
    /// completion (Art. 22(三)); the 复查/复核 body answers (Arts. 35–36); an item led into another
    /// procedure is closed.
    /// </summary>
    private static readonly Dictionary<PetitionState, PetitionAction[]> Expected = new()
    {
        [PetitionState.Registered] = [PetitionAction.Forward, PetitionAction.Assign, PetitionAction.Accept],
        [PetitionState.Forwarded] = [PetitionAction.Accept],
        [PetitionState.Assigned] = [PetitionAction.Accept],
        [PetitionState.Accepted] = [PetitionAction.ChooseRoute],
        // The handler drafts, the head signs off (签发) the draft waiting for it, or issues one himself (issue 13).
        [PetitionState.Handling] = [PetitionAction.SignOffDecision, PetitionAction.Decide, PetitionAction.DraftDecision],
        [PetitionState.Decided] = [PetitionAction.Serve],
        [PetitionState.Served] = [PetitionAction.ReportCompletion],
        [PetitionState.GuidedToProcedure] = [PetitionAction.Close],
        [PetitionState.UnderReview] = [PetitionAction.IssueReviewOpinion],
        [PetitionState.UnderReReview] = [PetitionAction.IssueReReviewOpinion],
    };

    /// <summary>
    /// Steps that only record something and can be followed by more of the same (a notice of receipt, a
    /// paper receipt's date, a hearing, a report up, an extension within its limit, an objection the bureau
    /// still verifies): every other step moves the item on for good — it is sent away, answered, refused or
    /// closed — and is confirmed before it is taken.
    /// </summary>
    private static readonly HashSet<PetitionAction> Recording =
    [
        PetitionAction.NotifyReceipt, PetitionAction.RecordReceipt, PetitionAction.RecordHearing, PetitionAction.ReportUp,
        PetitionAction.Extend, PetitionAction.RaiseObjection, PetitionAction.Rate,
        // A correction, a draft and an extension request change nothing for good: they can be corrected, redrafted, refused.
        PetitionAction.CorrectRegistration, PetitionAction.DraftDecision, PetitionAction.RequestExtension,
    ];

    /// <summary>
    /// The expected next step among <paramref name="allowed"/> (what this staff member may do in this state),
    /// or null when nothing is expected of them (the step is another body's, or a choice between equals).
    /// </summary>
    public static PetitionAction? Primary(PetitionState state, IReadOnlyCollection<PetitionAction> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        return Expected.TryGetValue(state, out var candidates) && candidates.FirstOrDefault(allowed.Contains) is var first && allowed.Contains(first)
            ? first
            : null;
    }

    /// <summary>Whether the step cannot be undone, so the page asks “我已核对，确认办理” before taking it.</summary>
    public static bool NeedsConfirmation(PetitionAction action) => !Recording.Contains(action);

    /// <summary>
    /// The 处理意见 that fit the route (the rule <see cref="Petition.Decide"/> checks): a 信访处理意见书
    /// after investigation (Art. 31(六)) supports, explains or does not support (Art. 32); a matter of a
    /// duty (Art. 31(五)) is performed or answered. Before a route is chosen, all of them.
    /// </summary>
    public static IReadOnlyList<DecisionOutcome> OutcomesFor(HandlingRoute? route) => route switch
    {
        HandlingRoute.Investigate => [DecisionOutcome.Support, DecisionOutcome.Explain, DecisionOutcome.NotSupport],
        null => Enum.GetValues<DecisionOutcome>(),
        _ => [DecisionOutcome.DutyPerformed, DecisionOutcome.Answered],
    };
}
