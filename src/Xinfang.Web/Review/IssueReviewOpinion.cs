using Xinfang.Domain.Petitions;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;

namespace Xinfang.Web.Review;

/// <summary>复查意见 (条例 Art. 35) and 复核意见 (Art. 36), with the day they were served and the outcome (ADR 0084).</summary>
public sealed class IssueReviewOpinion(PetitionStore store)
{
    /// <summary><paramref name="Outcome"/>: 复查/复核结论 (维持/撤销/变更), required for every new opinion (ADR 0084).</summary>
    public sealed record Request(string? Opinion, DateOnly? ServedOn, bool AfterHearing, DateOnly? OccurredOn = null, ReviewOutcome? Outcome = null);

    public async Task<IResult> ReviewAsync(Guid id, Request r, CancellationToken ct) => (await ActAsync(id, r, PetitionAction.IssueReviewOpinion, ct)).ToResult();

    public async Task<IResult> ReReviewAsync(Guid id, Request r, CancellationToken ct) => (await ActAsync(id, r, PetitionAction.IssueReReviewOpinion, ct)).ToResult();

    /// <summary>
    /// 复查意见 (<see cref="PetitionAction.IssueReviewOpinion"/>) or 复核意见 (<see cref="PetitionAction.IssueReReviewOpinion"/>):
    /// the API and the petition page (<c>/petitions/{id}</c>) both act here.
    /// </summary>
    public async Task<ActOutcome> ActAsync(Guid id, Request r, PetitionAction action, CancellationToken ct)
    {
        if (action is not (PetitionAction.IssueReviewOpinion or PetitionAction.IssueReReviewOpinion))
        {
            throw new ArgumentOutOfRangeException(nameof(action));
        }

        var reReview = action == PetitionAction.IssueReReviewOpinion;
        var errors = new RequestErrors().Text(r.Opinion, "opinion", "意见", Petition.MaxNoteLength)
            .Defined(r.Outcome, "outcome", reReview ? "复核结论（维持、撤销或变更）" : "复查结论（维持、撤销或变更）");
        // occurredOn is the day the opinion was served; servedOn, its older name, stays an alias. Neither given: today.
        var (servedOn, field) = errors.OccurredOn(r.OccurredOn, r.ServedOn, "servedOn", "送达日期");

        if (errors.Any)
        {
            return ActOutcome.Invalid(errors);
        }

        return reReview
            ? await store.TryActAsync(id, PetitionAction.IssueReReviewOpinion, (p, actor, now) => p.IssueReReviewOpinion(r.Opinion!, servedOn, r.AfterHearing, actor, now, field, r.Outcome), ct)
            : await store.TryActAsync(id, PetitionAction.IssueReviewOpinion, (p, actor, now) => p.IssueReviewOpinion(r.Opinion!, servedOn, actor, now, field, r.Outcome), ct);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/review-opinion", (Guid id, Request r, IssueReviewOpinion uc, CancellationToken ct) => uc.ReviewAsync(id, r, ct))
            .WithTags("复查复核").WithSummary("提出复查意见");
        group.MapPost("/{id:guid}/re-review-opinion", (Guid id, Request r, IssueReviewOpinion uc, CancellationToken ct) => uc.ReReviewAsync(id, r, ct))
            .WithTags("复查复核").WithSummary("提出复核意见");
    }
}
