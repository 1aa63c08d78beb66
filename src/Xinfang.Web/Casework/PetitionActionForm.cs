using System.Globalization;
using Xinfang.Domain.Organizations;
using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;
using static Xinfang.Web.Common.FormFields;
using Xinfang.Web.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Xinfang.Web.Review;

namespace Xinfang.Web.Casework;

/// <summary>
/// The action forms of the petition page (<c>/petitions/{id}</c>) as typed. As on the registration
/// page, every field is a string, so nothing typed (or forged) can fail form binding; each
/// <c>To…</c> reads the fields one action needs into its use case's <c>Request</c> and names each
/// value it cannot read under the use case's own field name, so both kinds of message sit next to
/// the same input. One model serves every form: only one form is posted at a time.
/// </summary>
public sealed class PetitionActionForm
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The render's one-time token (hidden in every form of the page; <see cref="Security.FormTokens"/>).</summary>
    public string? FormToken { get; set; }

    public string? TargetOrganizationId { get; set; }

    public string? ReportDueOn { get; set; }

    public string? Note { get; set; }

    public string? RouteAndProcedure { get; set; }

    public string? OnTheSpot { get; set; }

    public string? Route { get; set; }

    public string? Guidance { get; set; }

    public string? Days { get; set; }

    public string? Reason { get; set; }

    /// <summary>不再受理 (Art. 36 ¶3): the number of the re-reviewed 初件 it rests on.</summary>
    public string? EarlierItemNumber { get; set; }

    public string? Outcome { get; set; }

    public string? PetitionerRequest { get; set; }

    public string? Facts { get; set; }

    public string? Reasons { get; set; }

    public string? LegalBasis { get; set; }

    public string? Method { get; set; }

    public string? ServedOn { get; set; }

    public string? SignedByPetitioner { get; set; }

    public string? Report { get; set; }

    public string? Answer { get; set; }

    public string? Rule { get; set; }

    public string? WhereToGo { get; set; }

    public string? PoliticalLegalBody { get; set; }

    public string? Explanation { get; set; }

    public string? ReportedTo { get; set; }

    public string? Summary { get; set; }

    public string? DetailedReasons { get; set; }

    public string? ReviewOrganizationId { get; set; }

    public string? Opinion { get; set; }

    public string? AfterHearing { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public string? UserId { get; set; }

    /// <summary>办结: 化解情况 (issue 12), optional; with its reason.</summary>
    public string? Resolution { get; set; }

    public string? ResolutionReason { get; set; }

    /// <summary>发生日期（默认今天）: the day the step happened outside the system, on every action form.</summary>
    public string? OccurredOn { get; set; }

    /// <summary>“我已核对，确认办理”: ticked before a step that cannot be undone (<see cref="NextStep.NeedsConfirmation"/>).</summary>
    public string? Confirmed { get; set; }

    /// <summary>督办 from the page: the reason (<see cref="Domain.Supervision.SupervisionReason"/>) and what is asked.</summary>
    public string? SupervisionReason { get; set; }

    public string? Details { get; set; }

    /// <summary>催办 text, or the unit's written feedback on a 督办.</summary>
    public string? Text { get; set; }

    /// <summary>The day the unit's written feedback arrived.</summary>
    public string? ReceivedOn { get; set; }

    /// <summary>回访 result: when, by whom, how (<see cref="Domain.Evaluation.ReturnVisitMethod"/>), what came of it, the petitioner's view.</summary>
    public string? VisitedOn { get; set; }

    public string? VisitedBy { get; set; }

    public string? VisitMethod { get; set; }

    public string? VisitResult { get; set; }

    public string? PetitionerView { get; set; }

    /// <summary>附件: what the uploaded file is (<see cref="Attachments.AttachmentCategory"/>).</summary>
    public string? Category { get; set; }

    /// <summary>
    /// The actions the page has a form for: all but the petitioner's rating, which the petitioner
    /// gives on /track (staff recording a rating stays API-only).
    /// </summary>
    public static IReadOnlyList<PetitionAction> OnPage { get; } =
    [
        PetitionAction.Forward, PetitionAction.Assign, PetitionAction.RecordReceipt, PetitionAction.Accept, PetitionAction.NotifyReceipt, PetitionAction.ChooseRoute,
        PetitionAction.Extend, PetitionAction.Decide, PetitionAction.Serve, PetitionAction.ReportCompletion,
        PetitionAction.Decline, PetitionAction.RefuseAgain, PetitionAction.GuideToPoliticalLegal, PetitionAction.AnswerDirectly,
        PetitionAction.ReportUp, PetitionAction.RaiseObjection, PetitionAction.ApproveObjection, PetitionAction.RejectObjection,
        PetitionAction.RequestReview, PetitionAction.IssueReviewOpinion, PetitionAction.RequestReReview, PetitionAction.RecordHearing,
        PetitionAction.IssueReReviewOpinion, PetitionAction.Close,
        .. WorkflowActions.OnPage, // wb-workflow (issue 13)
    ];


    public ForwardPetition.Request ToForward(RequestErrors errors) =>
        new(Id(TargetOrganizationId, "targetOrganizationId", "转送单位无效，请从列表中选择", errors), Trimmed(Note), Occurred(errors));

    public AssignPetition.Request ToAssign(RequestErrors errors) =>
        new(Id(TargetOrganizationId, "targetOrganizationId", "承办单位无效，请从列表中选择", errors), Date(ReportDueOn, "reportDueOn", "交办期限", errors), Trimmed(Note), Occurred(errors));

    public RecordReceipt.Request ToRecordReceipt(RequestErrors errors) => new(Occurred(errors));

    public AcceptPetition.Request ToAccept(RequestErrors errors) => new(Occurred(errors));

    public NotifyReceipt.Request ToNotifyReceipt(RequestErrors errors) => new(Trimmed(RouteAndProcedure), IsOn(OnTheSpot), Occurred(errors));

    public ChooseRoute.Request ToChooseRoute(RequestErrors errors) =>
        new(Pick<HandlingRoute>(Route, "route", "办理途径", errors), Trimmed(Guidance), Occurred(errors));

    public ExtendDeadline.Request ToExtend(RequestErrors errors) =>
        new(Number(Days, "days", "延期天数", errors), Trimmed(Reason), Occurred(errors));

    public DecidePetition.Request ToDecide(RequestErrors errors) =>
        new(Pick<DecisionOutcome>(Outcome, "outcome", "处理意见", errors), Trimmed(PetitionerRequest), Trimmed(Facts), Trimmed(Reasons), Trimmed(LegalBasis), Occurred(errors));

    /// <summary>送达: the day of service is the form's 发生日期 (<c>occurredOn</c>); <c>servedOn</c> stays its alias.</summary>
    public ServeDecision.Request ToServe(RequestErrors errors) =>
        new(Pick<ServiceMethod>(Method, "method", "送达方式", errors), Date(ServedOn, "servedOn", "送达日期", errors), Signed(SignedByPetitioner, errors), Trimmed(Note), Occurred(errors));

    public ReportCompletion.Request ToReportCompletion(RequestErrors errors) => new(Trimmed(Report), Occurred(errors));

    public DeclinePetition.Request ToDecline(RequestErrors errors) =>
        new(Pick<DeclineRule>(Rule, "rule", "依据", errors), Trimmed(Reason), Trimmed(WhereToGo), null, Trimmed(EarlierItemNumber), Occurred(errors));

    public GuideToPoliticalLegal.Request ToGuide(RequestErrors errors) => new(Trimmed(PoliticalLegalBody), Trimmed(Explanation), Occurred(errors));

    public AnswerDirectly.Request ToAnswer(RequestErrors errors) => new(Trimmed(Answer), Occurred(errors));

    public ReportUp.Request ToReportUp(RequestErrors errors) => new(Trimmed(ReportedTo), Trimmed(Summary), Occurred(errors));

    public ClosePetition.Request ToClose(RequestErrors errors) =>
        new(Trimmed(Note), Occurred(errors),
            string.IsNullOrWhiteSpace(Resolution) ? null : Pick<Domain.Petitions.Resolution>(Resolution, "resolution", "化解情况", errors), Trimmed(ResolutionReason));

    public ObjectToForward.RaiseRequest ToRaiseObjection(RequestErrors errors) => new(Trimmed(DetailedReasons), Occurred(errors));

    /// <summary>同意异议 and 不同意异议 are two forms (two buttons) of the one verification.</summary>
    public ObjectToForward.VerifyRequest ToVerifyObjection(bool approve, RequestErrors errors) => new(approve, Trimmed(Reason), Occurred(errors));

    public RequestReview.Request ToRequestReview(RequestErrors errors) =>
        new(Id(ReviewOrganizationId, "reviewOrganizationId", "复查（复核）机关无效，请从列表中选择", errors), Trimmed(Reasons), Occurred(errors));

    /// <summary>复查/复核意见: the day it was served is the form's 发生日期 (<c>occurredOn</c>); <c>servedOn</c> stays its alias.</summary>
    public IssueReviewOpinion.Request ToReviewOpinion(RequestErrors errors) =>
        new(Trimmed(Opinion), Date(ServedOn, "servedOn", "送达日期", errors), IsOn(AfterHearing), Occurred(errors),
            Pick<ReviewOutcome>(Outcome, "outcome", "复查复核结论", errors)); // stats-reviews: 维持/撤销/变更 (ADR 0084); blank → "请选择" from the use case

    public RecordRecusal.Request ToRecusal() => new(Trimmed(UserId), Trimmed(Reason));

    public RecordHearing.Request ToHearing(RequestErrors errors) =>
        new(Date(From, "from", "听证开始日期", errors), Date(To, "to", "听证结束日期", errors), Trimmed(Summary));

    /// <summary>
    /// The organisations an item may be forwarded or assigned to: those the domain's own routing rule
    /// (<see cref="Petition.RoutingRefusal"/>, 条例 Art. 20 ¶2, 22 ¶2, 30 ¶3) accepts, so the list offers
    /// only what Forward and Assign accept — never the accused body of an accusation nor any body under
    /// it. The domain still checks whatever is posted.
    /// </summary>
    public static IReadOnlyList<Organization> RoutingTargets(Petition p, IEnumerable<Organization> all, OrganizationDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(directory);
        return all.Where(o => p.RoutingRefusal(o, directory) is null)
            .OrderBy(o => o.DivisionCode, StringComparer.Ordinal).ThenBy(o => o.Code, StringComparer.Ordinal)
            .ToList();
    }

    public Supervision.IssueSupervisionNotice.Request ToSupervise(Guid petitionId, RequestErrors errors) =>
        new(petitionId, Pick<Domain.Supervision.SupervisionReason>(SupervisionReason, "reason", "督办事由", errors), Trimmed(Details), null);

    public Supervision.RemindSupervisionNotice.Request ToRemind() => new(Trimmed(Text));

    public Supervision.RecordSupervisionFeedback.Request ToFeedback(RequestErrors errors) => new(Trimmed(Text), Date(ReceivedOn, "receivedOn", "收到反馈日期", errors));

    internal Evaluation.ReturnVisits.ResultRequest ToReturnVisit(RequestErrors errors) =>
        new(Date(VisitedOn, "visitedOn", "回访日期", errors), Trimmed(VisitedBy), Pick<Domain.Evaluation.ReturnVisitMethod>(VisitMethod, "method", "回访方式", errors), Trimmed(VisitResult), Trimmed(PetitionerView));

    /// <summary>
    /// The routing targets grouped by level (省级、市级、县级、乡级), in the order of <see cref="RoutingTargets"/>:
    /// the page's tree of bodies, a plain list of option groups that needs no script.
    /// </summary>
    public static IReadOnlyList<IGrouping<OrganizationLevel, Organization>> ByLevel(IReadOnlyList<Organization> targets) =>
        targets.GroupBy(o => o.Level).OrderBy(g => g.Key).ToList();

    /// <summary>
    /// The correction form shows the registration's present values, so what is posted is the whole record: a field
    /// equal to the present one changes nothing (the domain compares). The petitioner's details are not shown in
    /// full there (personal data, domain.md §12): a blank one stays as it is; the form corrects one petitioner at a time.
    /// </summary>
    public CorrectRegistration.Request ToCorrect(RequestErrors errors)
    {
        var name = Trimmed(CorrectPetitionerName);
        var id = Trimmed(CorrectPetitionerIdNumber);
        var phone = Trimmed(CorrectPetitionerPhone);
        var address = Trimmed(CorrectPetitionerAddress);
        var ordinal = Number(CorrectPetitionerOrdinal, "petitionerOrdinal", "信访人序号", errors) ?? 1;
        List<CorrectRegistration.PetitionerPatch>? people = name is null && id is null && phone is null && address is null
            ? null
            : [new CorrectRegistration.PetitionerPatch(ordinal - 1, name, null, id, phone, address)];
        return new CorrectRegistration.Request(
            Title: CorrectTitle ?? string.Empty,
            Content: CorrectContent ?? string.Empty,
            Form: string.IsNullOrWhiteSpace(CorrectForm) ? null : Pick<PetitionForm>(CorrectForm, "form", "信访形式", errors),
            ContentClassCode: CorrectContentClassCode?.Trim() ?? string.Empty,
            IssueLocationCode: CorrectIssueLocationCode?.Trim() ?? string.Empty,
            LitigationRelated: IsOn(CorrectLitigationRelated),
            SkippedLevel: IsOn(CorrectSkippedLevel),
            Collective: IsOn(CorrectCollective),
            HeadCount: Number(CorrectHeadCount, "headCount", "人次", errors),
            Petitioners: people);
    }

    public VoidRegistration.Request ToVoid() => new(Trimmed(Reason));

    public DecidePetition.Request ToDraft(RequestErrors errors) =>
        new(Pick<DecisionOutcome>(Outcome, "outcome", "处理意见", errors), Trimmed(PetitionerRequest), Trimmed(Facts), Trimmed(Reasons), Trimmed(LegalBasis));

    public ReturnDecision.Request ToReturnDecision() => new(Trimmed(Reason));

    public SignOffDecision.Request ToSignOff(RequestErrors errors) => new(Occurred(errors));

    public RequestExtension.Request ToRequestExtension(RequestErrors errors) => new(Number(Days, "days", "延期天数", errors), Trimmed(Reason));

    public ApproveExtension.Request ToApproveExtension(RequestErrors errors) => new(Occurred(errors));

    public RefuseExtension.Request ToRefuseExtension() => new(Trimmed(Reason));

    private DateOnly? Occurred(RequestErrors errors) => Date(OccurredOn, "occurredOn", "发生日期", errors);

    /// <summary>Reads a typed date; whether it lies in a usable range is the use case's check (<see cref="DateInput"/>).</summary>
    private static DateOnly? Date(string? text, string field, string label, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, $"{label}格式不正确（应为 年-月-日）");
        return null;
    }

    private static bool? Signed(string? text, RequestErrors errors)
    {
        switch (text?.Trim())
        {
            case null or "":
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                errors.Add("signedByPetitioner", "签收情况无效");
                return null;
        }
    }

    // ── wb-workflow (issue 13): the fields of 更正登记 (the registration's own, prefilled on the page; a blank petitioner field stays as it is) ──
    public string? CorrectTitle { get; set; }

    public string? CorrectContent { get; set; }

    public string? CorrectForm { get; set; }

    public string? CorrectContentClassCode { get; set; }

    public string? CorrectIssueLocationCode { get; set; }

    public string? CorrectLitigationRelated { get; set; }

    public string? CorrectSkippedLevel { get; set; }

    public string? CorrectCollective { get; set; }

    public string? CorrectHeadCount { get; set; }

    public string? CorrectPetitionerName { get; set; }

    public string? CorrectPetitionerIdNumber { get; set; }

    public string? CorrectPetitionerPhone { get; set; }

    public string? CorrectPetitionerAddress { get; set; }

    /// <summary>Which petitioner the four fields above correct: 1 for the first (the default), 2 for the second …</summary>
    public string? CorrectPetitionerOrdinal { get; set; }
    // ── end wb-workflow ──
}

