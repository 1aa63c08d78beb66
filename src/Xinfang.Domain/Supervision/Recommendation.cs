using Xinfang.Domain.Deadlines;
using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Supervision;

/// <summary>The three recommendations of 条例 Art. 40.</summary>
public enum RecommendationKind
{
    /// <summary>改进工作的建议 (Art. 40 ¶1), made with a 督办.</summary>
    ImproveWork = 0,
    /// <summary>完善政策的建议 (Art. 40 ¶2), on a policy problem found in the work, reported to the 党委和政府 of the same level.</summary>
    ImprovePolicy = 1,
    /// <summary>追究责任的建议 (Art. 40 ¶3), to the body with management authority over a unit or officer whose 推诿、敷衍、拖延、弄虚作假 caused serious consequences.</summary>
    Accountability = 2,
}

/// <summary>Whom an accountability recommendation concerns (Art. 40 ¶3: 机关、单位及其工作人员).</summary>
public enum AccountabilitySubject
{
    /// <summary>A unit (机关、单位).</summary>
    Unit = 0,
    /// <summary>An officer (工作人员).</summary>
    Officer = 1,
}

/// <summary>What the addressee reports it did with a recommendation (Art. 40 ¶4: 书面反馈采纳情况).</summary>
public enum Adoption
{
    /// <summary>采纳</summary>
    Adopted = 0,
    /// <summary>部分采纳</summary>
    PartlyAdopted = 1,
    /// <summary>未采纳</summary>
    NotAdopted = 2,
}

/// <summary>
/// 建议 (条例 Art. 40 ¶1–4): the bureau recommends improving the work, improving a policy, or pursuing
/// accountability; the addressee answers in writing whether it adopted it, within a feedback deadline
/// (policy <see cref="DeadlinePolicy.SupervisionFeedback"/>). The annual report counts them and their
/// adoption (Art. 41(三)).
/// </summary>
public sealed class Recommendation
{
    public const int MaxTextLength = 4_000;
    public const int MaxNameLength = 100;

    private Recommendation()
    {
        Text = IssuedById = IssuedByName = FeedbackExplanation = string.Empty;
    }

    public Guid Id { get; private set; }

    public RecommendationKind Kind { get; private set; }

    /// <summary>The item it arose from, if any (a policy recommendation often has none).</summary>
    public Guid? PetitionId { get; private set; }

    /// <summary>The 督办 notice it accompanies, if any (Art. 40 ¶1: 督办，并提出改进工作的建议).</summary>
    public Guid? SupervisionNoticeId { get; private set; }

    public string Text { get; private set; }

    public Guid IssuedByOrganizationId { get; private set; }

    /// <summary>Who must answer: the unit (¶1), the 党委和政府 (¶2) or the body with management authority (¶3).</summary>
    public Guid AddressedToOrganizationId { get; private set; }

    /// <summary>¶3 only: a unit or an officer.</summary>
    public AccountabilitySubject? Subject { get; private set; }

    /// <summary>¶3 only: the unit or officer concerned, by name.</summary>
    public string? SubjectName { get; private set; }

    /// <summary>¶3 only: the serious consequences the conduct caused (造成严重后果).</summary>
    public string? Consequences { get; private set; }

    public string IssuedById { get; private set; }

