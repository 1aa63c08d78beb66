namespace Xinfang.Domain.Deadlines;

/// <summary>Every clock a petition runs against (domain.md §6). <see cref="DeadlineClocks"/> describes each.</summary>
public enum DeadlineClock
{
    /// <summary>条例 Art. 22: the petition bureau forwards, assigns or answers within 15 days of receipt.</summary>
    BureauDisposition,
    /// <summary>[P] 2014 满意度办法: optional split of those 15 days by level — 国家 5, 省 3, 市 3, 县 4.</summary>
    BureauDispositionAtLevel,
    /// <summary>条例 Art. 23 ¶2: notice of receipt of a petition made directly to the unit; on the spot, else 15 days; no duty when the name or address is unclear.</summary>
    NoticeOfReceiptDirect,
    /// <summary>条例 Art. 23 ¶3: notice of receipt of a forwarded or assigned petition, 15 days.</summary>
    NoticeOfReceiptForwarded,
    /// <summary>条例 Art. 23 ¶3: objection to a wrong forward, 5 working days.</summary>
    ForwardObjection,
    /// <summary>条例 Art. 34: handling, 60 days from acceptance.</summary>
    Handling,
    /// <summary>条例 Art. 34: extensions of handling, in total at most 30 days.</summary>
    Extension,
    /// <summary>条例 Art. 22(三): an assigned (交办) item's deadline, set by the assigning bureau.</summary>
    Assigned,
    /// <summary>条例 Art. 35: 30 days from receiving the reply to ask for 复查.</summary>
    ReviewRequest,
    /// <summary>条例 Art. 35: the 复查 opinion within 30 days of receiving the request.</summary>
    ReviewOpinion,
    /// <summary>条例 Art. 36: 30 days from receiving the 复查 opinion to ask for 复核.</summary>
    ReReviewRequest,
    /// <summary>条例 Art. 36: the 复核 opinion within 30 days; hearing time not counted (¶2).</summary>
    ReReviewOpinion,
    /// <summary>条例 Art. 40 ¶4: written feedback on a 督办 or recommendation; length configurable, 30 days by default.</summary>
    SupervisionFeedback,
    /// <summary>国信发〔2022〕11号 [P]: the petitioner's satisfaction rating window; configurable.</summary>
    RatingWindow,
    /// <summary>[S] 泰宁 2020: urgent items forwarded within hours set by the jurisdiction (e.g. 2 h).</summary>
    UrgentForward,
    /// <summary>[S] 泰宁 2020: urgent items answered within hours set by the jurisdiction (e.g. 24 h).</summary>
    UrgentAnswer,
}

/// <summary>What a clock is: its name, source, and what starts and stops it.</summary>
/// <param name="Clock">The clock described.</param>
/// <param name="Name">Chinese name shown in the UI.</param>
/// <param name="Article">Where the rule comes from: an article of the 条例, or [P]/[S] for practice and seeds.</param>
/// <param name="StartedBy">The event on day 0; leads the explanation of a deadline.</param>
/// <param name="EndedBy">The act that stops the clock.</param>
public sealed record DeadlineClockInfo(
    DeadlineClock Clock, string Name, string Article, string StartedBy, string EndedBy);

/// <summary>The catalog of clocks (domain.md §6), one entry per <see cref="DeadlineClock"/>.</summary>
public static class DeadlineClocks
{
    /// <summary>Every clock, in the order of the lifecycle.</summary>
    public static IReadOnlyList<DeadlineClockInfo> All { get; } =
    [
        new(DeadlineClock.BureauDisposition, "信访部门转送、交办或答复", "条例第二十二条", "收到", "转送、交办或答复"),
        new(DeadlineClock.BureauDispositionAtLevel, "本级信访部门处理（分级时限）", "[P] 2014年满意度办法：国家5日、省3日、市3日、县4日", "本级收到", "转出"),
        new(DeadlineClock.NoticeOfReceiptDirect, "直接提出的信访事项告知", "条例第二十三条第二款", "收到", "书面告知（姓名、住址不清的除外）"),
        new(DeadlineClock.NoticeOfReceiptForwarded, "转送、交办事项告知", "条例第二十三条第三款", "收到转送、交办", "书面告知"),
        new(DeadlineClock.ForwardObjection, "对转送、交办提出异议", "条例第二十三条第三款", "收到转送、交办", "提出异议"),
        new(DeadlineClock.Handling, "办理", "条例第三十四条", "受理", "送达处理意见书"),
        new(DeadlineClock.Extension, "延期（合计不超过30日）", "条例第三十四条", "负责人批准延期", "—"),
        new(DeadlineClock.Assigned, "交办事项办理", "条例第二十二条第一款第三项", "交办", "提交办结报告"),
        new(DeadlineClock.ReviewRequest, "请求复查", "条例第三十五条", "收到书面答复", "提出复查请求"),
        new(DeadlineClock.ReviewOpinion, "复查意见", "条例第三十五条", "收到复查请求", "书面答复复查意见"),
        new(DeadlineClock.ReReviewRequest, "请求复核", "条例第三十六条第一款", "收到复查意见", "提出复核请求"),
        new(DeadlineClock.ReReviewOpinion, "复核意见（听证时间不计）", "条例第三十六条", "收到复核请求", "提出复核意见"),
        new(DeadlineClock.SupervisionFeedback, "督办、建议的书面反馈", "条例第四十条第四款（时限为地方规定）", "督办通知或建议", "书面反馈"),
        new(DeadlineClock.RatingWindow, "满意度评价", "国信发〔2022〕11号 [P]", "送达答复", "评价"),
        new(DeadlineClock.UrgentForward, "重大紧急事项转送（小时）", "[S] 地方规定", "登记", "转送"),
        new(DeadlineClock.UrgentAnswer, "重大紧急事项答复（小时）", "[S] 地方规定", "登记", "答复"),
    ];

    /// <summary>The catalog entry of a clock.</summary>
    public static DeadlineClockInfo Get(DeadlineClock clock) => All.Single(c => c.Clock == clock);

    /// <summary>
    /// 条例 Art. 23 ¶2: a unit that receives a petition directly must give written notice "但信访人的姓名
    /// （名称）、住址不清的除外" — with no name or no address there is no duty, so no deadline and no overdue.
    /// </summary>
    public static bool HasNoticeOfReceiptDuty(bool nameKnown, bool addressKnown) => nameKnown && addressKnown;
}
