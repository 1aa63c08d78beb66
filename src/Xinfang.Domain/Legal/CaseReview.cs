using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Legal;

/// <summary>The four points of 案审 "三到位一处理".</summary>
public enum ReviewPoint
{
    /// <summary>诉求合理的解决到位.</summary>
    ReasonableSolved,
    /// <summary>诉求无理的思想教育到位.</summary>
    UnreasonableEducated,
    /// <summary>生活困难的帮扶救助到位 (条例 Art. 37 ¶2).</summary>
    HardshipAssisted,
    /// <summary>违法行为依法处理 (条例 Art. 26, 47).</summary>
    UnlawfulHandled,
}

/// <summary>What the review concluded.</summary>
public enum ReviewConclusion
{
    /// <summary>可以办结.</summary>
    MayClose,
    /// <summary>继续办理.</summary>
    ContinueHandling,
    /// <summary>提交联席会议.</summary>
    ToJointMeeting,
}

/// <summary>One point's finding: whether it applies to the matter and, when it does, what was done.</summary>
public sealed record ReviewFinding(ReviewPoint Point, bool Applies, string? Done);

/// <summary>
/// 案审 (issue 14, domain.md §10 "Case review"): a structured review of an important item by named officials on a day,
/// point by point against "三到位一处理" — for each, whether it applies and what was done — and a conclusion. About the
/// matter only: nothing in it rates the petitioner (domain.md §12).
/// </summary>
public sealed class CaseReview
{
    public const int MaxReviewersLength = 200;
    public const int MaxDoneLength = 1000;
    public const int MaxNoteLength = 2000;

    private CaseReview()
    {
        Reviewers = RecordedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid PetitionId { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>The officials who reviewed it, as named (e.g. 陈局长、李科长).</summary>
    public string Reviewers { get; private set; }

    public DateOnly ReviewedOn { get; private set; }

    public bool ReasonableApplies { get; private set; }

    public string? ReasonableDone { get; private set; }

    public bool UnreasonableApplies { get; private set; }

    public string? UnreasonableDone { get; private set; }

    public bool HardshipApplies { get; private set; }

    public string? HardshipDone { get; private set; }

    public bool UnlawfulApplies { get; private set; }

    public string? UnlawfulDone { get; private set; }

    public ReviewConclusion Conclusion { get; private set; }

    public string? Note { get; private set; }

    public string RecordedBy { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public IReadOnlyList<ReviewFinding> Findings =>
    [
        new(ReviewPoint.ReasonableSolved, ReasonableApplies, ReasonableDone),
        new(ReviewPoint.UnreasonableEducated, UnreasonableApplies, UnreasonableDone),
        new(ReviewPoint.HardshipAssisted, HardshipApplies, HardshipDone),
        new(ReviewPoint.UnlawfulHandled, UnlawfulApplies, UnlawfulDone),
    ];

    /// <summary>
    /// Records a review: every one of the four points answered once; a point that applies says what was done (what a
    /// point that does not apply says is dropped); at least one applies to the matter. The day is not after today.
    /// </summary>
    public static CaseReview Record(Guid id, Guid petitionId, Guid organizationId, string reviewers, DateOnly reviewedOn, IReadOnlyList<ReviewFinding> findings, ReviewConclusion conclusion, string? note, Actor by, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(by);
        if (reviewedOn > today)
        {
            throw new DomainRuleViolation("review.future", "案审日期不能晚于今天", "reviewedOn");
        }

        foreach (var point in Enum.GetValues<ReviewPoint>())
        {
            if (findings.Count(f => f.Point == point) != 1)
            {
                throw new DomainRuleViolation("review.point", $"请对“{NameOf(point)}”作出认定", PointField(point));
            }
        }

        foreach (var f in findings)
        {
            if (f.Applies && string.IsNullOrWhiteSpace(f.Done))
            {
                throw new DomainRuleViolation("review.done", $"“{NameOf(f.Point)}”适用时请写明采取的措施", PointField(f.Point));
            }
        }

        if (!findings.Any(f => f.Applies))
        {
            throw new DomainRuleViolation("review.none", "四项中至少有一项适用本事项", "findings");
        }

        string? Done(ReviewPoint p) => findings.Single(f => f.Point == p) is { Applies: true } f ? f.Done!.Trim() : null;
        bool Applies(ReviewPoint p) => findings.Single(f => f.Point == p).Applies;
        return new CaseReview
        {
            Id = id, PetitionId = petitionId, OrganizationId = organizationId, Reviewers = reviewers.Trim(), ReviewedOn = reviewedOn,
            ReasonableApplies = Applies(ReviewPoint.ReasonableSolved), ReasonableDone = Done(ReviewPoint.ReasonableSolved),
            UnreasonableApplies = Applies(ReviewPoint.UnreasonableEducated), UnreasonableDone = Done(ReviewPoint.UnreasonableEducated),
            HardshipApplies = Applies(ReviewPoint.HardshipAssisted), HardshipDone = Done(ReviewPoint.HardshipAssisted),
            UnlawfulApplies = Applies(ReviewPoint.UnlawfulHandled), UnlawfulDone = Done(ReviewPoint.UnlawfulHandled),
            Conclusion = conclusion, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), RecordedBy = by.Name, RecordedAt = now,
        };
    }

    public static string PointField(ReviewPoint p) => p switch
    {
        ReviewPoint.ReasonableSolved => "reasonable",
        ReviewPoint.UnreasonableEducated => "unreasonable",
        ReviewPoint.HardshipAssisted => "hardship",
        _ => "unlawful",
    };

    public static string NameOf(ReviewPoint p) => p switch
    {
        ReviewPoint.ReasonableSolved => "诉求合理的解决到位",
        ReviewPoint.UnreasonableEducated => "诉求无理的思想教育到位",
        ReviewPoint.HardshipAssisted => "生活困难的帮扶救助到位",
        ReviewPoint.UnlawfulHandled => "违法行为依法处理",
        _ => p.ToString(),
    };

    public static string NameOf(ReviewConclusion c) => c switch
    {
        ReviewConclusion.MayClose => "可以办结",
        ReviewConclusion.ContinueHandling => "继续办理",
        ReviewConclusion.ToJointMeeting => "提交联席会议",
        _ => c.ToString(),
    };

    public static IReadOnlyList<ReviewPoint> Points { get; } = Enum.GetValues<ReviewPoint>();

    public static IReadOnlyList<ReviewConclusion> Conclusions { get; } = Enum.GetValues<ReviewConclusion>();
}
