using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Organizations;

namespace Xinfang.Domain.Petitions;

/// <summary>The review phase of an item: 复查 and 复核 (条例 Arts. 35, 36), hearings, and the request windows that close it.</summary>
public sealed partial class Petition
{
    /// <summary>
    /// 听证 in a 复核 (条例 Art. 36 ¶2): the hearing's days are not counted in the 30 days of the
    /// opinion, so the clock moves by the hearing's length. Recorded once the hearing has ended.
    /// </summary>
    public void RecordHearing(DateOnly from, DateOnly to, string summary, Actor actor, DateTimeOffset now)
    {
        Guard(PetitionAction.RecordHearing);
        RequireText(summary, "summary");
        var clock = _deadlines.Last(d => d.Kind == DeadlineKind.ReReviewOpinion);
        // The hearing's days are bounded like any effective date: not after today, not before the
        // 复核 request it belongs to, not older than the policy allows.
        EffectiveDate.Resolve(from, now, Policy, clock.StartedOn, "收到复核请求", "from", "听证开始日期");
        EffectiveDate.Resolve(to, now, Policy, clock.StartedOn, "收到复核请求", "to", "听证结束日期");
        Require(from <= to, "hearing-dates-reversed", "听证结束日期不能早于开始日期");
        Require(!_hearings.Any(h => h.From <= to && from <= h.To), "hearing-overlaps", "与已记录的听证日期重叠");
        Transition(PetitionAction.RecordHearing, PetitionState.UnderReReview, now);
        _hearings.Add(new Hearing(from, to, summary.Trim()));
        if (clock.IsOpen)
        {
            clock.MoveTo(Compute(clock, Policy));
        }

        Record(actor, now, PetitionAction.RecordHearing,
            $"听证 {from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}，所需时间不计入复核期限，复核意见期限至{clock.DueOn:yyyy-MM-dd}（《信访工作条例》第三十六条第二款）", null,
            $"听证 {from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}，所需时间不计入复核期限，复核意见期限至{clock.DueOn:yyyy-MM-dd}（《信访工作条例》第三十六条第二款）", to);
    }

    /// <summary>
    /// 复查 (条例 Art. 35): asked of the 上一级机关 of the handling body (<see cref="ReviewBodies"/>) within 30 days of receiving the
    /// written reply (day of receipt = day 0). A late request is refused with the reason and the item
    /// closes as 超期未申请复查 — a recorded outcome, not an error.
    /// </summary>
    public void RequestReview(Organization reviewer, OrganizationTree organizations, string reasons, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.RequestReview);
        RequireText(reasons, "reasons");
        if (State == PetitionState.Closed)
        {
            AnswerAfterClosure(PetitionAction.RequestReview, actor, now);
            return;
        }

        CheckNotAccused(reviewer, organizations);
        ReviewBodies.Check(this, PetitionAction.RequestReview, reviewer, organizations);
        // 条例 Art. 35: the day the request was handed in decides, not the day it was typed.
        var today = On(occurredOn, now);
        var window = _deadlines.Last(d => d.Kind == DeadlineKind.ReviewRequest);
        if (today > window.DueOn)
        {
            Transition(PetitionAction.RequestReview, PetitionState.Closed, now);
            ClosedBecause = ClosureReason.ReviewWindowLapsed;
            window.Cancel();
            var late = AddDocument(DocumentKind.DeclineNotice, "复查申请不予受理告知书",
                $"{CodeNames.Of(DeclineRule.ReviewWindowLapsed)}。答复于{ServedOn:yyyy-MM-dd}收到，复查申请期限至{window.DueOn:yyyy-MM-dd}，申请日{today:yyyy-MM-dd}已超期。", today, Audience.Petitioner);
            Record(actor, now, PetitionAction.RequestReview, "复查申请超期，不予受理，按超期未申请复查办结", late.Id, "复查申请超期，不予受理，按超期未申请复查办结", today);
            return;
        }

