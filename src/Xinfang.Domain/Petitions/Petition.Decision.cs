namespace Xinfang.Domain.Petitions;

/// <summary>
/// The 处理意见 (条例 Art. 32): drafted by the handler (起草), returned or signed off (签发) by the unit head,
/// and issued on signing — or issued at once by one who may sign it.
/// </summary>
public sealed partial class Petition
{
    /// <summary>The draft 处理意见 awaiting the head's signature; null when there is none.</summary>
    public DecisionOutcome? DraftOutcome { get; private set; }

    public string? DraftRequest { get; private set; }

    public string? DraftFacts { get; private set; }

    public string? DraftReasons { get; private set; }

    public string? DraftLegalBasis { get; private set; }

    /// <summary>Who drafted it (shown to the head who signs it off; the 签发 names both).</summary>
    public string? DraftedBy { get; private set; }

    public DateTimeOffset? DraftedAt { get; private set; }

    /// <summary>Why the head returned the draft; cleared when it is drafted again.</summary>
    public string? DraftReturnedBecause { get; private set; }

    public bool HasDraftDecision => DraftOutcome is not null;

    /// <summary>
    /// 信访处理意见书 (条例 Art. 32): for route 6 it states the request, facts and reasons, the
    /// opinion (support / explain / not support) and its legal basis. Route 5 records that the
    /// unit performed its duty or answered (Art. 31(五)). Issued at once: the web layer lets only
    /// those who may sign (a unit head, a bureau for what it handles itself) call it; a handler drafts.
    /// </summary>
    public void Decide(DecisionOutcome outcome, string request, string facts, string reasons, string? legalBasis, Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.Decide);
        CheckDecision(outcome, request, facts, reasons, legalBasis);
        Issue(PetitionAction.Decide, outcome, request, facts, reasons, legalBasis, null, actor, now, occurredOn);
    }

    /// <summary>
    /// 起草处理意见: the handler writes the opinion, checked as an issued one would be (条例 Art. 32), but
    /// nothing reaches the petitioner and no clock moves: the handling period runs on (Art. 34) until the
    /// head signs it off. Editable (drafted again) until signed; a returned draft is drafted again.
    /// </summary>
    public void DraftDecision(DecisionOutcome outcome, string request, string facts, string reasons, string? legalBasis, Actor actor, DateTimeOffset now)
    {
        Guard(PetitionAction.DraftDecision);
        CheckDecision(outcome, request, facts, reasons, legalBasis);
        var again = HasDraftDecision;
        Transition(PetitionAction.DraftDecision, State, now);
        DraftOutcome = outcome;
        DraftRequest = request.Trim();
        DraftFacts = facts.Trim();
        DraftReasons = reasons.Trim();
        DraftLegalBasis = string.IsNullOrWhiteSpace(legalBasis) ? null : legalBasis.Trim();
        DraftedBy = actor.Name;
        DraftedAt = now;
        DraftReturnedBecause = null;
        Record(actor, now, PetitionAction.DraftDecision, (again ? "修改处理意见草稿：" : "起草处理意见：") + CodeNames.Of(outcome) + "，待单位负责人签发", null, null);
    }

    /// <summary>退回: the head sends the draft back with the reason; it stays, to be drafted again.</summary>
    public void ReturnDecision(string reason, Actor actor, DateTimeOffset now)
    {
        Guard(PetitionAction.ReturnDecision);
        Require(HasDraftDecision, "no-draft", "没有待签发的处理意见草稿");
        Require(DraftReturnedBecause is null, "draft-already-returned", "该草稿已退回，待承办人修改");
        RequireText(reason, "reason");
        Transition(PetitionAction.ReturnDecision, State, now);
        DraftReturnedBecause = reason.Trim();
        Record(actor, now, PetitionAction.ReturnDecision, $"退回处理意见草稿：{DraftReturnedBecause}", null, null);
    }

    /// <summary>
    /// 签发: the head signs the draft off and it is issued as the 信访处理意见书 — from then on the legal clock
    /// runs as for any issued opinion (the 复查 window from its service, 条例 Art. 35). A returned draft is
    /// not signed until it is drafted again.
    /// </summary>
    public void SignOffDecision(Actor actor, DateTimeOffset now, DateOnly? occurredOn = null)
    {
        Guard(PetitionAction.SignOffDecision);
        Require(HasDraftDecision, "no-draft", "没有待签发的处理意见草稿");
        Require(DraftReturnedBecause is null, "draft-returned", "该草稿已退回，须承办人修改后再签发");
        // Checked again: the route cannot change under a draft (Handling), but the rule is the document's.
        CheckDecision(DraftOutcome!.Value, DraftRequest!, DraftFacts!, DraftReasons!, DraftLegalBasis);
        Issue(PetitionAction.SignOffDecision, DraftOutcome.Value, DraftRequest!, DraftFacts!, DraftReasons!, DraftLegalBasis, DraftedBy, actor, now, occurredOn);
    }

    private void CheckDecision(DecisionOutcome outcome, string request, string facts, string reasons, string? legalBasis)
    {
        Require(Enum.IsDefined(outcome), "outcome-invalid", "处理意见无效");
        if (Route == HandlingRoute.Investigate)
        {
            Require(outcome is Petitions.DecisionOutcome.Support or Petitions.DecisionOutcome.Explain or Petitions.DecisionOutcome.NotSupport,
                "outcome-not-for-route", "信访处理意见书的处理意见只能是予以支持、解释说明或不予支持（《信访工作条例》第三十二条）");
            RequireText(legalBasis, "legalBasis");
        }
        else
        {
            Require(outcome is Petitions.DecisionOutcome.DutyPerformed or Petitions.DecisionOutcome.Answered,
                "outcome-not-for-route", "第三十一条第五项的事项应当依法履行职责或者答复");
        }

        RequireText(request, "request");
        RequireText(facts, "facts");
        RequireText(reasons, "reasons");
    }

    private void Issue(PetitionAction action, DecisionOutcome outcome, string request, string facts, string reasons, string? legalBasis, string? draftedBy, Actor actor, DateTimeOffset now, DateOnly? occurredOn)
    {
        var today = On(occurredOn, now);
        Transition(action, PetitionState.Decided, now);
        DecisionOutcome = outcome;
        DecidedOn = today;
        DraftOutcome = null;
        DraftRequest = DraftFacts = DraftReasons = DraftLegalBasis = DraftedBy = DraftReturnedBecause = null;
        DraftedAt = null;
        var body = $"信访人投诉请求：{request.Trim()}\n事实和理由：{facts.Trim()}\n处理意见：{CodeNames.Of(outcome)}。{reasons.Trim()}"
            + (string.IsNullOrWhiteSpace(legalBasis) ? string.Empty : $"\n法律法规依据：{legalBasis.Trim()}");
        var doc = AddDocument(DocumentKind.Decision, Route == HandlingRoute.Investigate ? "信访处理意见书" : "信访事项答复意见", body, today, Audience.Petitioner);
        var signed = draftedBy is null ? string.Empty : $"（{draftedBy}起草，{actor.Name}签发）";
        Record(actor, now, action, $"出具处理意见：{CodeNames.Of(outcome)}{signed}", doc.Id, $"出具处理意见：{CodeNames.Of(outcome)}", today);
    }
}
