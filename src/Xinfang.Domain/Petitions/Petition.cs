using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Evaluation;
using Xinfang.Domain.Organizations;

namespace Xinfang.Domain.Petitions;

/// <summary>
/// 信访件: one petition item from registration to closure. Every action checks the lifecycle table,
/// takes <c>now</c> as a parameter, and appends a history entry. Nothing is ever deleted.
/// </summary>
/// <remarks>
/// The aggregate is one class in several files: this one (casework), <c>Petition.Registration.cs</c>
/// (登记, 更正, 作废), <c>Petition.Decision.cs</c> (处理意见 drafted, signed off, issued), <c>Petition.Extension.cs</c>
/// (延期 asked and approved), <c>Petition.Review.cs</c> (复查, 复核, hearings and the windows that close an item)
/// and <c>Petition.Clocks.cs</c> (the deadline clocks and the effective date every step is dated by).
/// </remarks>
public sealed partial class Petition
{
    /// <summary>条例 Art. 20 ¶3: a collective visit elects at most 5 representatives.</summary>
    public const int MaxRepresentatives = 5;

    public const int MaxTitleLength = 200;
    public const int MaxContentLength = 20_000;
    public const int MaxNoteLength = 4_000;

    private readonly List<Petitioner> _petitioners = [];
    private readonly List<HistoryEntry> _history = [];
    private readonly List<PetitionDocument> _documents = [];
    private readonly List<PetitionDeadline> _deadlines = [];
    private readonly List<HandlingExtension> _extensions = [];
    private readonly List<Hearing> _hearings = [];
    private readonly List<Recusal> _recusals = [];

    private Petition()
    {
        Number = QueryCodeHash = Title = Content = string.Empty;
        Policy = DeadlinePolicy.National;
        Calendar = WorkingCalendar.MondayToFriday;
    }

    public Guid Id { get; private set; }

    /// <summary>信访件编号, e.g. 330100XFJ-2026-000123: unique per registering organisation and year.</summary>
    public string Number { get; private set; }

    /// <summary>A hash of the 查询码: the code itself is given to the petitioner once and never stored.</summary>
    public string QueryCodeHash { get; private set; }

    public Guid RegisteringOrganizationId { get; private set; }

    /// <summary>The registering body's level: the optional per-level split of Art. 22's 15 days depends on it [P].</summary>
    public OrganizationLevel RegisteringLevel { get; private set; }

    /// <summary>The organisation that holds the item now and must act next.</summary>
    public Guid CurrentOrganizationId { get; private set; }

    /// <summary>The bureau that forwarded or assigned it (receives objections and completion reports).</summary>
    public Guid? DispatchingOrganizationId { get; private set; }

    /// <summary>The unit that accepted it (受理); 复查 goes to the level above this one.</summary>
    public Guid? HandlingOrganizationId { get; private set; }

    public Guid? ReviewOrganizationId { get; private set; }

    public Guid? ReReviewOrganizationId { get; private set; }

    public string RegisteredBy { get; private set; } = string.Empty;

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>The day of receipt in the jurisdiction's calendar: day 0 of the first clocks.</summary>
    public DateOnly ReceivedOn { get; private set; }

    public PetitionForm Form { get; private set; }

    public PetitionCategory Category { get; private set; }

    public PetitionPurpose Purpose { get; private set; }

    public string Title { get; private set; }

    public string Content { get; private set; }

    public bool Anonymous { get; private set; }

    public bool Collective { get; private set; }

    public bool JointSignature { get; private set; }

    /// <summary>人次: how many people came or signed. Unlimited, unlike the representatives.</summary>
    public int HeadCount { get; private set; }

    /// <summary>批次: visits count in batches.</summary>
    public int VisitBatches { get; private set; }

    public int? InvolvedCount { get; private set; }

    public string? ContentClassCode { get; private set; }

    public string? IssueLocationCode { get; private set; }

    /// <summary>被反映人/单位 of an accusation. Confidential with the complainant (条例 Art. 30 ¶3).</summary>
    public string? Accused { get; private set; }

    /// <summary>
    /// The accused unit, when it is an organisation of the system: its staff never see the item
    /// (条例 Art. 30 ¶3) and it is never sent there.
    /// </summary>
    public Guid? AccusedOrganizationId { get; private set; }

    /// <summary>Officers who must step aside (回避, 条例 Art. 28): they neither act on nor see the item.</summary>
    public IReadOnlyList<Recusal> Recusals => _recusals;

    public bool IsRecused(string userId) => _recusals.Any(r => r.UserId == userId);

    public bool Urgent { get; private set; }

    public bool ReportedUp { get; private set; }

    public bool LitigationRelated { get; private set; }

    public bool WithinDisciplineRemit { get; private set; }

    public bool SkippedLevel { get; private set; }

    /// <summary>进京访 / 赴省访 (ADR 0085): the visit was made to the national or the provincial level; null for any other item.</summary>
    public SkipLevelDestination? SkipLevelDestination { get; private set; }

    public bool ConsentToPublish { get; private set; }

    /// <summary>重件: the first item (初件) this one repeats.</summary>
    public Guid? FirstItemId { get; private set; }

    public bool IsRepeat => FirstItemId is not null;

    public PetitionState State { get; private set; }

