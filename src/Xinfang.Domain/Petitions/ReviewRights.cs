using Xinfang.Domain.Organizations;

namespace Xinfang.Domain.Petitions;

/// <summary>
/// What the petitioner may ask now: a 复查 (<see cref="PetitionAction.RequestReview"/>) or a 复核
/// (<see cref="PetitionAction.RequestReReview"/>), of which bodies (the first is the one to preselect),
/// until which day, and how many days are left counting today as day 0 of what remains.
/// </summary>
public sealed record PetitionerReviewRight(PetitionAction Action, IReadOnlyList<Organization> Bodies, DateOnly DueOn, int DaysLeft)
{
    public bool ReReview => Action == PetitionAction.RequestReReview;

    public string Name => ReReview ? "复核" : "复查";
}

/// <summary>
/// The petitioner's right to ask for 复查 and 复核 (条例 Arts. 35–36) is never cut off: the item cannot
/// be closed while a request window runs, and a request that reaches an item already closed is still
/// recorded and answered in writing.
/// </summary>
public static class ReviewRights
{
    /// <summary>The request window the state waits on: 复查 after the reply, 复核 after the 复查 opinion.</summary>
    public static PetitionDeadline? WindowOf(Petition petition)
    {
        ArgumentNullException.ThrowIfNull(petition);
        DeadlineKind? kind = petition.State switch
        {
            PetitionState.Served => DeadlineKind.ReviewRequest,
            PetitionState.ReviewOpinionServed => DeadlineKind.ReReviewRequest,
            _ => null,
        };
        return kind is null ? null : petition.Deadlines.LastOrDefault(d => d.Kind == kind && d.IsOpen);
    }

    /// <summary>
    /// The petitioner's own request through the portal (issue 11): the 复查 or 复核 they may ask today,
    /// or why not — the window lapsed (and since when), the step was taken already, no reply yet.
    /// A refused request changes nothing: unlike a request handed in on paper (recorded and answered
    /// in writing by <see cref="Petition.RequestReview"/>), an online one is told before it is made.
    /// </summary>
    public static (PetitionerReviewRight? Right, DomainRuleViolation? Refusal) ForPetitioner(Petition petition, OrganizationTree organizations, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(petition);
        ArgumentNullException.ThrowIfNull(organizations);
        switch (petition.State)
        {
            case PetitionState.Served or PetitionState.ReviewOpinionServed:
            {
                var action = petition.State == PetitionState.Served ? PetitionAction.RequestReview : PetitionAction.RequestReReview;
                var window = WindowOf(petition);
                if (window is null || today > window.DueOn)
                {
                    return (null, Lapsed(petition, action, window?.DueOn ?? today));
                }

                var bodies = ReviewBodies.For(petition, action, organizations);
                if (bodies.Count == 0)
                {
                    return (null, new DomainRuleViolation("review-no-body",
                        action == PetitionAction.RequestReview
                            ? "系统中没有原办理机关的上一级机关、单位，请向信访部门咨询复查事宜（《信访工作条例》第三十五条）"
                            : "系统中没有复查机关的上一级机关、单位，请向信访部门咨询复核事宜（《信访工作条例》第三十六条）"));
                }

                return (new PetitionerReviewRight(action, bodies, window.DueOn, window.DueOn.DayNumber - today.DayNumber), null);
            }

            case PetitionState.UnderReview:
                return (null, new DomainRuleViolation("review-under-way", "已申请复查，复查机关正在复查，复查意见送达后可以申请复核（《信访工作条例》第三十五条、第三十六条）"));
            case PetitionState.UnderReReview:
                return (null, new DomainRuleViolation("re-review-under-way", "已申请复核，复核机关正在复核（《信访工作条例》第三十六条）"));
            case PetitionState.ReReviewOpinionServed:
                return (null, new DomainRuleViolation("after-re-review", $"该事项已经复核（复核意见于{petition.ReReviewOpinionServedOn:yyyy年M月d日}送达），{CodeNames.Of(DeclineRule.AfterReReview)}。"));
            case PetitionState.Closed when petition.ClosedBecause == ClosureReason.ReviewWindowLapsed:
                return (null, Lapsed(petition, PetitionAction.RequestReview, petition.Deadlines.Last(d => d.Kind == DeadlineKind.ReviewRequest).DueOn));
            case PetitionState.Closed when petition.ClosedBecause == ClosureReason.ReReviewWindowLapsed:
                return (null, Lapsed(petition, PetitionAction.RequestReReview, petition.Deadlines.Last(d => d.Kind == DeadlineKind.ReReviewRequest).DueOn));
            case PetitionState.Closed or PetitionState.Declined or PetitionState.RefusedAgain or PetitionState.GuidedToPoliticalLegal or PetitionState.GuidedToProcedure:
            {
                var action = petition.ReviewOpinionServedOn is null ? PetitionAction.RequestReview : PetitionAction.RequestReReview;
                return (null, new DomainRuleViolation("review-not-possible", AnswerAfterClosure(petition, action, today).Body));
            }

            default:
                return (null, new DomainRuleViolation("review-not-yet", "信访事项尚未书面答复；收到书面答复后，对处理意见不服的，可以自收到之日起30日内申请复查（《信访工作条例》第三十五条）"));
        }
    }

