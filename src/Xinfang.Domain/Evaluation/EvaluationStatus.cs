using Xinfang.Domain.Petitions;

namespace Xinfang.Domain.Evaluation;

/// <summary>满意度评价状态 of an item (domain.md §8).</summary>
public enum EvaluationStatus
{
    /// <summary>待评价: the reply was served and the rating window runs.</summary>
    Pending = 0,
    /// <summary>已评价: the petitioner rated (the bureau, the unit or both) within the window.</summary>
    Rated = 1,
    /// <summary>超期未评价: the rating window lapsed without a rating.</summary>
    Lapsed = 2,
    /// <summary>不参评: outside evaluation — left the track for a legal route, not taken up, or anonymous without contact.</summary>
    NotEvaluated = 3,
}

/// <summary>
/// The one rule for whether and how an item takes part in satisfaction evaluation (domain.md §8;
/// the rating window is a jurisdiction policy value, <c>DeadlinePolicy.RatingWindow</c>, after the
/// practice of 国信发〔2022〕11号). The rating clock starts when the reply is served and is never
/// cancelled by a 复查, a 复核 or the item's closure.
/// </summary>
public static class EvaluationRules
{
    /// <summary>
    /// 不参评 [P, domain.md §8]: items that left the petition track for a legal procedure (条例 Art. 31
    /// routes 1–4), items not taken up (不予受理, 不再受理, guided to 政法), and anonymous items with no
    /// contact to ask.
    /// </summary>
    public static bool TakesPart(Petition petition)
    {
        ArgumentNullException.ThrowIfNull(petition);
        return petition.Route is not (HandlingRoute.LitigationProcedure or HandlingRoute.Arbitration or HandlingRoute.PartyAppeal or HandlingRoute.AdministrativeProcedure)
            && petition.State is not (PetitionState.Declined or PetitionState.RefusedAgain or PetitionState.GuidedToPoliticalLegal or PetitionState.GuidedToProcedure)
            && !(petition.Anonymous && !petition.Petitioners.Any(p => !string.IsNullOrWhiteSpace(p.Phone) || !string.IsNullOrWhiteSpace(p.Address)));
    }

    /// <summary>The status on <paramref name="today"/>; null while no reply has been served (not yet open to rating).</summary>
    public static EvaluationStatus? StatusOn(Petition petition, DateOnly today)
    {
        if (!TakesPart(petition))
        {
            return EvaluationStatus.NotEvaluated;
        }

        var window = petition.Deadlines.LastOrDefault(d => d.Kind == DeadlineKind.Rating);
        if (window is null)
        {
            return null;
        }

        if (window.MetOn is not null)
        {
            return EvaluationStatus.Rated;
        }

        if (today <= window.DueOn)
        {
            return EvaluationStatus.Pending;
        }

        return petition.RatedOn is null ? EvaluationStatus.Lapsed : EvaluationStatus.Rated;
    }

    /// <summary>Why a rating cannot be taken on <paramref name="today"/>, or null when it can.</summary>
    public static DomainRuleViolation? RefusalOfRating(Petition petition, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(petition);
        if (!TakesPart(petition))
        {
            return new DomainRuleViolation("not-evaluated", "该信访件不参评（已导入法定程序、未予受理或匿名且无联系方式），不接受满意度评价");
        }

        var window = petition.Deadlines.LastOrDefault(d => d.Kind == DeadlineKind.Rating);
        if (window is null)
        {
            return new DomainRuleViolation("rating-not-open", "答复送达后方可评价");
        }

        return today > window.DueOn
            ? new DomainRuleViolation("rating-window-closed",
                $"评价期限已于{window.DueOn:yyyy-MM-dd}届满（自答复送达之日起{petition.Policy.RatingWindow}，按国信发〔2022〕11号的做法由本地政策规定），超期未评价，不再接受评价")
            : null;
    }

    public static string NameOf(EvaluationStatus? status) => status switch
    {
        EvaluationStatus.Pending => "待评价",
        EvaluationStatus.Rated => "已评价",
        EvaluationStatus.Lapsed => "超期未评价",
        EvaluationStatus.NotEvaluated => "不参评",
        _ => "未到评价环节",
    };
}