/// <summary>
/// The petition page's one dispatch: the form of one action read into its use case's
/// request and handed to the same method the API endpoint calls (same authorization, validation,
/// audit and messages).
/// </summary>
public sealed class PetitionPageActions(
    ForwardPetition forward,
    AssignPetition assign,
    AcceptPetition accept,
    RecordReceipt receipt,
    NotifyReceipt notify,
    ChooseRoute route,
    ExtendDeadline extend,
    DecidePetition decide,
    ServeDecision serve,
    ReportCompletion completion,
    DeclinePetition decline,
    GuideToPoliticalLegal guide,
    AnswerDirectly answer,
    ReportUp reportUp,
    ClosePetition close,
    ObjectToForward objection,
    RequestReview review,
    IssueReviewOpinion opinion,
    RecordHearing hearing,
    RecordRecusal recusal,
    CorrectRegistration correct,
    VoidRegistration @void,
    DraftDecision draft,
    ReturnDecision @return,
    SignOffDecision signOff,
    RequestExtension requestExtension,
    ApproveExtension approveExtension,
    RefuseExtension refuseExtension)
{
    /// <summary>Acts, or answers the unreadable fields without calling the use case (nothing saved).</summary>
    public async Task<ActOutcome> ActAsync(Guid id, PetitionAction action, PetitionActionForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var typed = new RequestErrors();
        Func<Task<ActOutcome>> run = action switch
        {
            PetitionAction.Forward => Typed(form.ToForward(typed), r => forward.ForwardAsync(id, r, ct)),
            PetitionAction.Assign => Typed(form.ToAssign(typed), r => assign.AssignAsync(id, r, ct)),
            PetitionAction.RecordReceipt => Typed(form.ToRecordReceipt(typed), r => receipt.RecordAsync(id, r, ct)),
            PetitionAction.Accept => Typed(form.ToAccept(typed), r => accept.AcceptAsync(id, r, ct)),
            PetitionAction.NotifyReceipt => Typed(form.ToNotifyReceipt(typed), r => notify.NotifyAsync(id, r, ct)),
            PetitionAction.ChooseRoute => Typed(form.ToChooseRoute(typed), r => route.ChooseAsync(id, r, ct)),
            PetitionAction.Extend => Typed(form.ToExtend(typed), r => extend.ExtendAsync(id, r, ct)),
            PetitionAction.Decide => Typed(form.ToDecide(typed), r => decide.DecideAsync(id, r, ct)),
            PetitionAction.Serve => Typed(form.ToServe(typed), r => serve.ServeAsync(id, r, ct)),
            PetitionAction.ReportCompletion => Typed(form.ToReportCompletion(typed), r => completion.ReportAsync(id, r, ct)),
            PetitionAction.Decline or PetitionAction.RefuseAgain => Typed(form.ToDecline(typed), r => decline.ActAsync(id, r, action, ct)),
            PetitionAction.GuideToPoliticalLegal => Typed(form.ToGuide(typed), r => guide.GuideAsync(id, r, ct)),
            PetitionAction.AnswerDirectly => Typed(form.ToAnswer(typed), r => answer.AnswerAsync(id, r, ct)),
            PetitionAction.ReportUp => Typed(form.ToReportUp(typed), r => reportUp.ReportUpAsync(id, r, ct)),
            PetitionAction.Close => Typed(form.ToClose(typed), r => close.CloseAsync(id, r, ct)),
            PetitionAction.RaiseObjection => Typed(form.ToRaiseObjection(typed), r => objection.RaiseObjectionAsync(id, r, ct)),
            PetitionAction.ApproveObjection or PetitionAction.RejectObjection =>
                Typed(form.ToVerifyObjection(action == PetitionAction.ApproveObjection, typed), r => objection.VerifyObjectionAsync(id, r, ct)),
            PetitionAction.RequestReview or PetitionAction.RequestReReview => Typed(form.ToRequestReview(typed), r => review.ActAsync(id, r, action, ct)),
            PetitionAction.IssueReviewOpinion or PetitionAction.IssueReReviewOpinion => Typed(form.ToReviewOpinion(typed), r => opinion.ActAsync(id, r, action, ct)),
            PetitionAction.RecordHearing => Typed(form.ToHearing(typed), r => hearing.RecordAsync(id, r, ct)),
            PetitionAction.CorrectRegistration => Typed(form.ToCorrect(typed), r => correct.CorrectAsync(id, r, ct)),
            PetitionAction.VoidRegistration => Typed(form.ToVoid(), r => @void.VoidAsync(id, r, ct)),
            PetitionAction.DraftDecision => Typed(form.ToDraft(typed), r => draft.DraftAsync(id, r, ct)),
            PetitionAction.ReturnDecision => Typed(form.ToReturnDecision(), r => @return.ReturnAsync(id, r, ct)),
            PetitionAction.SignOffDecision => Typed(form.ToSignOff(typed), r => signOff.SignAsync(id, r, ct)),
            PetitionAction.RequestExtension => Typed(form.ToRequestExtension(typed), r => requestExtension.RequestAsync(id, r, ct)),
            PetitionAction.ApproveExtension => Typed(form.ToApproveExtension(typed), r => approveExtension.ApproveAsync(id, r, ct)),
            PetitionAction.RefuseExtension => Typed(form.ToRefuseExtension(), r => refuseExtension.RefuseAsync(id, r, ct)),
            _ => () => Task.FromResult(ActOutcome.Forbidden($"“{Lifecycle.NameOf(action)}”暂不能在页面上办理")),
        };
        return typed.Any ? ActOutcome.Invalid(typed) : await run();
    }

    /// <summary>回避 (条例 Art. 28) is not a step of the lifecycle but its own operation of the rule: its own form, same use case as the API.</summary>
    public Task<ActOutcome> RecuseAsync(Guid id, PetitionActionForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        return recusal.RecordAsync(id, form.ToRecusal(), ct);
    }

    private static Func<Task<ActOutcome>> Typed<TRequest>(TRequest request, Func<TRequest, Task<ActOutcome>> act) => () => act(request);
}

/// <summary>
/// What one form of the petition page came to, whatever use case it called: done, or refused with a
/// Chinese message and the fields' messages. The supervision, 回访 and attachment use cases answer with
/// the API's <see cref="IResult"/>; the page reads that answer rather than deciding anything again.
/// </summary>
public sealed record PageOutcome(bool Done, string? Refused, IReadOnlyDictionary<string, List<string>>? Errors)
{
    public static PageOutcome From(ActOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Petition is not null ? new(true, null, null)
            : new(false, outcome.Errors is null ? outcome.RefusedBecause ?? "未能办理" : "提交的信息有误", outcome.Errors?.ByField);
    }

    public static PageOutcome From(IResult result) => result switch
    {
        IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } => new(true, null, null),
        ValidationProblem v => new(false, "提交的信息有误", v.ProblemDetails.Errors.ToDictionary(e => e.Key, e => e.Value.ToList())),
        ProblemHttpResult p => new(false, p.ProblemDetails.Detail ?? p.ProblemDetails.Title ?? "未能办理", null),
        _ => new(false, "未能办理", null),
    };

    public static PageOutcome Invalid(RequestErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new(false, "提交的信息有误", errors.ByField);
    }
}