    private static DomainRuleViolation Lapsed(Petition petition, PetitionAction action, DateOnly dueOn)
    {
        var (name, article, after, on) = action == PetitionAction.RequestReview
            ? ("复查", "第三十五条", "书面答复", petition.ServedOn)
            : ("复核", "第三十六条", "复查意见", petition.ReviewOpinionServedOn);
        return new DomainRuleViolation(action == PetitionAction.RequestReview ? "review-window-lapsed" : "re-review-window-lapsed",
            $"{name}申请期限已于{dueOn:yyyy年M月d日}届满（自收到{after}之日起30日，{after}于{on:yyyy年M月d日}收到），自{dueOn.AddDays(1):yyyy年M月d日}起不能再申请{name}（《信访工作条例》{article}）");
    }

    /// <summary>
    /// 条例 Arts. 35–36: while the 30 days to ask for 复查 (or 复核) run, closing the item would take the
    /// request away; the item closes by itself as 超期未申请复查/复核 once the window lapses.
    /// </summary>
    public static DomainRuleViolation? RefusalOfClose(Petition petition, DateOnly today)
    {
        var window = WindowOf(petition);
        if (window is null || today > window.DueOn)
        {
            return null;
        }

        var (name, article, after) = window.Kind == DeadlineKind.ReviewRequest ? ("复查", "第三十五条", "书面答复") : ("复核", "第三十六条", "复查意见");
        return new DomainRuleViolation("review-window-open",
            $"信访人可以自收到{after}之日起30日内申请{name}，申请期限至{window.DueOn:yyyy-MM-dd}尚未届满，期限内不得办结；期限届满未申请的，按超期未申请{name}办结（《信访工作条例》{article}）");
    }

