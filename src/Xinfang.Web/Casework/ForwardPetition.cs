using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;
using Xinfang.Web.Data;
using Xinfang.Web.Identity;

namespace Xinfang.Web.Casework;

/// <summary>
/// 转送: the bureau sends the item to the competent body within 15 days of receipt (条例 Art. 22).
/// Litigation letters go to 政法 and accusations within 纪检监察's remit to 纪检监察 (Art. 22 ¶2):
/// the domain refuses any other target with a 409 that cites the article.
/// </summary>
public sealed class ForwardPetition(PetitionStore store, AppDbContext db, OrganizationDirectory tree)
{
    public sealed record Request(Guid? TargetOrganizationId, string? Note, DateOnly? OccurredOn = null);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await ForwardAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both act here: same checks, same messages.</summary>
    public async Task<ActOutcome> ForwardAsync(Guid id, Request r, CancellationToken ct)
    {
        var errors = new RequestErrors().Text(r.Note, "note", "备注", Petition.MaxNoteLength, required: false).OccurredOn(r.OccurredOn);
        var target = r.TargetOrganizationId is { } t ? await db.Organizations.FindAsync([t], ct) : null;
        if (target is null)
        {
            errors.Add("targetOrganizationId", "请选择存在的转送单位");
        }

        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.Forward, (p, actor, now) => p.Forward(target!, tree, r.Note, actor, now, r.OccurredOn), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/forward", (Guid id, Request r, ForwardPetition uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("转送");
}