        Transition(PetitionAction.RequestReview, PetitionState.UnderReview, now);
        MeetClocks(today, DeadlineKind.ReviewRequest);
        ReviewOrganizationId = reviewer.Id;
        CurrentOrganizationId = reviewer.Id;
        StartClock(DeadlineKind.ReviewOpinion, today, Policy.ReviewOpinion, "收到复查请求");
        Record(actor, now, PetitionAction.RequestReview, $"向{reviewer.Name}申请复查：{reasons.Trim()}", null, $"已向{reviewer.Name}申请复查", today);
    }

    /// <summary>复查结论 (ADR 0084): null only for opinions recorded before outcomes were.</summary>
    public ReviewOutcome? ReviewOutcome { get; private set; }

    /// <summary>复核结论 (ADR 0084): null only for opinions recorded before outcomes were.</summary>
    public ReviewOutcome? ReReviewOutcome { get; private set; }

    /// <summary>
    /// 复查意见, answered in writing within 30 days of the request (条例 Art. 35), with its outcome
    /// (维持/撤销/变更 the 信访处理意见, ADR 0084). The API and the petition page require the outcome; the
    /// parameter is optional only so that callers written before it still compile — given, it must be known.
    /// </summary>
    public void IssueReviewOpinion(string opinion, DateOnly? servedOn, Actor actor, DateTimeOffset now, string field = EffectiveDate.Field, ReviewOutcome? outcome = null)
    {
        Guard(PetitionAction.IssueReviewOpinion);
        RequireText(opinion, "opinion");
        RequireOutcome(outcome);
        var today = DeadlineTime.LocalDate(now);
        var served = On(servedOn, now, field, "送达日期");
        Transition(PetitionAction.IssueReviewOpinion, PetitionState.ReviewOpinionServed, now);
        ReviewOpinionServedOn = served;
        MeetClocks(served, DeadlineKind.ReviewOpinion);
        StartClock(DeadlineKind.ReReviewRequest, served, Policy.ReReviewRequestWindow, "收到复查意见");
        ReviewOutcome = outcome;
        var said = "提出复查意见" + OutcomeWords(outcome, reReview: false);
        var doc = AddDocument(DocumentKind.ReviewOpinion, "复查意见书", OutcomeLine(outcome, reReview: false) + opinion.Trim(), served, Audience.Petitioner);
        Record(actor, now, PetitionAction.IssueReviewOpinion, said, doc.Id, said, served);
    }

    /// <summary>复核 (条例 Art. 36): asked of the 上一级机关 of the 复查 body (<see cref="ReviewBodies"/>) within 30 days of receiving the 复查 opinion.</summary>
    public void RequestReReview(Organization reReviewer, OrganizationTree organizations, string reasons, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.RequestReReview);
        RequireText(reasons, "reasons");
        if (State == PetitionState.Closed)
        {
            AnswerAfterClosure(PetitionAction.RequestReReview, actor, now);
            return;
        }

        CheckNotAccused(reReviewer, organizations);
        ReviewBodies.Check(this, PetitionAction.RequestReReview, reReviewer, organizations);
        // 条例 Art. 36: the day the request was handed in decides, not the day it was typed.
        var today = On(occurredOn, now);
        var window = _deadlines.Last(d => d.Kind == DeadlineKind.ReReviewRequest);
        if (today > window.DueOn)
        {
            Transition(PetitionAction.RequestReReview, PetitionState.Closed, now);
            ClosedBecause = ClosureReason.ReReviewWindowLapsed;
            window.Cancel();
            var late = AddDocument(DocumentKind.DeclineNotice, "复核申请不予受理告知书",
                $"{CodeNames.Of(DeclineRule.ReReviewWindowLapsed)}。复查意见于{ReviewOpinionServedOn:yyyy-MM-dd}收到，复核申请期限至{window.DueOn:yyyy-MM-dd}，申请日{today:yyyy-MM-dd}已超期。", today, Audience.Petitioner);
            Record(actor, now, PetitionAction.RequestReReview, "复核申请超期，不予受理，按超期未申请复核办结", late.Id, "复核申请超期，不予受理，按超期未申请复核办结", today);
            return;
        }

        Transition(PetitionAction.RequestReReview, PetitionState.UnderReReview, now);
        MeetClocks(today, DeadlineKind.ReReviewRequest);
        ReReviewOrganizationId = reReviewer.Id;
        CurrentOrganizationId = reReviewer.Id;
        StartClock(DeadlineKind.ReReviewOpinion, today, Policy.ReReviewOpinion, "收到复核请求");
        Record(actor, now, PetitionAction.RequestReReview, $"向{reReviewer.Name}申请复核：{reasons.Trim()}", null, $"已向{reReviewer.Name}申请复核", today);
    }

    /// <summary>
    /// 复核意见 (条例 Art. 36), with its outcome (维持/撤销/变更 the 复查意见, ADR 0084; optional as for
    /// <see cref="IssueReviewOpinion"/>). After it, the same facts and reasons are 不再受理 everywhere (¶3).
    /// </summary>
    public void IssueReReviewOpinion(string opinion, DateOnly? servedOn, bool afterHearing, Actor actor, DateTimeOffset now, string field = EffectiveDate.Field, ReviewOutcome? outcome = null)
    {
        Guard(PetitionAction.IssueReReviewOpinion);
        RequireText(opinion, "opinion");
        RequireOutcome(outcome);
        var served = On(servedOn, now, field, "送达日期");
        Transition(PetitionAction.IssueReReviewOpinion, PetitionState.ReReviewOpinionServed, now);
        ReReviewOpinionServedOn = served;
        MeetClocks(served, DeadlineKind.ReReviewOpinion);
        ReReviewOutcome = outcome;
        var said = (afterHearing ? "经听证提出复核意见" : "提出复核意见") + OutcomeWords(outcome, reReview: true);
        var doc = AddDocument(DocumentKind.ReReviewOpinion, "复核意见书", OutcomeLine(outcome, reReview: true) + opinion.Trim(), served, Audience.Petitioner);
        Record(actor, now, PetitionAction.IssueReReviewOpinion, said, doc.Id, said, served);
    }

    private static void RequireOutcome(ReviewOutcome? outcome) =>
        Require(outcome is null || Enum.IsDefined(outcome.Value), "outcome-invalid", "复查复核结论无效（维持、撤销或变更）");

    // The outcome on the history line, in the words the petitioner reads on /track: "提出复查意见：维持原处理意见".
    private static string OutcomeWords(ReviewOutcome? outcome, bool reReview) =>
        outcome is { } o ? "：" + CodeNames.PlainWords(o, reReview) : string.Empty;

    // The first line of the written opinion: the conclusion, before the reasons the body wrote.
    private static string OutcomeLine(ReviewOutcome? outcome, bool reReview) =>
        outcome is { } o ? $"{(reReview ? "复核" : "复查")}结论：{CodeNames.PlainWords(o, reReview)}。\n" : string.Empty;

    /// <summary>
    /// 条例 Arts. 35–36: when the 30 days to ask for 复查 (after the reply) or 复核 (after the 复查
    /// opinion) pass without a request, the item closes as 超期未申请复查/复核. Called by the
    /// deadline sweeper; does nothing (and returns false) when no window has lapsed.
    /// </summary>
    public bool CloseIfWindowLapsed(Actor actor, DateTimeOffset now) => CloseIfWindowLapsed(actor, now, string.Empty);

    // suffix: what the bureau's closing adds to the line (its 化解情况), empty for the sweeper.
    private bool CloseIfWindowLapsed(Actor actor, DateTimeOffset now, string suffix)
    {
        var today = DeadlineTime.LocalDate(now);
        var (kind, reason, name) = State switch
        {
            PetitionState.Served => (DeadlineKind.ReviewRequest, ClosureReason.ReviewWindowLapsed, "复查"),
            PetitionState.ReviewOpinionServed => (DeadlineKind.ReReviewRequest, ClosureReason.ReReviewWindowLapsed, "复核"),
            _ => (default(DeadlineKind?), default(ClosureReason), string.Empty),
        };
        var window = kind is null ? null : _deadlines.LastOrDefault(d => d.Kind == kind && d.IsOpen);
        if (window is null || today <= window.DueOn)
        {
            return false;
        }

        Transition(PetitionAction.Close, PetitionState.Closed, now);
        ClosedBecause = reason;

        Record(actor, now, PetitionAction.Close, $"{name}申请期限已于{window.DueOn:yyyy-MM-dd}届满，未申请{name}，按超期未申请{name}办结" + suffix, null, $"{name}申请期限已于{window.DueOn:yyyy-MM-dd}届满，未申请{name}，按超期未申请{name}办结");
        return true;
    }

    /// <summary>A 复查/复核 request that reaches a closed item: recorded, and answered in writing (条例 Arts. 35–36).</summary>
    private void AnswerAfterClosure(PetitionAction action, Actor actor, DateTimeOffset now)
    {
        var today = Transition(action, PetitionState.Closed, now);
        var (title, body, summary) = ReviewRights.AnswerAfterClosure(this, action, today);
        var doc = AddDocument(DocumentKind.DeclineNotice, title, body, today, Audience.Petitioner);
        Record(actor, now, action, summary, doc.Id, summary);
    }
}