    /// <summary>
    /// The written answer to a 复查 (<see cref="PetitionAction.RequestReview"/>) or 复核 request that reaches
    /// a closed item: the window lapsed (Art. 35/36), the step was already taken, or there is nothing to
    /// ask it of. Returns the notice's title and body and the history line.
    /// </summary>
    public static (string Title, string Body, string Summary) AnswerAfterClosure(Petition petition, PetitionAction action, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(petition);
        var reReview = action == PetitionAction.RequestReReview;
        var title = reReview ? "复核申请不予受理告知书" : "复查申请不予受理告知书";
        string body;
        if (petition.ReReviewOpinionServedOn is { } reReviewed)
        {
            body = $"该事项已经复核（复核意见于{reReviewed:yyyy-MM-dd}送达），{CodeNames.Of(DeclineRule.AfterReReview)}。";
        }
        else if (!reReview && petition.ReviewOpinionServedOn is { } reviewed)
        {
            body = $"该事项已经复查（复查意见于{reviewed:yyyy-MM-dd}送达），不再复查；对复查意见不服的，可以自收到之日起30日内向复查机关的上一级机关请求复核（《信访工作条例》第三十六条）。";
        }
        else if (petition.Deadlines.LastOrDefault(d => d.Kind == (reReview ? DeadlineKind.ReReviewRequest : DeadlineKind.ReviewRequest)) is { } window)
        {
            body = reReview
                ? $"{CodeNames.Of(DeclineRule.ReReviewWindowLapsed)}。复查意见于{petition.ReviewOpinionServedOn:yyyy-MM-dd}收到，复核申请期限至{window.DueOn:yyyy-MM-dd}，申请日{today:yyyy-MM-dd}已超期，该事项已按超期未申请复核办结。"
                : $"{CodeNames.Of(DeclineRule.ReviewWindowLapsed)}。答复于{petition.ServedOn:yyyy-MM-dd}收到，复查申请期限至{window.DueOn:yyyy-MM-dd}，申请日{today:yyyy-MM-dd}已超期，该事项已按超期未申请复查办结。";
        }
        else
        {
            body = reReview
                ? "复核针对复查意见提出，该事项未经复查，不能申请复核（《信访工作条例》第三十六条）。"
                : "复查针对送达的书面答复意见提出，该事项未出具书面答复意见（已导入法定程序的，请依照该程序办理），不能申请复查（《信访工作条例》第三十五条）。";
        }

        var name = reReview ? "复核" : "复查";
        return (title, body, $"该事项已办结，{name}申请不予受理，书面告知信访人");
    }
}

/// <summary>
/// Rules that keep 不予受理/不再受理 from skipping a procedure (条例 Art. 23 ¶3, Art. 36 ¶3).
/// </summary>
public static class NotTakenUpRules
{
    /// <summary>Why the outcome cannot be recorded, or null when it can.</summary>
    public static DomainRuleViolation? Refusal(Petition petition, PetitionAction action, DeclineRule rule, EarlierItem? earlier)
    {
        ArgumentNullException.ThrowIfNull(petition);

        // 条例 Art. 23 ¶3: a unit that thinks a forwarded or assigned item is not its business objects
        // within 5 working days, with reasons, and the forwarding bureau verifies. Declining it as "not
        // competent" would skip both the objection and the bureau's verification.
        if (rule == DeclineRule.NotCompetent && petition.State is PetitionState.Forwarded or PetitionState.Assigned)
        {
            return new DomainRuleViolation("not-competent-needs-objection",
                "转送、交办的信访事项，责任单位认为不属于本单位职权范围的，应当自收到之日起5个工作日内向转送、交办机关提出异议并详细说明理由，经核实同意后交还（《信访工作条例》第二十三条第三款），不能以“不属于本机关职权范围”不予受理；请使用“提出异议”");
        }

        // 条例 Art. 36 ¶3: 不再受理 rests on the earlier item's 复核 opinion, which must be linked.
        if (rule == DeclineRule.AfterReReview)
        {
            if (earlier is null || earlier.Id == petition.Id || (petition.FirstItemId is { } first && first != earlier.Id))
            {
                return new DomainRuleViolation("after-re-review-needs-earlier-item",
                    "以“已经复核”为由不再受理，须关联已经复核的初件（《信访工作条例》第三十六条第三款）；请填写初件");
            }

            if (!earlier.ReReviewed)
            {
                return new DomainRuleViolation("earlier-item-not-re-reviewed",
                    $"初件（编号{earlier.Number}）尚未提出复核意见，不适用“已经复核，不再受理”（《信访工作条例》第三十六条第三款）");
            }
        }

        return action is PetitionAction.Decline or PetitionAction.RefuseAgain ? null : throw new ArgumentOutOfRangeException(nameof(action));
    }
}
