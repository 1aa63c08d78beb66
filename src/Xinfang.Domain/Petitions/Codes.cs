namespace Xinfang.Domain.Petitions;

/// <summary>信访形式 (domain.md §11). Online covers mobile, WeChat and the leader's mailbox.</summary>
public enum PetitionForm
{
    Letter = 0,
    Visit = 1,
    Online = 2,
    Phone = 3,
    Fax = 4,
}

/// <summary>条例 categories (Arts. 29–31).</summary>
public enum PetitionCategory
{
    /// <summary>建议意见类 (Art. 29).</summary>
    Suggestion = 0,
    /// <summary>检举控告类 (Art. 30): confidential towards the accused.</summary>
    Accusation = 1,
    /// <summary>申诉求决类 (Art. 31): the six routes.</summary>
    AppealOrDemand = 2,
}

/// <summary>信访目的 [P]: maps onto the three categories.</summary>
public enum PetitionPurpose
{
    Suggestion = 0,
    Appeal = 1,
    Demand = 2,
    Accusation = 3,
    Inquiry = 4,
    Other = 5,
}

/// <summary>The routes of 条例 Art. 31 for 申诉求决类 items.</summary>
public enum HandlingRoute
{
    /// <summary>(一) court, procuratorate or police procedure.</summary>
    LitigationProcedure = 1,
    /// <summary>(二) arbitration.</summary>
    Arbitration = 2,
    /// <summary>(三) party-member appeal, re-examination.</summary>
    PartyAppeal = 3,
    /// <summary>(四) administrative reconsideration, ruling, confirmation, licence, penalty.</summary>
    AdministrativeProcedure = 4,
    /// <summary>(五) perform a statutory duty or answer.</summary>
    PerformDuty = 5,
    /// <summary>(六) hear, investigate, issue a 信访处理意见书.</summary>
    Investigate = 6,
}

/// <summary>信访处理意见书 outcomes (Art. 32) and the route-5 outcomes (Art. 31(五)).</summary>
public enum DecisionOutcome
{
    /// <summary>予以支持 (Art. 32(一)).</summary>
    Support = 0,
    /// <summary>作出解释说明 (Art. 32(二)).</summary>
    Explain = 1,
    /// <summary>不予支持 (Art. 32(三)).</summary>
    NotSupport = 2,
    /// <summary>依法履行 (Art. 31(五)).</summary>
    DutyPerformed = 3,
    /// <summary>答复 (Art. 31(五), and a bureau's direct answer).</summary>
    Answered = 4,
}

/// <summary>送达方式.</summary>
public enum ServiceMethod
{
    InPerson = 0,
    Post = 1,
    Electronic = 2,
    /// <summary>留置送达: left at the address when signing is refused.</summary>
    LeftAtAddress = 3,
    Announcement = 4,
}

/// <summary>满意 / 基本满意 / 不满意 (domain.md §8).</summary>
public enum Satisfaction
{
    Satisfied = 0,
    BasicallySatisfied = 1,
    Dissatisfied = 2,
}

/// <summary>Identity document kinds.</summary>
public enum IdDocumentType
{
    ResidentIdCard = 0,
    Passport = 1,
    Other = 2,
}

/// <summary>Which rule a 不予受理/不再受理 outcome rests on; the notice names it.</summary>
public enum DeclineRule
{
    /// <summary>条例 Art. 19 ¶3: already accepted or being handled, sent to a higher level within its period.</summary>
    AlreadyBeingHandled = 0,
    /// <summary>条例 Art. 20 ¶1 + 逐级走访 practice [P]: a visit that skipped levels.</summary>
    SkippedLevelVisit = 1,
    /// <summary>条例 Art. 36 ¶3: after 复核, the same facts and reasons are not accepted again.</summary>
    AfterReReview = 2,
    /// <summary>条例 Art. 35: 复查 asked after its 30-day window.</summary>
    ReviewWindowLapsed = 3,
    /// <summary>条例 Art. 36: 复核 asked after its 30-day window.</summary>
    ReReviewWindowLapsed = 4,
    /// <summary>Not a petition matter of this body; told where to go (条例 Art. 23 ¶1).</summary>
    NotCompetent = 5,
}

/// <summary>Kinds of written document an item carries (notices, opinions, reports).</summary>
public enum DocumentKind
{
    RegistrationReceipt = 0,
    ForwardNotice = 1,
    AssignmentNotice = 2,
    NoticeOfReceipt = 3,
    GuidanceNotice = 4,
    DeclineNotice = 5,
    RefuseAgainNotice = 6,
    ExtensionNotice = 7,
    Decision = 8,
    ServiceRecord = 9,
    CompletionReport = 10,
    ReviewOpinion = 11,
    ReReviewOpinion = 12,
    ObjectionLetter = 13,
    UrgentReport = 14,
}

public static partial class CodeNames
{
    public static string Of(PetitionForm form) => form switch
    {
        PetitionForm.Letter => "来信",
        PetitionForm.Visit => "来访",
        PetitionForm.Online => "网上信访",
        PetitionForm.Phone => "来电",
        _ => "传真",
    };

    public static string Of(PetitionCategory category) => category switch
    {
        PetitionCategory.Suggestion => "建议意见类",
        PetitionCategory.Accusation => "检举控告类",
        _ => "申诉求决类",
    };