    public HandlingRoute? Route { get; private set; }

    public DateOnly? AcceptedOn { get; private set; }

    public DateOnly? NotifiedOn { get; private set; }

    public DecisionOutcome? DecisionOutcome { get; private set; }

    public DateOnly? DecidedOn { get; private set; }

    public DateOnly? ServedOn { get; private set; }

    public ServiceMethod? ServiceMethod { get; private set; }

    /// <summary>False when the petitioner refused to sign for the reply.</summary>
    public bool? ServiceSigned { get; private set; }

    public Satisfaction? BureauRating { get; private set; }

    public string? BureauRatingReason { get; private set; }

    public Satisfaction? UnitRating { get; private set; }

    public string? UnitRatingReason { get; private set; }

    public DateOnly? RatedOn { get; private set; }

    public DateOnly? ReviewOpinionServedOn { get; private set; }

    public DateOnly? ReReviewOpinionServedOn { get; private set; }

    public bool CompletionReported { get; private set; }

    /// <summary>App-managed concurrency version: two officers acting at once cannot both win.</summary>
    public int Version { get; private set; }

    /// <summary>The jurisdiction policy the clocks were computed with (set by the host at load).</summary>
    public DeadlinePolicy Policy { get; set; }

    /// <summary>The working-day calendar the clocks use (set by the host at load).</summary>
    public WorkingCalendar Calendar { get; set; }

    public IReadOnlyList<Petitioner> Petitioners => _petitioners;

    public IReadOnlyList<HistoryEntry> History => _history;

    public IReadOnlyList<PetitionDocument> Documents => _documents;

    public IReadOnlyList<PetitionDeadline> Deadlines => _deadlines;

    public IReadOnlyList<HandlingExtension> Extensions => _extensions;

    public IReadOnlyList<Hearing> Hearings => _hearings;

    /// <summary>条例 Art. 23 ¶2: no duty to notify when the petitioner's name or address is unclear.</summary>
    public bool IdentityUnclear =>
        Anonymous || !_petitioners.Any(p => !string.IsNullOrWhiteSpace(p.Name) && !string.IsNullOrWhiteSpace(p.Address));

    /// <summary>
    /// What the work list sorts and warns on: the earliest open duty of the administration (dispose,
    /// notify, handle, report, give an opinion); only when none runs, the earliest open window of an
    /// optional step (an objection, the petitioner's 复查/复核 request or rating). A lapsed window
    /// thus never hides a duty that falls due later.
    /// </summary>
    public PetitionDeadline? CurrentDeadline => State == PetitionState.Closed ? null :
        _deadlines.Where(d => d.IsOpen && IsDuty(d.Kind)).OrderBy(d => d.DueAtUtc).FirstOrDefault()
        ?? _deadlines.Where(d => d.IsOpen).OrderBy(d => d.DueAtUtc).FirstOrDefault();

    /// <summary>Clocks that bind the administration (as against windows for an optional step).</summary>
    public static bool IsDuty(DeadlineKind kind) => kind is not (DeadlineKind.ForwardObjection or DeadlineKind.ReviewRequest or DeadlineKind.ReReviewRequest or DeadlineKind.Rating);

    /// <summary>Denormalised from <see cref="CurrentDeadline"/> so the work list can index and sort on it.</summary>
    public DateTime? CurrentDueAtUtc { get; private set; }

    public DateOnly? CurrentDueOn { get; private set; }

    /// <summary>Overdue work; a closed item owes nothing (its rating window is the petitioner's, not a duty).</summary>
    public bool IsOverdueOn(DateOnly today) => State != PetitionState.Closed && _deadlines.Any(d => d.IsOverdueOn(today));

    /// <summary>满意度评价状态 on <paramref name="today"/> (domain.md §8); null before the reply is served.</summary>
    public EvaluationStatus? EvaluationStatusOn(DateOnly today) => EvaluationRules.StatusOn(this, today);

    /// <summary>
    /// The national state names one overdue step per state (超期未作出处理意见 is the handling period,
    /// 超期未申请复查 the 复查 window …), so only that state's own clock decides it: a late notice of
    /// receipt or a lapsed rating window is overdue work (<see cref="IsOverdueOn"/>), not a late opinion.
    /// </summary>
    public NationalState NationalStateOn(DateOnly today) => ClosedBecause switch
    {
        // A lapsed window closes the item, and the national system names how (domain.md §4).
        ClosureReason.ReviewWindowLapsed when State == PetitionState.Closed => NationalState.超期未申请复查,
        ClosureReason.ReReviewWindowLapsed when State == PetitionState.Closed => NationalState.超期未申请复核,
        _ => NationalStates.Of(State, NationalClockOf(State) is { } kind && _deadlines.Any(d => d.Kind == kind && d.IsOverdueOn(today))),
    };

    /// <summary>Why a closed item closed: confirmed by the bureau, or a 复查/复核 window that lapsed.</summary>
    public ClosureReason? ClosedBecause { get; private set; }

