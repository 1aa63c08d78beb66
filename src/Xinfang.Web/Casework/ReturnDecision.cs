using Xinfang.Domain.Petitions;
using Xinfang.Web.Common;

namespace Xinfang.Web.Casework;

/// <summary>退回处理意见: the unit head returns the draft to the handler with the reason.</summary>
public sealed class ReturnDecision(PetitionStore store)
{
    public sealed record Request(string? Reason);

    public async Task<IResult> HandleAsync(Guid id, Request r, CancellationToken ct) => (await ReturnAsync(id, r, ct)).ToResult();

    /// <summary>The API and the petition page (<c>/petitions/{id}</c>) both return a draft here.</summary>
    public async Task<ActOutcome> ReturnAsync(Guid id, Request r, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        var errors = new RequestErrors().Text(r.Reason, "reason", "退回理由", Petition.MaxNoteLength);
        return errors.Any
            ? ActOutcome.Invalid(errors)
            : await store.TryActAsync(id, PetitionAction.ReturnDecision, (p, actor, now) => p.ReturnDecision(r.Reason!, actor, now), ct);
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/{id:guid}/return-decision", (Guid id, Request r, ReturnDecision uc, CancellationToken ct) => uc.HandleAsync(id, r, ct))
            .WithSummary("退回处理意见草稿（单位负责人）");
}
