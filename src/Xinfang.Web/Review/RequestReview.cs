using Xinfang.Domain.Petitions;
using Xinfang.Web.Casework;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Review;

/// <summary>
/// 复查 and 复核 requests (条例 Arts. 35–36), recorded by staff (the petitioner asks through the
/// portal). The reviewer must sit above the body whose answer is challenged. A request after its
/// 30-day window is refused with the reason and closes the item — a 200 with the notice.
/// </summary>
public sealed class RequestReview(PetitionStore store, AppDbContext db, OrganizationDirectory tree)
{
    public sealed record Request(Guid? ReviewOrganizationId, string? Reasons);

    public async Task<IResult> ReviewAsync(Guid id, Request r, CancellationToken ct) => (await ActAsync(id, r, PetitionAction.RequestReview, ct)).ToResult();

    public async Task<IResult> ReReviewAsync(Guid id, Request r, CancellationToken ct) => (await ActAsync(id, r, PetitionAction.RequestReReview, ct)).ToResult();

    /// <summary>
    /// 申请复查 (<see cref="PetitionAction.RequestReview"/>) or 申请复核 (<see cref="PetitionAction.RequestReReview"/>):
    /// the API and the petition page (<c>/petitions/{id}</c>) both act here.
    /// </summary>
    public async Task<ActOutcome> ActAsync(Guid id, Request r, PetitionAction action, CancellationToken ct)
    {
        if (action is not (PetitionAction.RequestReview or PetitionAction.RequestReReview))
        {
            throw new ArgumentOutOfRangeException(nameof(action));
        }

        var reReview = action == PetitionAction.RequestReReview;
        var errors = new RequestErrors().Text(r.Reasons, "reasons", "请求理由", Petition.MaxNoteLength);
        var reviewer = r.ReviewOrganizationId is { } o ? await db.Organizations.FindAsync([o], ct) : null;
        if (reviewer is null)
        {
            errors.Add("reviewOrganizationId", "请选择存在的复查（复核）机关");
        }
        else
        {
            // Authorized before anything of the item is read: a hidden item answers as an unknown one (404).
            if (await store.FindVisibleAsync(id, ct) is not { } item)
            {
                return ActOutcome.NotFound;
            }

            var challenged = reReview ? item.ReviewOrganizationId : item.HandlingOrganizationId;
            var below = challenged is { } c ? await db.Organizations.FindAsync([c], ct) : null;
            // Art. 35/36: the request goes to the level above (上一级机关).
            if (below is not null && reviewer.Level >= below.Level)
            {
                errors.Add("reviewOrganizationId", $"应当向{below.Name}的上一级机关提出（《信访工作条例》第{(reReview ? "三十六" : "三十五")}条）");
            }
        }

        if (errors.Any)
        {
            return ActOutcome.Invalid(errors);
        }

        return reReview
            ? await store.TryActAsync(id, PetitionAction.RequestReReview, (p, actor, now) => p.RequestReReview(reviewer!, tree, r.Reasons!, actor, now), ct)
            : await store.TryActAsync(id, PetitionAction.RequestReview, (p, actor, now) => p.RequestReview(reviewer!, tree, r.Reasons!, actor, now), ct);
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/review", (Guid id, Request r, RequestReview uc, CancellationToken ct) => uc.ReviewAsync(id, r, ct))
            .WithTags("复查复核").WithSummary("申请复查");
        group.MapPost("/{id:guid}/re-review", (Guid id, Request r, RequestReview uc, CancellationToken ct) => uc.ReReviewAsync(id, r, ct))
            .WithTags("复查复核").WithSummary("申请复核");
    }
}