    public string IssuedByName { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    public DateOnly FeedbackDueOn { get; private set; }

    public DateTime FeedbackDueAtUtc { get; private set; }

    public string FeedbackExplanation { get; private set; }

    public Adoption? Adoption { get; private set; }

    public string? Feedback { get; private set; }

    public DateOnly? FeedbackOn { get; private set; }

    public string? FeedbackRecordedBy { get; private set; }

    public int Version { get; private set; }

    public bool IsAnswered => Adoption is not null;

    public bool AnsweredLate => FeedbackOn is { } on && on > FeedbackDueOn;

    public bool IsOverdueOn(DateOnly today) => !IsAnswered && today > FeedbackDueOn;

    /// <summary>Issues a recommendation; the feedback deadline counts from the day of issue (day 0).</summary>
    public static Recommendation Issue(
        Guid id,
        RecommendationKind kind,
        string text,
        Guid addressedToOrganizationId,
        Guid? petitionId,
        Guid? supervisionNoticeId,
        AccountabilitySubject? subject,
        string? subjectName,
        string? consequences,
        Actor bureau,
        DeadlinePolicy policy,
        WorkingCalendar calendar,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(bureau);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(calendar);
        Rules.Require(Enum.IsDefined(kind), "recommendation.kind-invalid", "建议类别无效");
        Rules.RequireText(text, MaxTextLength, "text", "建议内容");
        Rules.Require(addressedToOrganizationId != Guid.Empty && addressedToOrganizationId != bureau.OrganizationId,
            "recommendation.addressee-is-issuer", "建议应向有关机关、单位提出，不能向提出建议的信访部门本身提出（《信访工作条例》第四十条）");
        if (kind == RecommendationKind.Accountability)
        {
            // Art. 40 ¶3: 机关、单位及其工作人员 whose conduct 造成严重后果.
            Rules.Require(subject is not null && Enum.IsDefined(subject.Value), "recommendation.subject-required",
                "追究责任的建议应写明被追责的是机关、单位还是工作人员（《信访工作条例》第四十条第三款）");
            Rules.RequireText(subjectName, MaxNameLength, "subjectName", "被追责的单位或人员");
            Rules.RequireText(consequences, MaxTextLength, "consequences", "造成的严重后果");
        }
        else
        {
            Rules.Require(subject is null && string.IsNullOrWhiteSpace(subjectName) && string.IsNullOrWhiteSpace(consequences),
                "recommendation.subject-only-for-accountability", "只有追究责任的建议才写明被追责对象和严重后果");
        }

        var issuedOn = DeadlineTime.LocalDate(now);
        // Art. 40 ¶4: 书面反馈采纳情况; the length is a policy [P] (2005 条例 Art. 36: 30 日).
        var due = DeadlineComputation.Start("建议提出", issuedOn, policy.SupervisionFeedback, calendar, policy).Due;
        return new Recommendation
        {
            Id = id,
            Kind = kind,
            Text = text.Trim(),
            AddressedToOrganizationId = addressedToOrganizationId,
            PetitionId = petitionId,
            SupervisionNoticeId = supervisionNoticeId,
            Subject = subject,
            SubjectName = subjectName?.Trim(),
            Consequences = consequences?.Trim(),
            IssuedByOrganizationId = bureau.OrganizationId,
            IssuedById = bureau.UserId,
            IssuedByName = bureau.Name,
            IssuedAt = now,
            IssuedOn = issuedOn,
            FeedbackDueOn = due.Date,
            FeedbackDueAtUtc = DeadlineTime.EndOfDay(due.Date).UtcDateTime,
            FeedbackExplanation = due.Explanation,
        };
    }

    /// <summary>
    /// Art. 40 ¶4: the addressee reports in writing whether it adopted the recommendation. The text is
    /// always required; when not (fully) adopted it states why (2005 条例 Art. 36: 未采纳改进建议的，应当说明理由).
    /// Answered once.
    /// </summary>
    public void RecordAdoption(Adoption adoption, string feedback, DateOnly receivedOn, Actor recordedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(recordedBy);
        Rules.Require(!IsAnswered, "recommendation.already-answered", "该建议已书面反馈采纳情况，不能重复反馈");
        Rules.Require(Enum.IsDefined(adoption), "recommendation.adoption-invalid", "采纳情况无效");
        Rules.RequireText(feedback, MaxTextLength, "feedback", adoption == Supervision.Adoption.Adopted ? "采纳情况" : "未采纳的理由");
        var today = DeadlineTime.LocalDate(now);
        Rules.Require(receivedOn <= today, "recommendation.feedback-in-future", "反馈日期不能晚于今天");
        Rules.Require(receivedOn >= IssuedOn, "recommendation.feedback-before-issue", "反馈日期不能早于建议提出日期");
        Adoption = adoption;
        Feedback = feedback.Trim();
        FeedbackOn = receivedOn;
        FeedbackRecordedBy = recordedBy.Name;
        Version++;
    }

    public static string NameOf(RecommendationKind kind) => kind switch
    {
        RecommendationKind.ImproveWork => "改进工作",
        RecommendationKind.ImprovePolicy => "完善政策",
        _ => "追究责任",
    };

    public static string NameOf(Adoption adoption) => adoption switch
    {
        Supervision.Adoption.Adopted => "采纳",
        Supervision.Adoption.PartlyAdopted => "部分采纳",
        _ => "未采纳",
    };
}