    private static DeadlineKind? NationalClockOf(PetitionState state) => state switch
    {
        PetitionState.Accepted or PetitionState.Handling => DeadlineKind.Handling,
        PetitionState.Served => DeadlineKind.ReviewRequest,
        PetitionState.UnderReview => DeadlineKind.ReviewOpinion,
        PetitionState.ReviewOpinionServed => DeadlineKind.ReReviewRequest,
        PetitionState.UnderReReview => DeadlineKind.ReReviewOpinion,
        _ => null,
    };

    /// <summary>What may be done now: the lifecycle table's actions for the state, less the steps that wait on something this item lacks (<see cref="IsReadyFor"/>).</summary>
    public IReadOnlyList<PetitionAction> AllowedActions => Lifecycle.AllowedActions(State).Where(IsReadyFor).ToList();

    /// <summary>转送 to the competent body (条例 Art. 22(一)(二)), with the routing rules of Art. 20 ¶2 and 22 ¶2.</summary>
    public void Forward(Organization target, IOrganizationTree tree, string? note, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.Forward);
        CheckRouting(target, tree);
        var today = On(occurredOn, now);
        Transition(PetitionAction.Forward, PetitionState.Forwarded, now);
        DispatchTo(target, today);
        var doc = AddDocument(DocumentKind.ForwardNotice, "转送告知", $"您的信访事项已转送{target.Name}办理。", today, Audience.Petitioner);
        Record(actor, now, PetitionAction.Forward, $"转送{target.Name}" + Suffix(note), doc.Id, $"已转送{target.Name}办理", today);
    }

    /// <summary>交办 with a deadline and a completion report (条例 Art. 22(三)).</summary>
    public void Assign(Organization target, IOrganizationTree tree, DateOnly reportDueOn, string? note, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.Assign);
        CheckRouting(target, tree);
        var today = On(occurredOn, now);
        Require(reportDueOn > DeadlineTime.LocalDate(now), "assign-due-in-past", "交办期限必须晚于今天");
        Transition(PetitionAction.Assign, PetitionState.Assigned, now);
        DispatchTo(target, today);
        // 条例 Art. 22(三): the assigning bureau sets the period; kept as calendar days from the assignment.
        StartClock(DeadlineKind.AssignedReport, today, Period.Days(reportDueOn.DayNumber - today.DayNumber), "交办（交办机关指定期限）");
        var doc = AddDocument(DocumentKind.AssignmentNotice, "交办告知", $"您的信访事项已交由{target.Name}办理。", today, Audience.Petitioner);
        Record(actor, now, PetitionAction.Assign, $"交办{target.Name}，{reportDueOn:yyyy-MM-dd}前报送办结报告" + Suffix(note), doc.Id, $"已交由{target.Name}办理", today);
    }

    /// <summary>
    /// 条例 Art. 20 ¶2, 22 ¶2: a visitor raising a litigation matter is explained the law and guided
    /// to the 政法 bodies; the visit is not forwarded.
    /// </summary>
    public void GuideToPoliticalLegal(string politicalLegalBody, string explanation, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.GuideToPoliticalLegal);
        Require(Form == PetitionForm.Visit && LitigationRelated, "guide-only-litigation-visits",
            "释法引导仅适用于走访反映涉诉问题的信访人；涉法涉诉来信应转送同级政法部门（《信访工作条例》第二十二条第二款）");
        RequireText(politicalLegalBody, "politicalLegalBody");
        RequireText(explanation, "explanation");
        var today = On(occurredOn, now);
        Transition(PetitionAction.GuideToPoliticalLegal, PetitionState.GuidedToPoliticalLegal, now);
        MeetClocks(today, DeadlineKind.BureauDisposition, DeadlineKind.UrgentDisposition, DeadlineKind.NoticeOfReceipt, DeadlineKind.UrgentAnswer);
        var doc = AddDocument(DocumentKind.GuidanceNotice, "释法明理引导告知书",
            $"您反映的问题属于涉法涉诉事项，应当依照法律法规规定的程序向{politicalLegalBody}提出。{explanation}", today, Audience.Petitioner);
        Record(actor, now, PetitionAction.GuideToPoliticalLegal, $"释法明理，引导至{politicalLegalBody}", doc.Id, $"释法明理，引导至{politicalLegalBody}", today);
    }

    /// <summary>直接答复 by the bureau [P]: the answer is a written reply, served like a decision.</summary>
    public void AnswerDirectly(string answer, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.AnswerDirectly);
        RequireText(answer, "answer");
        var today = On(occurredOn, now);
        Transition(PetitionAction.AnswerDirectly, PetitionState.Decided, now);
        MeetClocks(today, DeadlineKind.BureauDisposition, DeadlineKind.UrgentDisposition, DeadlineKind.NoticeOfReceipt);
        DecisionOutcome = Petitions.DecisionOutcome.Answered;
        DecidedOn = today;
        HandlingOrganizationId = CurrentOrganizationId;
        var doc = AddDocument(DocumentKind.Decision, "信访事项答复意见", answer.Trim(), today, Audience.Petitioner);
        Record(actor, now, PetitionAction.AnswerDirectly, "直接答复", doc.Id, "直接答复", today);
    }

    /// <summary>不予受理: a recorded outcome with a written notice naming the rule, the reason and where to go.</summary>
    public void Decline(DeclineRule rule, string reason, string whereToGo, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null) =>
        NotTakenUp(PetitionAction.Decline, PetitionState.Declined, DocumentKind.DeclineNotice, "不予受理告知书", rule, reason, whereToGo, actor, now, null, occurredOn);

    /// <summary>
    /// 不再受理 (条例 Art. 36 ¶3 and practice): as <see cref="Decline"/>. Under Art. 36 ¶3 it rests on
    /// <paramref name="earlier"/>, the linked 初件 whose 复核 opinion was served (<see cref="NotTakenUpRules"/>).
    /// </summary>
    public void RefuseAgain(DeclineRule rule, string reason, string whereToGo, Actor actor, DateTimeOffset now, EarlierItem? earlier = null, DateOnly? occurredOn = null) =>
        NotTakenUp(PetitionAction.RefuseAgain, PetitionState.RefusedAgain, DocumentKind.RefuseAgainNotice, "不再受理告知书", rule, reason, whereToGo, actor, now, earlier, occurredOn);

    /// <summary>条例 Art. 22(一), 25: a major or urgent item is reported to the 党委和政府 and up; it stays where it is.</summary>
    public void ReportUp(string reportedTo, string summary, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.ReportUp);
        RequireText(reportedTo, "reportedTo");
        RequireText(summary, "summary");
        var today = On(occurredOn, now);
        Transition(PetitionAction.ReportUp, State, now);
        Urgent = true;
        ReportedUp = true;
        if (State == PetitionState.Registered)
        {
            StartUrgentClock(now);
        }

        var doc = AddDocument(DocumentKind.UrgentReport, "重大紧急信访事项报告", $"报送{reportedTo}：{summary}", today, Audience.Staff);
        Record(actor, now, PetitionAction.ReportUp, $"报告{reportedTo}", doc.Id, "已按规定报告", today);
    }

    /// <summary>告知: written notice of receipt, route and procedure (条例 Art. 23 ¶2–3).</summary>
    public void NotifyReceipt(string routeAndProcedure, bool onTheSpot, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.NotifyReceipt);
        RequireText(routeAndProcedure, "routeAndProcedure");
        Require(NotifiedOn is null, "already-notified", "已经书面告知过受理情况");
        var today = On(occurredOn, now);
        Transition(PetitionAction.NotifyReceipt, State, now);
        NotifiedOn = today;
        MeetClocks(today, DeadlineKind.NoticeOfReceipt);
        var doc = AddDocument(DocumentKind.NoticeOfReceipt, "信访事项受理告知书",
            $"您的信访事项已于{today:yyyy年M月d日}收到。处理途径和程序：{routeAndProcedure.Trim()}", today, Audience.Petitioner);
        Record(actor, now, PetitionAction.NotifyReceipt, onTheSpot ? "当场书面告知" : "书面告知接收情况及处理途径和程序", doc.Id, "书面告知接收情况及处理途径和程序", today);
    }

    /// <summary>
    /// 条例 Art. 23 ¶3: a unit that is not competent objects within 5 working days of receipt, with
    /// detailed reasons; the forwarding bureau verifies before the material goes back.
    /// </summary>
    public void RaiseObjection(string detailedReasons, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.RaiseObjection);
        RequireText(detailedReasons, "detailedReasons");
        Require(detailedReasons.Trim().Length >= 10, "objection-reasons-too-short", "异议应当详细说明理由（《信访工作条例》第二十三条第三款）");
        var today = On(occurredOn, now);
        var window = _deadlines.LastOrDefault(d => d.Kind == DeadlineKind.ForwardObjection && d.IsOpen);
        Require(window is not null && today <= window.DueOn, "objection-window-passed",
            $"异议须自收到之日起{Policy.ForwardObjection}内提出（《信访工作条例》第二十三条第三款）" + (window is null ? string.Empty : $"，期限已于{window.DueOn:yyyy-MM-dd}届满"));
        var from = State;
        Transition(PetitionAction.RaiseObjection, PetitionState.ObjectionRaised, now);
        MeetClocks(today, DeadlineKind.ForwardObjection);
        StateBeforeObjection = from;
        var doc = AddDocument(DocumentKind.ObjectionLetter, "转送交办异议", detailedReasons.Trim(), today, Audience.Staff);
        Record(actor, now, PetitionAction.RaiseObjection, "提出异议：不属于本单位职权范围", doc.Id, null, today);
    }

    /// <summary>
    /// 登记收到: the unit records the day it received a forwarded or assigned item — on paper, by post,
    /// later than the bureau sent it. 条例 Art. 23 ¶3 counts the 15 days of the notice and the 5 working
    /// days of an objection "自收到之日起", so the unit's clocks, started on the day of dispatch, start
    /// again from this day. Once per dispatch; not before the dispatch, not in the future.
    /// </summary>
    public void RecordReceipt(Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.RecordReceipt);
        Require(PreviousStep()?.Action != nameof(PetitionAction.RecordReceipt), "already-received", "本单位已登记收到该信访件");
        var receivedOn = On(occurredOn, now, EffectiveDate.Field, "收到日期");
        Transition(PetitionAction.RecordReceipt, State, now);
        foreach (var d in _deadlines.Where(d => d.IsOpen && d.Kind is DeadlineKind.NoticeOfReceipt or DeadlineKind.ForwardObjection))
        {
            d.Restart(receivedOn, "责任单位收到", DeadlineComputation.Start("责任单位收到", receivedOn, d.Period, Calendar, Policy).Due);
        }

        Record(actor, now, PetitionAction.RecordReceipt, $"{receivedOn:yyyy-MM-dd} 收到（《信访工作条例》第二十三条第三款：告知和异议期限自收到之日起计算）", null, null, receivedOn);
    }

    /// <summary>Where the item goes back to if the bureau rejects the objection.</summary>
    public PetitionState? StateBeforeObjection { get; private set; }

    /// <summary>The forwarding bureau agrees: the material comes back to it for a new disposition (Art. 23 ¶3).</summary>
    public void ApproveObjection(string? note, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.ApproveObjection);
        var today = On(occurredOn, now);
        Transition(PetitionAction.ApproveObjection, PetitionState.Registered, now);
        CancelClocks(DeadlineKind.NoticeOfReceipt, DeadlineKind.AssignedReport);
        CurrentOrganizationId = DispatchingOrganizationId ?? RegisteringOrganizationId;
        // The Art. 22 period is counted again from the day the material comes back: the earlier
        // forward used it up in good faith. [P] — the 条例 is silent; documented in lifecycle.md.
        StartClock(DeadlineKind.BureauDisposition, today, DispositionPeriod(Policy), "异议核实同意、材料交还");
        Record(actor, now, PetitionAction.ApproveObjection, "核实同意异议，材料交还，重新处理" + Suffix(note), null, null, today);
    }

    /// <summary>The forwarding bureau disagrees: the unit keeps the item.</summary>
    public void RejectObjection(string reason, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.RejectObjection);
        RequireText(reason, "reason");
        var today = On(occurredOn, now);
        var back = StateBeforeObjection ?? (_deadlines.Any(d => d.Kind == DeadlineKind.AssignedReport && d.IsOpen) ? PetitionState.Assigned : PetitionState.Forwarded);
        Transition(PetitionAction.RejectObjection, back, now);
        Record(actor, now, PetitionAction.RejectObjection, $"不同意异议：{reason.Trim()}", null, null, today);
    }

    /// <summary>受理: the unit records acceptance; the 60-day handling clock starts (条例 Art. 34).</summary>
    public void Accept(Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.Accept);
        // 条例 Art. 34: the 60 days run from the day of acceptance, which may precede its entry.
        var today = On(occurredOn, now);
        Transition(PetitionAction.Accept, PetitionState.Accepted, now);
        AcceptedOn = today;
        HandlingOrganizationId = CurrentOrganizationId;
        MeetClocks(today, DeadlineKind.BureauDisposition, DeadlineKind.UrgentDisposition);
        CancelClocks(DeadlineKind.ForwardObjection);
        StartClock(DeadlineKind.Handling, today, Policy.Handling, "受理");
        Record(actor, now, PetitionAction.Accept, "受理", null, "已受理", today);
    }

    /// <summary>
    /// 条例 Art. 31: routes 1–4 leave the petition track into their legal procedure with a guidance
    /// notice; route 5 (perform the duty or answer) and route 6 (investigate, decide) stay here.
    /// </summary>
    public void ChooseRoute(HandlingRoute route, string? guidance, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.ChooseRoute);
        Require(Enum.IsDefined(route), "route-invalid", "办理途径无效");
        var leaves = route is not (HandlingRoute.PerformDuty or HandlingRoute.Investigate);
        // Art. 31 sorts 申诉求决类 items; suggestions (Art. 29) and accusations (Art. 30) are handled, not rerouted.
        Require(!leaves || Category == PetitionCategory.AppealOrDemand, "route-needs-appeal",
            "导入法定程序（《信访工作条例》第三十一条第一至四项）仅适用于申诉求决类事项");
        if (leaves)
        {
            RequireText(guidance, "guidance");
        }

        var today = On(occurredOn, now);
        Transition(PetitionAction.ChooseRoute, leaves ? PetitionState.GuidedToProcedure : PetitionState.Handling, now);
        Route = route;
        Guid? docId = null;
        if (leaves)
        {
            CancelClocks(DeadlineKind.Handling);
            MeetClocks(today, DeadlineKind.UrgentAnswer);
            docId = AddDocument(DocumentKind.GuidanceNotice, "导入法定程序告知书",
                $"您的信访事项应当{CodeNames.Of(route)}解决（《信访工作条例》第三十一条）。{guidance!.Trim()}", today, Audience.Petitioner).Id;
        }

        Record(actor, now, PetitionAction.ChooseRoute, CodeNames.Of(route), docId, CodeNames.Of(route), today);
    }

    /// <summary>
    /// 回避 (条例 Art. 28): an officer with a direct interest in the item or the petitioner steps
    /// aside; from then on the officer can neither act on nor open the item. Recorded in the history.
    /// </summary>
    public void RecordRecusal(string userId, string userName, string reason, Actor actor, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        RequireText(userName, "userName");
        RequireText(reason, "reason");
        Require(!IsRecused(userId), "already-recused", "该工作人员已登记回避");
        Require(!Lifecycle.IsTerminal(State), "item-finished", "已终结的信访件无需登记回避");
        _recusals.Add(new Recusal(userId, userName.Trim(), reason.Trim(), DeadlineTime.LocalDate(now)));
        _history.Add(new HistoryEntry(_history.Count + 1, now, actor, "Recusal", State, State, $"{userName.Trim()}回避（《信访工作条例》第二十八条）", null, null));
        Version++;
    }

    /// <summary>
    /// 送达: the reply reaches the petitioner. This ends the handling clock and starts the 30-day
    /// 复查 window (条例 Art. 35: from receiving the written reply) and the rating window [P].
    /// </summary>
    public void Serve(ServiceMethod method, DateOnly? servedOn, bool signedByPetitioner, string? note, Actor actor, DateTimeOffset now, string field = EffectiveDate.Field)
    {
        Guard(PetitionAction.Serve);
        Require(Enum.IsDefined(method), "service-method-invalid", "送达方式无效");
        var today = DeadlineTime.LocalDate(now);
        // Not before the reply it serves (its effective day), not in the future: EffectiveDate.
        var served = On(servedOn, now, field, "送达日期");
        Require(signedByPetitioner || method == Petitions.ServiceMethod.LeftAtAddress || !string.IsNullOrWhiteSpace(note),
            "refusal-needs-note", "信访人拒绝签收的，应当留置送达或者注明情况");
        Transition(PetitionAction.Serve, PetitionState.Served, now);
        ServiceMethod = method;
        ServedOn = served;
        ServiceSigned = signedByPetitioner;
        MeetClocks(served, DeadlineKind.Handling, DeadlineKind.NoticeOfReceipt, DeadlineKind.BureauDisposition, DeadlineKind.UrgentDisposition, DeadlineKind.UrgentAnswer);
        StartClock(DeadlineKind.ReviewRequest, served, Policy.ReviewRequestWindow, "收到书面答复");
        if (EvaluationRules.TakesPart(this))
        {
            StartClock(DeadlineKind.Rating, served, Policy.RatingWindow, "答复送达");
        }
        var doc = AddDocument(DocumentKind.ServiceRecord, "送达回证",
            $"{CodeNames.Of(method)}，{served:yyyy-MM-dd}，" + (signedByPetitioner ? "信访人已签收" : "信访人拒绝签收") + Suffix(note), today, Audience.Staff);
        Record(actor, now, PetitionAction.Serve, $"{CodeNames.Of(method)}，" + (signedByPetitioner ? "已签收" : "拒绝签收"), doc.Id, $"书面答复已送达（{CodeNames.Of(method)}）", served);
    }

    /// <summary>办结报告 to the assigning bureau (条例 Art. 22(三)).</summary>
    public void ReportCompletion(string report, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.ReportCompletion);
        RequireText(report, "report");
        Require(_deadlines.Any(d => d.Kind == DeadlineKind.AssignedReport), "not-assigned", "该件不是交办件，无需报送办结报告");
        Require(!CompletionReported, "already-reported", "办结报告已报送");
        var today = On(occurredOn, now);
        Transition(PetitionAction.ReportCompletion, PetitionState.Served, now);
        CompletionReported = true;
        MeetClocks(today, DeadlineKind.AssignedReport);
        var doc = AddDocument(DocumentKind.CompletionReport, "办结报告", report.Trim(), today, Audience.Staff);
        Record(actor, now, PetitionAction.ReportCompletion, "向交办机关报送办结报告", doc.Id, null, today);
    }

    /// <summary>
    /// 评价: the petitioner rates the bureau and the unit separately (domain.md §8); a 不满意 needs
    /// its reason, and each is given once, within the rating window.
    /// </summary>
    public void Rate(Satisfaction? bureau, string? bureauReason, Satisfaction? unit, string? unitReason, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.Rate);
        Require(bureau is not null || unit is not null, "rating-empty", "请至少评价一项");
        Require(bureau is null || Enum.IsDefined(bureau.Value), "rating-invalid", "评价等级无效");
        Require(unit is null || Enum.IsDefined(unit.Value), "rating-invalid", "评价等级无效");
        Require(bureau != Satisfaction.Dissatisfied || !string.IsNullOrWhiteSpace(bureauReason), "dissatisfied-needs-reason", "不满意请说明理由");
        Require(unit != Satisfaction.Dissatisfied || !string.IsNullOrWhiteSpace(unitReason), "dissatisfied-needs-reason", "不满意请说明理由");
        Require(bureau is null || BureauRating is null, "already-rated", "已经评价过信访部门");
        Require(unit is null || UnitRating is null, "already-rated", "已经评价过责任单位");
        // A rating given on paper counts from the day it was given.
        var today = On(occurredOn, now);
        // domain.md §8: only items that take part, only within the rating window (closing does not end it).
        if (EvaluationRules.RefusalOfRating(this, today) is { } refusal)
        {
            throw refusal;
        }

        Transition(PetitionAction.Rate, State, now);
        if (bureau is not null)
        {
            BureauRating = bureau;
            BureauRatingReason = bureauReason?.Trim();
        }

        if (unit is not null)
        {
            UnitRating = unit;
            UnitRatingReason = unitReason?.Trim();
        }

        RatedOn = today;
        if ((BureauRating is not null || DispatchingOrganizationId is null) && UnitRating is not null)
        {
            MeetClocks(today, DeadlineKind.Rating);
        }

        Record(actor, now, PetitionAction.Rate,
            string.Join("，", new[] { bureau is null ? null : $"信访部门{CodeNames.Of(bureau.Value)}", unit is null ? null : $"责任单位{CodeNames.Of(unit.Value)}" }.Where(s => s is not null)), null, "信访人已评价", today);
    }

    /// <summary>
    /// 办结: the bureau confirms the item is done (审核认定办结). Refused while the petitioner may still ask
    /// for 复查/复核 (条例 Arts. 35–36, <see cref="ReviewRights"/>); once that window has lapsed, the item
    /// closes as 超期未申请复查/复核. The rating window runs on (domain.md §8).
    /// </summary>
    /// <remarks>
    /// <paramref name="resolution"/>: how the matter ended for the petitioner (化解情况, issue 12), with its
    /// reason; optional, so that closing never waits on it, and an item closed without it counts as
    /// 未记录 in the 化解率 (docs/domain/statistics.md).
    /// </remarks>
    public void Close(string? note, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null, Resolution? resolution = null, string? resolutionReason = null)
    {
        Guard(PetitionAction.Close);
        Require(resolution is null || Enum.IsDefined(resolution.Value), "resolution-invalid", "化解情况无效");
        if (resolution is not null)
        {
            RequireText(resolutionReason, "resolutionReason");
        }

        var today = On(occurredOn, now);
        if (ReviewRights.RefusalOfClose(this, today) is { } refusal)
        {
            throw refusal;
        }

        // Nothing can refuse the close from here on: the outcome goes with whichever way it closes.
        RecordResolution(resolution, resolutionReason);
        if (CloseIfWindowLapsed(actor, now, ResolutionSuffix()))
        {
            return;
        }

        Transition(PetitionAction.Close, PetitionState.Closed, now);
        ClosedBecause = ClosureReason.Confirmed;
        Record(actor, now, PetitionAction.Close, $"{today:yyyy-MM-dd} 审核认定办结" + Suffix(note) + ResolutionSuffix(), null, $"{today:yyyy-MM-dd} 审核认定办结", today);
    }

    /// <summary>化解情况 recorded at closing (issue 12); null for items closed without it.</summary>
    public Resolution? Resolution { get; private set; }

    /// <summary>Why the bureau judged it so (staff only: it may name the petitioner's circumstances).</summary>
    public string? ResolutionReason { get; private set; }

    private void RecordResolution(Resolution? resolution, string? reason)
    {
        if (resolution is null)
        {
            return;
        }

        Resolution = resolution;
        ResolutionReason = reason!.Trim();
    }

    private string ResolutionSuffix() => Resolution is { } r ? $"；化解情况：{CodeNames.Of(r)}（{ResolutionReason}）" : string.Empty;

    // ---- internals -------------------------------------------------------------------------

    private void NotTakenUp(PetitionAction action, PetitionState to, DocumentKind kind, string title, DeclineRule rule, string reason, string whereToGo, Actor actor, DateTimeOffset now, EarlierItem? earlier, DateOnly? occurredOn)
    {
        Guard(action);
        Require(Enum.IsDefined(rule), "rule-invalid", "不予受理的依据无效");
        RequireText(reason, "reason");
        RequireText(whereToGo, "whereToGo");
        if (NotTakenUpRules.Refusal(this, action, rule, earlier) is { } refusal)
        {
            throw refusal;
        }

        if (rule == DeclineRule.AfterReReview && earlier is not null)
        {
            FirstItemId ??= earlier.Id;
            reason = reason.Contains(earlier.Number, StringComparison.Ordinal) ? reason : $"{reason.Trim()}（初件编号{earlier.Number}）";
        }

        var today = On(occurredOn, now);
        Transition(action, to, now);
        foreach (var d in _deadlines.Where(d => d.IsOpen))
        {
            d.Meet(today);
        }

        var doc = AddDocument(kind, title, $"依据：{CodeNames.Of(rule)}。\n理由：{reason.Trim()}\n请向：{whereToGo.Trim()}", today, Audience.Petitioner);
        Record(actor, now, action, $"{Lifecycle.NameOf(action)}：{reason.Trim()}", doc.Id, Lifecycle.NameOf(action), today);
    }

    /// <summary>
    /// Why this item may not be forwarded or assigned to <paramref name="target"/> (条例 Art. 20 ¶2,
    /// 22 ¶2, 30 ¶3), or null when it may. Forward and Assign refuse with it; the petition page asks
    /// it to offer only the targets the domain accepts.
    /// </summary>
    public DomainRuleViolation? RoutingRefusal(Organization target, IOrganizationTree tree)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Id == CurrentOrganizationId)
        {
            return new("target-is-self", "不能转送或交办给本机关");
        }

        // A body merged into another no longer exists as a holder (ADR 0127): nobody works there to receive it.
        if (target.IsMerged)
        {
            return new("target-merged", $"{target.Name}已撤并，不能再向其转送或交办，请选择承接其职责的机关");
        }

        if (LitigationRelated && Form == PetitionForm.Visit)
        {
            return new("litigation-visit-not-forwarded",
                "走访反映涉诉问题的，应当释法明理，引导其向政法部门反映，不转送（《信访工作条例》第二十条第二款、第二十二条第二款）");
        }

        if (LitigationRelated && target.Kind != OrganizationKind.PoliticalLegal)
        {
            return new("litigation-letter-to-political-legal", "涉法涉诉信件应当转送同级政法部门依法处理（《信访工作条例》第二十二条第二款）");
        }

        if (Category == PetitionCategory.Accusation && WithinDisciplineRemit && target.Kind != OrganizationKind.DisciplineInspection)
        {
            return new("accusation-to-discipline", "属于纪检监察机关受理的检举控告类事项，应当转送纪检监察机关（《信访工作条例》第二十二条第二款）");
        }

        // 条例 Art. 30 ¶3: accusation material never goes to the accused body or a body under it.
        return this.IsKeptFrom(target.Id, tree) ? new("accusation-to-accused", AccusationRules.NotToAccused) : null;
    }

    private void CheckRouting(Organization target, IOrganizationTree tree)
    {
        if (RoutingRefusal(target, tree) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>条例 Art. 30 ¶3: a 复查/复核 of an accusation is not asked of the accused body or a body under it.</summary>
    private void CheckNotAccused(Organization target, IOrganizationTree tree)
    {
        ArgumentNullException.ThrowIfNull(target);
        Require(!this.IsKeptFrom(target.Id, tree), "accusation-to-accused", AccusationRules.NotToAccused);
    }

    private void DispatchTo(Organization target, DateOnly today)
    {
        MeetClocks(today, DeadlineKind.BureauDisposition, DeadlineKind.UrgentDisposition, DeadlineKind.NoticeOfReceipt);
        DispatchingOrganizationId = CurrentOrganizationId;
        CurrentOrganizationId = target.Id;
        if (target.Kind is OrganizationKind.PoliticalLegal or OrganizationKind.DisciplineInspection)
        {
            // 条例 Art. 23 ¶4: 政法 and 纪检监察 notify under their own rules; no Art. 23 ¶3 clock here.
            return;
        }

        if (!IdentityUnclear)
        {
            // 条例 Art. 23 ¶3: notice within 15 days of the unit's receipt.
            StartClock(DeadlineKind.NoticeOfReceipt, today, Policy.NoticeOfReceipt, "责任单位收到");
        }

        // 条例 Art. 23 ¶3: an objection within 5 working days.
        StartClock(DeadlineKind.ForwardObjection, today, Policy.ForwardObjection, "责任单位收到");
    }

    private PetitionDocument AddDocument(DocumentKind kind, string title, string body, DateOnly issuedOn, Audience audience)
    {
        var doc = new PetitionDocument(Guid.CreateVersion7(), kind, title, body, issuedOn, audience);
        _documents.Add(doc);
        return doc;
    }

    private PetitionState _from;

    /// <summary>The lifecycle table decides first: an action the state does not allow is a 409, whatever its input.</summary>
    private void Guard(PetitionAction action)
    {
        if (!Lifecycle.IsAllowed(State, action))
        {
            throw new DomainRuleViolation("invalid-transition",
                $"当前状态“{Lifecycle.NameOf(State)}”不允许“{Lifecycle.NameOf(action)}”操作");
        }
    }

    /// <summary>Checks the lifecycle table and moves the state; returns today's local date for convenience.</summary>
    private DateOnly Transition(PetitionAction action, PetitionState to, DateTimeOffset now)
    {
        Guard(action);
        if (!Lifecycle.Leads(State, action, to))
        {
            throw new InvalidOperationException($"Lifecycle table has no {State} --{action}--> {to}");
        }

        _from = State;
        State = to;
        if (to == PetitionState.Closed)
        {
            // A closed item owes nothing more: a clock still open (a completion report or a notice never
            // given) could never be met again and would keep the item overdue forever. The rating window
            // is the petitioner's and runs on: closing does not take the rating away (domain.md §8).
            CancelClocks([.. Enum.GetValues<DeadlineKind>().Where(k => k != DeadlineKind.Rating)]);
        }

        return DeadlineTime.LocalDate(now);
    }

    // toPetitioner: what the petitioner reads of this step (docs/domain/lifecycle.md, "What the petitioner sees"); null: staff only.
    // occurredOn: the day it happened (EffectiveDate), when that is not the day it was entered.
    private void Record(Actor actor, DateTimeOffset now, PetitionAction action, string summary, Guid? documentId, string? toPetitioner, DateOnly? occurredOn = null)
    {
        _history.Add(new HistoryEntry(_history.Count + 1, now, actor, action.ToString(), _from, State, summary, documentId, toPetitioner, occurredOn));
        Version++;
        RefreshCurrentDeadline();
    }

    private static void Require(bool condition, string code, string message)
    {
        if (!condition)
        {
            throw new DomainRuleViolation(code, message);
        }
    }

    private static void RequireText(string? value, string field)
    {
        Require(!string.IsNullOrWhiteSpace(value), $"{field}-required", $"{field} 不能为空");
        Require(value!.Length <= MaxNoteLength, $"{field}-too-long", $"{field} 不能超过{MaxNoteLength}字");
    }

    private static string Suffix(string? note) => string.IsNullOrWhiteSpace(note) ? string.Empty : $"（{note.Trim()}）";
}
