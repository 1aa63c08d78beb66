using Xinfang.Domain.Organizations;

namespace Xinfang.Domain.Petitions;

/// <summary>
/// What a written answer tells the petitioner about the next step (issue 13): the 信访处理意见书 the right
/// to 复查 — of which body and within 30 days (条例 Art. 35) —, the 复查意见书 the right to 复核 (Art. 36 ¶1),
/// the 复核意见书 that the same facts and reasons are not taken up again (Art. 36 ¶3). The body named is
/// the one the portal and the petition page preselect (<see cref="ReviewBodies.For"/>, the first).
/// </summary>
public static class ReviewRightStatements
{
    /// <summary>The statement closing <paramref name="document"/>, or null for a document that opens no further step.</summary>
    public static string? For(Petition petition, PetitionDocument document, OrganizationTree organizations)
    {
        ArgumentNullException.ThrowIfNull(petition);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(organizations);
        return document.Kind switch
        {
            // 条例 Art. 35: within 30 days of receiving the written answer, of the 上一级 of the original body.
            DocumentKind.Decision => AfterDecision(First(ReviewBodies.For(petition, PetitionAction.RequestReview, organizations))),
            // 条例 Art. 36 ¶1: within 30 days of receiving the 复查 answer, of the 上一级 of the 复查 body.
            DocumentKind.ReviewOpinion => AfterReview(First(ReviewBodies.For(petition, PetitionAction.RequestReReview, organizations))),
            DocumentKind.ReReviewOpinion => AfterReReview,
            _ => null,
        };
    }

    private static string? First(IReadOnlyList<Organization> bodies) => bodies.Count > 0 ? bodies[0].Name : null;

    /// <summary>条例 Art. 35.</summary>
    public static string AfterDecision(string? reviewBody) =>
        $"信访人对本处理意见不服的，可以自收到本书面答复之日起30日内请求{reviewBody ?? "原办理机关、单位的上一级机关、单位"}复查（《信访工作条例》第三十五条）。";

    /// <summary>条例 Art. 36 ¶1.</summary>
    public static string AfterReview(string? reReviewBody) =>
        $"信访人对本复查意见不服的，可以自收到本书面答复之日起30日内向{reReviewBody ?? "复查机关、单位的上一级机关、单位"}请求复核（《信访工作条例》第三十六条）。";

    /// <summary>条例 Art. 36 ¶3.</summary>
    public const string AfterReReview =
        "信访人对本复核意见不服，仍然以同一事实和理由提出投诉请求的，各级党委和政府信访部门和其他机关、单位不再受理（《信访工作条例》第三十六条第三款）。";
}
