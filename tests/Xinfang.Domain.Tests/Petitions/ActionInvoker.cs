using Xinfang.Domain.Petitions;
using Xinfang.Domain.Tests.Builders;

namespace Xinfang.Domain.Tests.Petitions;

/// <summary>
/// Calls each action with arguments that are valid for the petitions <see cref="Scenario.InState"/>
/// builds, one day after the last step. A refusal therefore comes from the state, not the input.
/// </summary>
internal static class ActionInvoker
{
    /// <summary>
    /// What a step that waits on another needs first, where the state allows it: a draft before it is signed off
    /// or returned, a request before it is approved or refused. Called before the test counts the history.
    /// </summary>
    public static void Prepare(Scenario s, PetitionAction action)
    {
        if (!Lifecycle.IsAllowed(s.Petition.State, action))
        {
            return;
        }

        switch (action)
        {
            case PetitionAction.SignOffDecision or PetitionAction.ReturnDecision:
                Invoke(s, PetitionAction.DraftDecision);
                break;
            case PetitionAction.ApproveExtension or PetitionAction.RefuseExtension:
                Invoke(s, PetitionAction.RequestExtension);
                break;
        }
    }

    public static void Invoke(Scenario s, PetitionAction action)
    {
        s.Advance();
        var p = s.Petition;
        var now = s.Now;
        switch (action)
        {
            case PetitionAction.Forward:
                p.Forward(s.Unit, s.Tree, null, s.BureauOfficer, now);
                break;
            case PetitionAction.Assign:
                p.Assign(s.Unit, s.Tree, s.Today.AddDays(30), null, s.BureauOfficer, now);
                break;
            case PetitionAction.GuideToPoliticalLegal:
                p.GuideToPoliticalLegal("杭州市中级人民法院", "可依法申请再审。", s.BureauOfficer, now);
                break;
            case PetitionAction.AnswerDirectly:
                p.AnswerDirectly("已答复。", s.BureauOfficer, now);
                break;
            case PetitionAction.Decline:
                // At a unit a forwarded item is not declined as "not competent" (Art. 23 ¶3: it objects instead).
                p.Decline(p.State == PetitionState.Registered ? DeclineRule.NotCompetent : DeclineRule.AlreadyBeingHandled, "不属于本机关职权范围", "西湖区人民法院", s.BureauOfficer, now);
                break;
            case PetitionAction.RefuseAgain:
                p.RefuseAgain(DeclineRule.AfterReReview, "已经复核", "无", s.BureauOfficer, now, s.ReReviewedEarlier);
                break;
            case PetitionAction.ReportUp:
                p.ReportUp("杭州市委、市政府", "涉及群体利益", s.BureauOfficer, now);
                break;
            case PetitionAction.NotifyReceipt:
                p.NotifyReceipt("按《信访工作条例》第三十一条办理", false, s.UnitOfficer, now);
                break;
            case PetitionAction.RaiseObjection:
                p.RaiseObjection("该补贴由区住建局审核发放，不属于本单位职权。", s.UnitOfficer, now);
                break;
            case PetitionAction.ApproveObjection:
                p.ApproveObjection(null, s.BureauOfficer, now);
                break;
            case PetitionAction.RejectObjection:
                p.RejectObjection("属于本单位职责", s.BureauOfficer, now);
                break;
            case PetitionAction.Accept:
                p.Accept(s.UnitOfficer, now);
                break;
            case PetitionAction.ChooseRoute:
                p.ChooseRoute(HandlingRoute.Investigate, null, s.UnitOfficer, now);
                break;
            case PetitionAction.Extend:
                p.Extend(15, "局长 周某", "需要现场勘查", s.UnitOfficer, now);
                break;
            case PetitionAction.Decide:
                p.Decide(DecisionOutcome.NotSupport, "发放补贴", "不符合条件", "不予发放", "《管理办法》第十二条", s.UnitOfficer, now);
                break;
            case PetitionAction.Serve:
                p.Serve(ServiceMethod.Post, s.Today, true, null, s.UnitOfficer, now);
                break;
            case PetitionAction.ReportCompletion:
                p.ReportCompletion("已办结并送达", s.UnitOfficer, now);
                break;
            case PetitionAction.Rate:
                p.Rate(Satisfaction.Satisfied, null, Satisfaction.BasicallySatisfied, null, s.PetitionerActor, now);
                break;
            case PetitionAction.RequestReview:
                p.RequestReview(s.Reviewer, s.Tree, "不服处理意见", s.PetitionerActor, now);
                break;
            case PetitionAction.IssueReviewOpinion:
                p.IssueReviewOpinion("维持", s.Today, s.ReviewOfficer, now);
                break;
            case PetitionAction.RequestReReview:
                p.RequestReReview(s.ReReviewer, s.Tree, "不服复查意见", s.PetitionerActor, now);
                break;
            case PetitionAction.IssueReReviewOpinion:
                p.IssueReReviewOpinion("维持", s.Today, false, s.ReReviewOfficer, now);
                break;
            case PetitionAction.RecordHearing:
                p.RecordHearing(s.Today, s.Today, "公开听证，信访人、律师和人大代表参加", s.ReReviewOfficer, now);
                break;
            case PetitionAction.Close:
                // While a 复查/复核 window runs the item cannot be closed (Arts. 35–36): close once it lapsed.
                if (p.State is PetitionState.Served or PetitionState.ReviewOpinionServed)
                {
                    s.Advance(31);
                }

                p.Close(null, s.BureauOfficer, s.Now);
                break;
            case PetitionAction.RecordReceipt:
                p.RecordReceipt(s.UnitOfficer, now);
                break;
            case PetitionAction.CorrectRegistration:
                p.CorrectRegistration(new RegistrationCorrection(Title: "更正后的标题", LitigationRelated: !p.LitigationRelated), s.BureauOfficer, now);
                break;
            case PetitionAction.VoidRegistration:
                p.VoidRegistration("重复登记", s.BureauOfficer, now);
                break;
            case PetitionAction.DraftDecision:
                p.DraftDecision(DecisionOutcome.NotSupport, "发放补贴", "不符合条件", "不予发放", "《管理办法》第十二条", s.UnitOfficer, now);
                break;
            case PetitionAction.ReturnDecision:
                p.ReturnDecision("事实部分不完整", s.UnitHead, now);
                break;
            case PetitionAction.SignOffDecision:
                p.SignOffDecision(s.UnitHead, now);
                break;
            case PetitionAction.RequestExtension:
                p.RequestExtension(15, "需要现场勘查", s.UnitOfficer, now);
                break;
            case PetitionAction.ApproveExtension:
                p.ApproveExtension(s.UnitHead, now);
                break;
            case PetitionAction.RefuseExtension:
                p.RefuseExtension("期限内可以办结", s.UnitHead, now);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "Add an invoker for the new action.");
        }
    }
}
