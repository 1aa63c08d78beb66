using Xinfang.Domain.Petitions;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;

namespace Xinfang.Web.Review;

/// <summary>复查意见 (条例 Art. 35) and 复核意见 (Art. 36), with the day they were served.</summary>
public sealed class IssueReviewOpinion(PetitionStore store)
{
    public sealed record Request(string? Opinion, DateOnly? ServedOn, bool AfterHearing);

    public Task<IResult> ReviewAsync(Guid id, Request r, CancellationToken ct) => HandleAsync(id, r, reReview: false, ct);

    public Task<IResult> ReReviewAsync(Guid id, Request r, CancellationToken ct) => HandleAsync(id, r, reReview: true, ct);

    private async Task<IResult> HandleAsync(Guid id, Request r, bool reReview, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.Opinion, "opinion", "意见", Petition.MaxNoteLength);
        if (r.ServedOn is null)
        {
            errors.Add("servedOn", "请填写送达日期");
        }

        if (errors.Any)
        {
            return errors.Problem();
        }

        return reReview
            ? await store.ActAsync(id, PetitionAction.IssueReReviewOpinion, (p, actor, now) => p.IssueReReviewOpinion(r.Opinion!, r.ServedOn!.Value, r.AfterHearing, actor, now), ct)
            : await store.ActAsync(id, PetitionAction.IssueReviewOpinion, (p, actor, now) => p.IssueReviewOpinion(r.Opinion!, r.ServedOn!.Value, actor, now), ct);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/review-opinion", (Guid id, Request r, IssueReviewOpinion uc, CancellationToken ct) => uc.ReviewAsync(id, r, ct))
            .WithTags("复查复核").WithSummary("提出复查意见");
        group.MapPost("/{id:guid}/re-review-opinion", (Guid id, Request r, IssueReviewOpinion uc, CancellationToken ct) => uc.ReReviewAsync(id, r, ct))
            .WithTags("复查复核").WithSummary("提出复核意见");
    }
}