    public static string Of(PetitionPurpose purpose) => purpose switch
    {
        PetitionPurpose.Suggestion => "建议",
        PetitionPurpose.Appeal => "申诉",
        PetitionPurpose.Demand => "求决",
        PetitionPurpose.Accusation => "检举控告",
        PetitionPurpose.Inquiry => "咨询",
        _ => "其他",
    };

    public static string Of(IdDocumentType type) => type switch
    {
        IdDocumentType.ResidentIdCard => "居民身份证",
        IdDocumentType.Passport => "护照",
        _ => "其他证件",
    };

    public static string Of(HandlingRoute route) => route switch
    {
        HandlingRoute.LitigationProcedure => "导入诉讼、检察、公安法律程序",
        HandlingRoute.Arbitration => "导入仲裁程序",
        HandlingRoute.PartyAppeal => "导入党员申诉、申请复审程序",
        HandlingRoute.AdministrativeProcedure => "导入行政复议、裁决等行政程序",
        HandlingRoute.PerformDuty => "依法履行职责或者答复",
        _ => "调查核实并出具信访处理意见书",
    };

    public static string Of(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Support => "予以支持",
        DecisionOutcome.Explain => "解释说明",
        DecisionOutcome.NotSupport => "不予支持",
        DecisionOutcome.DutyPerformed => "依法履行",
        _ => "答复",
    };

    public static string Of(Satisfaction satisfaction) => satisfaction switch
    {
        Satisfaction.Satisfied => "满意",
        Satisfaction.BasicallySatisfied => "基本满意",
        _ => "不满意",
    };

    public static string Of(ServiceMethod method) => method switch
    {
        ServiceMethod.InPerson => "直接送达",
        ServiceMethod.Post => "邮寄送达",
        ServiceMethod.Electronic => "电子送达",
        ServiceMethod.LeftAtAddress => "留置送达",
        _ => "公告送达",
    };

    public static string Of(Resolution resolution) => resolution switch
    {
        Resolution.Resolved => "化解",
        Resolution.PartlyResolved => "部分化解",
        _ => "未化解",
    };

    public static string Of(DeclineRule rule) => rule switch
    {
        DeclineRule.AlreadyBeingHandled => "信访事项已经受理或者正在办理，在规定期限内向上级又提出同一事项（《信访工作条例》第十九条第三款）",
        DeclineRule.SkippedLevelVisit => "越级走访，应当到有权处理的本级或者上一级机关提出（《信访工作条例》第二十条）",
        DeclineRule.AfterReReview => "已经复核，以同一事实和理由再次提出（《信访工作条例》第三十六条第三款）",
        DeclineRule.ReviewWindowLapsed => "超过收到书面答复之日起30日的复查申请期限（《信访工作条例》第三十五条）",
        DeclineRule.ReReviewWindowLapsed => "超过收到复查意见之日起30日的复核申请期限（《信访工作条例》第三十六条）",
        _ => "不属于本机关职权范围，应当向有权处理的机关提出（《信访工作条例》第二十三条第一款）",
    };

    /// <summary>A deadline by its Chinese name and the article (or local rule) that sets it (wb-petition, issue 13).</summary>
    public static string Of(DeadlineKind kind) => kind switch
    {
        DeadlineKind.BureauDisposition => "信访部门分类处理（《信访工作条例》第二十二条）",
        DeadlineKind.NoticeOfReceipt => "告知信访人是否受理（《信访工作条例》第二十三条第二款）",
        DeadlineKind.ForwardObjection => "对转送、交办提出异议（《信访工作条例》第二十三条第三款）",
        DeadlineKind.Handling => "办理答复（《信访工作条例》第三十四条）",
        DeadlineKind.AssignedReport => "报送办结报告（《信访工作条例》第二十二条第三项）",
        DeadlineKind.ReviewRequest => "申请复查（《信访工作条例》第三十五条）",
        DeadlineKind.ReviewOpinion => "提出复查意见（《信访工作条例》第三十五条）",
        DeadlineKind.ReReviewRequest => "申请复核（《信访工作条例》第三十六条）",
        DeadlineKind.ReReviewOpinion => "提出复核意见（《信访工作条例》第三十六条）",
        DeadlineKind.Rating => "信访人评价（本地规定）",
        DeadlineKind.UrgentDisposition => "紧急事项转送（本地规定）",
        _ => "紧急事项答复（本地规定）",
    };
}

/// <summary>How an item came to be closed (审核认定办结 or a lapsed window, 条例 Arts. 35–36).</summary>
public enum ClosureReason
{
    Confirmed = 0,
    ReviewWindowLapsed = 1,
    ReReviewWindowLapsed = 2,
}

/// <summary>
/// 化解情况: how the matter ended for the petitioner, judged by the bureau at closing (issue 12). The
/// 化解率 counts <see cref="Resolved"/> over the items with an outcome [P, seed 临汾 "已化解1499件，化解率92.13%"].
/// </summary>
public enum Resolution
{
    /// <summary>化解: the petitioner's problem is solved or the petitioner accepts the answer.</summary>
    Resolved = 0,
    /// <summary>部分化解: part of the demand was met.</summary>
    PartlyResolved = 1,
    /// <summary>未化解: the matter stands.</summary>
    NotResolved = 2,
}
